import Model
import Foundation
import Numerical

extension SimulationRequest {
    /// Layer 1: the circle with its exact tangent and acceleration, the single inputs
    /// and the pairs, from their streams (`RandomStream`).
    func prepareInputs(_ ws: Workspace, network k: Int) {
        let n = network.width, p = circlePoints, ld = ws.ld
        let h = ws.current
        ws.setBiasRow(circlePoints: p)
        let r = (Double(n) * circleLength).squareRoot()
        // The circle's axes and offset: r u0, r u1, 0; or, for the image of a circle through
        // a Gaussian first layer, independent N(0, σw² q0) axes and the bias N(0, σb²).
        let axis0: [Double], axis1: [Double], offset: [Double]
        if let q0 = randomLinearInput {
            var g = GaussianStream(seed: RandomStream.linearInput(network: k).seed(seed))
            let sd = network.sigmaW * q0.squareRoot()
            axis0 = (0..<n).map { _ in sd * g.next() }
            axis1 = (0..<n).map { _ in sd * g.next() }
            offset = (0..<n).map { _ in network.sigmaB * g.next() }
        } else {
            let (u0, u1) = orthonormalPair(n, seed: RandomStream.circleAxes(network: k).seed(seed))
            axis0 = u0.map { r * $0 }
            axis1 = u1.map { r * $0 }
            offset = [Double](repeating: 0, count: n)
        }
        for j in 0..<p {
            let theta = 2 * Double.pi * Double(j) / Double(p)
            let c = cos(theta), s = sin(theta)
            for i in 0..<n {
                let x = c * axis0[i] + s * axis1[i]
                h[j * ld + i] = x + offset[i]                              // h
                h[(p + j) * ld + i] = -s * axis0[i] + c * axis1[i]         // v = ∂θ h
                h[(2 * p + j) * ld + i] = -x                               // a = ∂²θ h
            }
        }
        var column = 3 * p
        for (i, q1) in pointLengths.enumerated() {
            let (u, _) = orthonormalPair(n, seed: RandomStream.pointDirection(network: k, input: i).seed(seed))
            let r1 = (Double(n) * q1).squareRoot()
            for row in 0..<n { h[column * ld + row] = r1 * u[row] }
            column += 1
        }
        for (i, c1) in pairCorrelations.enumerated() {
            let (a, b) = orthonormalPair(n, seed: RandomStream.pair(network: k, pair: i).seed(seed))
            let s1 = (1 - c1 * c1).squareRoot()
            for row in 0..<n {
                h[column * ld + row] = r * a[row]
                h[(column + 1) * ld + row] = r * (c1 * a[row] + s1 * b[row])
            }
            column += 2
        }
    }

    /// Two orthonormal vectors from two Gaussian ones by Gram–Schmidt (uniform on the
    /// Stiefel manifold).
    func orthonormalPair(_ n: Int, seed: UInt64) -> ([Double], [Double]) {
        var g = GaussianStream(seed: seed)
        var a = (0..<n).map { _ in g.next() }
        var b = (0..<n).map { _ in g.next() }
        let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { a[i] /= na }
        let ab = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<n { b[i] -= ab * a[i] }
        let nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { b[i] /= nb }
        return (a, b)
    }
}

import Model
import Nonlinearities
import Numerical

extension SimulationRequest {
    /// The layer's measurements from the current matrix.
    func measure(_ ws: Workspace) -> LayerMeasurement {
        let n = network.width, p = circlePoints, ld = ws.ld
        let h = ws.current
        // (h·h, v·v, a·a, v·a) of each point, each summed in row order on one thread.
        let sums = concurrentIndices(p) { j -> SIMD4<Double> in
            guard derivatives else {
                // Without v and a: h·h alone, in the same order; the rest NaN (null).
                let hj = h + j * ld
                var s = SIMD4<Double>(0, .nan, .nan, .nan)
                for i in 0..<n { s[0] += hj[i] * hj[i] }
                return s
            }
            let hj = h + j * ld, vj = h + (p + j) * ld, aj = h + (2 * p + j) * ld
            var s = SIMD4<Double>.zero
            for i in 0..<n {
                let v = vj[i], a = aj[i]
                s += SIMD4(hj[i] * hj[i], v * v, a * a, v * a)
            }
            return s
        }
        let dn = Double(n), dp = Double(p)
        var q = 0.0, gE = 0.0, k2 = 0.0, le = 0.0, lg = 0.0
        for s in sums {
            let speed = s[1].squareRoot()
            // Where the curve stands still (speed 0: φ′ = 0 at every neuron, as for a constant
            // φ) its curvature does not exist: NaN, so κ̄² and L^G of the layer are null.
            let kappa = s[1] > 0 ? Swift.max(0, s[1] * s[2] - s[3] * s[3]).squareRoot() / (s[1] * speed) : .nan
            q += s[0]
            gE += s[1]
            k2 += kappa * kappa
            le += speed
            lg += kappa * speed
        }
        var m = LayerMeasurement(
            q: q / (dn * dp), gE: gE / (dn * dp), kappa2: dn * k2 / dp,
            lengthEOverSqrtN: 2 * .pi / dp * le / dn.squareRoot(), lengthG: 2 * .pi / dp * lg,
            pointQ: [], pairC: [], autocorrelation: [])
        func dot(_ x: Int, _ y: Int) -> Double {
            var s = 0.0
            for i in 0..<n { s += h[x * ld + i] * h[y * ld + i] }
            return s
        }
        var column = 3 * p
        for _ in pointLengths {
            m.pointQ.append(dot(column, column) / dn)
            column += 1
        }
        for _ in pairCorrelations {
            let ab = dot(column, column + 1), aa = dot(column, column), bb = dot(column + 1, column + 1)
            m.pairC.append(aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 1)
            column += 2
        }
        if autocorrelation { m.autocorrelation = circleAutocorrelation(h, ld: ld) }
        if activationLengths {
            let phi = network.phi
            var total = 0.0
            for j in 0..<p {
                var s = 0.0
                for i in 0..<n {
                    let t = phi.derivative(h[j * ld + i]) * h[(p + j) * ld + i]
                    s += t * t
                }
                total += s.squareRoot()
            }
            m.activationLengthE = 2 * .pi / dp * total
        }
        return m
    }
}

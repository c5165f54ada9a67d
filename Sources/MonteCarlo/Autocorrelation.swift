import Model
import Numerical

extension SimulationRequest {
    /// c^l(Δθ) = mean_θ h(θ)·h(θ+Δθ)/(|h(θ)||h(θ+Δθ)|) from G = HᵀH (`cblas_dsyrk`).
    func circleAutocorrelation(_ h: UnsafeMutablePointer<Double>, ld: Int) -> [Double] {
        let n = network.width, p = circlePoints
        var g = [Double](repeating: 0, count: p * p)
        g.withUnsafeMutableBufferPointer { gp in
            guard let base = gp.baseAddress else { return }
            LinearAlgebra.dsyrkTransposed(n: p, k: n, h, lda: ld, base, ldc: p)
        }
        func at(_ i: Int, _ j: Int) -> Double { i <= j ? g[j * p + i] : g[i * p + j] }
        return (0..<p).map { shift in
            var s = 0.0
            for t in 0..<p {
                let u = (t + shift) % p
                let d = (at(t, t) * at(u, u)).squareRoot()
                s += d > 0 ? at(t, u) / d : 1
            }
            return s / Double(p)
        }
    }
}

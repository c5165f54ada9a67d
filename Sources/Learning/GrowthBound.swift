import Foundation
import Numerical

/// A lower bound on the epochs full-batch gradient descent needs before the training
/// error can fall below f·E(0), from the spectral norms of the initial weights: a run
/// from small weights sits on the saddle at W = 0 for longer than any cap worth running.
///
/// With x_l ≥ ‖W^l‖₂ and P = Π_k x_k, one step adds λ B_lᵀ δ A_lᵀ to W^l, where
/// B_l = W^m ⋯ W^{l+1}, A_l = W^{l−1} ⋯ W^1 and δ = Σ³¹ − W^tot, so
///
///     ‖ΔW^l‖₂ ≤ λ ‖δ‖₂ Π_{k≠l} x_k ≤ λ (s_1 + P) Π_{k≠l} x_k,
///
/// and x_l ← x_l + λ (s_1 + P) Π_{k≠l} x_k keeps x_l ≥ ‖W^l‖₂ at every epoch (the right
/// side grows with every x_k, so the bound carries over by induction). The error is
/// below f·E(0) only if ‖Σ³¹ − W^tot‖_F < √(2 f E(0)), hence only if
/// ‖W^tot‖_F > ‖Σ³¹‖_F − √(2 f E(0)); and ‖W^tot‖_F ≤ √r ‖W^tot‖₂ ≤ √r P, r the narrowest
/// layer (W^tot's largest possible rank). The bound is the first epoch t with
/// √r P(t) above that threshold.
///
/// The bound grows as λ falls (every x_l grows more slowly), so a rate it rules out rules
/// out every smaller rate. Rounding: the norms from dgesdd and the run's own products
/// are exact to ~1e-15 relatively; every x_l is inflated by 1e-9 of itself per epoch,
/// far more than either, so the bound holds for the floating-point run.
///
/// Cost: one dgesdd per layer (once per network), then m multiplications per epoch.
/// For the figure's small start (σ = 0.01, hidden 128, ‖W^l‖₂ ≈ 0.2) it proves at 9
/// layers and more that no rate of the grid reaches the criterion in 2000 epochs.
struct GrowthBound {
    /// Upper bounds on ‖W^l‖₂, l = 1 … m.
    let norms: [Double]
    let s1: Double
    /// ‖Σ³¹‖_F − √(2 f E(0)), over √r: the bound on P below which the criterion is out of reach.
    let threshold: Double

    init(network: DeepLinearNetwork, data: LearningData, criterion: Double) throws {
        norms = try zip(network.weights, zip(network.sizes.dropFirst(), network.sizes)).map { w, size in
            var copy = w
            let top = try copy.withUnsafeMutableBufferPointer { buffer -> Double in
                guard let base = buffer.baseAddress else { return 0 }
                return try LinearAlgebra.singularValues(base, rows: size.0, columns: size.1).first ?? 0
            }
            return top * (1 + 1e-9)
        }
        s1 = data.s[0]
        var e0 = 0.0, sigma = 0.0
        let total = network.product
        for (i, t) in data.correlation.enumerated() {
            let d = t - total[i]
            e0 += d * d
            sigma += t * t
        }
        let rank = Double(network.sizes.min() ?? 1)
        threshold = (sigma.squareRoot() - (criterion * e0).squareRoot()) / rank.squareRoot()
    }

    /// The first epoch at which gradient descent at `rate` might reach the criterion,
    /// or nil when that is after `cap`.
    func earliestEpoch(rate: Double, cap: Int) -> Int? {
        guard threshold > 0 else { return 0 }
        var x = norms
        let m = x.count
        var prefix = [Double](repeating: 1, count: m + 1), suffix = prefix
        for t in 0...cap {
            for l in 0..<m { prefix[l + 1] = prefix[l] * x[l] }
            let p = prefix[m]
            if !(p <= threshold) { return t }
            suffix[m] = 1
            for l in stride(from: m - 1, through: 0, by: -1) { suffix[l] = suffix[l + 1] * x[l] }
            for l in 0..<m { x[l] = (x[l] + rate * (s1 + p) * prefix[l] * suffix[l + 1]) * (1 + 1e-9) }
        }
        return nil
    }
}

extension DeepLinearNetwork {
    /// W^tot = W^m ⋯ W^1 (outputs × inputs, column-major).
    var product: [Double] {
        var total = weights[0]
        for l in 1..<weights.count {
            let rows = sizes[l + 1], inner = sizes[l], cols = sizes[0]
            var next = [Double](repeating: 0, count: rows * cols)
            weights[l].withUnsafeBufferPointer { a in
                total.withUnsafeBufferPointer { b in
                    next.withUnsafeMutableBufferPointer { c in
                        guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else { return }
                        LinearAlgebra.dgemm(m: rows, n: cols, k: inner, ap, lda: rows, bp, ldb: inner, cp, ldc: rows)
                    }
                }
            }
            total = next
        }
        return total
    }
}

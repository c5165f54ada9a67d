import Foundation
import Model
import Numerical

/// The weights W^1 … W^m of a linear network y = W^m ⋯ W^1 x (m = N_l − 1), W^l of
/// size n_l × n_{l−1}, column-major; sizes = [n_0 = inputs, n_1, …, n_m = outputs].
public struct DeepLinearNetwork: Sendable, Equatable {
    public var sizes: [Int]
    public var weights: [[Double]]

    /// The layer sizes for N_l layers of hidden width h between `inputs` and `outputs`.
    public static func sizes(layers: Int, inputs: Int, hidden: Int, outputs: Int) -> [Int] {
        [inputs] + Array(repeating: hidden, count: Swift.max(0, layers - 2)) + [outputs]
    }

    /// Draws the initial weights for `data`; layer l comes from stream (seed, 3, l).
    /// - Throws: `LearningError` for N_l < 2, a hidden width below the data's number of
    ///   modes, a0 outside (0, 1e150] or a non-finite σ; `LAPACKError` from the orthogonal draws.
    public init(layers: Int, hidden: Int, data: LearningData, initial: InitialCondition,
                a0: Double = 1e-3, smallStd: Double = 1e-2, seed: UInt64) throws {
        guard layers >= 2 else { throw LearningError.tooFewLayers(layers) }
        guard layers <= 10_000 else { throw LearningError.invalid("--layers must be at most 10000, got \(layers)") }
        if layers > 2 && hidden < data.modes { throw LearningError.hiddenTooNarrow(hidden: hidden, modes: data.modes) }
        guard hidden <= 8192 else { throw LearningError.invalid("--hidden must be at most 8192, got \(hidden)") }
        let sizes = Self.sizes(layers: layers, inputs: data.inputs, hidden: hidden, outputs: data.outputs)
        // Weights, partial products and buffers all live in memory at once: cap the weights at 1e8 doubles (0.8 GB).
        let entries = zip(sizes.dropFirst(), sizes).map { Double($0) * Double($1) }.reduce(0, +)
        guard entries <= 1e8 else {
            throw LearningError.invalid("--hidden \(hidden) with --layers \(layers) needs \(Int(entries)) weights "
                + String(format: "(%.2f GB); the cap is 1e8 weights (0.8 GB): use a narrower or shallower network",
                         entries * 8 / 1e9))
        }
        self.sizes = sizes
        let m = layers - 1
        var weights: [[Double]] = []
        for l in 1...m {
            let rows = sizes[l], cols = sizes[l - 1], stream = RandomStream.learningWeights(layer: l).seed(seed)
            switch initial {
            case .decoupled:
                guard a0.isFinite, a0 > 0, a0 <= LearningData.largestSingularValue else {
                    throw LearningError.invalid("--a0 must be a number in (0, 1e150] (the initial error ½ Σ (s_α − a0)² "
                        + "must be a finite double), got \(a0)")
                }
                weights.append(Self.decoupled(layer: l, of: m, rows: rows, cols: cols, data: data,
                                              strength: Foundation.pow(a0, 1 / Double(m))))
            case .orthogonal:
                weights.append(try WeightEnsemble.haarMatrix(rows: rows, cols: cols, seed: stream))
            case .gaussian, .small:
                let sigma = initial == .gaussian ? 1 / Double(cols).squareRoot() : smallStd
                guard sigma.isFinite, sigma >= 0 else {
                    throw LearningError.invalid("--small-std must be finite and >= 0, got \(sigma)")
                }
                var g = GaussianStream(seed: stream)
                weights.append((0..<(rows * cols)).map { _ in sigma * g.next() })
            }
        }
        self.weights = weights
    }

    public init(sizes: [Int], weights: [[Double]]) {
        self.sizes = sizes
        self.weights = weights
    }

    /// R_l diag(w) R_{l−1}ᵀ on the r modes: R_0 = V, R_m = U, hidden R = coordinate axes.
    static func decoupled(layer l: Int, of m: Int, rows: Int, cols: Int, data: LearningData, strength w: Double) -> [Double] {
        var out = [Double](repeating: 0, count: rows * cols)
        for alpha in 0..<data.modes {
            for j in 0..<cols {
                let right = l == 1 ? data.v[alpha * cols + j] : (j == alpha ? 1.0 : 0.0)
                guard right != 0 else { continue }
                for i in 0..<rows {
                    let left = l == m ? data.u[alpha * rows + i] : (i == alpha ? 1.0 : 0.0)
                    out[j * rows + i] += w * left * right
                }
            }
        }
        return out
    }
}

import Numerical
import Foundation

/// Full-batch gradient descent on E = ½ Σ_μ ‖y^μ − W^tot x^μ‖² = ½ ‖Σ³¹ − W^tot‖²_F
/// (whitened inputs, SPEC §8), learning rate λ, one step per epoch:
///
///     W^l ← W^l + λ (W^m ⋯ W^{l+1})ᵀ (Σ³¹ − W^tot) (W^{l−1} ⋯ W^1)ᵀ,
///
/// the forward Euler discretisation, step λ in units of t/τ, of the gradient flow
/// τ dW^l/dt = −∂E/∂W^l whose decoupled solutions are `ModeDynamics`.
///
/// One epoch is 3(m − 1) matrix products through OpenBLAS's dgemm (m = N_l − 1): the
/// forward partial products P_l = W^l P_{l−1} (kept, n_l × n_0), the backward
/// δ_{l−1} = W^lᵀ δ_l from δ_m = Σ³¹ − W^tot, and the updates W^l += λ δ_l P_{l−1}ᵀ
/// written by dgemm with β = 1 straight into W^l (no gradient buffer); δ_{l−1} is taken
/// before W^l changes, so every layer steps from the same weights. With n_0 = P inputs
/// the products are n × n × P: the cost of the examples, not of n × n × n.
public struct GradientDescent: Sendable {
    public var learningRate: Double
    public var epochs: Int
    /// Stop early once the error falls below this fraction of its initial value (nil: never).
    public var stopBelow: Double?
    /// Divergence: the error above `divergenceFactor` × its initial value, or not finite.
    public var divergenceFactor = 1e3

    public init(learningRate: Double, epochs: Int, stopBelow: Double? = nil) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.stopBelow = stopBelow
    }

    /// What one run recorded: the error and every mode's strength a_α = u_αᵀ W^tot v_α
    /// at epochs 0 … (the last epoch run); `epochs` counts the steps taken.
    public struct Trajectory: Sendable {
        public var error: [Double] = []
        public var strengths: [[Double]] = []
        /// The first epoch with error < stopBelow × error[0], if reached.
        public var reachedCriterion: Int?
        public var network: DeepLinearNetwork
    }

    /// Trains `network` on `data`. `onEpoch` (tests) sees the weights before each step.
    /// - Throws: as `stream`.
    public func run(_ network: DeepLinearNetwork, on data: LearningData, recordModes: Bool = true,
                    onEpoch: ((Int, DeepLinearNetwork) -> Void)? = nil) throws -> Trajectory {
        var trajectory = Trajectory(network: network)
        let end = try stream(network, on: data, onEpoch: onEpoch) { _, e, strengths in
            trajectory.error.append(e)
            if recordModes { trajectory.strengths.append(strengths()) }
        }
        trajectory.reachedCriterion = end.reachedCriterion
        trajectory.network = end.network
        return trajectory
    }

    /// How a streamed run ended: the first epoch with error < stopBelow × error[0] (if
    /// reached) and the final weights.
    public struct Outcome: Sendable {
        public var reachedCriterion: Int?
        public var network: DeepLinearNetwork
    }

    /// Trains `network` on `data`, handing each epoch to `record` as it is made: the epoch
    /// (0 … the last run), the error, and the mode strengths a_α = u_αᵀ W^tot v_α, computed
    /// only when asked. Memory does not grow with the number of epochs.
    /// - Throws: `LearningError.invalid` for λ <= 0 or non-finite, epochs < 0, or
    ///   mismatched sizes; `LearningError.startOverflows` when the initial error is not a
    ///   finite double; `LearningError.diverged` (with the stability edge of the data's
    ///   strongest mode) when the error blows up later; `record`'s own errors.
    public func stream(_ network: DeepLinearNetwork, on data: LearningData,
                       onEpoch: ((Int, DeepLinearNetwork) -> Void)? = nil,
                       record: (_ epoch: Int, _ error: Double, _ strengths: () -> [Double]) throws -> Void) throws -> Outcome {
        guard learningRate.isFinite, learningRate > 0 else {
            throw LearningError.invalid("--learning-rate must be finite and > 0, got \(learningRate)")
        }
        guard epochs >= 0, epochs <= 100_000_000 else {
            throw LearningError.invalid("--epochs must be an integer in [0, 1e8], got \(epochs)")
        }
        let sizes = network.sizes
        guard sizes.count >= 2, sizes.first == data.inputs, sizes.last == data.outputs,
              network.weights.count == sizes.count - 1,
              zip(network.weights, zip(sizes.dropFirst(), sizes)).allSatisfy({ $0.count == $1.0 * $1.1 }) else {
            throw LearningError.invalid("the network's sizes \(sizes) do not fit the data (\(data.inputs) inputs, \(data.outputs) outputs)")
        }
        let run = GradientDescentStepper(self, network: network, data: data)
        var reached: Int?
        for epoch in 0...epochs {
            let e = try run.error()
            try record(epoch, e, run.workspace.strengths)
            if try run.reachedCriterion(e) {
                reached = epoch
                break
            }
            if epoch == epochs { break }
            if let onEpoch { onEpoch(epoch, run.workspace.network) }
            run.step()
        }
        return Outcome(reachedCriterion: reached, network: run.workspace.network)
    }
}

/// One run of `GradientDescent`, an epoch at a time: `stream` loops over it, and the
/// learning-time search steps several rates in turn (a race, `LearningTimeRequest`).
/// The sizes are checked by the caller (`stream`, or the network the data made).
final class GradientDescentStepper {
    let descent: GradientDescent
    let workspace: GradientDescentWorkspace
    let edge: Double
    /// The epoch whose error `error()` computes next, and the error at epoch 0.
    private(set) var epoch = 0
    private(set) var initial = 0.0

    init(_ descent: GradientDescent, network: DeepLinearNetwork, data: LearningData) {
        self.descent = descent
        workspace = GradientDescentWorkspace(network: network, data: data)
        edge = ModeDynamics.stabilityEdge(s: data.s[0], layers: network.sizes.count)
    }

    /// The error at the current epoch (the forward pass).
    /// - Throws: `LearningError.startOverflows` when the error at epoch 0 is not finite.
    func error() throws -> Double {
        let e = workspace.forward()
        if epoch == 0 {
            guard e.isFinite else { throw LearningError.startOverflows }
            initial = e
        }
        return e
    }

    /// Whether `e`, the current epoch's error, is below the criterion.
    /// - Throws: `LearningError.diverged` when it is above `divergenceFactor` × the
    ///   initial error or not finite.
    func reachedCriterion(_ e: Double) throws -> Bool {
        guard e.isFinite, e <= descent.divergenceFactor * Swift.max(initial, .leastNormalMagnitude) else {
            throw LearningError.diverged(learningRate: descent.learningRate, epoch: epoch, edge: edge)
        }
        return descent.stopBelow.map { e < $0 * initial } ?? false
    }

    /// One step from the current epoch's error to the next epoch.
    func step() {
        workspace.step(descent.learningRate)
        epoch += 1
    }
}

/// The C memory of one run: weights, partial products, the two δ buffers, Σ³¹ and the
/// modes. Owned by a final class so the buffers are allocated once and freed in deinit.
final class GradientDescentWorkspace {
    let sizes: [Int]
    let m: Int, n0: Int, r: Int
    let weights: [UnsafeMutablePointer<Double>]
    /// partial[l] = W^{l+1} ⋯ W^1 (n_{l+1} × n_0); partial[m − 1] = W^tot.
    let partial: [UnsafeMutablePointer<Double>]
    let delta: UnsafeMutablePointer<Double>, deltaNext: UnsafeMutablePointer<Double>
    let target: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>
    let projected: UnsafeMutablePointer<Double>
    let widest: Int

    init(network: DeepLinearNetwork, data: LearningData) {
        sizes = network.sizes
        m = sizes.count - 1
        n0 = sizes[0]
        r = data.modes
        self.widest = sizes.max() ?? 1
        weights = network.weights.map { w in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, w.count))
            p.initialize(from: w, count: w.count)
            return p
        }
        let sizes = network.sizes, n0 = network.sizes[0]
        partial = (1...m).map { l in UnsafeMutablePointer<Double>.allocate(capacity: sizes[l] * n0) }
        let widest = sizes.max() ?? 1
        delta = .allocate(capacity: widest * n0)
        deltaNext = .allocate(capacity: widest * n0)
        func copy(_ a: [Double]) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, a.count))
            p.initialize(from: a, count: a.count)
            return p
        }
        target = copy(data.correlation)
        u = copy(data.u)
        v = copy(data.v)
        projected = .allocate(capacity: data.outputs * r)
    }

    deinit {
        for p in weights + partial + [delta, deltaNext, target, u, v, projected] { p.deallocate() }
    }

    var network: DeepLinearNetwork {
        DeepLinearNetwork(sizes: sizes, weights: (1...m).map { l in
            Array(UnsafeBufferPointer(start: weights[l - 1], count: sizes[l] * sizes[l - 1]))
        })
    }

    /// P_l = W^l P_{l−1}; δ = Σ³¹ − W^tot; returns E = ½ ‖δ‖².
    func forward() -> Double {
        partial[0].update(from: weights[0], count: sizes[1] * n0)
        for l in 1..<m {
            LinearAlgebra.dgemm(m: sizes[l + 1], n: n0, k: sizes[l], weights[l], lda: sizes[l + 1],
                              partial[l - 1], ldb: sizes[l], partial[l], ldc: sizes[l + 1])
        }
        let count = sizes[m] * n0
        var e = 0.0
        let total = partial[m - 1]
        for i in 0..<count {
            let d = target[i] - total[i]
            delta[i] = d
            e += d * d
        }
        return 0.5 * e
    }

    /// a_α = u_αᵀ W^tot v_α: W^tot V by dgemm, then one dot product per mode.
    func strengths() -> [Double] {
        let out = sizes[m]
        LinearAlgebra.dgemm(m: out, n: r, k: n0, partial[m - 1], lda: out, v, ldb: n0, projected, ldc: out)
        return (0..<r).map { a in LinearAlgebra.dot(out, u + a * out, projected + a * out) }
    }

    /// One step from the δ left by `forward()`: for l = m … 1, δ_{l−1} = W^lᵀ δ_l, then
    /// W^l += λ δ_l P_{l−1}ᵀ (P_0 = I: W^1 += λ δ_1).
    func step(_ lambda: Double) {
        var d = delta, next = deltaNext
        for l in stride(from: m, through: 1, by: -1) {
            let rows = sizes[l], cols = sizes[l - 1]
            if l > 1 {
                LinearAlgebra.dgemm(transposeA: true, m: cols, n: n0, k: rows, weights[l - 1], lda: rows,
                                  d, ldb: rows, next, ldc: cols)
                LinearAlgebra.dgemm(transposeB: true, m: rows, n: cols, k: n0, alpha: lambda, d, lda: rows,
                                  partial[l - 2], ldb: cols, beta: 1, weights[l - 1], ldc: rows)
            } else {
                LinearAlgebra.axpy(rows * cols, alpha: lambda, d, weights[0])
            }
            swap(&d, &next)
        }
    }
}

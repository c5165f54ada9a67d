import Foundation

/// Epochs of full-batch gradient descent until the training error falls below
/// `criterion` × its initial value, at the best learning rate of a grid, per depth and
/// initial condition (SPEC §8, "Depth-independent training time").
///
/// The grid is λ = c / ((N_l − 1) s_1), c log-spaced over `rateFactors`: the 1/(N_l − 1)
/// scaling makes the early dynamics of W^tot depth-independent when every partial
/// product is an isometry (each of the N_l − 1 layers adds the same change to W^tot),
/// and 1/s_1 puts the stability edge of the strongest mode (λ s_1 ≈ 1 at three layers)
/// at the same c for every data set. Rates run from the largest down; a rate that
/// diverges is skipped, and each later run stops once it needs more epochs than the
/// best so far (it cannot win). Below the best rate GD follows the gradient flow, whose
/// time to criterion grows as 1/λ, so two capped failures in a row end the search.
/// Before any success, rates just under the stability edge may stall without diverging
/// (hidden 32, 33 layers: c = 0.2 needs 1662 epochs, c = 0.13 only 266), so the search
/// goes on until three rates in a row fail; this keeps a depth that never learns
/// (vanishing products) to three full runs instead of the whole grid.
public struct LearningTimeRequest: Sendable {
    public var data: LearningData
    public var hidden: Int
    public var layers: [Int]
    public var initials: [InitialCondition]
    public var criterion = 0.1
    /// c from lower to upper, `count` values, log-spaced.
    public var rateFactors: (lower: Double, upper: Double, count: Int) = (0.01, 2, 12)
    public var maxEpochs = 2000
    public var a0 = 1e-3
    public var smallStd = 1e-2
    public var seed: UInt64 = 1

    public init(data: LearningData, hidden: Int, layers: [Int], initials: [InitialCondition]) {
        self.data = data
        self.hidden = hidden
        self.layers = layers
        self.initials = initials
    }

    public struct Row: Sendable, Equatable {
        public var layers: Int
        public var initial: InitialCondition
        /// The best rate, nil when no rate reached the criterion within maxEpochs.
        public var learningRate: Double?
        public var epochs: Int?
        /// Rates of the grid that diverged.
        public var diverged: Int
    }

    /// The grid of rates for N_l layers, largest first.
    public func rates(layers: Int) -> [Double] {
        let (lo, hi, n) = rateFactors
        let scale = 1 / (Double(layers - 1) * data.s[0])
        return (0..<n).map { k in
            let u = n == 1 ? 0 : Double(k) / Double(n - 1)
            return scale * hi * Foundation.pow(lo / hi, u)
        }
    }

    /// - Throws: `LearningError` for a bad criterion, grid or network (not for a
    ///   diverging rate: that rate is skipped and counted).
    public func run(progress: ((Int, Int) -> Void)? = nil) throws -> [Row] {
        guard criterion.isFinite, criterion > 0, criterion < 1 else {
            throw LearningError.invalid("--criterion must be a fraction in (0, 1), got \(criterion)")
        }
        let (lo, hi, n) = rateFactors
        guard lo.isFinite, hi.isFinite, lo > 0, hi >= lo, n >= 1, n <= 1000 else {
            throw LearningError.invalid("--rate-grid must be LOW:HIGH:COUNT with 0 < LOW <= HIGH and 1 <= COUNT <= 1000, got \(lo):\(hi):\(n)")
        }
        guard maxEpochs >= 1 else { throw LearningError.invalid("--max-epochs must be an integer >= 1, got \(maxEpochs)") }
        for depth in layers {
            // c / ((N_l − 1) s_1) at the grid's ends: a ratio HIGH/LOW past the doubles' range
            // (1e-300:1e300) makes (LOW/HIGH)^u underflow to 0, a large HIGH/s_1 overflows.
            if let bad = rates(layers: depth).first(where: { !($0.isFinite && $0 > 0) }) {
                throw LearningError.invalid("--rate-grid \(lo):\(hi):\(n) gives the learning rate \(bad) at N_l = \(depth) "
                    + "(λ = c/((N_l − 1) s_1), s_1 = \(data.s[0])), not a finite number > 0; use a narrower grid")
            }
        }
        var rows: [Row] = []
        let total = layers.count * initials.count
        for depth in layers {
            for initial in initials {
                let net = try DeepLinearNetwork(layers: depth, hidden: hidden, data: data, initial: initial,
                                                a0: a0, smallStd: smallStd, seed: seed)
                var best: (rate: Double, epochs: Int)?
                var diverged = 0, failures = 0
                for rate in rates(layers: depth) {
                    let cap = best.map { $0.epochs - 1 } ?? maxEpochs
                    guard cap >= 1, failures < (best == nil ? 3 : 2) else { break }
                    let gd = GradientDescent(learningRate: rate, epochs: cap, stopBelow: criterion)
                    do {
                        let run = try gd.stream(net, on: data) { _, _, _ in }
                        if let e = run.reachedCriterion {
                            if e < (best?.epochs ?? Int.max) { best = (rate, e) }
                            failures = 0
                        } else {
                            failures += 1
                        }
                    } catch LearningError.diverged {
                        diverged += 1
                    } catch LearningError.startOverflows {
                        throw LearningError.invalid("--init \(initial.rawValue) at N_l = \(depth) makes the initial training "
                            + "error ½ ‖Σ³¹ − W^tot‖² overflow before the first step; use a smaller start"
                            + (initial == .small ? " (--small-std \(smallStd))" : ""))
                    }
                }
                rows.append(Row(layers: depth, initial: initial, learningRate: best?.rate, epochs: best?.epochs,
                                diverged: diverged))
                progress?(rows.count, total)
            }
        }
        return rows
    }
}

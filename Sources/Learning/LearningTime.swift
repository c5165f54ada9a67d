import Foundation
import Numerical

/// Epochs of full-batch gradient descent until the training error falls below
/// `criterion` × its initial value, at the best learning rate of a grid, per depth and
/// initial condition (SPEC §8, "Depth-independent training time").
///
/// The grid is λ = c / ((N_l − 1) s_1), c log-spaced over `rateFactors`: the 1/(N_l − 1)
/// scaling makes the early dynamics of W^tot depth-independent when every partial
/// product is an isometry (each of the N_l − 1 layers adds the same change to W^tot),
/// and 1/s_1 puts the stability edge of the strongest mode (λ s_1 ≈ 1 at three layers)
/// at the same c for every data set.
///
/// The best rate of the grid is found by `RateSearch` (a bracketing step, then golden
/// section on the index, each run stopped once it is slower than the best so far), not
/// by running every rate: it is the full grid's answer when the epochs fall to their
/// minimum and rise again along the grid, as they do here (`LearningTimeTests` compares
/// it with the full grid). Each depth's search starts from the neighbouring depth's best
/// rate and the next smaller one (the best c falls by about one grid step per doubling
/// of depth), the first from
/// the grid rate nearest the stability edge; rates that `GrowthBound` proves too slow
/// (small starts on deep nets, which sit on the saddle at W = 0) are not run.
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
        /// Rates the search ran that diverged.
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
        // One chain of depths per initial condition, the chains on every core: each run is
        // single-threaded (its products are narrower than one dgemm block), so the rows do
        // not depend on the thread count.
        let lock = NSLock()
        var done = 0
        let chains = initials.concurrentMap { initial in
            Result { () throws -> [Row] in
                var start: (index: Int, depth: Int)?
                return try layers.map { depth in
                    let (row, best) = try search(depth: depth, initial: initial, from: start)
                    start = best.map { ($0, depth) } ?? start
                    lock.lock()
                    done += 1
                    progress?(done, layers.count * initials.count)
                    lock.unlock()
                    return row
                }
            }
        }
        let rowsByInitial = try chains.map { try $0.get() }
        return layers.indices.flatMap { d in rowsByInitial.map { $0[d] } }
    }

    /// The grid index nearest the stability edge of the strongest mode,
    /// `ModeDynamics.stabilityEdge`: the best rates lie at or a step above it (README,
    /// Figure 7D), so a search with nothing better to go on starts there.
    func edgeIndex(layers depth: Int) -> Int {
        let edge = ModeDynamics.stabilityEdge(s: data.s[0], layers: depth)
        let grid = rates(layers: depth)
        return grid.indices.min { abs(Foundation.log(grid[$0] / edge)) < abs(Foundation.log(grid[$1] / edge)) } ?? 0
    }

    /// The best rate for one depth and initial condition, searched from the best grid index
    /// of another depth, leaning towards smaller rates for a deeper net (larger for a
    /// shallower), or from the edge's index when nil; returns the row and the best index.
    func search(depth: Int, initial: InitialCondition, from start: (index: Int, depth: Int)?) throws -> (Row, Int?) {
        let net = try DeepLinearNetwork(layers: depth, hidden: hidden, data: data, initial: initial,
                                        a0: a0, smallStd: smallStd, seed: seed)
        let bound = try GrowthBound(network: net, data: data, criterion: criterion)
        let grid = rates(layers: depth)
        let search = RateSearch(count: grid.count, maxEpochs: maxEpochs) { probes in
            do {
                return try race(probes.map { (grid[$0.index], $0.cap) }, from: net, bound: bound)
            } catch LearningError.startOverflows {
                throw LearningError.invalid("--init \(initial.rawValue) at N_l = \(depth) makes the initial training "
                    + "error ½ ‖Σ³¹ − W^tot‖² overflow before the first step; use a smaller start"
                    + (initial == .small ? " (--small-std \(smallStd))" : ""))
            }
        }
        let answer = try search.search(from: start?.index ?? edgeIndex(layers: depth),
                                       lean: start.map { (depth - $0.depth).signum() } ?? 0)
        let diverged = answer.runs.filter { $0.outcome == .diverged }.count
        let row = Row(layers: depth, initial: initial, learningRate: answer.best.map { grid[$0] }, epochs: answer.epochs,
                      diverged: diverged)
        return (row, answer.best)
    }

    /// Gradient descent from `net` at each (rate, cap) together, epoch by epoch (on every
    /// core when the net is deep enough to pay for it), until one reaches the criterion:
    /// the others cannot beat it then (a larger rate that reaches at the same epoch does,
    /// and is reported so). A rate that `GrowthBound` rules out within its cap is not run.
    /// - Throws: `LearningError.startOverflows` when the initial error overflows.
    func race(_ probes: [(rate: Double, cap: Int)], from net: DeepLinearNetwork, bound: GrowthBound) throws -> [RateSearch.Outcome] {
        enum Tick { case running, reached, diverged, capped(remaining: Double) }
        var outcomes = [RateSearch.Outcome?](repeating: nil, count: probes.count)
        var live: [(probe: Int, run: GradientDescentStepper, cap: Int)] = []
        for (k, p) in probes.enumerated() {
            if bound.earliestEpoch(rate: p.rate, cap: p.cap) == nil {
                outcomes[k] = p.cap < maxEpochs ? .slower : .unreachable
            } else {
                let descent = GradientDescent(learningRate: p.rate, epochs: p.cap, stopBelow: criterion)
                live.append((k, GradientDescentStepper(descent, network: net, data: data), p.cap))
            }
        }
        let parallel = net.sizes.count > 5
        while !live.isEmpty {
            let runs = live
            let tick = { (i: Int) -> Result<Tick, Error> in
                Result {
                    let r = runs[i].run
                    do {
                        let e = try r.error()
                        if try r.reachedCriterion(e) { return .reached }
                        if r.epoch == runs[i].cap { return .capped(remaining: e / r.initial) }
                        r.step()
                        return .running
                    } catch LearningError.diverged {
                        return .diverged
                    }
                }
            }
            let ticks = try (parallel && runs.count > 1 ? concurrentIndices(runs.count, tick) : runs.indices.map(tick))
                .map { try $0.get() }
            var next: [(probe: Int, run: GradientDescentStepper, cap: Int)] = []
            var someoneReached = false
            for (r, t) in zip(runs, ticks) {
                switch t {
                case .running: next.append(r)
                case .reached: outcomes[r.probe] = .reached(r.run.epoch); someoneReached = true
                case .diverged: outcomes[r.probe] = .diverged
                case .capped(let remaining): outcomes[r.probe] = r.cap < maxEpochs ? .slower : .failed(remaining: remaining)
                }
            }
            if someoneReached {
                for r in next { outcomes[r.probe] = .slower }
                next = []
            }
            live = next
        }
        return outcomes.map { $0! }
    }
}

/// The best rate of a grid (index 0 the largest rate, log-spaced): the fewest epochs to
/// the criterion, ties to the larger rate, found by a bracketing step and golden section
/// on the index (= on log λ) instead of running every rate.
///
/// The answer equals the full grid's whenever the epochs e_i, as a function of the
/// index, fall strictly to their minimum and then do not fall again (unimodal: too
/// large a rate diverges or stalls, too small a one crawls as 1/λ); rates that fail are
/// ranked after every success, by the error they leave (smaller first), so a grid where
/// none succeeds is searched the same way. Two more facts prune it: a rate above one
/// that diverged diverges too, and a rate below one that `GrowthBound` rules out is
/// ruled out too.
///
/// Cost: each run stops once it is slower than the best so far (it cannot win: at the
/// best's epochs for a larger rate, which wins ties, one fewer for a smaller one), and
/// rates tried together stop as soon as one of them reaches the criterion (a race), so
/// only the runs that improve on the best go their full length, and a rate that stalls
/// near the stability edge costs no more than its fastest neighbour. From a start
/// within a step of the answer (the neighbouring depth's answer, `LearningTimeRequest`)
/// that is one race of three rates, then one or two rates per side cut short; from
/// afar, steps of 1, 2, 3, 5, … from the best (the bracket grows by about φ per round,
/// the ratio golden section keeps), then golden section to shrink it: ~2 log_φ of the
/// distance in all. A full grid of 14 rates costs 14 runs, most of them to their cap.
struct RateSearch {
    /// What one run showed.
    enum Outcome: Equatable, Sendable {
        /// The criterion was reached at this epoch.
        case reached(Int)
        /// Not reached within a cap below the maximum: slower than the best so far.
        case slower
        /// Not reached within the maximum: the error left, as a fraction of the initial.
        case failed(remaining: Double)
        /// The error blew up.
        case diverged
        /// `GrowthBound` proves the criterion out of reach within the cap.
        case unreachable
    }

    /// Grid size and the epochs a run may take when nothing better is known.
    let count: Int
    let maxEpochs: Int
    /// Runs the rates of the given indices together, each for at most its cap (>= 1),
    /// and stops them all once one reaches the criterion (a race: the others are then
    /// `slower`, or diverged); one outcome per probe, in order.
    let race: (_ probes: [(index: Int, cap: Int)]) throws -> [Outcome]

    /// The best index (nil when no rate reached the criterion), its epochs, and every run made.
    struct Answer: Sendable {
        var best: Int?
        var epochs: Int?
        var runs: [(index: Int, outcome: Outcome)]
    }

    /// Ranking of an outcome: successes by epochs, then failures by the error they leave;
    /// nil for the rest (`slower` only says "not better than the best").
    private static func rank(_ o: Outcome) -> (Int, Double)? {
        switch o {
        case .reached(let e): return (0, Double(e))
        case .failed(let r): return (1, r)
        case .slower, .diverged, .unreachable: return nil
        }
    }

    /// What the runs so far say: the best run, and the open interval (lo, hi) of the
    /// indices that may still beat it. With a best b, every other run bounds it (unimodal:
    /// a worse run on one side of b puts the minimum on the other); with none, a
    /// divergence bounds it from below and a rate ruled out from above.
    private func state(_ outcomes: [Outcome?]) -> (best: Int?, lo: Int, hi: Int) {
        var best: Int?
        for (i, o) in outcomes.enumerated() {
            guard let o, let r = Self.rank(o) else { continue }
            if let b = best, let rb = Self.rank(outcomes[b]!), !(r < rb) { continue }
            best = i
        }
        let probed = outcomes.indices.filter { outcomes[$0] != nil }
        if let b = best {
            return (b, probed.last { $0 < b } ?? -1, probed.first { $0 > b } ?? count)
        }
        return (nil, probed.last { outcomes[$0] == .diverged } ?? -1,
                probed.first { outcomes[$0] == .unreachable || outcomes[$0] == .slower } ?? count)
    }

    private static func fibonacci(_ k: Int) -> Int {
        var (a, b) = (1, 2)
        for _ in 0..<k { (a, b) = (b, a + b) }
        return a
    }

    /// Searches from index `start` (clamped into the grid): first the start and its two
    /// neighbours together (and the next one on the side `lean` points to, −1 towards
    /// larger rates, +1 towards smaller, where the answer is expected to have moved), then, while a neighbour of the best is unknown, one candidate
    /// per side of the best together: a side that no run bounds yet is explored by
    /// steps of 1, 2, 3, 5, … from the best, a bounded side by golden section.
    func search(from start: Int, lean: Int = 0) throws -> Answer {
        precondition(count >= 1 && maxEpochs >= 1)
        var runs: [(index: Int, outcome: Outcome)] = []
        var outcomes = [Outcome?](repeating: nil, count: count)
        var steps = (left: 0, right: 0, out: 0)

        func probe(_ xs: [Int]) throws {
            let best = state(outcomes).best
            let probes = xs.map { x -> (index: Int, cap: Int) in
                guard let b = best, case .reached(let e) = outcomes[b]! else { return (x, maxEpochs) }
                // A larger rate wins a tie, so it may take as long as the best; a smaller one must be faster.
                return (x, x < b ? e : e - 1)
            }
            let ran = probes.filter { $0.cap >= 1 }
            let results = ran.isEmpty ? [] : try race(ran)
            for (p, o) in zip(ran, results) { outcomes[p.index] = o }
            for p in probes where p.cap < 1 { outcomes[p.index] = .slower }
            runs += probes.map { ($0.index, outcomes[$0.index]!) }
        }

        let s = Swift.min(Swift.max(start, 0), count - 1)
        let first = lean == 0 ? [s - 1, s, s + 1] : [s - 1, s, s + 1, s + 2 * lean.signum()].sorted()
        try probe(first.filter { (0..<count).contains($0) })
        while true {
            let (best, lo, hi) = state(outcomes)
            guard let b = best else {
                // Nothing ranked yet: every run diverged (go to smaller rates) or was ruled
                // out (go to larger ones); between the two, bisect.
                guard hi - lo > 1 else { break }
                let x = lo >= 0 && hi < count ? (lo + hi) / 2
                    : lo >= 0 ? Swift.min(lo + Self.fibonacci(steps.out), hi - 1)
                    : Swift.max(hi - Self.fibonacci(steps.out), lo + 1)
                steps.out += 1
                try probe([x])
                continue
            }
            let gapLeft = b - lo - 1, gapRight = hi - b - 1
            if gapLeft == 0 && gapRight == 0 { break }
            var xs: [Int] = []
            if gapLeft > 0 {
                if lo < 0 {
                    xs.append(b - Swift.min(Self.fibonacci(steps.left), gapLeft))
                    steps.left += 1
                } else {
                    xs.append(b - Swift.max(1, Int((Double(gapLeft + 1) * 0.381966).rounded())))
                }
            }
            if gapRight > 0 {
                if hi >= count {
                    xs.append(b + Swift.min(Self.fibonacci(steps.right), gapRight))
                    steps.right += 1
                } else {
                    xs.append(b + Swift.max(1, Int((Double(gapRight + 1) * 0.381966).rounded())))
                }
            }
            try probe(xs)
        }
        let b = state(outcomes).best
        if let b, case .reached(let e) = outcomes[b]! { return Answer(best: b, epochs: e, runs: runs) }
        return Answer(best: nil, epochs: nil, runs: runs)
    }
}

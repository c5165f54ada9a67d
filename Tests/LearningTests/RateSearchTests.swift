@testable import Learning
import Model
import XCTest

/// The learning-time search against the full grid: every rate run to the maximum, the
/// fewest epochs taken, ties to the larger rate (the reference, computed here
/// independently of `RateSearch`).
final class RateSearchTests: XCTestCase {
    /// The full grid's answer for epochs e_i (nil: not reached): the first index of the minimum.
    static func fullGrid(_ epochs: [Int?]) -> (best: Int?, epochs: Int?) {
        var best: (Int, Int)?
        for (i, e) in epochs.enumerated() {
            if let e, e < (best?.1 ?? Int.max) { best = (i, e) }
        }
        return (best?.0, best?.1)
    }

    /// Synthetic grids: epochs falling strictly to a minimum, then not falling (ties
    /// included), diverging above some rate, over the maximum (failures, leaving more
    /// error the slower) below; a growth bound that rules out some of the slowest.
    /// Every start index and lean gives the full grid's answer, and no run exceeds its cap.
    func testSearchFindsTheFullGridAnswerOnEveryUnimodalGridFromEveryStart() throws {
        var g = SplitMix64(seed: 21)
        let maxEpochs = 100
        var cases = 0, runs = 0
        for trial in 0..<100 {
            let n = Int.random(in: 1...16, using: &g)
            let minimum = Int.random(in: 0..<n, using: &g)
            // A cost that falls strictly to the minimum, then rises or stays.
            var cost = [Int](repeating: 0, count: n)
            cost[minimum] = Int.random(in: 1...120, using: &g)
            for i in stride(from: minimum - 1, through: 0, by: -1) { cost[i] = cost[i + 1] + Int.random(in: 1...60, using: &g) }
            for i in (minimum + 1)..<max(n, minimum + 1) { cost[i] = cost[i - 1] + Int.random(in: 0...40, using: &g) }
            let divergedBelow = Int.random(in: 0...minimum, using: &g)
            // The bound rules out a tail of the rates that fail anyway.
            let firstFailing = (minimum..<n).first { cost[$0] > maxEpochs } ?? n
            let unreachableFrom = Int.random(in: firstFailing...n, using: &g)
            let reference = Self.fullGrid((0..<n).map { i in
                i < divergedBelow || cost[i] > maxEpochs ? nil : cost[i]
            })
            for (start, lean) in (0..<n).flatMap({ s in (-1...1).map { (s, $0) } }) {
                var seen: [Int] = []
                // A race as `LearningTimeRequest.race` runs it: every probe to its cap, all
                // stopped at the first epoch at which one reaches the criterion.
                let search = RateSearch(count: n, maxEpochs: maxEpochs) { probes in
                    for p in probes { XCTAssertTrue((1...maxEpochs).contains(p.cap), "cap \(p.cap)") }
                    seen += probes.map(\.index)
                    func trains(_ i: Int) -> Bool { i >= divergedBelow && i < unreachableFrom }
                    let first = probes.filter { trains($0.index) && cost[$0.index] <= $0.cap }.map { cost[$0.index] }.min()
                    return probes.map { p in
                        let i = p.index
                        if i < divergedBelow { return .diverged }
                        if i >= unreachableFrom { return p.cap < maxEpochs ? .slower : .unreachable }
                        if let first, cost[i] == first, first <= p.cap { return .reached(first) }
                        if first != nil || p.cap < maxEpochs { return .slower }
                        return .failed(remaining: 0.1 + Double(cost[i]) / 1e4)
                    }
                }
                let answer = try search.search(from: start, lean: lean)
                XCTAssertEqual(answer.best, reference.best, "trial \(trial) cost \(cost) diverged below \(divergedBelow) "
                               + "unreachable from \(unreachableFrom) start \(start) lean \(lean): runs \(answer.runs)")
                XCTAssertEqual(answer.epochs, reference.epochs)
                XCTAssertEqual(Set(seen).count, seen.count, "a rate run twice: \(seen)")
                cases += 1
                runs += seen.count
            }
        }
        print("RateSearch: \(cases) grids and starts, \(Double(runs) / Double(cases)) runs each on average")
    }

    /// Real gradient descent on a small tree (D = 4, 16 items, hidden 24), four initial
    /// conditions at 3, 5 and 9 layers, 8 rates: the request's rows equal the full grid's.
    func testLearningTimeEqualsTheFullGridOnSmallNetworks() throws {
        let h = try HierarchyTheory(levels: 4, branching: 2, epsilon: 0.1, features: 16)
        let data = try LearningData.hierarchy(h, seed: 1)
        var request = LearningTimeRequest(data: data, hidden: 24, layers: [3, 5, 9],
                                          initials: [.orthogonal, .decoupled, .gaussian, .small])
        request.rateFactors = (0.01, 4, 8)
        request.maxEpochs = 150
        request.a0 = 1
        let rows = try request.run()
        var reached = 0
        for row in rows {
            let net = try DeepLinearNetwork(layers: row.layers, hidden: 24, data: data, initial: row.initial, a0: 1,
                                            smallStd: 0.01, seed: 1)
            let grid = request.rates(layers: row.layers)
            let epochs = try grid.map { rate -> Int? in
                do {
                    return try GradientDescent(learningRate: rate, epochs: 150, stopBelow: 0.1)
                        .stream(net, on: data) { _, _, _ in }.reachedCriterion
                } catch LearningError.diverged {
                    return nil
                }
            }
            let reference = Self.fullGrid(epochs)
            XCTAssertEqual(row.epochs, reference.epochs, "\(row.layers) \(row.initial): grid \(epochs)")
            XCTAssertEqual(row.learningRate, reference.best.map { grid[$0] }, "\(row.layers) \(row.initial): grid \(epochs)")
            if row.epochs != nil { reached += 1 }
        }
        // Not a vacuous comparison: most rows reach the criterion, and the small start at
        // 9 layers (stuck on the saddle) does not.
        XCTAssertGreaterThanOrEqual(reached, 9)
        XCTAssertNil(rows.first { $0.layers == 9 && $0.initial == .small }?.epochs)
    }

    /// The growth bound never claims more epochs than a run takes, and it is informative:
    /// it rules out a small start at 9 layers, whose runs indeed never reach the criterion.
    func testGrowthBoundIsBelowTheEpochsGradientDescentTakes() throws {
        let h = try HierarchyTheory(levels: 4, branching: 2, epsilon: 0.1, features: 16)
        let data = try LearningData.hierarchy(h, seed: 1)
        var checked = 0
        for (layers, initial) in [(3, InitialCondition.small), (5, .small), (3, .orthogonal), (5, .gaussian)] {
            let net = try DeepLinearNetwork(layers: layers, hidden: 24, data: data, initial: initial, smallStd: 0.01, seed: 1)
            let bound = try GrowthBound(network: net, data: data, criterion: 0.1)
            for c in [0.05, 0.2, 0.8] {
                let rate = c / (Double(layers - 1) * data.s[0])
                guard let reached = try GradientDescent(learningRate: rate, epochs: 3000, stopBelow: 0.1)
                    .stream(net, on: data, record: { _, _, _ in }).reachedCriterion else { continue }
                let earliest = try XCTUnwrap(bound.earliestEpoch(rate: rate, cap: 3000))
                XCTAssertLessThanOrEqual(earliest, reached, "\(layers) \(initial) c = \(c)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 8)
        let deep = try DeepLinearNetwork(layers: 9, hidden: 24, data: data, initial: .small, smallStd: 0.01, seed: 1)
        let bound = try GrowthBound(network: deep, data: data, criterion: 0.1)
        let fastest = 4 / (8 * data.s[0])
        XCTAssertNil(bound.earliestEpoch(rate: fastest, cap: 1000))
        let run = try GradientDescent(learningRate: fastest, epochs: 1000, stopBelow: 0.1).stream(deep, on: data) { _, _, _ in }
        XCTAssertNil(run.reachedCriterion)
    }
}

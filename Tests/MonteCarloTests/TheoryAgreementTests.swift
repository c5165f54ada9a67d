@testable import MonteCarlo
import Model
import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// Theory beside simulation for φ other than tanh (tanh's is in `MonteCarloTests`): one
/// bounded odd φ with a closed-form kernel (erf), one with a non-zero mean (sigmoid), one
/// unbounded (gelu, σw < √2 so that q* exists) and one kinked (hardtanh), in small
/// networks (N = 300, D = 6, 6 networks).
///
/// Allowed: 4 standard errors over networks plus a margin for finite width: 3% of q
/// (the O(1/N) bias of |h|²/N and the spread of one network's layer), 0.025 in c (the
/// correlation of a pair, averaged over 16 pairs per network, is biased by O(1/N)).
final class TheoryAgreementTests: XCTestCase {
    func testLengthsAndCorrelationsFollowTheTheoryForErfSigmoidGeluHardtanh() throws {
        let cases: [(Nonlinearity, sigmaW: Double, sigmaB: Double)] = [
            (.erf, 2.0, 0.3), (.sigmoid, 3.0, 0.5), (.gelu, 1.3, 0.2), (.hardtanh, 1.8, 0.3),
        ]
        let depth = 6, copies = 16, starts = [0.2, 0.6], singles = [0.5, 3.0]
        for (phi, sw, sb) in cases {
            let model = try MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
            let q = try model.lengthFixedPoint()
            var r = SimulationRequest(
                network: try FiniteNetwork(phi: phi, sigmaW: sw, sigmaB: sb, width: 300, depth: depth),
                circlePoints: 8, circleLength: q, networks: 6, seed: 3)
            r.pairCorrelations = starts.flatMap { Array(repeating: $0, count: copies) }
            r.pointLengths = singles.flatMap { Array(repeating: $0, count: copies) }
            let runs = try r.run()
            let layers = LayerSummary.summarize(runs)
            let pairs = try starts.map { try model.twoPointRecursion(q11: q, q22: q, c: $0, depth: depth) }
            let points = try singles.map { try model.twoPointRecursion(q11: $0, q22: $0, c: 1, depth: depth) }
            func check(_ stat: Statistic, _ expected: Double, relative: Double = 0, absolute: Double = 0,
                       _ what: String, layer: Int) {
                let allowed = 4 * (stat.stderr ?? 0) + relative * abs(expected) + absolute
                XCTAssertLessThanOrEqual(abs(stat.mean - expected), allowed,
                                         "\(phi.name) σw=\(sw): \(what) at layer \(layer): \(stat.mean) vs \(expected) (allowed \(allowed))")
            }
            func perNetwork(_ values: (LayerMeasurement) -> [Double], layer l: Int, group i: Int) -> Statistic {
                Statistic(runs.map { Array(values($0[l - 1])[(i * copies)..<((i + 1) * copies)]).reduce(0, +) / Double(copies) })
            }
            for s in layers {
                check(s.q, q, relative: 0.03, "q of the circle at q*", layer: s.layer)
                for (i, c1) in starts.enumerated() {
                    check(perNetwork(\.pairC, layer: s.layer, group: i), pairs[i][s.layer - 1].c, absolute: 0.025,
                          "c^l from c¹=\(c1)", layer: s.layer)
                }
                for (i, q1) in singles.enumerated() {
                    check(perNetwork(\.pointQ, layer: s.layer, group: i), points[i][s.layer - 1].q11, relative: 0.03,
                          "q^l from q¹=\(q1)", layer: s.layer)
                }
            }
        }
    }
}

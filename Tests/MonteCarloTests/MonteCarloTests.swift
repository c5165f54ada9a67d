@testable import MonteCarlo
import Model
import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

final class MonteCarloTests: XCTestCase {
    func request(_ phi: Nonlinearity = .tanh, sigmaW: Double = 2.5, sigmaB: Double = 0.3, width: Int = 40,
                 depth: Int = 4, points: Int = 16, networks: Int = 1, seed: UInt64 = 7, q: Double = 1.5,
                 weights: WeightEnsemble = .gaussian) throws -> SimulationRequest {
        SimulationRequest(
            network: try FiniteNetwork(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, width: width, depth: depth,
                                        weights: weights),
            circlePoints: points, circleLength: q, networks: networks, seed: seed)
    }

    func testTangentAndAccelerationMatchFiniteDifferencesOfTheCircle() throws {
        // P = 4096 points: Δθ = 1.5e-3; sixth-order central differences along the grid
        // (error ~Δθ⁶ h⁽⁷⁾ ≈ 1e-12 of |h|) check v = ∂θh and a = ∂²θh independently.
        let p = 4096
        let jet = try request(width: 24, depth: 5, points: p).circleJet()
        let d = 2 * Double.pi / Double(p)
        func at(_ j: Int) -> [Double] { jet.h[(j + p) % p] }
        for j in [0, 700, 2049, 4095] {
            let (m3, m2, m1, z, p1, p2, p3) = (at(j - 3), at(j - 2), at(j - 1), at(j), at(j + 1), at(j + 2), at(j + 3))
            for i in 0..<24 {
                let first = (-m3[i] + 9 * m2[i] - 45 * m1[i] + 45 * p1[i] - 9 * p2[i] + p3[i]) / (60 * d)
                let second = (2 * m3[i] - 27 * m2[i] + 270 * m1[i] - 490 * z[i] + 270 * p1[i] - 27 * p2[i] + 2 * p3[i])
                    / (180 * d * d)
                let scale = jet.v[j].map(abs).max()!
                XCTAssertEqual(jet.v[j][i], first, accuracy: 1e-8 * scale, "v at point \(j), neuron \(i)")
                let ascale = jet.a[j].map(abs).max()!
                XCTAssertEqual(jet.a[j][i], second, accuracy: 1e-5 * ascale, "a at point \(j), neuron \(i)")
            }
        }
    }

    func testMeasurementsDoNotDependOnHowManyWorkersRunTheProductBlocks() throws {
        // 300 columns: three blocks of `LinearAlgebra.columnBlock`, run by 1, 2 or every worker.
        defer { LinearAlgebra.workers = nil }
        for weights in WeightEnsemble.allCases {
            let r = try request(width: 130, depth: 4, points: 100, networks: 1, weights: weights)
            LinearAlgebra.workers = nil
            let all = try r.run()
            for w in [1, 2] {
                LinearAlgebra.workers = w
                XCTAssertEqual(try r.run(), all, "\(weights) with \(w) workers")
            }
        }
    }

    func testStreamedSummaryEqualsTheSummaryOfStoredRuns() throws {
        var r = try request(width: 20, depth: 3, points: 8, networks: 5)
        r.pointLengths = [0.5, 2]
        r.pairCorrelations = [0.3]
        r.autocorrelation = true
        let streamed = try r.summarize(), stored = LayerSummary.summarize(try r.run())
        XCTAssertEqual(streamed.count, 3)
        for (a, b) in zip(streamed, stored) {
            XCTAssertEqual(a.layer, b.layer)
            XCTAssertEqual([a.q, a.gE, a.kappa2, a.lengthEOverSqrtN, a.lengthG], [b.q, b.gE, b.kappa2, b.lengthEOverSqrtN, b.lengthG])
            XCTAssertEqual(a.pointQ, b.pointQ)
            XCTAssertEqual(a.pairC, b.pairC)
            XCTAssertEqual(a.autocorrelation, b.autocorrelation)
            XCTAssertEqual(a.pointQ.count, 2)
            XCTAssertNotNil(a.q.stderr)
        }
    }

    func testRunningStatisticKeepsTheSpreadOfValuesFarFromZero() {
        // Spread 1e-3 around 1e9: the naive Σx² − (Σx)²/K has no digit left; Welford keeps them.
        let values = (0..<1000).map { 1e9 + 1e-3 * Double($0 % 10) }
        let mean = values.reduce(0, +) / 1000
        let exact = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 999 / 1000).squareRoot()
        let s = Statistic(values)
        XCTAssertEqual(s.mean, mean, accuracy: 1e-5)
        XCTAssertEqual(s.stderr ?? 0, exact, accuracy: 1e-3 * exact)
        XCTAssertNil(Statistic([3]).stderr)
        XCTAssertEqual(Statistic([3]).mean, 3)
    }

    func testOrthogonalWeightsAreOrthogonal() throws {
        let n = 64
        let ws = Workspace(width: n, columns: 1)
        try WeightEnsemble.orthogonal.draw(into: ws.weights, width: n, sigmaW: 1, seed: 3, network: 0, layer: 2, scratch: QRScratch())
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += ws.weights[i * n + k] * ws.weights[j * n + k] }
                worst = max(worst, abs(s - (i == j ? 1 : 0)))
            }
        }
        XCTAssertLessThan(worst, 1e-12, "max |OᵀO − I|")
    }

    func testLinearOrthogonalNetworkScalesTheCircleExactly() throws {
        // φ = x, W = σw O, σb = 0: h^l = σw^{l−1} O…O h¹, a circle of radius σw^{l−1}√(N q¹):
        // q^l = σw^{2(l−1)} q¹, κ̄² = 1/q^l, L^G = 2π, exactly.
        let runs = try request(.linear, sigmaW: 1.1, sigmaB: 0, width: 50, depth: 6, points: 32,
                               q: 2, weights: .orthogonal).run()
        for m in runs[0] {
            let l = Double(runs[0].firstIndex(of: m)!)
            assertClose(m.q, 2 * pow(1.21, l), relative: 1e-12, "q at layer \(l + 1)")
            assertClose(m.kappa2, 1 / m.q, relative: 1e-10, "κ̄² of a circle")
            assertClose(m.lengthG, 2 * .pi, relative: 1e-10, "L^G of a circle")
        }
    }

    func testLinearGaussianNetworkMatchesItsExpectation() throws {
        // E[q^l] = σw² q^{l−1} + σb² for φ = x: within 4 standard errors over 12 networks.
        let runs = try request(.linear, sigmaW: 0.9, sigmaB: 0.5, width: 200, depth: 4, points: 8, networks: 12,
                               q: 1).run()
        let layers = LayerSummary.summarize(runs)
        var expected = 1.0
        for s in layers {
            XCTAssertLessThan(abs(s.q.mean - expected), 4 * s.q.stderr! + 1e-12, "layer \(s.layer)")
            expected = 0.81 * expected + 0.25
        }
    }

    func testTheoryAndSimulationAgreeInOrderAndChaos() throws {
        for sw in [1.3, 2.5, 4.0] {
            let model = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: 0.3)
            let summary = try model.summary()
            let q = summary.qStar.value
            let theory = try model.curvature(depth: 10, summary: summary)
            // c^l of one pair fluctuates by ~1/√N per layer, mostly through W: average 16
            // pairs per c¹ in each network, then take the statistics over 8 networks.
            let starts = [0.2, 0.5, 0.8], copies = 16
            var r = try request(sigmaW: sw, width: 500, depth: 10, points: 60, networks: 8, seed: 11, q: q)
            r.pairCorrelations = starts.flatMap { Array(repeating: $0, count: copies) }
            let runs = try r.run()
            let layers = LayerSummary.summarize(runs)
            let pairs = try starts.map { try model.twoPointRecursion(q11: q, q22: q, c: $0, depth: 10) }
            for (s, t) in zip(layers, theory) {
                func check(_ stat: Statistic, _ expected: Double, _ margin: Double, _ what: String) {
                    let allowed = 4 * (stat.stderr ?? 0) + margin * abs(expected)
                    XCTAssertLessThanOrEqual(abs(stat.mean - expected), allowed,
                                             "\(what) at layer \(s.layer), σw=\(sw): \(stat.mean) vs \(expected)")
                }
                check(s.q, q, 0.03, "q")
                check(s.gE, t.gE, 0.03, "ḡ^E")
                check(s.lengthEOverSqrtN, t.lengthEOverSqrtN, 0.03, "L^E/√N")
                check(s.kappa2, t.kappa2!, 0.10, "κ̄²")
                check(s.lengthG, t.lengthG!, 0.10, "L^G")
                for (i, c1) in starts.enumerated() {
                    let perNetwork = runs.map { run in
                        run[s.layer - 1].pairC[(i * copies)..<((i + 1) * copies)].reduce(0, +) / Double(copies)
                    }
                    let c = Statistic(perNetwork)
                    XCTAssertEqual(c.mean, pairs[i][s.layer - 1].c, accuracy: 0.02,
                                   "c^l from c¹=\(c1) at layer \(s.layer), σw=\(sw) (stderr \(c.stderr!))")
                }
            }
        }
    }

    func testSingleInputsFollowTheLengthMap() throws {
        let model = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        var r = try request(width: 800, depth: 5, points: 4, networks: 4, seed: 5, q: 1)
        r.pointLengths = [0.5, 4, 12]
        let layers = LayerSummary.summarize(try r.run())
        for (i, q1) in r.pointLengths.enumerated() {
            var q = q1
            for s in layers {
                XCTAssertEqual(s.pointQ[i].mean, q, accuracy: 4 * (s.pointQ[i].stderr ?? 0) + 0.03 * q,
                               "q^l from q¹=\(q1) at layer \(s.layer)")
                q = model.lengthMap(q)
            }
        }
    }

    func testAutocorrelationStartsAsCosine() throws {
        var r = try request(width: 60, depth: 2, points: 12, q: 1)
        r.autocorrelation = true
        let m = try r.run()[0][0]
        for (k, c) in m.autocorrelation.enumerated() {
            XCTAssertEqual(c, cos(2 * .pi * Double(k) / 12), accuracy: 1e-12)
        }
    }

    func testGaussianStreamHasTheMomentsOfAStandardNormal() {
        var g = GaussianStream(seed: 99)
        let n = 400_000
        var m1 = 0.0, m2 = 0.0, m4 = 0.0, below = 0
        for _ in 0..<n {
            let x = g.next()
            m1 += x; m2 += x * x; m4 += x * x * x * x
            if x < -1 { below += 1 }
        }
        // Standard errors: mean 1/√n, variance √(2/n), fourth moment √(96/n), Φ(−1) √(p(1−p)/n).
        XCTAssertEqual(m1 / Double(n), 0, accuracy: 5 / Double(n).squareRoot())
        XCTAssertEqual(m2 / Double(n), 1, accuracy: 5 * (2 / Double(n)).squareRoot())
        XCTAssertEqual(m4 / Double(n), 3, accuracy: 5 * (96 / Double(n)).squareRoot())
        XCTAssertEqual(Double(below) / Double(n), 0.158_655_253_931_457_05, accuracy: 5 * (0.1587 * 0.8413 / Double(n)).squareRoot())
    }

    func testSameSeedGivesIdenticalResultsAndDifferentSeedsDiffer() throws {
        let a = try request(networks: 2, seed: 42).run()
        let b = try request(networks: 2, seed: 42).run()
        let c = try request(networks: 2, seed: 43).run()
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a[0][3].q, c[0][3].q)
        XCTAssertNotEqual(a[0][3].q, a[1][3].q, "networks differ from each other")
    }

    func testBadRequestsAreRefusedUpFront() {
        XCTAssertThrowsError(try request(width: 1).validate())
        XCTAssertThrowsError(try request(depth: 0).validate())
        XCTAssertThrowsError(try request(points: 1).validate())
        XCTAssertThrowsError(try request(networks: 0).validate())
        XCTAssertThrowsError(try request(width: 900_000).validate()) {
            guard case SimulationError.tooLarge = $0 else { return XCTFail("\($0)") }
        }
    }
}

@testable import MonteCarlo
import Model
import Numerical
import XCTest

/// The shortcuts that skip work (points-only runs, network 0's projection taken on the
/// measuring run, one weight draw shared by several settings) against the full runs they
/// replace: the same bits for everything they return.
final class SharedWorkTests: XCTestCase {
    func request(sigmaW: Double = 2.5, width: Int = 24, depth: Int = 4, points: Int, networks: Int = 2,
                 architecture: Architecture = .plain) throws -> SimulationRequest {
        let network = try Network(phi: .tanh, sigmaW: sigmaW, sigmaB: 0.3, depth: depth, architecture: architecture)
        return SimulationRequest(network: try FiniteNetwork(network, width: width), circlePoints: points,
                                 circleLength: 1.2, networks: networks, seed: 11)
    }

    func testPointsOnlyRunsKeepTheBytesOfThePointsInputsPairsAndAutocorrelation() throws {
        // P = 300: the product's v and a blocks (columns 384 … 895) are skipped, the extra
        // inputs' block (896 …) is not; P = 50: one block holds points, v and extras.
        for p in [300, 50] {
            var full = try request(points: p)
            full.pointLengths = [0.5, 2]
            full.pairCorrelations = [0.3, -0.6]
            full.autocorrelation = true
            var pointsOnly = full
            pointsOnly.derivatives = false
            let m = full.columns, b = LinearAlgebra.columnBlock
            XCTAssertEqual(pointsOnly.productColumns, p == 300 ? [0..<3 * b, 7 * b..<m] : [0..<m])
            let a = try full.run(), c = try pointsOnly.run()
            XCTAssertEqual(a.count, c.count)
            for (x, y) in zip(a.joined(), c.joined()) {
                XCTAssertEqual(x.q, y.q)
                XCTAssertEqual(x.pointQ, y.pointQ)
                XCTAssertEqual(x.pairC, y.pairC)
                XCTAssertEqual(x.autocorrelation, y.autocorrelation)
                XCTAssertFalse(x.gE.isNaN)
                XCTAssertTrue(y.gE.isNaN && y.kappa2.isNaN && y.lengthEOverSqrtN.isNaN && y.lengthG.isNaN)
            }
        }
    }

    func testProjectionTakenOnTheMeasuringRunEqualsNetworkZerosOwn() throws {
        var r = try request(points: 40, networks: 3)
        r.autocorrelation = true
        r.derivatives = false
        let run = try r.run(projecting: [1, 3, 4])
        XCTAssertEqual(run.measurements.map { $0.map(\.autocorrelation) }, try r.run().map { $0.map(\.autocorrelation) })
        var alone = try request(points: 40, networks: 1)
        alone.autocorrelation = true
        let own = try alone.circleProjection(layers: [1, 3, 4])
        XCTAssertEqual(Set(run.projections.keys), [1, 3, 4])
        for l in [1, 3, 4] { XCTAssertEqual(run.projections[l], own[l], "layer \(l)") }
    }

    func testRunsSharingWeightDrawsEqualSeparateRuns() throws {
        var requests = [
            try request(sigmaW: 1.5, points: 2), try request(sigmaW: 3, points: 2),
            try request(sigmaW: 2, points: 2, architecture: try Architecture(keep: 0.9)),
            try request(sigmaW: 0.7, points: 2, architecture: try Architecture(keep: 0.95)),
        ]
        for i in requests.indices { requests[i].pairCorrelations = [0.2, 0.2, -0.4] }
        let shared = try SimulationRequest.runSharingWeights(requests)
        XCTAssertEqual(shared.count, requests.count)
        for (r, s) in zip(requests, shared) {
            let alone = try r.run()
            XCTAssertEqual(s.map { $0.map(\.pairC) }, alone.map { $0.map(\.pairC) }, "σw = \(r.network.sigmaW)")
            XCTAssertEqual(s.map { $0.map(\.q) }, alone.map { $0.map(\.q) })
        }
        // The settings differ: the shared draw is scaled per σw, not reused as is.
        XCTAssertNotEqual(shared[0].map { $0.map(\.pairC) }, shared[1].map { $0.map(\.pairC) })
    }

    func testActivationLengthsNeedTheTangent() throws {
        var r = try request(points: 8)
        r.activationLengths = true
        r.derivatives = false
        XCTAssertThrowsError(try r.run())
    }
}

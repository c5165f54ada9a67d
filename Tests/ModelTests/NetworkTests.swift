import Model
import Nonlinearities
import XCTest

final class NetworkTests: XCTestCase {
    /// One set of limits, each refusal naming its flag and the accepted values.
    func testTheNetworkRefusesWhatNoCommandAccepts() {
        func refused(_ make: @autoclosure () throws -> Any, saying text: String, line: UInt = #line) {
            XCTAssertThrowsError(try make(), line: line) { error in
                XCTAssertTrue("\(error)".contains(text), "\(error)", line: line)
                XCTAssertEqual((error as? ModelError).map { _ in true }, true, line: line)
            }
        }
        refused(try Network(phi: .tanh, sigmaW: -1, sigmaB: 0), saying: "--sigma-w must be a finite number >= 0")
        refused(try Network(phi: .tanh, sigmaW: 1, sigmaB: .nan), saying: "--sigma-b must be a finite number >= 0")
        refused(try Network(phi: .tanh, sigmaW: 1e75, sigmaB: 0), saying: "below 1e75")
        refused(try Network(phi: .tanh, sigmaW: 1, sigmaB: 0, depth: 0), saying: "--depth must be an integer in [1, 1000000]")
        refused(try Network(phi: .tanh, sigmaW: 1, sigmaB: 0, depth: 1_000_001), saying: "got 1000001")
        let net = try? Network(phi: .tanh, sigmaW: 1, sigmaB: 0)
        XCTAssertNotNil(net)
        if let net {
            refused(try FiniteNetwork(net, width: 1), saying: "--width must be an integer in [2, 1048576], got 1")
            refused(try FiniteNetwork(net, width: 1 << 21, flag: "--widths"), saying: "--widths must be")
        }
    }

    /// A finite network reads every property of its network through.
    func testFiniteNetworkReadsThroughToItsNetwork() throws {
        let f = try FiniteNetwork(phi: .erf, sigmaW: 1.5, sigmaB: 0.2, width: 10, depth: 3, weights: .orthogonal)
        XCTAssertEqual(f.phi.name, "erf")
        XCTAssertEqual(f.sigmaW, 1.5)
        XCTAssertEqual(f.sigmaB, 0.2)
        XCTAssertEqual(f.depth, 3)
        XCTAssertEqual(f.weights, .orthogonal)
        XCTAssertEqual(f.width, 10)
        XCTAssertEqual(try f.network.with(depth: 7).depth, 7)
    }

    /// Haar matrices from the door: orthonormal columns (rows >= cols) or rows, to 1e-13.
    func testHaarMatricesAreOrthonormal() throws {
        for (rows, cols) in [(7, 4), (3, 6), (5, 5)] {
            let q = try WeightEnsemble.haarMatrix(rows: rows, cols: cols, seed: 3)
            let k = min(rows, cols)
            for a in 0..<k {
                for b in 0..<k {
                    var dot = 0.0
                    for i in 0..<max(rows, cols) {
                        dot += rows >= cols ? q[a * rows + i] * q[b * rows + i] : q[i * rows + a] * q[i * rows + b]
                    }
                    XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-13, "\(rows)×\(cols) (\(a), \(b))")
                }
            }
        }
    }
}

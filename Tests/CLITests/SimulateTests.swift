import Foundation
import XCTest

/// The Monte-Carlo commands (`simulate`, `boundary-curvature`, `expressivity`) run as a user runs them.
final class SimulateTests: XCTestCase {
    func run(_ args: [String], environment: [String: String] = [:]) throws -> CLI.Run {
        try CLI.run(args, environment: environment)
    }

    /// The README promises the same bytes whatever the number of threads. Sizes are big
    /// enough for OpenBLAS to split a product between two threads (it did, and one
    /// thread differed from two in the last digits, before the split was ours).
    func testBytesDoNotDependOnTheBLASThreadCount() throws {
        let commands: [[String]] = [
            ["simulate", "--width", "100", "--depth", "5", "--points", "64", "--networks", "2", "--seed", "3"],
            ["simulate", "--width", "100", "--depth", "5", "--points", "64", "--networks", "2", "--seed", "3",
             "--weights", "orthogonal"],
            ["boundary-curvature", "--width", "120", "--depth", "4", "--points", "3", "--seed", "1"],
            ["expressivity", "--width", "150", "--depth", "4", "--widths", "20:200:3", "--points", "64", "--seed", "1"],
        ]
        for args in commands {
            let one = try run(args + ["--format", "json"], environment: ["OPENBLAS_NUM_THREADS": "1"])
            let two = try run(args + ["--format", "json"], environment: ["OPENBLAS_NUM_THREADS": "2"])
            XCTAssertEqual(one.status, 0, "\(args): \(one.stderr)")
            XCTAssertFalse(one.stdout.isEmpty)
            XCTAssertEqual(one.stdout, two.stdout, "\(args): bytes differ between 1 and 2 BLAS threads")
        }
    }
}

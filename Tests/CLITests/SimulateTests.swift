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

/// `boundary-curvature` on degenerate networks and in the ordered phase.
final class BoundaryCurvatureTests: XCTestCase {
    func run(_ args: [String]) throws -> CLI.Run { try CLI.run(["boundary-curvature"] + args) }

    /// Saturated, constant or overflowing networks used to trap in the eigensolver or print
    /// zeros; now one line, exit 2, nothing on stdout.
    func testDegenerateNetworksAreRefusedWithOneLine() throws {
        let small = ["--width", "40", "--depth", "3", "--points", "2"]
        for (bad, says) in [(["--sigma-w", "2000", "--depth", "10", "--width", "100"], "gradient is 0"), (["--sigma-w", "0", "--sigma-b", "0"], "gradient is 0"),
                            (["--phi", "hardtanh", "--sigma-w", "1e6"], "φ″ does not exist"),
                            (["--phi", "linear", "--sigma-w", "1e70", "--depth", "6"], "not finite")] {
            // A case's own --width or --depth replaces the small one (an option is given once).
            let kept = stride(from: 0, to: small.count, by: 2).filter { !bad.contains(small[$0]) }.flatMap { small[$0...$0 + 1] }
            let r = try run(kept + bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(bad): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: ") && r.stderr.contains(says), "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(bad)")
        }
    }

    /// An ordered net whose readout keeps one sign with β0 = 0: the default offset (the
    /// median over the data) finds every point; an explicit --offset 0 still wins and is
    /// refused with one line (no note beside the error).
    func testDefaultOffsetPutsTheBoundaryThroughTheData() throws {
        let args = ["--sigma-w", "0.8", "--sigma-b", "0.4", "--width", "100", "--depth", "6", "--points", "4", "--seed", "2"]
        let j = try CLI.json(["boundary-curvature"] + args)
        XCTAssertEqual(j["points_found"] as? Int, 4)
        XCTAssertNotNil(j["offset"] as? Double)
        let zero = try run(args + ["--offset", "0"])
        XCTAssertEqual(zero.status, 2, zero.stderr)
        XCTAssertEqual(zero.stderr.split(separator: "\n").count, 1, zero.stderr)
        XCTAssertTrue(zero.stderr.contains("no decision-boundary point"), zero.stderr)
        let given = try CLI.json(["boundary-curvature", "--width", "30", "--depth", "3", "--points", "1", "--offset", "0.01"])
        XCTAssertEqual(given["offset"] as? Double, 0.01)
    }
}

/// `simulate --networks K` keeps running statistics, not K networks' measurements.
final class SimulateMemoryTests: XCTestCase {
    func peakKilobytes(_ args: [String]) throws -> Int { try CLI.peakKilobytes(args) }

    func testMemoryDoesNotGrowWithTheNumberOfNetworks() throws {
        // GNU time measures the child's peak RSS; `make test-deps` installs it (Debian: time).
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            return XCTFail("/usr/bin/time is missing: `make test-deps` (or apt-get install time) installs it for this test")
        }
        let args = ["simulate", "--width", "2", "--depth", "1", "--points", "2", "--format", "csv", "--networks"]
        let one = try peakKilobytes(args + ["1"]), many = try peakKilobytes(args + ["200000"])
        XCTAssertGreaterThan(one, 0)
        // Storing every network's measurements took ~27 MB more for 200000 networks.
        XCTAssertLessThan(many - one, 8_000, "peak RSS \(one) KB for 1 network, \(many) KB for 200000")
    }
}

/// Quantities that need φ″ where φ″ does not exist (relu's kink).
final class KinkedPhiTests: XCTestCase {
    func testSimulateNullsCurvatureWithOneNoteAndBoundaryCurvatureRefuses() throws {
        let r = try CLI.run(["simulate", "--phi", "relu", "--sigma-w", "1.3", "--width", "40", "--depth", "3", "--points", "8",
                             "--networks", "2", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: ") && r.stderr.contains("φ″"), r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        for layer in j["layers"] as! [[String: Any]] {
            for key in ["kappa2", "kappa2_theory", "kappa2_stderr", "length_g", "length_g_theory", "length_g_stderr"] {
                XCTAssertTrue(layer[key] is NSNull, "\(key) = \(layer[key] ?? "missing")")
            }
            for key in ["q", "q_theory", "g_e", "length_e_over_sqrt_n"] { XCTAssertTrue(layer[key] is Double, key) }
        }
        // A smooth φ keeps its curvature and prints no note.
        let smooth = try CLI.json(["simulate", "--width", "40", "--depth", "2", "--points", "8", "--networks", "2"])
        XCTAssertTrue((smooth["layers"] as! [[String: Any]])[1]["kappa2"] is Double)
        for phi in ["relu", "hardtanh", "max(x, 0.1*x)"] {
            let b = try CLI.run(["boundary-curvature", "--phi", phi, "--width", "20", "--depth", "2", "--points", "1"])
            XCTAssertEqual(b.status, 2, "\(phi): \(b.stderr)")
            XCTAssertEqual(b.stderr.split(separator: "\n").count, 1, "\(phi): \(b.stderr)")
            XCTAssertTrue(b.stderr.contains("φ″ does not exist"), b.stderr)
            XCTAssertEqual(b.stdout, "")
        }
    }
}

/// Messages that named the wrong flag or said nothing useful.
final class MessageTests: XCTestCase {
    func assertRefused(_ args: [String], saying expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(args)", file: file, line: line)
    }

    func testBenchExpressivityAndSimulateNameTheRightFlag() throws {
        // Each is refused before any timing starts.
        try assertRefused(["bench", "--repeats", "-1"], saying: "--repeats must be an integer >= 1, got -1")
        try assertRefused(["bench", "--repeats", "0"], saying: "--repeats must be an integer >= 1")
        try assertRefused(["bench", "--nt-python", "/nonexistent/bin/python"], saying: "--nt-python /nonexistent/bin/python")
        try assertRefused(["bench", "--nt-python", "/bin/sh"], saying: "--nt-python needs --peers")
        try assertRefused(["expressivity", "--widths", "2:1000000000:3", "--width", "20", "--depth", "2", "--points", "8"],
                          saying: "--widths")
        try assertRefused(["expressivity", "--widths", "2:1e300:3"], saying: "--widths")
        // Too much memory for a shallow net: --widths, not --width.
        try assertRefused(["expressivity", "--widths", "2:1000000:2", "--width", "20", "--depth", "2", "--points", "100000"],
                          saying: "reduce --widths or --points")
        try assertRefused(["simulate", "--width", "2000000"], saying: "--width must be an integer in [2, 1048576]")
    }

    /// Counts that overflow used to trap (exit 132, a backtrace) instead of one line.
    func testHugeCountsAreRefusedNotTrapped() throws {
        let huge = "9223372036854775807"
        try assertRefused(["simulate", "--networks", huge, "--width", "10", "--depth", "3", "--points", "2"],
                          saying: "--networks must be an integer in [1, 1000000000]")
        try assertRefused(["simulate", "--networks", huge, "--width", "10", "--depth", "3", "--points", "2", "--shard", "1/2"],
                          saying: "--networks must be an integer in [1, 1000000000]")
    }
}

/// `simulate --measure points|pairs|autocorrelation` (CLI.md): keys, and the simulation
/// beside its theory within 4 standard errors plus a finite-width margin.
final class SimulateMeasureTests: XCTestCase {
    let small = ["--width", "200", "--depth", "4", "--networks", "8", "--pairs", "16", "--seed", "2"]

    func rows(_ j: [String: Any], _ key: String) -> [[String: Any]] { j[key] as? [[String: Any]] ?? [] }

    func testPointsFollowTheLengthMap() throws {
        let j = try CLI.json(["simulate", "--measure", "points", "--q0", "3"] + small)
        let layers = rows(j, "layers")
        XCTAssertEqual(layers.count, 4)
        for row in layers {
            XCTAssertEqual(Set(row.keys), ["layer", "q", "q_theory", "q_stderr"])
            let q = row["q"] as! Double, th = row["q_theory"] as! Double, se = row["q_stderr"] as! Double
            XCTAssertEqual(q, th, accuracy: 4 * se + 0.02 * th, "layer \(row["layer"]!)")
        }
        XCTAssertEqual(layers[0]["q_theory"] as? Double, 3)
        XCTAssertEqual(j["q0"] as? Double, 3)
    }

    func testPairsFollowTheCorrelationMap() throws {
        let j = try CLI.json(["simulate", "--measure", "pairs", "--c0", "0.3"] + small)
        let layers = rows(j, "layers")
        XCTAssertEqual(layers.count, 4)
        for row in layers {
            XCTAssertEqual(Set(row.keys), ["layer", "c", "c_theory", "c_stderr"])
            let c = row["c"] as! Double, th = row["c_theory"] as! Double, se = row["c_stderr"] as! Double
            XCTAssertEqual(c, th, accuracy: 4 * se + 0.01, "layer \(row["layer"]!)")
        }
        XCTAssertEqual(layers[0]["c_theory"] as! Double, 0.3, accuracy: 1e-15)
        XCTAssertLessThan(layers[3]["c_theory"] as! Double, 0.3, "chaos decorrelates")
    }

    func testAutocorrelationFollowsTheCorrelationMapFromCosine() throws {
        let j = try CLI.json(["simulate", "--measure", "autocorrelation", "--points", "16", "--width", "200", "--depth", "4",
                              "--networks", "4", "--seed", "2"])
        let r = rows(j, "rows")
        XCTAssertEqual(r.count, 4 * 9, "layers 1…4 × Δθ = 2πk/16, k = 0…8")
        for row in r {
            XCTAssertEqual(Set(row.keys), ["layer", "delta_theta", "c", "c_theory"])
            XCTAssertEqual(row["c"] as! Double, row["c_theory"] as! Double, accuracy: 0.03, "\(row)")
        }
        XCTAssertEqual(r[8]["c_theory"] as! Double, cos(Double.pi), accuracy: 1e-12, "layer 1, Δθ = π")
    }

    func testMeasureBadInputGetsOneLine() throws {
        for bad in [["--measure", "lines"], ["--measure", "points", "--pairs", "0"], ["--measure", "pairs", "--c0", "1.5"],
                    ["--measure", "points", "--q0", "-1"]] {
            let r = try CLI.run(["simulate"] + bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
        }
    }
}

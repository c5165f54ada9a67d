import Foundation
import XCTest
@testable import meanfield

/// Regression tests for small defects a hostile pass found: repeated options that
/// silently took the last value, bench figures printed as "nan s" or "0x faster", the
/// learning cap's message, `merge` of something that is not a file, and a constant φ
/// said to overflow.
final class HostileMiscTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-misc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(at: folder) }

    func assertRefused(_ args: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(r.stderr.contains(text), "\(args): '\(text)' not in \(r.stderr)", file: file, line: line)
        }
    }

    /// The n shard files of `args`, written into the test's folder.
    func shards(_ args: [String], _ n: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        try (0..<n).map { i in
            let r = try CLI.run(args + ["--shard", "\(i)/\(n)"])
            XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
            let path = folder.appendingPathComponent("\(args[0])-\(i).json").path
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    // MARK: repeated options

    /// A single-valued option given twice, in either spelling, is refused with its name
    /// and both values, on several commands; the last value used to win silently.
    func testRepeatedSingleValuedOptionsAreRefused() throws {
        try assertRefused(["fixed-point", "--sigma-w", "1", "--sigma-w", "2"], ["--sigma-w", "2 times", "'1', '2'"])
        try assertRefused(["fixed-point", "--sigma-w=1", "--sigma-w", "2"], ["--sigma-w", "'1', '2'"])
        try assertRefused(["fixed-point", "--format", "json", "--sigma-b", "0.1", "--format=csv"], ["--format", "'json', 'csv'"])
        try assertRefused(["reproduce", "--figures", "fig6", "--figures", "fig7"], ["--figures", "'fig6', 'fig7'"])
        try assertRefused(["phase-diagram", "--sigma-w", "1:5:3", "--sigma-b", "0:1:2", "--sigma-w=1:2:3"], ["--sigma-w"])
        try assertRefused(["simulate", "--width", "20", "--depth", "2", "--width", "30"], ["--width", "'20', '30'"])
        try assertRefused(["boundary", "--sigma-b", "0:1:3", "--shard", "0/2", "--shard", "1/2"], ["--shard"])
        // Three times, and the first repeated option in the order typed is named.
        try assertRefused(["curvature", "--depth", "2", "--phi", "erf", "--depth", "3", "--phi", "tanh", "--depth", "4"],
                          ["--depth is given 3 times ('2', '3', '4')"])
    }

    /// Values that look like option names, options given once, and the positional shard
    /// files of `merge` (an argument meant to repeat) are not repeats.
    func testOptionsGivenOnceAndRepeatingArgumentsPass() throws {
        let once = try CLI.run(["fixed-point", "--phi=-x*0+tanh(x)", "--sigma-w=1.5", "--sigma-b", "0.1", "--format", "csv"])
        XCTAssertEqual(once.status, 0, once.stderr)
        let same = try CLI.run(["fixed-point", "--format=csv", "--sigma-b=0.1", "--sigma-w", "1.5", "--phi=-x*0+tanh(x)"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stdout, once.stdout)
        // `--` ends the options: what follows is positional, however often it repeats.
        let args = ["boundary", "--sigma-b", "0:1:3"]
        let paths = try shards(args, 2)
        let merged = try CLI.run(["merge", "--format", "csv", "--", paths[0], paths[1]])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, try CLI.run(args + ["--format", "csv"]).stdout)
    }

    // MARK: bench figures

    /// A peer figure that is missing, null, not a number or not positive prints as
    /// "n/a (why)"; a present one as a ratio with a nonzero digit either way.
    func testBenchRatiosNeverPrintNanOrZero() {
        XCTAssertEqual(BenchCommand.speedup(.value(10), 2), "5.0x faster")
        XCTAssertEqual(BenchCommand.speedup(.value(1), 4), "4.0x slower")
        XCTAssertEqual(BenchCommand.speedup(.value(2000), 1), "2000x faster")
        // 0.3 s against our 1 s once printed "0x faster".
        XCTAssertEqual(BenchCommand.speedup(.value(0.3), 1), "3.3x slower")
        XCTAssertEqual(BenchCommand.speedup(.missing("it exited with status 1"), 1), "n/a")
        XCTAssertTrue(BenchCommand.speedup(.value(0), 1).hasPrefix("n/a ("))
        XCTAssertTrue(BenchCommand.speedup(.value(1), 0).hasPrefix("n/a ("))
        XCTAssertEqual(PeerFigure.missing("no x in its output").text("%.2f s"), "n/a (no x in its output)")
        XCTAssertEqual(PeerFigure.value(1.234).text("%.2f s"), "1.23 s")
    }

    /// A timed run that throws ends the bench with its name and reason (status 1); it
    /// used to be timed through `try?`, so a failure looked like a fast run.
    func testAFailedBenchRunIsReportedNotTimed() throws {
        let bench = try BenchCommand.parse(["--repeats", "2"])
        var calls = 0
        XCTAssertThrowsError(try bench.time(bench.repeats, "simulate paper-scale") {
            calls += 1
            throw UsageError("width must be >= 2, got 1")
        }) { error in
            XCTAssertEqual("\(error)", "bench: simulate paper-scale failed: width must be >= 2, got 1")
            XCTAssertEqual((error as? BenchFailure)?.exitStatus, 1)
        }
        XCTAssertEqual(calls, 1, "no further repeat after a failure")
        XCTAssertGreaterThanOrEqual(try bench.time(2, "nothing") {}, 0)
    }

    /// What an incomplete or failed peer printed: every figure it lacks says why.
    func testIncompletePeerOutputSaysWhy() {
        let partial = PeerOutput(status: 0, stdout: Data("""
            progress line
            {"cases": {"tanh_deg25": {"grid41_vmap_jit_compile_s": 3.5, "max_abs_err_c_over_layers": null}}, "t": "x"}
            """.utf8))
        XCTAssertNil(partial.failure)
        XCTAssertEqual(partial.number("cases", "tanh_deg25", "grid41_vmap_jit_compile_s"), .value(3.5))
        XCTAssertEqual(partial.number("cases", "tanh_deg25", "grid41_vmap_jit_call_s"),
                       .missing("no cases.tanh_deg25.grid41_vmap_jit_call_s in its output"))
        XCTAssertEqual(partial.number("cases", "tanh_deg25", "max_abs_err_c_over_layers"),
                       .missing("no cases.tanh_deg25.max_abs_err_c_over_layers in its output"))
        XCTAssertEqual(partial.number("t"), .missing("t is not a finite number in its output"))
        let failed = PeerOutput(status: 1, stdout: Data("Traceback (most recent call last):\n".utf8))
        XCTAssertEqual(failed.number("grid41_total_s_estimate"),
                       .missing("it exited with status 1 and its last line is not JSON"))
        let cut = PeerOutput(status: 0, stdout: Data("{\"subset9x9_per_point_ms\": {\"total\": 12".utf8))
        XCTAssertEqual(cut.number("subset9x9_per_point_ms", "total"), .missing("its last line is not JSON"))
        let silent = PeerOutput(status: 0, stdout: Data())
        XCTAssertEqual(silent.number("total"), .missing("it printed nothing"))
    }

    // MARK: learning cap

    /// The cap's message gives the request's own size, then the cap. Layers 5 of hidden
    /// width 8192 between 3 inputs and 3 outputs: 3·8192 + 8192² + 8192² + 8192·3 =
    /// 134266880 weights, 8 bytes each = 1.07 GB.
    func testLearningCapSaysTheRequestsSizeAndTheCap() throws {
        XCTAssertEqual(3 * 8192 + 8192 * 8192 * 2 + 8192 * 3, 134_266_880)
        try assertRefused(["learning", "--layers", "5", "--hidden", "8192", "--data", "modes", "--singular-values", "3,2,1",
                           "--epochs", "1", "--learning-rate", "0.01"],
                          ["needs 134266880 weights (1.07 GB); the cap is 1e8 weights (0.8 GB)"])
    }

    // MARK: merge of what is not a file

    func testMergeOfWhatIsNotARegularFileSaysSo() throws {
        try assertRefused(["merge", "/dev/null"], ["/dev/null is not a regular file (it is a character device)"])
        let fifo = folder.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try assertRefused(["merge", fifo], ["is not a regular file (it is a fifo)"])
        try assertRefused(["merge", folder.path], ["is a folder"])
        try assertRefused(["merge", folder.appendingPathComponent("absent.json").path], ["absent.json: no such file"])
    }

    // MARK: constant φ

    /// φ constant (here '0*x+1' and '1'): χ1 = σw² E[φ′²] = 0, V(q) = σw² + σb², so
    /// q* = σw² + σb² = 6.34 at σw = 2.5, σb = 0.3. Layer 1 is the input circle of
    /// squared radius q*: ḡ^E = q*, κ̄² = 1/q*, ḡ^G = 1, L^E/√N = 2π√q*, L^G = 2π; from
    /// layer 2 on the image is a point: ḡ^E = L^E = 0 and the curvature quantities null.
    /// Both used to be refused as an overflow.
    func testConstantPhiCurvatureIsAPointWithNullCurvature() throws {
        let q = 2.5 * 2.5 + 0.3 * 0.3
        for phi in ["0*x+1", "1"] {
            let doc = try CLI.json(["curvature", "--phi", phi, "--depth", "3"])
            let layers = try XCTUnwrap(doc["layers"] as? [[String: Any]])
            XCTAssertEqual(layers.count, 3)
            let first = layers[0]
            XCTAssertEqual(first["g_e"] as? Double ?? .nan, q, accuracy: 1e-14 * q)
            XCTAssertEqual(first["kappa2"] as? Double ?? .nan, 1 / q, accuracy: 1e-14 / q)
            XCTAssertEqual(first["g_g"] as? Double ?? .nan, 1, accuracy: 1e-14)
            XCTAssertEqual(first["length_e_over_sqrt_n"] as? Double ?? .nan, 2 * .pi * q.squareRoot(), accuracy: 1e-13)
            XCTAssertEqual(first["length_g"] as? Double ?? .nan, 2 * .pi, accuracy: 1e-13)
            for layer in layers.dropFirst() {
                XCTAssertEqual(layer["g_e"] as? Double, 0, "\(phi): \(layer)")
                XCTAssertEqual(layer["length_e_over_sqrt_n"] as? Double, 0, "\(phi): \(layer)")
                for key in ["kappa2", "g_g", "length_g"] { XCTAssertTrue(layer[key] is NSNull, "\(phi) \(key): \(layer)") }
            }
        }
        // σw = 0 maps the circle to the point b as well; σw = 1e-200 does not (only σw²
        // underflows), and its κ̄² ~ 1/χ1 overflows as before.
        let zero = try CLI.json(["curvature", "--sigma-w", "0", "--depth", "2"])
        let second = try XCTUnwrap((zero["layers"] as? [[String: Any]])?.last)
        XCTAssertEqual(second["g_e"] as? Double, 0)
        XCTAssertTrue(second["kappa2"] is NSNull, "\(second)")
        try assertRefused(["curvature", "--sigma-w", "1e-200", "--depth", "2"], ["overflows"])
    }

    /// The simulation of a constant φ: the network maps the whole circle to one point at
    /// layer 2, so its measured speed is exactly 0 and its curvature null, beside the
    /// same theory; a sharded run merges to the same bytes.
    func testConstantPhiSimulationIsAPointWithNullCurvature() throws {
        let args = ["simulate", "--phi", "0*x+1", "--width", "20", "--depth", "3", "--points", "8", "--networks", "2"]
        let doc = try CLI.json(args)
        let layers = try XCTUnwrap(doc["layers"] as? [[String: Any]])
        XCTAssertEqual(layers.count, 3)
        XCTAssertEqual(layers[0]["kappa2"] as? Double ?? .nan, 1 / 6.34, accuracy: 1e-12)
        for layer in layers.dropFirst() {
            for key in ["g_e", "g_e_theory", "length_e_over_sqrt_n", "length_e_over_sqrt_n_theory"] {
                XCTAssertEqual(layer[key] as? Double, 0, "\(key): \(layer)")
            }
            for key in ["kappa2", "kappa2_theory", "kappa2_stderr", "length_g", "length_g_theory", "length_g_stderr"] {
                XCTAssertTrue(layer[key] is NSNull, "\(key): \(layer)")
            }
            XCTAssertNotNil(layer["q"] as? Double, "\(layer)")
        }
        let whole = try CLI.run(args)
        let merged = try CLI.run(["merge"] + (try shards(args, 2)))
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, whole.stdout)
    }
}

import Foundation
import XCTest

/// The theory commands at the edges of their domains: closed forms where quadrature
/// cannot go, bounded work, one-line refusals (exit 2) instead of traps and hangs.
final class TheoryRobustnessCLITests: XCTestCase {
    /// `qmap --phi sin --q 1e50` trapped (SIGILL) and `--q 1e20` hung:
    /// V = σw²(1 − e^{−2q})/2 + σb² = 2.5²/2 + 0.3² = 3.215.
    func testSinAtHugeQ() throws {
        let j = try CLI.json(["qmap", "--phi", "sin", "--q", "1e20:1e50:2"])
        for row in j["rows"] as! [[String: Any]] {
            XCTAssertEqual(row["q_out"] as! Double, 3.215, accuracy: 1e-14)
        }
        let f = try CLI.json(["fixed-point", "--phi", "sin", "--sigma-w", "1000"])
        XCTAssertEqual(f["q_star"] as! Double, 500_000.09, accuracy: 1e-8)
    }

    /// The formula sin(x) has no closed form: bounded work, an honest error, a one-line refusal.
    func testOscillatingFormulaIsBounded() throws {
        let j = try CLI.json(["qmap", "--phi", "sin(x)", "--q", "1e50"])
        let row = (j["rows"] as! [[String: Any]])[0]
        XCTAssertGreaterThanOrEqual(row["q_out_error"] as! Double, abs(row["q_out"] as! Double - 3.215))
        let r = try CLI.run(["fixed-point", "--phi", "sin(x)", "--sigma-w", "1000"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
    }

    func testExpressivityWidthsCannotTrap() throws {
        let r = try CLI.run(["expressivity", "--widths", "2:1e300:3"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
    }

    /// σb = 2.5e11 has its boundary at σw ≈ 6.9e5; where none exists, null and one note line.
    func testBoundaryFarOutAndItsNote() throws {
        let j = try CLI.json(["boundary", "--sigma-b", "2.5e11"])
        let w = (j["rows"] as! [[String: Any]])[0]["sigma_w_critical"] as? Double
        XCTAssertEqual(w ?? 0, 685_560.2, accuracy: 0.1)
        let r = try CLI.run(["boundary", "--phi", "x*1e200", "--sigma-b", "0.5", "--format", "json"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("\"sigma_w_critical\":null"), r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: "), r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
    }

    /// `iterate` on a σw × σb grid: each grid point's rows are exactly the single-value run's layers.
    func testIterateGridPointEqualsTheSingleValueRun() throws {
        let grid = try CLI.json(["iterate", "--phi", "erf", "--sigma-w", "1:2:3", "--sigma-b", "0:0.4:2",
                                 "--depth", "6", "--c0", "0.3"])
        let rows = grid["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 3 * 2 * 6)
        let single = try CLI.json(["iterate", "--phi", "erf", "--sigma-w", "1.5", "--sigma-b", "0.4",
                                   "--depth", "6", "--c0", "0.3"])
        XCTAssertEqual(single["sigma_w"] as? Double, 1.5)
        let layers = single["layers"] as! [[String: Any]]
        let point = rows.filter { $0["sigma_w"] as? Double == 1.5 && $0["sigma_b"] as? Double == 0.4 }
        XCTAssertEqual(point.count, 6)
        for (a, b) in zip(point, layers) {
            XCTAssertEqual(a["layer"] as? Int, b["layer"] as? Int)
            XCTAssertEqual(a["q"] as? Double, b["q"] as? Double)
            XCTAssertEqual(a["c"] as? Double, b["c"] as? Double)
        }
    }

    /// Grids too large for memory are refused up front in one line naming both flags
    /// (phase-diagram aborted with "failed to allocate 144000000000 bytes").
    func testHugeGridsAreRefusedUpFront() throws {
        for args in [["phase-diagram", "--sigma-w", "1:5:30000", "--sigma-b", "0:4:30000"],
                     ["iterate", "--sigma-w", "1:5:30000", "--sigma-b", "0:4:30000", "--depth", "100"]] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 2, args.joined(separator: " "))
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("--sigma-w") && r.stderr.contains("--sigma-b"), r.stderr)
            XCTAssertEqual(r.stdout, "")
        }
    }
}

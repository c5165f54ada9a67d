import Foundation
import XCTest

/// `boundary` on the stable branch and `critical` (SPEC §10.1–10.2), end to end.
final class BoundaryCLITests: XCTestCase {
    func rows(_ j: [String: Any]) -> [[String: Any]] { j["rows"] as? [[String: Any]] ?? [] }

    /// What the previous round's binary printed (`Fixtures/baseline/make_baseline_boundary.py`,
    /// binary built at 223bfac), by command line.
    static let baseline: [String: String] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/baseline/boundary_baseline.json"),
              let data = try? Data(contentsOf: url),
              let runs = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [:] }
        return runs.compactMapValues { $0["stdout"] as? String }
    }()

    /// The printed text of every `"sigma_w_critical":` value, in order.
    static func criticalTokens(_ json: String) -> [String] {
        json.components(separatedBy: "\"sigma_w_critical\":").dropFirst().map { part in
            String(part.prefix { $0 != "," && $0 != "}" })
        }
    }

    /// tanh, erf, sigmoid, hardtanh (one fixed point at every σw): sigma_w_critical is the
    /// same text as before, to the last digit, and there is no saddle-node.
    func testUniqueFixedPointBoundaryPrintsAsBefore() throws {
        XCTAssertEqual(Self.baseline.count, 6, "the baseline fixtures were read")
        for (command, before) in Self.baseline {
            let r = try CLI.run(command.split(separator: " ").map(String.init))
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr, "", command)
            let old = Self.criticalTokens(before), new = Self.criticalTokens(r.stdout)
            XCTAssertGreaterThan(old.count, 2, command)
            XCTAssertEqual(new, old, command)
            XCTAssertEqual(r.stdout.components(separatedBy: "\"sigma_w_saddle_node\":null").count - 1, old.count, command)
        }
    }

    /// silu at σb = 0.2: no stable edge of chaos. sigma_w_critical is null, the saddle-node
    /// is σw = 1.71471 (mpmath, Tests/MeanFieldTheoryTests/Fixtures/make_stable_branch_reference.py),
    /// and one note names both σw values (the saddle-node and χ1 = 1 on the unstable branch,
    /// 1.67953).
    func testSiluBoundaryIsTheSaddleNodeWithOneNote() throws {
        let r = try CLI.run(["boundary", "--phi", "silu", "--sigma-b", "0.2", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let row = try XCTUnwrap(rows(j).first)
        XCTAssertTrue(row["sigma_w_critical"] is NSNull)
        XCTAssertEqual(try XCTUnwrap(row["sigma_w_saddle_node"] as? Double), 1.7147140621595558, accuracy: 1e-12)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: no stable edge of chaos for phi=silu"), r.stderr)
        XCTAssertTrue(r.stderr.contains("sigma-w=1.71471406215955"), r.stderr)
        XCTAssertTrue(r.stderr.contains("sigma-w=1.67953160069164"), r.stderr)
    }

    /// At σb = 0 the edge is 1/|φ′(0)| = 2; at σb = 1 silu's edge is on a stable branch
    /// (σw = 1.40251, mpmath), with no saddle-node on the way.
    func testSiluBoundaryAtZeroAndLargeBias() throws {
        let j = try CLI.json(["boundary", "--phi", "silu", "--sigma-b", "0:1:2"])
        let r = rows(j)
        XCTAssertEqual(r[0]["sigma_w_critical"] as? Double, 2)
        XCTAssertTrue(r[0]["sigma_w_saddle_node"] is NSNull)
        XCTAssertEqual(try XCTUnwrap(r[1]["sigma_w_critical"] as? Double), 1.4025124179786508, accuracy: 1e-12)
        XCTAssertTrue(r[1]["sigma_w_saddle_node"] is NSNull)
    }

    /// q* = 1/16 for silu: σw = 1.94362, σb = 0.0290345, χ_q = 1.02656, unstable (mpmath);
    /// tanh's the same q* is stable. The range form gives one row per q*.
    func testCriticalByFixedPoint() throws {
        let silu = try CLI.json(["critical", "--phi", "silu", "--q-star", "0.0625"])
        XCTAssertEqual(silu["phi"] as? String, "silu")
        let s = try XCTUnwrap(rows(silu).first)
        XCTAssertEqual(Set(s.keys), ["q_star", "sigma_w", "sigma_b", "chi_q", "stable"])
        XCTAssertEqual(try XCTUnwrap(s["sigma_w"] as? Double), 1.9436203358494242, accuracy: 1e-13)
        XCTAssertEqual(try XCTUnwrap(s["sigma_b"] as? Double), 0.029034458650371808, accuracy: 1e-13)
        XCTAssertEqual(try XCTUnwrap(s["chi_q"] as? Double), 1.0265608856805706, accuracy: 1e-13)
        XCTAssertEqual(s["stable"] as? Bool, false)
        let tanh = try CLI.json(["critical", "--phi", "tanh", "--q-star", "0.0625:2:3"])
        XCTAssertEqual(rows(tanh).count, 3)
        XCTAssertEqual(rows(tanh).map { $0["stable"] as? Bool }, [true, true, true])
        XCTAssertEqual(try XCTUnwrap(rows(tanh)[0]["sigma_w"] as? Double), 1.0561158195779483, accuracy: 1e-13)
    }

    /// sigmoid at q* = 1: σb² = 1 − σw²E[σ(z)²] < 0 (φ(0) = 1/2 carries too much length):
    /// sigma_b null and one note; all three formats.
    func testCriticalUnrealisablePointIsNullWithANote() throws {
        for format in ["gnuplot", "csv", "json"] {
            let r = try CLI.run(["critical", "--phi", "sigmoid", "--q-star", "1", "--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: sigma_b is null"), r.stderr)
            XCTAssertFalse(r.stdout.lowercased().contains("nan"), r.stdout)
            switch format {
            case "json": XCTAssertTrue(r.stdout.contains("\"sigma_b\":null"), r.stdout)
            case "csv": XCTAssertTrue(r.stdout.contains("1,4.72"), r.stdout)
            default: XCTAssertTrue(r.stdout.hasPrefix("# "), r.stdout)
            }
        }
    }

    func testCriticalRefusesBadInputInOneLine() throws {
        let cases: [([String], String)] = [
            (["--q-star", "-1"], "--q-star values must lie in"),
            (["--q-star", "abc"], "--q-star 'abc'"),
            (["--q-star", "1:2:0"], "--q-star '1:2:0'"),
            (["--q-star", "1e300"], "--q-star values must lie in"),
            (["--phi", "nope"], "--phi"),
        ]
        for (args, text) in cases {
            let r = try CLI.run(["critical"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: " + text), "\(args): \(r.stderr)")
        }
    }
}

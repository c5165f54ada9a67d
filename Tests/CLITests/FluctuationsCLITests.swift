import Foundation
import XCTest

/// `meanfield fluctuations` through the binary: the CLI.md keys, theory alone with
/// --networks 0, all three formats, the same bytes for a seed, and one-line refusals.
final class FluctuationsCLITests: XCTestCase {
    let small = ["fluctuations", "--depth", "3", "--width", "12", "--networks", "40"]
    static let keys = ["layer", "q", "q_var_theory", "q_var", "q_var_stderr", "log_gain_var_theory", "log_gain_var",
                       "log_gain_var_stderr", "log_gain_mean_theory", "log_gain_mean", "log_gain_mean_stderr",
                       "c", "c_var_theory", "c_var", "c_var_stderr"]

    func testJsonHasTheContractKeys() throws {
        let j = try CLI.json(small + ["--weights", "orthogonal", "--q0", "0.5"])
        let layers = j["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 3)
        for row in layers { XCTAssertEqual(Set(row.keys), Set(Self.keys)) }
        for key in Self.keys { XCTAssertFalse(layers[2][key] is NSNull, key) }
        // Layer 1: q^1 = σw² q0 + σb² and J^1 = I.
        XCTAssertEqual(layers[0]["q"] as! Double, 2.5 * 2.5 * 0.5 + 0.3 * 0.3, accuracy: 1e-14)
        XCTAssertEqual(layers[0]["log_gain_mean"] as! Double, 0)
        XCTAssertEqual(j["weights"] as? String, "orthogonal")
        XCTAssertEqual(j["networks"] as? Int, 40)
    }

    func testTheoryAloneHasNullSimulatedKeys() throws {
        let j = try CLI.json(["fluctuations", "--depth", "4", "--networks", "0"])
        let layers = j["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 4)
        for row in layers {
            for key in ["q_var", "q_var_stderr", "log_gain_var", "log_gain_var_stderr", "log_gain_mean", "log_gain_mean_stderr",
                        "c_var", "c_var_stderr"] {
                XCTAssertTrue(row[key] is NSNull, key)
            }
            XCTAssertTrue(row["q_var_theory"] is Double)
            XCTAssertTrue(row["c_var_theory"] is Double)
        }
    }

    func testEveryFormatAndTheSameBytesForASeed() throws {
        for format in ["gnuplot", "csv", "json"] {
            let a = try CLI.run(small + ["--format", format, "--seed", "3"])
            let b = try CLI.run(small + ["--format", format, "--seed", "3"])
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(a.stdout, b.stdout)
            XCTAssertFalse(a.stdout.lowercased().contains("nan"))
        }
        let csv = try CLI.run(small + ["--format", "csv"]).stdout
        XCTAssertTrue(csv.contains(Self.keys.joined(separator: ",")))
        let other = try CLI.run(small + ["--format", "csv", "--seed", "4"]).stdout
        XCTAssertNotEqual(csv, other)
    }

    func testFullPathIsTheReferenceOfTheSameTheory() throws {
        let fast = try CLI.json(small + ["--path", "projected"]), full = try CLI.json(small + ["--path", "full"])
        let a = (fast["layers"] as! [[String: Any]])[2], b = (full["layers"] as! [[String: Any]])[2]
        XCTAssertEqual(a["q_var_theory"] as! Double, b["q_var_theory"] as! Double)
        XCTAssertNotEqual(a["q_var"] as! Double, b["q_var"] as! Double)
        XCTAssertEqual(full["path"] as? String, "full")
    }

    /// relu at N = 2 switches every unit of a layer off in some networks: J u = 0 there,
    /// so the simulated log-gain statistics are null (never -inf or NaN), with one note.
    func testDeadLayersGiveNullLogGainsAndANote() throws {
        let r = try CLI.run(["fluctuations", "--phi", "relu", "--width", "2", "--depth", "4", "--networks", "50", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: "), r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let last = (j["layers"] as! [[String: Any]])[3]
        XCTAssertTrue(last["log_gain_mean"] is NSNull)
        XCTAssertTrue(last["q_var"] is Double)
    }

    /// --c0 sets c^1 (here with a bias, so the inputs' own correlation differs from it):
    /// layer 1's ĉ is the sample correlation of N bivariate normal pairs, whose variance is
    /// (1 − c²)²/N at order 1/N; the run echoes c0.
    func testC0SetsTheFirstLayersCorrelation() throws {
        let j = try CLI.json(["fluctuations", "--depth", "2", "--width", "40", "--networks", "0", "--c0", "-0.3"])
        let first = (j["layers"] as! [[String: Any]])[0]
        XCTAssertEqual(first["c"] as! Double, -0.3, accuracy: 1e-15)
        XCTAssertEqual(first["c_var_theory"] as! Double, 0.91 * 0.91 / 40, accuracy: 1e-15)
        XCTAssertEqual(j["c0"] as? Double, -0.3)
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        let cases: [([String], String)] = [
            (["--width", "1"], "--width"),
            (["--networks", "2000000000"], "--networks"),
            (["--width", "1048576", "--networks", "200000000", "--depth", "1000"], "--networks"),
            (["--width", "1048576", "--path", "full", "--networks", "1", "--depth", "1"], "--width"),
            (["--phi", "exp(x^2)"], "--phi"),
            (["--q0", "-1"], "--q0"),
            (["--q0", "0", "--sigma-b", "0"], "--q0"),
            (["--sigma-w", "0"], "--sigma-w"),
            (["--c0", "1.5"], "--c0"),
            (["--c0", "nan"], "--c0"),
            (["--sigma-w", "1", "--sigma-b", "1", "--c0", "-0.5"], "--c0"),
        ]
        for (args, flag) in cases {
            let r = try CLI.run(["fluctuations"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr)
            XCTAssertTrue(r.stderr.contains(flag), "\(args): \(r.stderr)")
        }
    }
}

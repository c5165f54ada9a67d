import Foundation
import XCTest

/// Runs the built `meanfield` binary and checks stdout, stderr and the exit status.
final class CLITests: XCTestCase {
    typealias Run = CLI.Run

    func run(_ args: [String], environment: [String: String] = [:]) throws -> Run {
        try CLI.run(args, environment: environment)
    }

    func json(_ args: String...) throws -> [String: Any] { try CLI.json(args) }

    func testFixedPointJsonHasTheContractKeys() throws {
        let j = try json("fixed-point", "--phi", "tanh", "--sigma-w", "2.5", "--sigma-b", "0.3")
        for key in ["phi", "sigma_w", "sigma_b", "q_star", "chi1", "chi2", "c_star", "chi_c", "chi_q",
                    "xi_q", "xi_c", "phase"] {
            XCTAssertNotNil(j[key], key)
        }
        XCTAssertEqual(j["phase"] as? String, "chaotic")
        XCTAssertEqual(j["phi"] as? String, "tanh")
        XCTAssertEqual(j["sigma_w"] as? Double, 2.5)
    }

    func testMissingValuesAreNullNotNaN() throws {
        let relu = try json("fixed-point", "--phi", "relu", "--sigma-w", "1.2", "--sigma-b", "0.3")
        XCTAssertTrue(relu["chi2"] is NSNull, "χ2 of relu does not exist")
        let edge = try json("fixed-point", "--sigma-w", "1", "--sigma-b", "0")
        XCTAssertEqual(edge["phase"] as? String, "critical")
        XCTAssertTrue(edge["xi_c"] is NSNull, "ξ_c is infinite at criticality")
        let curvature = try run(["curvature", "--phi", "relu", "--sigma-w", "1.2", "--depth", "3"])
        XCTAssertEqual(curvature.status, 0)
        XCTAssertFalse(curvature.stdout.lowercased().contains("nan"))
        XCTAssertFalse(curvature.stdout.lowercased().contains("inf"))
    }

    func testMapsAndRecursionsJson() throws {
        let q = try json("qmap", "--q", "0:15:4")
        let rows = q["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[0]["q_in"] as? Double, 0)
        XCTAssertEqual(rows[3]["q_in"] as? Double, 15)
        XCTAssertEqual(rows[0]["q_out"] as! Double, 0.09, accuracy: 1e-15, "V(0) = σb²")

        let c = try json("cmap", "--c", "-1:1:5")
        XCTAssertNotNil(c["q_star"] as? Double)
        let crows = c["rows"] as! [[String: Any]]
        XCTAssertEqual(crows.count, 5)
        XCTAssertEqual(crows[4]["c_out"] as! Double, 1, accuracy: 1e-14)

        let it = try json("iterate", "--depth", "5", "--q0", "3", "--c0", "0.5")
        let layers = it["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 5)
        XCTAssertEqual(layers[0]["layer"] as? Int, 1)
        XCTAssertEqual(layers[0]["q"] as? Double, 3)
        XCTAssertEqual(layers[0]["c"] as? Double, 0.5)

        let cu = try json("curvature", "--depth", "4")
        let cl = cu["layers"] as! [[String: Any]]
        XCTAssertEqual(cl.count, 4)
        for key in ["layer", "g_e", "kappa2", "g_g", "length_e_over_sqrt_n", "length_g"] {
            XCTAssertNotNil(cl[0][key], key)
        }
    }

    func testPhaseDiagramAndBoundaryJson() throws {
        let pd = try json("phase-diagram", "--sigma-w", "1:3:3", "--sigma-b", "0:1:2")
        let rows = pd["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 6)
        for key in ["sigma_w", "sigma_b", "q_star", "chi1", "chi2", "c_star", "chi_c", "xi_q", "xi_c",
                    "convergence_time"] {
            XCTAssertNotNil(rows[0][key], key)
        }
        let b = try json("boundary", "--sigma-b", "0:2:3")
        let brows = b["rows"] as! [[String: Any]]
        XCTAssertEqual(brows.count, 3)
        XCTAssertEqual(brows[0]["sigma_w_critical"] as! Double, 1, accuracy: 1e-12)
    }

    func testEverySubcommandInEveryFormat() throws {
        let commands: [[String]] = [
            ["fixed-point"], ["qmap", "--q", "0:2:3"], ["cmap", "--c", "0:1:3"], ["iterate", "--depth", "3"],
            ["curvature", "--depth", "3"], ["phase-diagram", "--sigma-w", "1:2:2", "--sigma-b", "0:1:2"],
            ["boundary", "--sigma-b", "0:1:2"],
        ]
        for c in commands {
            for format in ["gnuplot", "csv", "json"] {
                let r = try run(c + ["--format", format])
                XCTAssertEqual(r.status, 0, "\(c) \(format): \(r.stderr)")
                XCTAssertFalse(r.stdout.lowercased().contains("nan"), "\(c) \(format)")
                switch format {
                case "json": XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)))
                case "csv": XCTAssertFalse(r.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.isEmpty)
                default: XCTAssertTrue(r.stdout.hasPrefix("# "), "gnuplot header")
                }
            }
        }
        // Default format is gnuplot; grid rows are separated by one blank line.
        let pd = try run(["phase-diagram", "--sigma-w", "1:2:2", "--sigma-b", "0:1:2", "--no-convergence-time"])
        XCTAssertTrue(pd.stdout.contains("\n\n"), pd.stdout)
        XCTAssertFalse(pd.stdout.contains("\n\n\n"))
    }

    func testBadInputGetsOneLineAndStatusTwo() throws {
        let cases: [[String]] = [
            ["fixed-point", "--phi", "nope"],
            ["fixed-point", "--sigma-w", "abc"],
            ["fixed-point", "--sigma-w=-1"],
            ["fixed-point", "--sigma-b=-0.5"],
            ["fixed-point", "--sigma-w", "nan"],
            ["qmap", "--q", "0:15"],
            ["qmap", "--q", "0:15:0"],
            ["qmap", "--q", "a:b:c"],
            ["qmap", "--q=-1:2:3"],
            ["cmap", "--c", "0:2:3"],
            ["iterate", "--depth", "0"],
            ["curvature", "--depth", "-3"],
            ["iterate", "--phi", "relu", "--sigma-w", "1.5", "--sigma-b", "0.3"],
            ["iterate", "--phi", "relu", "--sigma-w", "1.5", "--sigma-b", "0"],
            ["fixed-point", "--phi", "linear", "--sigma-w", "1", "--sigma-b", "0"],
            ["fixed-point", "--sigma-w", "1e200"],
            ["fixed-point", "--format", "xml"],
            ["no-such-command"],
        ]
        for c in cases {
            let r = try run(c)
            XCTAssertEqual(r.status, 2, "\(c): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(c)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(c): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), "\(c): \(r.stderr)")
        }
        // The message names the flag and what is accepted.
        let phi = try run(["fixed-point", "--phi", "nope"])
        XCTAssertTrue(phi.stderr.contains("--phi") && phi.stderr.contains("tanh") && phi.stderr.contains("hardtanh"))
        let range = try run(["qmap", "--q", "0:15"])
        XCTAssertTrue(range.stderr.contains("--q") && range.stderr.contains("START:STOP:COUNT"), range.stderr)
        let relu = try run(["fixed-point", "--phi", "relu", "--sigma-w", "1.5", "--sigma-b", "0.3"])
        XCTAssertTrue(relu.stderr.contains("diverges"), relu.stderr)
    }

    func testSimulateJsonHasEverySimulatedColumnBesideTheoryAndStderr() throws {
        let j = try json("simulate", "--width", "60", "--depth", "3", "--points", "8", "--networks", "2", "--seed", "1")
        let layers = j["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 3)
        for key in ["layer", "q", "q_theory", "g_e", "g_e_theory", "kappa2", "kappa2_theory", "length_e_over_sqrt_n",
                    "length_e_over_sqrt_n_theory", "length_g", "length_g_theory", "q_stderr", "g_e_stderr",
                    "kappa2_stderr", "length_e_over_sqrt_n_stderr", "length_g_stderr"] {
            XCTAssertNotNil(layers[1][key], key)
        }
        // Same seed, same bytes; another seed, other numbers.
        let args = ["simulate", "--width", "40", "--depth", "3", "--points", "6", "--networks", "2", "--format", "csv"]
        let a = try run(args + ["--seed", "9"]), b = try run(args + ["--seed", "9"]), c = try run(args + ["--seed", "10"])
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertNotEqual(a.stdout, c.stdout)
        // Whatever the number of BLAS threads.
        let single = try run(args + ["--seed", "9"], environment: ["OPENBLAS_NUM_THREADS": "1"])
        XCTAssertEqual(single.stdout, a.stdout)
        let orthogonal = try run(args + ["--weights", "orthogonal"])
        XCTAssertEqual(orthogonal.status, 0, orthogonal.stderr)
    }

    func testSimulateBadInputGetsOneLineAndStatusTwo() throws {
        for bad in [["--width", "1"], ["--points", "1"], ["--depth", "0"], ["--networks", "0"], ["--seed", "abc"],
                    ["--seed", "-3"], ["--weights", "uniform"], ["--width", "5000000"]] {
            let r = try run(["simulate"] + bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
        }
        let w = try run(["simulate", "--weights", "uniform"])
        XCTAssertTrue(w.stderr.contains("gaussian") && w.stderr.contains("orthogonal"), w.stderr)
    }

    func testBoundaryCurvatureAndExpressivityJson() throws {
        let b = try json("boundary-curvature", "--width", "40", "--depth", "4", "--points", "2")
        let layers = b["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 5, "layers 0…4")
        for key in ["layer", "kappa_max", "kappa_min", "kappa_abs_mean"] { XCTAssertNotNil(layers[0][key], key) }
        XCTAssertEqual((layers[0]["kappa_top"] as! [Double]).count, 4)
        XCTAssertEqual((layers[0]["kappa_bottom"] as! [Double]).count, 4)
        let e = try json("expressivity", "--width", "60", "--depth", "3", "--widths", "20:80:3", "--points", "64")
        let deep = e["deep"] as! [[String: Any]], shallow = e["shallow"] as! [[String: Any]]
        XCTAssertEqual(deep.count, 3)
        XCTAssertEqual(Set(deep[0].keys), ["depth", "width", "length_e"])
        XCTAssertEqual(shallow.map { $0["width"] as! Int }, [20, 40, 80])
        XCTAssertEqual(Set(shallow[0].keys), ["width", "length_e", "bound"])
        XCTAssertEqual(shallow[0]["bound"] as! Double, 20 * 3 * 2)
        for bad in [["boundary-curvature", "--width", "1"], ["boundary-curvature", "--points", "0"],
                    ["expressivity", "--depth", "0"], ["expressivity", "--widths", "1:5:3"]] {
            let r = try run(bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(bad): \(r.stderr)")
        }
    }

    func testHelpExitsZero() throws {
        let r = try run(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("phase-diagram"))
    }
}

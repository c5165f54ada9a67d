import Foundation
import XCTest

/// `meanfield spectrum` and `fixed-point`'s ξ_∇ through the binary: the CLI.md keys in
/// every format, theory alone with --networks 0, and one-line refusals.
final class SpectrumCLITests: XCTestCase {
    let small = ["spectrum", "--depth", "4", "--width", "40", "--networks", "2", "--lambda", "0:3:7"]

    func testJsonHasTheContractKeys() throws {
        let j = try CLI.json(small + ["--weights", "orthogonal"])
        for key in ["phi", "sigma_w", "sigma_b", "depth", "weights", "q_star", "chi1", "mean_theory", "variance_theory",
                    "lambda_max_theory", "mean", "variance", "mean_stderr", "variance_stderr"] {
            XCTAssertNotNil(j[key], key)
            XCTAssertFalse(j[key] is NSNull, key)
        }
        XCTAssertEqual(j["weights"] as? String, "orthogonal")
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 7)
        for key in ["lambda", "density_theory", "density", "density_stderr"] { XCTAssertNotNil(rows[3][key], key) }
        // λ = 0 has no density value (atoms sit there, densities may diverge).
        XCTAssertTrue(rows[0]["density_theory"] is NSNull)
        // The mean is χ1^L exactly.
        let chi1 = j["chi1"] as! Double, mean = j["mean_theory"] as! Double
        XCTAssertEqual(mean, pow(chi1, 4), accuracy: 1e-14 * mean)
    }

    func testTheoryAloneHasNullSimulatedKeys() throws {
        // linear at σw = 1, σb = 0: every q is a fixed point, so q_star is null, with one note.
        let r = try CLI.run(["spectrum", "--phi", "linear", "--sigma-w", "1", "--sigma-b", "0", "--depth", "2",
                             "--networks", "0", "--lambda", "1", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertTrue(j["q_star"] is NSNull)
        XCTAssertTrue(j["mean"] is NSNull)
        XCTAssertTrue(j["variance_stderr"] is NSNull)
        // Fuss–Catalan edge (L+1)^{L+1}/L^L = 6.75 at L = 2.
        XCTAssertEqual(j["lambda_max_theory"] as! Double, 6.75, accuracy: 1e-9)
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertTrue(rows[0]["density"] is NSNull)
        XCTAssertFalse(rows[0]["density_theory"] is NSNull)
    }

    func testEveryFormatAndNoNaN() throws {
        for format in ["gnuplot", "csv", "json"] {
            let r = try CLI.run(small + ["--phi", "hardtanh", "--sigma-w", "1.1", "--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.lowercased().contains("nan"), format)
            XCTAssertFalse(r.stdout.contains("inf"), format)
        }
        let gnuplot = try CLI.run(small)
        XCTAssertTrue(gnuplot.stdout.contains("# lambda_max_theory = "), gnuplot.stdout)
    }

    func testSameSeedSameBytes() throws {
        let a = try CLI.run(small + ["--seed", "3", "--format", "csv"]), b = try CLI.run(small + ["--seed", "3", "--format", "csv"])
        XCTAssertEqual(a.stdout, b.stdout)
        let c = try CLI.run(small + ["--seed", "4", "--format", "csv"])
        XCTAssertNotEqual(a.stdout, c.stdout)
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        let cases: [[String]] = [
            ["spectrum", "--sigma-w", "0"],
            ["spectrum", "--sigma-w=-1"],
            ["spectrum", "--depth", "0"],
            ["spectrum", "--depth", "1000000"],
            ["spectrum", "--networks=-1"],
            ["spectrum", "--width", "1"],
            ["spectrum", "--width", "10000000"],
            ["spectrum", "--lambda", "4:0:5"],
            ["spectrum", "--lambda=-1:2:5"],
            ["spectrum", "--lambda", "1"],
            ["spectrum", "--lambda", "0:4"],
            ["spectrum", "--weights", "uniform"],
            ["spectrum", "--phi", "tanh(", "--depth", "2"],
            ["spectrum", "--phi", "sin", "--sigma-w", "1e80"],
            ["spectrum", "--sigma-w", "1e-300", "--networks", "0"],
            ["spectrum", "--sigma-w", "1e70", "--networks", "0"],
            ["spectrum", "--lambda", "0:4:100001", "--networks", "0"],  // one λ over the limit of 100000
            // No fixed point at all (V(q) = 75q² + 1 > q); at the defaults x² has a stable
            // one near σb² = 1e-4, below an unstable one, and the spectrum exists.
            ["spectrum", "--phi", "x^2", "--sigma-w", "5", "--sigma-b", "1"],
        ]
        for c in cases {
            let r = try CLI.run(c)
            XCTAssertEqual(r.status, 2, "\(c): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(c)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(c): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), "\(c): \(r.stderr)")
        }
        let w = try CLI.run(["spectrum", "--width", "1048576"])
        XCTAssertTrue(w.stderr.contains("--width") && w.stderr.contains("GB"), w.stderr)
    }

    /// ξ_∇ = −1/ln χ1: positive in order, negative in chaos, null at criticality.
    func testFixedPointReportsTheGradientDepthScale() throws {
        // relu has χ1 = σw²/2 exactly (SPEC.md §2): at σw = 1.2, ξ_∇ = −1/ln 0.72.
        let relu = try CLI.json(["fixed-point", "--phi", "relu", "--sigma-w", "1.2", "--sigma-b", "0.3"])
        XCTAssertEqual(relu["xi_grad"] as! Double, -1 / log(0.72), accuracy: 1e-12)
        let chaotic = try CLI.json(["fixed-point", "--sigma-w", "2.5", "--sigma-b", "0.3"])
        XCTAssertLessThan(chaotic["xi_grad"] as! Double, 0)
        let ordered = try CLI.json(["fixed-point", "--sigma-w", "0.5", "--sigma-b", "0.3"])
        XCTAssertGreaterThan(ordered["xi_grad"] as! Double, 0)
        let critical = try CLI.json(["fixed-point", "--sigma-w", "1", "--sigma-b", "0"])
        XCTAssertTrue(critical["xi_grad"] is NSNull)
    }
}

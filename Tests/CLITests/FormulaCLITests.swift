import Foundation
import XCTest

/// `--phi` takes a formula in x on every command that takes `--phi`; JSON echoes the
/// formula; a bad formula is one line naming the column, exit 2.
final class FormulaCLITests: XCTestCase {
    let mish = "x*tanh(log(1+exp(x)))"

    func testEveryCommandTakesAFormulaAndEchoesIt() throws {
        let commands: [[String]] = [
            ["fixed-point", "--sigma-w", "1.3", "--sigma-b", "0.2"],
            ["qmap", "--q", "0:4:3"], ["cmap", "--c", "0:1:3"], ["iterate", "--depth", "3"], ["curvature", "--depth", "3"],
            ["phase-diagram", "--sigma-w", "1:1.3:2", "--sigma-b", "0.1:0.2:2", "--no-convergence-time"],
            ["boundary", "--sigma-b", "0.1:0.2:2"],
            ["simulate", "--width", "30", "--depth", "2", "--points", "6", "--networks", "2"],
            ["boundary-curvature", "--width", "16", "--depth", "2", "--points", "1"],
            ["expressivity", "--width", "20", "--depth", "2", "--widths", "10:20:2", "--points", "16"],
        ]
        for c in commands {
            // mish grows like relu: σw < √2 for a finite q*.
            let sigma = c.contains("--sigma-w") || c[0] == "boundary" ? [] : ["--sigma-w", "1.3"]
            // Notes (a boundary that does not exist) may go to stderr; the JSON must be whole.
            let r = try CLI.run(c + sigma + ["--phi", mish, "--format", "json"])
            XCTAssertEqual(r.status, 0, "\(c): \(r.stderr)")
            let j = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            XCTAssertEqual(j?["phi"] as? String, mish, "\(c)")
        }
        // The gnuplot title shows it too.
        let g = try CLI.run(["fixed-point", "--phi", mish, "--sigma-w", "1.3"])
        XCTAssertTrue(g.stdout.hasPrefix("# mean-field fixed point of \(mish)"), g.stdout)
    }

    func testBuiltInNamesKeepTheirMeaning() throws {
        // `erf` is the built-in (with its closed-form kernel), `erf(x)` a formula: equal values.
        let a = try CLI.json(["fixed-point", "--phi", "erf"]), b = try CLI.json(["fixed-point", "--phi", "erf(x)"])
        XCTAssertEqual(a["phi"] as? String, "erf")
        XCTAssertEqual(b["phi"] as? String, "erf(x)")
        XCTAssertEqual(a["chi1"] as! Double, b["chi1"] as! Double, accuracy: 1e-13)
    }

    func testBadFormulasAreOneLineNamingTheColumn() throws {
        let exact = try CLI.run(["fixed-point", "--phi", "x*tanh("])
        XCTAssertEqual(exact.status, 2)
        XCTAssertEqual(exact.stderr, "meanfield: error: --phi 'x*tanh(' : expected an expression at column 8\n")
        let cases = ["log(x)", "1/x", "foo(x)", "x +", "2x", "tanh(x", "sqrt(x)", "max(x)", "x^0.5", "", "1/(x-0.3)", "x $ 1"]
        for text in cases {
            for command in [["fixed-point"], ["simulate", "--width", "10", "--depth", "2"], ["boundary"]] {
                let r = try CLI.run(command + ["--phi", text])
                XCTAssertEqual(r.status, 2, "\(text): \(r.stderr)")
                XCTAssertEqual(r.stdout, "")
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(text): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: --phi '\(text)' : "), "\(text): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("column"), "\(text): \(r.stderr)")
            }
        }
    }

    /// max(x,0) is relu: where the length map diverges (σw = 2 > √2) the spectrum of the
    /// built-in relu is given, and so is the formula's, with the same numbers.
    func testHomogeneousFormulaSpectrumMatchesRelu() throws {
        let args = ["spectrum", "--sigma-w", "2", "--sigma-b", "0", "--networks", "0", "--lambda", "0.5:4:8", "--format", "csv"]
        let relu = try CLI.run(args + ["--phi", "relu"])
        let formula = try CLI.run(args + ["--phi", "max(x,0)"])
        XCTAssertEqual(relu.status, 0, relu.stderr)
        XCTAssertEqual(formula.status, 0, formula.stderr)
        let body = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        XCTAssertEqual(body(formula.stdout), body(relu.stdout))
    }
}

import Foundation
import XCTest

/// The network flags are declared once (`NetworkOptions`, `DepthOption`, `WidthOption`):
/// every command that takes one refuses the same values with the same line.
final class NetworkOptionsTests: XCTestCase {
    func refusal(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        return r.stderr
    }

    func testEveryCommandRefusesTheSameDepthsWidthsAndSigmas() throws {
        let depthCommands = ["iterate", "curvature", "simulate", "spectrum", "boundary-curvature", "expressivity"]
        for c in depthCommands {
            for depth in ["0", "1000001"] {
                XCTAssertEqual(try refusal([c, "--depth", depth]),
                               "meanfield: error: --depth must be an integer in [1, 1000000], got \(depth)\n", c)
            }
        }
        for c in ["simulate", "spectrum", "boundary-curvature", "expressivity"] {
            XCTAssertEqual(try refusal([c, "--width", "1"]),
                           "meanfield: error: --width must be an integer in [2, 1048576], got 1\n", c)
        }
        for c in ["fixed-point", "qmap", "cmap", "iterate", "curvature", "phase-diagram", "simulate", "spectrum",
                  "boundary-curvature", "expressivity"] {
            XCTAssertEqual(try refusal([c, "--sigma-w", "1e75"]),
                           "meanfield: error: --sigma-w must be a finite number >= 0 (and below 1e75), got 1e+75\n", c)
            XCTAssertEqual(try refusal([c, "--sigma-b=-0.5"]),
                           "meanfield: error: --sigma-b must be a finite number >= 0 (and below 1e75), got -0.5\n", c)
        }
        XCTAssertEqual(try refusal(["boundary", "--sigma-b", "0:1e75:3"]),
                       "meanfield: error: --sigma-b must be a finite number >= 0 (and below 1e75), got 1e+75\n")
    }

    /// A grid is taken only where a command iterates over it; elsewhere one number.
    func testGridsOnlyWhereTheCommandTakesThem() throws {
        XCTAssertTrue(try refusal(["fixed-point", "--sigma-w", "1:2:3"]).contains("--sigma-w '1:2:3': expected a number"))
        XCTAssertTrue(try refusal(["simulate", "--sigma-b", "0:1:2"]).contains("--sigma-b '0:1:2': expected a number"))
        let r = try CLI.run(["iterate", "--sigma-w", "1:2:2", "--depth", "2", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// Our own parsers refuse option values: the line names the flag, the value and what
    /// is accepted, without the argument parser's wrapping sentence.
    func testOptionValuesAreRefusedByName() throws {
        let cases: [([String], String)] = [
            (["simulate", "--points", "abc"], "--points 'abc': expected an integer (digits with an optional sign, e.g. 30)"),
            (["simulate", "--depth", "1e3"], "--depth '1e3': expected an integer written in digits (1000)"),
            (["simulate", "--width", "2.5"], "--width '2.5': expected an integer"),
            (["iterate", "--c0", "half"], "--c0 'half': expected a number (digits, optional sign, decimal point and exponent"),
            (["simulate", "--q0", " 1"], "--q0 ' 1': expected a number without spaces around it"),
            (["cmap", "--c", "0:1"], "--c '0:1': expected START:STOP:COUNT"),
            (["learning", "--epochs", "1e99"], "--epochs '1e99': expected an integer in ["),
        ]
        for (args, text) in cases {
            let line = try refusal(args)
            XCTAssertTrue(line.hasPrefix("meanfield: error: " + text), "\(args): \(line)")
            XCTAssertFalse(line.contains("The value"), "the parser's sentence is not printed: \(line)")
        }
    }

    /// A formula may start with a minus sign without '='.
    func testPhiTakesAFormulaThatStartsWithAMinus() throws {
        let r = try CLI.run(["fixed-point", "--phi", "-x", "--sigma-w", "0.5", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"phi\":\"-x\""), r.stdout)
    }

    /// Every option's help shows its default, though our own parsers read the values.
    func testHelpShowsTheDefaults() throws {
        let help = try CLI.run(["help", "simulate"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        for text in ["default: tanh", "(default: 2.5)", "(default: 0.3)", "default: 1000)", "default: 30)",
                     "(default: 500)", "(default: 4)", "default: 1)", "(default: 64)", "(default: 0.5)"] {
            XCTAssertTrue(help.contains(text), "\(text) missing from: \(help)")
        }
        let spectrum = try CLI.run(["help", "spectrum"]).stdout
        XCTAssertTrue(spectrum.contains("(default: 1.05)") && spectrum.contains("default: 32)"), spectrum)
    }

    /// `meanfield --help` lists the subcommands in their groups.
    func testSubcommandsAreGrouped() throws {
        let help = try CLI.run(["--help"]).stdout
        for group in ["THEORY SUBCOMMANDS", "SIMULATION SUBCOMMANDS", "SPECTRA SUBCOMMANDS", "LEARNING SUBCOMMANDS",
                      "RUNS SUBCOMMANDS"] {
            XCTAssertTrue(help.contains(group), group)
        }
    }
}

import Foundation
import XCTest

/// `meanfield transform` end to end: the contract's keys in every format, the printed φ̂
/// giving the network's C map through `iterate`, and every refusal (one line, exit 2,
/// nothing on stdout).
final class TransformCLITests: XCTestCase {
    func testJSONHasTheContractKeys() throws {
        let j = try CLI.json(["transform", "--phi", "softplus", "--method", "dks", "--network", "mlp:4"])
        XCTAssertEqual(Set(j.keys), ["phi", "method", "network", "local_target", "solutions"])
        XCTAssertEqual(j["network"] as? String, "mlp:4")
        XCTAssertEqual(j["method"] as? String, "dks")
        let first = try XCTUnwrap((j["solutions"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(first.keys), ["input_scale", "input_shift", "output_shift", "output_scale",
                                         "negative_slope", "residual", "formula"])
        XCTAssertTrue(first["negative_slope"] is NSNull)
        XCTAssertLessThanOrEqual(try XCTUnwrap(first["residual"] as? Double), 1e-12)
    }

    func testGnuplotAndCSVPrintTheSameSolutions() throws {
        let args = ["transform", "--phi", "leaky-relu", "--method", "tat", "--network", "mlp:30"]
        for format in ["gnuplot", "csv"] {
            let r = try CLI.run(args + ["--format", format])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("max(x,0)+"), r.stdout)
        }
        let j = try CLI.json(args)
        XCTAssertTrue(j["local_target"] is NSNull)
        let s = try XCTUnwrap((j["solutions"] as? [[String: Any]])?.first)
        XCTAssertNotNil(s["negative_slope"] as? Double)
    }

    /// The printed φ̂ of DKS on mlp:L, iterated over L layers at σw = 1, σb = 0 from
    /// q = 1 and c = 1 − ε: q stays 1 (Q(1) = 1) and (1 − c^{L+1})/ε = C′_f(1) − C″_f(1)ε/2
    /// + … = ζ = 1.5 to within C″_f(1)·ε/2 (measured 1.4999993 at ε = 1e-6: C″_f(1) ≈ 1.4).
    func testPrintedFormulaGivesTheNetworkSlopeZetaThroughIterate() throws {
        let j = try CLI.json(["transform", "--phi", "silu", "--method", "dks", "--network", "mlp:4"])
        let formula = try XCTUnwrap((j["solutions"] as? [[String: Any]])?.first?["formula"] as? String)
        func slope(_ eps: Double) throws -> Double {
            let it = try CLI.json(["iterate", "--phi", formula, "--sigma-w", "1", "--sigma-b", "0", "--depth", "5",
                                   "--q0", "1", "--c0", String(1 - eps)])
            let rows = try XCTUnwrap(it["layers"] as? [[String: Any]])
            let last = try XCTUnwrap(rows.last)
            XCTAssertEqual(try XCTUnwrap(last["q"] as? Double), 1, accuracy: 1e-12)
            return (1 - (try XCTUnwrap(last["c"] as? Double))) / eps
        }
        XCTAssertEqual(try slope(1e-6), 1.5, accuracy: 5e-6)
    }

    /// Each refusal: exit 2, one line naming what was wrong (`needle`), nothing on stdout.
    func assertRefused(_ cases: [([String], String)], file: StaticString = #filePath, line: UInt = #line) throws {
        for (args, needle) in cases {
            let r = try CLI.run(["transform"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
            XCTAssertEqual(r.stdout, "", "\(args)", file: file, line: line)
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), "\(args): \(r.stderr)", file: file, line: line)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "\(args): one line, got \(r.stderr)", file: file, line: line)
            XCTAssertTrue(r.stderr.contains(needle), "\(args): '\(needle)' not in \(r.stderr)", file: file, line: line)
        }
    }

    func testNonSmoothPhiUnreachableTargetsAndReluAreRefused() throws {
        try assertRefused([
            (["--phi", "relu", "--method", "tat", "--network", "mlp:3"], "leaky-relu"),
            (["--phi", "max(x,0)+0.2*min(x,0)", "--method", "tat", "--network", "mlp:3"], "leaky-relu"),
            (["--phi", "relu", "--method", "dks", "--network", "mlp:3"], "one free parameter"),
            (["--phi", "leaky-relu", "--method", "tat", "--network", "mlp:2"], "unachievable"),
            (["--phi", "leaky-relu", "--method", "tat", "--network", "mlp:30", "--eta", "1.5"], "--eta"),
        ])
    }

    func testTargetsOutOfRangeOrForAnotherMethodAreRefused() throws {
        let base = ["--phi", "softplus", "--network", "mlp:3"]
        try assertRefused([
            (base + ["--zeta", "1"], "--zeta"), (base + ["--zeta", "inf"], "--zeta"),
            (base + ["--q-slope", "0"], "--q-slope"),
            (base + ["--method", "tat", "--tau", "0"], "--tau"),
            (base + ["--tau", "0.3"], "--tau"), (base + ["--eta", "0.5"], "--eta"),
        ])
    }

    func testMalformedNetworksAreRefused() throws {
        try assertRefused([
            (["--phi", "softplus", "--network", "mlp:0"], "--network"),
            (["--phi", "softplus", "--network", "resnet:3,,4"], "--network"),
            (["--phi", "softplus", "--network", "cnn:3"], "--network"),
            (["--phi", "softplus", "--network", "resnet:3", "--shortcut-weight", "1"], "--shortcut-weight"),
            (["--phi", "softplus", "--network", "mlp:3", "--shortcut-weight", "0.5"], "--shortcut-weight"),
            (["--phi", "softplus"], "network"),
        ])
    }
}

import Foundation
import XCTest

/// Every fixed point of the length map on the command line (SPEC §10.1, CLI.md "Added for
/// the third round"): `fixed_points` and `diverges_above` in `fixed-point`, q* as the
/// largest stable fixed point, phase `divergent` where none is stable. Expected values
/// are mpmath's (Tests/MeanFieldTheoryTests/Fixtures/make_fixed_points_reference.py and
/// its fixed_points_reference.json).
final class FixedPointsCLITests: XCTestCase {
    func fixedPoint(_ args: [String]) throws -> (doc: [String: Any], stderr: String) {
        let r = try CLI.run(["fixed-point"] + args + ["--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any], r.stderr)
    }

    /// silu, σw = 1.5, σb = 0.2: q = 0.10041 (χ_q 0.638, stable) and 4.0460 (χ_q 1.104,
    /// unstable); large q^1 diverge. The tool refused this point before (q* "does not exist").
    func testBistableSiluReportsBothFixedPointsAndWhereInputsDiverge() throws {
        let (doc, stderr) = try fixedPoint(["--phi", "silu", "--sigma-w", "1.5", "--sigma-b", "0.2"])
        let points = try XCTUnwrap(doc["fixed_points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 2)
        let expected: [(q: Double, chiQ: Double, chi1: Double, stable: Bool)] = [
            (0.1004097153612789, 0.6378201517928985, 0.6138951372007864, true),
            (4.045990125802119, 1.103575796772907, 1.0506746403893157, false),
        ]
        for (p, e) in zip(points, expected) {
            XCTAssertEqual(p["q"] as! Double, e.q, accuracy: 1e-13 * e.q)
            XCTAssertEqual(p["chi_q"] as! Double, e.chiQ, accuracy: 1e-12)
            XCTAssertEqual(p["chi1"] as! Double, e.chi1, accuracy: 1e-12)
            XCTAssertEqual(p["stable"] as? Bool, e.stable)
        }
        XCTAssertEqual(doc["q_star"] as! Double, expected[0].q, accuracy: 1e-13 * expected[0].q)
        XCTAssertEqual(doc["diverges_above"] as! Double, expected[1].q, accuracy: 1e-13 * expected[1].q)
        XCTAssertEqual(doc["phase"] as? String, "ordered")
        XCTAssertTrue(stderr.hasPrefix("meanfield: note: ") && stderr.contains("q^1 > 4.04599"), stderr)
        // iterate starts at that q* and stays there; it says which inputs diverge.
        let it = try CLI.run(["iterate", "--phi", "silu", "--sigma-w", "1.5", "--sigma-b", "0.2", "--depth", "3",
                              "--format", "json"])
        XCTAssertEqual(it.status, 0, it.stderr)
        let layers = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(it.stdout.utf8)) as? [String: Any])?["layers"]
                                   as? [[String: Any]])
        for l in layers { XCTAssertEqual(l["q"] as! Double, expected[0].q, accuracy: 1e-13) }
        XCTAssertTrue(it.stderr.contains("q^1 > 4.04599"), it.stderr)
        // A simulated start above the unstable fixed point is named as diverging.
        let sim = try CLI.run(["simulate", "--phi", "silu", "--sigma-w", "1.5", "--sigma-b", "0.2", "--measure", "points",
                               "--q0", "5", "--depth", "3", "--width", "20", "--networks", "2", "--pairs", "2"])
        XCTAssertEqual(sim.status, 0, sim.stderr)
        XCTAssertTrue(sim.stderr.contains("--q0 5.0 lies above 4.04599"), sim.stderr)
        // Commands that need q* now work there.
        for args in [["curvature", "--depth", "3"], ["cmap", "--c", "-1:1:3"]] {
            let r = try CLI.run(args + ["--phi", "silu", "--sigma-w", "1.5", "--sigma-b", "0.2", "--format", "json"])
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
    }

    /// Past silu's saddle-node (σw = 1.75 at σb = 0.2) no fixed point is left: phase
    /// divergent, the q*-quantities null, exit 0; commands that need q* refuse in one line.
    func testNoStableFixedPointIsDivergentNotRefused() throws {
        let (doc, stderr) = try fixedPoint(["--phi", "silu", "--sigma-w", "1.75", "--sigma-b", "0.2"])
        XCTAssertEqual(doc["phase"] as? String, "divergent")
        for key in ["q_star", "chi1", "chi2", "c_star", "chi_c", "chi_q", "xi_q", "xi_c", "xi_grad", "q_star_error"] {
            XCTAssertTrue(doc[key] is NSNull, key)
        }
        XCTAssertEqual(doc["diverges_above"] as? Double, 0)
        XCTAssertEqual((doc["fixed_points"] as? [Any])?.count, 0)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
        // silu at σb = 0, σw = 3: q = 0 is the one fixed point, repelling (χ_q = 9/4).
        let (zero, _) = try fixedPoint(["--phi", "silu", "--sigma-w", "3", "--sigma-b", "0"])
        XCTAssertEqual(zero["phase"] as? String, "divergent")
        let points = try XCTUnwrap(zero["fixed_points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 1)
        XCTAssertEqual(points.first?["q"] as? Double, 0)
        XCTAssertEqual(points.first?["chi_q"] as? Double, 2.25)
        XCTAssertEqual(points.first?["stable"] as? Bool, false)
        for args in [["iterate"], ["curvature"], ["simulate", "--networks", "1", "--width", "10", "--depth", "2"]] {
            let r = try CLI.run(args + ["--phi", "silu", "--sigma-w", "1.75", "--sigma-b", "0.2"])
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr)
        }
    }

    /// gnuplot and CSV print the fixed points as a second table after the record.
    func testGnuplotAndCsvCarryTheFixedPointsAsASecondTable() throws {
        let args = ["fixed-point", "--phi", "gelu", "--sigma-w", "1.5", "--sigma-b", "0.2"]
        let g = try CLI.run(args)
        XCTAssertEqual(g.status, 0, g.stderr)
        let sets = g.stdout.components(separatedBy: "\n\n\n")
        XCTAssertEqual(sets.count, 2)
        let rows = sets[1].split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[0].hasSuffix(" true") && rows[1].hasSuffix(" false"), "\(rows)")
        // mpmath: 0.12159362611011718 and 1.033870833257883.
        XCTAssertEqual(Double(rows[0].split(separator: " ")[0])!, 0.12159362611011718, accuracy: 1e-15)
        XCTAssertEqual(Double(rows[1].split(separator: " ")[0])!, 1.033870833257883, accuracy: 1e-14)
        let c = try CLI.run(args + ["--format", "csv"])
        XCTAssertEqual(c.status, 0, c.stderr)
        let parts = c.stdout.components(separatedBy: "\n\n")
        XCTAssertEqual(parts.count, 2)
        XCTAssertTrue(parts[1].hasPrefix("q,chi_q,chi1,stable\n"), parts[1])
        XCTAssertTrue(parts[0].contains(",diverges_above\n"), parts[0])
    }

    /// The phase diagram prints a divergent row (nulls) where no fixed point is stable and
    /// q* where one is, even with large q^1 diverging (silu, mpmath values).
    func testSiluPhaseDiagramAgainstMpmath() throws {
        let r = try CLI.run(["phase-diagram", "--phi", "silu", "--sigma-w", "0.5:3:6", "--sigma-b", "0:1:3",
                             "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["rows"]
                                 as? [[String: Any]])
        func row(_ w: Double, _ b: Double) throws -> [String: Any] {
            try XCTUnwrap(rows.first { ($0["sigma_w"] as! Double - w).magnitude < 1e-12 && ($0["sigma_b"] as! Double - b).magnitude < 1e-12 })
        }
        let expected: [(Double, Double, Double?)] = [
            (0.5, 0, 0), (0.5, 1, 1.0993972485493961), (1.5, 0, 0), (1.5, 1, nil), (2, 0, nil), (2, 0.5, nil),
            (3, 0, nil), (3, 1, nil),
        ]
        for (w, b, q) in expected {
            let p = try row(w, b)
            if let q {
                XCTAssertEqual(p["q_star"] as! Double, q, accuracy: 1e-13 * Swift.max(q, 1e-300), "σw=\(w), σb=\(b)")
                XCTAssertNotEqual(p["phase"] as? String, "divergent")
            } else {
                XCTAssertEqual(p["phase"] as? String, "divergent", "σw=\(w), σb=\(b)")
                XCTAssertTrue(p["q_star"] is NSNull && p["chi1"] is NSNull && p["convergence_time"] is NSNull)
            }
        }
        // σw = 1.5, σb = 0: q* = 0 attracts only q^1 below 4.42 (mpmath), so the
        // convergence time over starts up to 15 does not exist.
        XCTAssertTrue(try row(1.5, 0)["convergence_time"] is NSNull)
    }

    func testBadInputIsOneLineAndStatusTwo() throws {
        for args in [["fixed-point", "--phi", "silu", "--sigma-w", "-1"], ["fixed-point", "--phi", "silu", "--sigma-b", "nan"],
                     ["fixed-point", "--phi", "x*x*", "--sigma-w", "1"]] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr)
        }
    }
}

/// Where one stable fixed point exists, every value printed before stays the same to the
/// last digit: `fixed-point` (old columns; the new `diverges_above` column and the fixed
/// points table left out) and `phase-diagram` (every row, `divergent` read as the null
/// phase printed before) against the previous round's release binary, in every format;
/// the values of the 2-D rule within rounding (`twoDimensionalTolerance`).
final class FixedPointsBaselineTests: XCTestCase {
    /// What the previous round's binary printed for these runs
    /// (`Fixtures/baseline/make_baseline_fixed_points.py`, binary built at 223bfac).
    static let baseline: [String: (status: Int32, stdout: String)] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/baseline/fixed_points_baseline.json"),
              let data = try? Data(contentsOf: url),
              let runs = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else { return [:] }
        return runs.compactMapValues { run in
            guard let status = run["status"] as? Int, let stdout = run["stdout"] as? String else { return nil }
            return (Int32(status), stdout)
        }
    }()

    func runBaseline(_ args: [String]) throws -> CLI.Run {
        let run = try XCTUnwrap(Self.baseline[args.joined(separator: " ")], "no baseline output for \(args)")
        return CLI.Run(status: run.status, stdout: run.stdout, stderr: "")
    }

    /// The new output with the added column and table taken out.
    static func withoutNewParts(_ text: String, _ format: String) -> String {
        switch format {
        case "json":
            guard let r = text.range(of: ",\"diverges_above\":") else { return text }
            return text[..<r.lowerBound] + "}\n"
        case "csv":
            let record = text.components(separatedBy: "\n\n")[0] + "\n"
            return record.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("#") || line.isEmpty { return String(line) }
                return line.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
            }.joined(separator: "\n")
        default:
            let record = text.components(separatedBy: "\n\n\n")[0]
            return dataLines(record).map { $0.split(separator: " ").dropLast().joined(separator: " ") }
                .joined(separator: "\n")
        }
    }

    static let recordKeys = ["q_star", "chi1", "chi2", "c_star", "chi_c", "chi_q", "xi_q", "xi_c", "xi_grad", "phase",
                             "q_star_error", "chi1_error", "chi2_error", "c_star_error", "chi_c_error", "chi_q_error"]
    static let diagramKeys = ["sigma_w", "sigma_b", "q_star", "chi1", "chi2", "c_star", "chi_c", "xi_q", "xi_c",
                              "convergence_time", "phase"]
    /// What the two-dimensional Gaussian rule gives (c*, χ_c, ξ_c and their error estimates).
    /// Its Gaussian factors are now built by a recurrence over equal panels (issue 21, the
    /// 401×401 diagram's speed), which moves them by rounding: within 1e-11 relative (ξ_c
    /// 1e-10, error estimates 1e-12 absolute). Every other value stays the same to the last digit.
    static let twoDimensionalTolerance: [String: (relative: Double, absolute: Double)] = [
        "c_star": (1e-11, 1e-15), "chi_c": (1e-11, 1e-15), "xi_c": (1e-10, 0),
        "c_star_error": (0, 1e-12), "chi_c_error": (0, 1e-12),
    ]

    /// (key, printed value) pairs of an output in `format`; gnuplot data lines are read with
    /// `gnuplotKeys` (their headers are left out of the baseline comparison).
    static func values(_ text: String, _ format: String, gnuplotKeys: [String]) -> [(key: String, value: String)] {
        switch format {
        case "json":
            let pattern = try! NSRegularExpression(pattern: "\"([a-z_0-9]+)\":(\"[^\"]*\"|[^,}\\]]+)")
            let ns = text as NSString
            return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
                (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
            }
        case "csv":
            let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
            guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
            return lines.dropFirst().flatMap { line in
                zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)).map { ($0, $1) }
            }
        default:
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.flatMap { line in
                zip(gnuplotKeys, line.split(separator: " ").map(String.init)).map { ($0, $1) }
            }
        }
    }

    /// Every value printed as before, to the last digit, except those of the 2-D rule
    /// (`twoDimensionalTolerance`); the layout (keys, order, count) exactly as before.
    static func assertSameValues(_ now: String, _ before: String, _ format: String, gnuplotKeys: [String],
                                 _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let a = values(now, format, gnuplotKeys: gnuplotKeys), b = values(before, format, gnuplotKeys: gnuplotKeys)
        XCTAssertEqual(a.map(\.key), b.map(\.key), message, file: file, line: line)
        XCTAssertFalse(a.isEmpty, message, file: file, line: line)
        for (x, y) in zip(a, b) where x.value != y.value {
            guard let tolerance = twoDimensionalTolerance[x.key], let u = Double(x.value), let v = Double(y.value) else {
                XCTFail("\(message): \(x.key) = \(x.value), was \(y.value)", file: file, line: line)
                continue
            }
            XCTAssertLessThanOrEqual((u - v).magnitude, tolerance.relative * Swift.max(u.magnitude, v.magnitude) + tolerance.absolute,
                                     "\(message): \(x.key) = \(x.value), was \(y.value)", file: file, line: line)
        }
    }

    /// gnuplot without its `#` header lines: the catalogue rewrote the headers' meanings
    /// before this change (the baseline binary is older than that).
    static func dataLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.map(String.init)
    }

    /// Every `fixed-point` run of the baseline grid for one φ (σw × σb × format), compared
    /// with what the baseline binary printed; `expected` runs succeeded then: all 60 for the
    /// bounded φ, 36 for relu and softplus, whose length map diverges for σw²/2 > 1 (σw = 2.5
    /// and 4). One test per φ, so the parallel run spreads the ~250 processes over the cores.
    func assertFixedPointsPrintAsBefore(phi: String, expected: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(Self.baseline.count, 315, "the baseline fixtures were read", file: file, line: line)
        var compared = 0
        for w in ["0.5", "1", "1.3", "2.5", "4"] {
            for b in ["0", "0.05", "0.3", "2"] {
                for format in ["gnuplot", "csv", "json"] {
                    let args = ["fixed-point", "--phi", phi, "--sigma-w", w, "--sigma-b", b, "--format", format]
                    let old = try runBaseline(args)
                    guard old.status == 0 else { continue }
                    let new = try CLI.run(args)
                    XCTAssertEqual(new.status, 0, "\(args)", file: file, line: line)
                    var now = Self.withoutNewParts(new.stdout, format), before = old.stdout
                    if format == "gnuplot" {
                        before = Self.dataLines(old.stdout).joined(separator: "\n").trimmingCharacters(in: .newlines)
                        now = now.trimmingCharacters(in: .newlines)
                    }
                    Self.assertSameValues(now, before, format, gnuplotKeys: Self.recordKeys, "\(args)", file: file, line: line)
                    XCTAssertTrue(new.stdout.contains("diverges_above"), "\(args)", file: file, line: line)
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, expected, "baseline runs of \(phi) that succeeded and were compared", file: file, line: line)
    }

    func testUniqueStableFixedPointsPrintAsBeforeTanh() throws { try assertFixedPointsPrintAsBefore(phi: "tanh", expected: 60) }
    func testUniqueStableFixedPointsPrintAsBeforeErf() throws { try assertFixedPointsPrintAsBefore(phi: "erf", expected: 60) }
    func testUniqueStableFixedPointsPrintAsBeforeRelu() throws { try assertFixedPointsPrintAsBefore(phi: "relu", expected: 36) }
    func testUniqueStableFixedPointsPrintAsBeforeSigmoid() throws { try assertFixedPointsPrintAsBefore(phi: "sigmoid", expected: 60) }
    func testUniqueStableFixedPointsPrintAsBeforeSoftplus() throws { try assertFixedPointsPrintAsBefore(phi: "softplus", expected: 36) }

    /// The phase diagrams of the baseline, every row as before (`divergent` read as null).
    func testPhaseDiagramsPrintAsBefore() throws {
        XCTAssertEqual(Self.baseline.count, 315, "the baseline fixtures were read")
        for phi in ["tanh", "erf", "relu", "sigmoid", "softplus"] {
            for format in ["gnuplot", "csv", "json"] {
                let args = ["phase-diagram", "--phi", phi, "--sigma-w", "0.5:4:8", "--sigma-b", "0:2:5", "--format", format]
                let old = try runBaseline(args)
                let new = try CLI.run(args)
                XCTAssertEqual(new.status, 0, "\(args)")
                let nullPhase = format == "json" ? "\"phase\":null" : format == "csv" ? ",\n" : " null\n"
                let divergent = format == "json" ? "\"phase\":\"divergent\"" : format == "csv" ? ",divergent\n" : " divergent\n"
                var now = new.stdout.replacingOccurrences(of: divergent, with: nullPhase), before = old.stdout
                if format == "gnuplot" {
                    (now, before) = (Self.dataLines(now).joined(separator: "\n"), Self.dataLines(before).joined(separator: "\n"))
                }
                Self.assertSameValues(now, before, format, gnuplotKeys: Self.diagramKeys, "\(args)")
            }
        }
    }
}

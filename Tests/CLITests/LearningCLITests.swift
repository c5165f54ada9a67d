import Foundation
import XCTest

/// `meanfield hierarchy`, `learning` and `learning-time` through the binary: the CLI.md
/// keys in every format, values against closed forms computed here, one-line refusals.
final class LearningCLITests: XCTestCase {
    func testHierarchyJsonHasTheContractKeysAndEquation13() throws {
        let j = try CLI.json(["hierarchy", "--levels", "4", "--branching", "3", "--epsilon", "0.2", "--features", "50"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 4)
        for key in ["level", "multiplicity", "s_theory", "s_sampled"] { XCTAssertNotNil(rows[0][key], key) }
        XCTAssertEqual(rows.map { $0["multiplicity"] as! Int }, [1, 2, 6, 18])
        // The leaves' level: s_3 = √(N P Δ_3 / M_3) = √(50 · (1 − 0.6²)) = √32.
        XCTAssertEqual(rows[3]["s_theory"] as! Double, 32.0.squareRoot(), accuracy: 1e-12)
    }

    func testLearningFollowsTheClosedFormFromDecoupledStart() throws {
        let j = try CLI.json(["learning", "--layers", "3", "--init", "decoupled", "--learning-rate", "0.002",
                              "--epochs", "1500", "--every", "100", "--singular-values", "2,1", "--a0", "0.01"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 16 * 2)
        for r in rows {
            let t = Double(r["epoch"] as! Int), s = r["s"] as! Double, a = r["a"] as! Double
            // a(t) = s e^{2st/τ}/(e^{2st/τ} − 1 + s/a0), τ = 1/λ, written out here.
            let e = exp(2 * s * t * 0.002)
            let exact = s * e / (e - 1 + s / 0.01)
            XCTAssertEqual(r["a_theory"] as! Double, exact, accuracy: 1e-12 * s)
            // GD is Euler on the flow: within 0.46 λ s² (GradientDescentTests) plus margin.
            XCTAssertEqual(a, exact, accuracy: 0.6 * 0.002 * s * s, "t = \(t), s = \(s)")
        }
    }

    func testLearningTheoryIsNullForRandomStarts() throws {
        let j = try CLI.json(["learning", "--init", "orthogonal", "--epochs", "3", "--learning-rate", "0.01"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertTrue(rows.allSatisfy { $0["a_theory"] is NSNull })
        XCTAssertTrue(rows.allSatisfy { $0["a"] is Double })
    }

    func testLearningTimeJsonHasTheContractKeys() throws {
        let j = try CLI.json(["learning-time", "--layers", "3,5", "--init", "orthogonal,decoupled", "--data", "modes",
                              "--singular-values", "3,2,1", "--hidden", "4", "--a0", "1", "--max-epochs", "400",
                              "--rate-grid", "0.05:2:6"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 4)
        for r in rows {
            for key in ["layers", "init", "learning_rate", "epochs_to_criterion"] { XCTAssertNotNil(r[key], key) }
            XCTAssertTrue(r["epochs_to_criterion"] is Int, "\(r)")
        }
    }

    func testLearningTimeIsNullWhenNoRateReachesTheCriterion() throws {
        let j = try CLI.json(["learning-time", "--layers", "3", "--init", "small", "--small-std", "0.0001",
                              "--max-epochs", "2", "--rate-grid", "0.01:0.01:1"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertTrue(rows[0]["epochs_to_criterion"] is NSNull)
        XCTAssertTrue(rows[0]["learning_rate"] is NSNull)
    }

    func testEveryFormatAndNoNaN() throws {
        for args in [["hierarchy", "--levels", "3"], ["learning", "--epochs", "5", "--data", "hierarchy", "--levels", "3"],
                     ["learning-time", "--layers", "3", "--init", "gaussian", "--max-epochs", "50"]] {
            for format in ["gnuplot", "csv", "json"] {
                let r = try CLI.run(args + ["--format", format])
                XCTAssertEqual(r.status, 0, r.stderr)
                XCTAssertFalse(r.stdout.lowercased().contains("nan"), "\(args) \(format)")
                XCTAssertFalse(r.stdout.contains("inf"), "\(args) \(format)")
            }
        }
    }

    func testBadInputIsOneLineWithStatus2() throws {
        let cases: [([String], String)] = [
            (["learning", "--learning-rate", "5", "--epochs", "200"], "--learning-rate"),
            (["learning", "--hidden", "2", "--init", "gaussian"], "--hidden"),
            (["learning", "--layers", "1"], "--layers"),
            (["learning-time", "--layers", "1,3"], "--layers"),
            (["learning", "--init", "zeros"], "--init"),
            (["learning", "--singular-values", "3,x"], "--singular-values"),
            (["learning", "--singular-values", "3,-1"], "--singular-values"),
            (["hierarchy", "--epsilon", "0.9"], "--epsilon"),
            (["hierarchy", "--levels", "40"], "--levels"),
            (["learning-time", "--rate-grid", "0:1:3"], "--rate-grid"),
            (["learning-time", "--criterion", "1.5"], "--criterion"),
        ]
        for (args, flag) in cases {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(flag), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
    }

    /// Refusals that blame the flag at fault, first in the line (the rate is not).
    func testOverflowsAndSteepStartsNameTheirOwnFlag() throws {
        let cases: [([String], String)] = [
            (["learning", "--a0", "1e300"], "--a0"),
            (["learning", "--singular-values", "1e300"], "--singular-values"),
            (["learning", "--init", "small", "--small-std", "1e300"], "--small-std"),
            (["learning", "--init", "gaussian", "--hidden", "5000"], "--hidden"),
            (["learning", "--a0", "1e10"], "--a0"),
            (["learning", "--singular-values", "1,,2"], "--singular-values"),
            (["learning", "--singular-values", "3,2,"], "--singular-values"),
            (["learning-time", "--singular-values", ",3"], "--singular-values"),
            (["learning-time", "--rate-grid", "1e-300:1e300:4", "--layers", "3"], "--rate-grid"),
            (["learning-time", "--init", "small", "--small-std", "1e300", "--layers", "3"], "--init small"),
        ]
        for (args, flag) in cases {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: " + flag), "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
        }
        // Past the stability edge the rate is at fault, and the edge is given: 2/(2·3) at three layers.
        let r = try CLI.run(["learning", "--learning-rate", "5", "--epochs", "200", "--singular-values", "3"])
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: --learning-rate 5"), r.stderr)
        XCTAssertTrue(r.stderr.contains("0.333"), r.stderr)
    }

    /// λ = 0.5 on s = 3 at three layers: 1 − λ (N_l − 1) s = −2, so the mode oscillates
    /// about s; the run completes, with one note giving the edge 1/3. Below it, no note.
    func testARatePastTheStabilityEdgeGetsANote() throws {
        let past = try CLI.run(["learning", "--singular-values", "3", "--learning-rate", "0.5", "--epochs", "100",
                                "--format", "json"])
        XCTAssertEqual(past.status, 0, past.stderr)
        XCTAssertEqual(past.stderr.split(separator: "\n").count, 1, past.stderr)
        XCTAssertTrue(past.stderr.hasPrefix("meanfield: note: --learning-rate 0.5 is past the stability edge"), past.stderr)
        XCTAssertTrue(past.stderr.contains("= 0.333"), past.stderr)
        _ = try JSONSerialization.jsonObject(with: Data(past.stdout.utf8))
        let below = try CLI.run(["learning", "--singular-values", "3", "--learning-rate", "0.3", "--epochs", "100"])
        XCTAssertEqual(below.status, 0, below.stderr)
        XCTAssertEqual(below.stderr, "")
    }

    /// A value under the rank threshold (1e-10 s_1) is not a mode of Σ³¹: a note says so.
    func testSingularValuesLostInRoundingGetANote() throws {
        let r = try CLI.run(["learning", "--singular-values", "3,1e-20", "--epochs", "2", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: note: --singular-values: 1 of 2 values are below 1e-10"), r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }.count, 3, "3 epochs of 1 mode")
    }

    /// s = 1e-300 ≪ a0: a_theory exists; there it is a0/(1 + 2 a0 λ t) to a relative
    /// 1e-297 (the s → 0 limit of the three-layer solution, da/dt = −2a²λ).
    func testTheExactSolutionHoldsAtTinySingularValues() throws {
        let j = try CLI.json(["learning", "--singular-values", "1e-300", "--epochs", "1000", "--every", "100",
                              "--learning-rate", "0.01", "--a0", "0.001"])
        let rows = j["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 11)
        for r in rows {
            let t = Double(r["epoch"] as! Int)
            let exact = 0.001 / (1 + 2 * 0.001 * 0.01 * t)
            let a = try XCTUnwrap(r["a_theory"] as? Double, "t = \(t): \(r)")
            XCTAssertEqual(a, exact, accuracy: 4 * exact.ulp, "t = \(t)")
            XCTAssertEqual(r["a"] as! Double, exact, accuracy: 1e-3 * exact, "GD beside it, t = \(t)")
        }
    }

    /// More rows than are held (`LearningCommand.heldRows` = 16384) are printed as they
    /// are made: the output starts with exactly the bytes of a short run (the header holds
    /// no epoch count), and the JSON is one document with every row.
    func testLongRunsStreamTheSameBytes() throws {
        let long = ["learning", "--epochs", "6000"], short = ["learning", "--epochs", "40"]
        for format in ["gnuplot", "csv", "json"] {
            let a = try CLI.run(long + ["--format", format]), b = try CLI.run(short + ["--format", format])
            XCTAssertEqual(a.status, 0, a.stderr)
            let prefix = format == "json" ? String(b.stdout.dropLast(3)) : b.stdout   // "]}\n" closes the short one
            XCTAssertTrue(a.stdout.hasPrefix(prefix), format)
            if format == "json" {
                let j = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [String: Any]
                XCTAssertEqual((j["rows"] as! [[String: Any]]).count, 6001 * 3)
            }
        }
    }

    /// A long run (75000 rows) that diverges late (two layers, λ = 2.0001: the error grows
    /// by (1 − λ)² per epoch, a thousandfold after ~34500) leaves nothing on stdout.
    func testALongRunThatDivergesLatePrintsNothing() throws {
        let r = try CLI.run(["learning", "--layers", "2", "--learning-rate", "2.0001", "--epochs", "100000", "--format", "json"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: --learning-rate 2.0001"), r.stderr)
    }

    /// Peak RSS does not grow with --epochs: the rows were all held (about 400 bytes each,
    /// 50 MB more at 50000 epochs of 3 modes; 1.2 GB at 1e6 epochs).
    func testMemoryDoesNotGrowWithEpochs() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
            return XCTFail("/usr/bin/time is missing: `make test-deps` (or apt-get install time) installs it for this test")
        }
        let args = ["learning", "--format", "csv", "--epochs"]
        let few = try CLI.peakKilobytes(args + ["10"]), many = try CLI.peakKilobytes(args + ["50000"])
        XCTAssertGreaterThan(few, 0)
        XCTAssertLessThan(many - few, 8_000, "peak RSS \(few) KB for 10 epochs, \(many) KB for 50000")
    }

    /// D = 6 has 32 items but only 20 features: Σ³¹ has rank 20, so the leaves' level
    /// (multiplicity 16, ranks 17–32) gets ranks 17–20, 4 modes; a note says so. At ε = 0
    /// every feature is constant over the items: one mode, levels 1… get none (null).
    func testHierarchyNotesLevelsWithFewerModesThanTheirMultiplicity() throws {
        let r = try CLI.run(["hierarchy", "--levels", "6", "--features", "20", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").map(String.init),
                       ["meanfield: note: level 5: s_sampled is the mean of 4 of its 16 modes: the sampled Σ³¹ "
                        + "(--features 20 × 32 items) has 20 modes above rounding, assigned to levels by rank"])
        let flat = try CLI.run(["hierarchy", "--levels", "4", "--epsilon", "0", "--format", "json"])
        XCTAssertEqual(flat.status, 0, flat.stderr)
        let notes = flat.stderr.split(separator: "\n")
        XCTAssertEqual(notes.count, 3, flat.stderr)
        for (l, n) in zip(1..., notes) { XCTAssertTrue(n.contains("level \(l): s_sampled is the mean of 0 of its"), String(n)) }
        let rows = (try JSONSerialization.jsonObject(with: Data(flat.stdout.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0["s_sampled"] is NSNull })
        XCTAssertEqual(try CLI.run(["hierarchy"]).stderr, "", "P = 32 items, N = 200: every level full")
    }
}

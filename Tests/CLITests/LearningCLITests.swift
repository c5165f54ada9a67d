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
}

import Foundation
import XCTest

/// The architecture flags (SPEC §11) on iterate, fixed-point, phase-diagram, boundary and
/// simulate: refusals, the plain network's bytes, and what the theory says about dropout.
final class ArchitectureCLITests: XCTestCase {
    static let commands = ["iterate", "fixed-point", "phase-diagram", "boundary", "simulate"]

    func refusal(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr, file: file, line: line)
        return r.stderr
    }

    func testBadArchitectureFlagsAreOneLineNamingTheFlag() throws {
        let cases: [([String], String)] = [
            (["--dropout", "0"], "--dropout must be a keep probability in (0, 1], got 0.0"),
            (["--dropout", "1.5"], "--dropout must be a keep probability in (0, 1], got 1.5"),
            (["--dropout", "nan"], "--dropout 'nan' is not a finite number; accepted: a keep probability in (0, 1]"),
            (["--architecture", "resnet", "--shortcut-weight", "1"], "--shortcut-weight must lie in [0, 1), got 1.0"),
            (["--architecture", "resnet", "--shortcut-weight=-0.1"], "--shortcut-weight must lie in [0, 1), got -0.1"),
            (["--architecture", "resnet", "--branch-depth", "0"], "--branch-depth must be an integer in [1, 10000], got 0"),
            (["--norm", "pre"], "--norm pre needs --architecture resnet"),
            (["--norm", "post"], "--norm post needs --architecture resnet"),
            (["--architecture", "resnet", "--norm", "layer"], "--norm layer is for --architecture mlp"),
            (["--shortcut-weight", "0.5"], "--shortcut-weight is a resnet flag"),
            (["--branch-depth", "2"], "--branch-depth is a resnet flag"),
            (["--architecture", "cnn"], "--architecture"),
            (["--norm", "batch"], "--norm"),
        ]
        for (flags, message) in cases {
            let line = try refusal(["iterate"] + flags)
            XCTAssertTrue(line.contains(message), "iterate \(flags): \(line)")
        }
    }

    /// One option group: every command that takes the flags refuses alike.
    func testEveryArchitectureCommandRefusesAlike() throws {
        for (command, flags) in zip(Self.commands.dropFirst(), [["--dropout", "0"], ["--norm", "pre"],
                                                                 ["--shortcut-weight", "0.5"], ["--architecture", "resnet", "--shortcut-weight", "1"]]) {
            let line = try refusal([command] + flags)
            XCTAssertEqual(line, try refusal(["iterate"] + flags), command)
        }
    }

    /// The explicit defaults print exactly what no flags print.
    func testPlainDefaultsPrintTheSameBytes() throws {
        let plain = ["--architecture", "mlp", "--dropout", "1", "--norm", "none"]
        let runs: [[String]] = [
            ["iterate", "--depth", "6"], ["iterate", "--sigma-w", "1:3:3", "--depth", "3"],
            ["fixed-point", "--format", "json"], ["boundary", "--sigma-b", "0:1:2"],
            ["simulate", "--measure", "points", "--width", "50", "--depth", "4", "--networks", "2", "--pairs", "4", "--q0", "1"],
        ]
        for args in runs {
            let a = try CLI.run(args), b = try CLI.run(args + plain)
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(a.stdout, b.stdout, "\(args)")
            XCTAssertEqual(a.stderr, b.stderr, "\(args)")
        }
    }

    /// --ntk adds ntk and ntk_12 to each row; row 1 is the first dense layer, Θ¹ = K¹.
    func testIterateNTKStartsAtTheKernel() throws {
        let j = try CLI.json(["iterate", "--phi", "erf", "--sigma-w", "1.5", "--dropout", "0.8", "--c0", "0.5",
                              "--depth", "5", "--ntk"])
        let layers = j["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.count, 5)
        let first = layers[0]
        XCTAssertEqual(first["ntk"] as! Double, first["q"] as! Double)
        XCTAssertEqual(first["ntk_12"] as! Double, 0.5 * (first["q"] as! Double), accuracy: 1e-15)
        for row in layers.dropFirst() { XCTAssertGreaterThan(row["ntk"] as! Double, row["q"] as! Double) }
        XCTAssertEqual(j["dropout"] as? Double, 0.8)
    }

    /// Schoenholz et al. 2017 §5: with dropout c* < 1 and ξ_c finite in order and in chaos.
    func testDropoutHasNoCriticalLine() throws {
        for sw in ["0.8", "1.3", "2.5"] {
            let j = try CLI.json(["fixed-point", "--sigma-w", sw, "--dropout", "0.95"])
            XCTAssertLessThan(j["c_star"] as! Double, 1, sw)
            XCTAssertNotNil(j["xi_c"] as? Double, sw)
        }
        let plain = try CLI.json(["fixed-point", "--sigma-w", "0.8"])
        XCTAssertEqual(plain["c_star"] as! Double, 1)
    }

    /// A residual relu stream with σw⁴/2 > 1 grows without a fixed point: no q*.
    func testResidualStreamWithoutFixedPointIsRefused() throws {
        let line = try refusal(["fixed-point", "--phi", "relu", "--sigma-w", "2", "--architecture", "resnet"])
        XCTAssertTrue(line.contains("grows without a fixed point"), line)
        let iterate = try refusal(["iterate", "--phi", "relu", "--sigma-w", "2", "--architecture", "resnet"])
        XCTAssertTrue(iterate.contains("give --q0"), iterate)
        XCTAssertEqual(try CLI.run(["iterate", "--phi", "relu", "--sigma-w", "2", "--architecture", "resnet",
                                    "--q0", "1", "--depth", "3"]).status, 0)
    }

    func testBoundaryRefusesDropout() throws {
        XCTAssertTrue(try refusal(["boundary", "--dropout", "0.9"]).contains("no order-to-chaos boundary"))
    }

    /// tanh, each architecture: the simulated q^l (from q^1 = 1.5) and c^l (from c^1 = 0.3
    /// at q*) of N = 200 networks beside the theory, within 3 standard errors plus the
    /// finite-width bias allowance 2% + 0.01 (dropping 1/ρ moves layer 2's q by 20%,
    /// dropping the shortcut moves c by more than 0.05).
    func testSimulationAgreesWithTheoryForTanhInMLPs() throws {
        try simulationAgrees([["--dropout", "0.8"], ["--norm", "layer", "--dropout", "0.9"]])
    }

    func testSimulationAgreesWithTheoryForTanhInResNets() throws {
        try simulationAgrees([
            ["--architecture", "resnet", "--shortcut-weight", "0.6", "--branch-depth", "2", "--dropout", "0.85"],
            ["--architecture", "resnet", "--shortcut-weight", "0.3", "--norm", "pre"],
            ["--architecture", "resnet", "--shortcut-weight", "0.5", "--norm", "post"],
        ])
    }

    func simulationAgrees(_ architectures: [[String]], file: StaticString = #filePath, line: UInt = #line) throws {
        let common = ["simulate", "--width", "150", "--depth", "4", "--networks", "6", "--pairs", "8", "--seed", "3"]
        for (n, a) in architectures.enumerated() {
            // Points (q, where 1/ρ and the norms act) and pairs (c, where the shortcut acts) in turn.
            let both = [("points", "q", ["--q0", "1.5"]), ("pairs", "c", ["--c0", "0.3"])]
            for (measure, key, start) in n == 0 ? both : [both[n % 2]] {
                let j = try CLI.json(common + ["--measure", measure] + start + a)
                let layers = j["layers"] as! [[String: Any]]
                XCTAssertEqual(layers.count, 4)
                for row in layers.dropFirst() {
                    let sim = row[key] as! Double, theory = row[key + "_theory"] as! Double
                    let se = row[key + "_stderr"] as! Double
                    XCTAssertLessThanOrEqual((sim - theory).magnitude, 3 * se + 0.02 * theory.magnitude + 0.01,
                                             "\(a) \(measure) layer \(row["layer"]!): \(sim) vs \(theory) ± \(se)")
                }
            }
        }
    }

    /// Dropout masks and residual blocks keep the bytes whatever the number of BLAS threads.
    func testArchitectureSimulationBytesDoNotDependOnThreads() throws {
        let args = ["simulate", "--measure", "pairs", "--architecture", "resnet", "--dropout", "0.7", "--norm", "pre",
                    "--width", "300", "--depth", "3", "--networks", "2", "--pairs", "4", "--seed", "5", "--format", "json"]
        let one = try CLI.run(args, environment: ["OPENBLAS_NUM_THREADS": "1"]), two = try CLI.run(args)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.stdout, two.stdout)
    }

    func testCircleMeasureIsThePlainNetworks() throws {
        XCTAssertTrue(try refusal(["simulate", "--dropout", "0.9"]).contains("use --measure points or pairs"))
    }

    /// A grid point of iterate and of phase-diagram is the single run at that point.
    func testGridsAgreeWithSingleRuns() throws {
        let arch = ["--architecture", "resnet", "--shortcut-weight", "0.5", "--dropout", "0.9", "--norm", "pre"]
        let grid = try CLI.json(["iterate", "--sigma-w", "1:2:2", "--sigma-b", "0.3", "--depth", "3", "--ntk"] + arch)
        let rows = (grid["rows"] as! [[String: Any]]).filter { $0["sigma_w"] as! Double == 2 }
        let single = try CLI.json(["iterate", "--sigma-w", "2", "--sigma-b", "0.3", "--depth", "3", "--ntk"] + arch)
        let layers = single["layers"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 3)
        for (r, l) in zip(rows, layers) {
            for key in ["q", "c", "ntk", "ntk_12"] { XCTAssertEqual(r[key] as? Double, l[key] as? Double, key) }
        }
        let diagram = try CLI.json(["phase-diagram", "--sigma-w", "2", "--sigma-b", "0.3"] + arch)
        let point = (diagram["rows"] as! [[String: Any]])[0]
        let fixed = try CLI.json(["fixed-point", "--sigma-w", "2", "--sigma-b", "0.3"] + arch)
        for key in ["q_star", "chi1", "c_star", "chi_c", "xi_c"] {
            XCTAssertEqual(point[key] as! Double, fixed[key] as! Double, accuracy: 1e-14 * (fixed[key] as! Double), key)
        }
        XCTAssertTrue(point["chi2"] is NSNull)
    }
}

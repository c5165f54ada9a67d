import Foundation
import XCTest

/// `make run`'s binary, `meanfield-reproduce`: the same tables as `meanfield reproduce`,
/// the featured points as `meanfield fixed-point` gives them, and the CLI's contract for
/// bad input (one line, status 2, nothing written).
final class MainJobTests: XCTestCase {
    func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-main-job-\(UUID())")
    }

    func reproducer(_ args: [String]) throws -> CLI.Run {
        try CLI.run(args, executable: CLI.reproducer)
    }

    func testSameTablesAsTheReproduceCommandAndTheFeaturedPointsOfFixedPoint() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("runner"), b = dir.appendingPathComponent("command")
        let runner = try reproducer(["--quick", "--out", a.appendingPathComponent("out").path,
                                     "--plots=" + a.appendingPathComponent("plots").path])
        XCTAssertEqual(runner.status, 0, runner.stderr)
        let command = try CLI.run(["reproduce", "--quick", "--out", b.appendingPathComponent("out").path,
                                   "--plots", b.appendingPathComponent("plots").path])
        XCTAssertEqual(command.status, 0, command.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: b.appendingPathComponent("out").path).sorted()
        XCTAssertGreaterThan(names.count, 60)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent("out").path).sorted(), names)
        for name in names {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("out/\(name)")),
                           try Data(contentsOf: b.appendingPathComponent("out/\(name)")), name)
        }
        XCTAssertTrue(runner.stderr.contains("fig7 done in"), "each figure's time")

        // The featured points: a CSV block after the files, one row per σw.
        let block = runner.stdout.components(separatedBy: "featured points (tanh, sigma_b = 0.3):\n")
        XCTAssertEqual(block.count, 2, runner.stdout)
        let lines = block.last!.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["sigma_w", "q_star", "chi1", "chi2", "c_star", "chi_c", "chi_q", "xi_q", "xi_c", "xi_grad", "phase"])
        XCTAssertEqual(lines.dropFirst().map { $0[0] }, ["1.3", "2.5", "4"])
        // The paper: σw = 1.3 is ordered, 2.5 and 4 chaotic (χ1 < 1 and > 1).
        XCTAssertEqual(lines.dropFirst().map { $0.last! }, ["ordered", "chaotic", "chaotic"])
        // Compared as printed (CSV): Foundation's JSON reader on Linux rounds some of these
        // numbers to a neighbouring double.
        for row in lines.dropFirst() {
            let fixed = try CLI.run(["fixed-point", "--sigma-w", row[0], "--sigma-b", "0.3", "--format", "csv"])
            XCTAssertEqual(fixed.status, 0, fixed.stderr)
            let table = fixed.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").filter { !$0.hasPrefix("#") }
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            XCTAssertEqual(table.count, 2, fixed.stdout)
            guard table.count == 2 else { continue }
            for (i, key) in lines[0].enumerated().dropFirst() {
                XCTAssertEqual(row[i], table[1][table[0].firstIndex(of: key)!], "\(key) at σw = \(row[0])")
            }
        }
    }

    func testBadArgumentsGetOneLineAndStatusTwoAndWriteNothing() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path, plots = dir.appendingPathComponent("plots").path
        let cases: [([String], String)] = [
            (["--seed", "2"], "unknown argument '--seed'"),
            (["--out", out, "--out", out], "--out given twice"),
            (["--quick", "--quick"], "--quick given twice"),
            (["--out"], "--out needs a folder"),
            (["--plots="], "--plots needs a folder"),
            (["extra"], "unknown argument 'extra'"),
            (["--out", "/dev/null/x", "--plots", plots, "--quick"], "/dev/null/x"),
            (["--out", out, "--plots", "/proc/version/p", "--quick"], "/proc/version/p"),
        ]
        for (args, expected) in cases {
            let r = try reproducer(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("meanfield-reproduce: error: ") ?? false, r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: plots + "/fig1.gp"), "\(args) wrote nothing")
        }
        let help = try reproducer(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: meanfield-reproduce"), help.stdout)
    }
}

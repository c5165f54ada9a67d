import Foundation
import XCTest

/// Regression tests for what a hostile pass over `spectrum`, `--shard` and `merge`
/// found: every one of these once crashed, printed NaN, or merged a forged shard.
final class HostileShardTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func shards(_ args: [String], _ n: Int) throws -> [String] {
        try (0..<n).map { i in
            let r = try CLI.run(args + ["--shard", "\(i)/\(n)"])
            XCTAssertEqual(r.status, 0, r.stderr)
            return try write(r.stdout, "\(args[0])-\(i).json")
        }
    }

    func assertRefused(_ args: [String], _ expected: String, environment: [String: String] = [:],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args, environment: environment)
        XCTAssertEqual(r.status, 2, "\(args.prefix(4)): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(args.prefix(4)): \(r.stderr)", file: file, line: line)
    }

    /// Edits of one shard's text (a regex-free replace of its first match).
    func edited(_ path: String, _ from: String, _ to: String, _ name: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let r = text.range(of: from) else { XCTFail("\(from) not in \(path)"); return path }
        return try write(text.replacingCharacters(in: r, with: to), name)
    }

    func testForgedAndEditedShardsAreRefused() throws {
        let pd = try shards(["phase-diagram", "--sigma-w", "1:5:5", "--sigma-b", "0:4:4"], 3)
        // A row cut short, a non-finite number, another number of items, a missing item.
        let text = try String(contentsOfFile: pd[0], encoding: .utf8)
        let firstRow = text.components(separatedBy: "\n")[1]
        let cells = firstRow.components(separatedBy: "\",\"")
        let short = try write(text.replacingOccurrences(of: firstRow, with: cells.prefix(3).joined(separator: "\",\"") + "\"]],"), "short.json")
        try assertRefused(["merge", short, pd[1], pd[2]], "cells")
        let nan = try edited(pd[0], "[[\"d:", "[[\"d:7ff8000000000000\",\"d:", "nan.json")
        try assertRefused(["merge", nan, pd[1], pd[2]], "work item")
        let items = try edited(pd[0], "\"items\":20", "\"items\":-5", "items.json")
        try assertRefused(["merge", items, pd[1], pd[2]], "work items")
        let huge = try ["0", "1", "2"].map { i in try edited(pd[Int(i)!], "\"items\":20", "\"items\":1000000000000000", "huge\(i).json") }
        try assertRefused(["merge"] + huge, "work items")
        let other = try shards(["phase-diagram", "--sigma-w", "1:5:5", "--sigma-b", "0:4:4"], 3)
        let version = try ["0", "1", "2"].map { i in try edited(other[Int(i)!], "\"version\":\"", "\"version\":\"0.0.", "v\(i).json") }
        try assertRefused(["merge"] + version, "this is")
        try assertRefused(["merge", folder.path], "folder")
    }

    func testEditedSimulationAndSpectrumShardsAreRefused() throws {
        let ac = try shards(["simulate", "--width", "30", "--depth", "3", "--points", "8", "--networks", "3",
                             "--measure", "autocorrelation"], 2)
        let text = try String(contentsOfFile: ac[0], encoding: .utf8)
        // The first non-empty list: an autocorrelation of P = 8 lags, cut to one.
        guard let list = text.range(of: "\"l:[0-9a-f]+,[0-9a-f,]+\"", options: .regularExpression) else {
            return XCTFail("no list in \(ac[0])")
        }
        let cut = try write(text.replacingCharacters(in: list, with: "\"l:3ff0000000000000\""), "cut.json")
        try assertRefused(["merge", cut, ac[1]], "list")
        let sp = try shards(["spectrum", "--depth", "2", "--width", "20", "--networks", "2", "--lambda", "0:3:4"], 2)
        let spText = try String(contentsOfFile: sp[0], encoding: .utf8)
        let one = try write(spText.replacingOccurrences(of: "\"l:[0-9a-f,]+\"", with: "\"l:3ff0000000000000\"", options: .regularExpression), "one.json")
        try assertRefused(["merge", one, sp[1]], "list")
    }

    func testShardEnvironmentAndSizesAreRefusedInOneLine() throws {
        let args = ["boundary", "--sigma-b", "0:1:3", "--shard", "auto"]
        try assertRefused(args, "must lie in", environment: [
            "SLURM_ARRAY_TASK_ID": "9223372036854775807", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "-1"])
        try assertRefused(args, "SLURM_ARRAY_TASK_MIN must be an integer", environment: [
            "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "garbage"])
        try assertRefused(args, "SLURM_ARRAY_TASK_ID must be an integer", environment: [
            "SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "2"])
        try assertRefused(["simulate", "--networks", "9223372036854775807", "--width", "2", "--depth", "1", "--points", "2",
                           "--shard", "0/100000"], "--networks")
        // A shard refuses what the unsharded run refuses.
        try assertRefused(["spectrum", "--sigma-w", "1e-300", "--shard", "0/2"], "outside the range of doubles")
        try assertRefused(["spectrum", "--width", "9223372036854775807"], "--width must be an integer in [2, 1048576], got 9223372036854775807")
    }

    /// `sbatch --array=1-9:2` runs ids 1, 3, 5, 7, 9 with the variables below (measured on
    /// Slurm 22.05 with slurm/local-cluster.sh): each id makes shard (id − 1)/2 of 5, and
    /// the five merge to the unsharded bytes. Ids 7 and 9 were refused and shards 1 and 3
    /// never made. An id off the grid, a step below 1, and an array whose ids are not
    /// evenly spaced (`--array=1,3,8`: MIN 1, MAX 8, STEP 1, COUNT 3; `--array=1-7:2,20`:
    /// MIN 1, MAX 20, STEP 2, COUNT 5, both measured) are refused in one line.
    func testSteppedSlurmArraysMakeEveryShardOnce() throws {
        let args = ["boundary", "--sigma-b", "0:1:7", "--format", "csv"]
        let stepped = ["SLURM_ARRAY_TASK_COUNT": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9",
                       "SLURM_ARRAY_TASK_STEP": "2"]
        var paths: [String] = []
        for (k, id) in [1, 3, 5, 7, 9].enumerated() {
            let auto = try CLI.run(args + ["--shard", "auto"], environment: stepped.merging(["SLURM_ARRAY_TASK_ID": "\(id)"]) { $1 })
            XCTAssertEqual(auto.status, 0, "id \(id): \(auto.stderr)")
            XCTAssertEqual(auto.stdout, try CLI.run(args + ["--shard", "\(k)/5"]).stdout, "id \(id) is shard \(k)")
            paths.append(try write(auto.stdout, "stepped-\(id).json"))
        }
        let merged = try CLI.run(["merge"] + paths)
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, try CLI.run(args).stdout)
        let auto = args + ["--shard", "auto"]
        try assertRefused(auto, "not one of the array's ids", environment: stepped.merging(["SLURM_ARRAY_TASK_ID": "4"]) { $1 })
        try assertRefused(auto, "must lie in", environment: stepped.merging(["SLURM_ARRAY_TASK_ID": "11"]) { $1 })
        try assertRefused(auto, "SLURM_ARRAY_TASK_STEP must be >= 1", environment: stepped.merging([
            "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_STEP": "0"]) { $1 })
        try assertRefused(auto, "SLURM_ARRAY_TASK_STEP must be an integer", environment: stepped.merging([
            "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_STEP": "two"]) { $1 })
        for id in [1, 3, 8] {
            try assertRefused(auto, "--array=1,3,8", environment: [
                "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                "SLURM_ARRAY_TASK_MAX": "8", "SLURM_ARRAY_TASK_STEP": "1"])
        }
        try assertRefused(auto, "are not MIN, MIN + STEP", environment: [
            "SLURM_ARRAY_TASK_ID": "20", "SLURM_ARRAY_TASK_COUNT": "5", "SLURM_ARRAY_TASK_MIN": "1",
            "SLURM_ARRAY_TASK_MAX": "20", "SLURM_ARRAY_TASK_STEP": "2"])
    }

    func testFormulasAreBounded() throws {
        try assertRefused(["fixed-point", "--phi", String(repeating: "(", count: 30000) + "x" + String(repeating: ")", count: 30000)],
                          "at most 1000")
        try assertRefused(["fixed-point", "--phi", Array(repeating: "x", count: 400).joined(separator: "^")], "nests deeper")
        try assertRefused(["fixed-point", "--phi", String(repeating: "tanh(", count: 70) + "x" + String(repeating: ")", count: 70)],
                          "nests deeper")
        let deep = try CLI.run(["fixed-point", "--phi", String(repeating: "tanh(", count: 40) + "x" + String(repeating: ")", count: 40)])
        XCTAssertEqual(deep.status, 0, deep.stderr)
        try assertRefused(["fixed-point", "--phi", "tanh(x"], "expected ')' (for the '(' at column 1) at column 7")
        try assertRefused(["iterate", "--phi", "x^2", "--sigma-w", "5", "--sigma-b", "1"], "faster than linearly")
    }

    /// tanh has no atom however large σw (φ′² rounds to 0 far out, but φ′ > 0); at L = 1
    /// with orthogonal weights the density is not resolved and says so.
    func testSpectrumEdgeCases() throws {
        let j = try CLI.json(["spectrum", "--sigma-w", "30", "--networks", "0", "--depth", "4"])
        XCTAssertEqual((j["atoms_mass"] as? [Double])?.count, 0)
        let r = try CLI.run(["spectrum", "--weights", "orthogonal", "--depth", "1", "--sigma-w", "1.1", "--sigma-b", "0.05",
                             "--networks", "0", "--lambda", "0:1.3:5", "--format", "json"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("σw² φ′(h)²"), r.stderr)
        let rows = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        XCTAssertTrue(rows.allSatisfy { $0["density_theory"] is NSNull })
    }

    /// One run spelt two ways (`--x=v` or `--x v`, options in another order) merges;
    /// a run with another value in the same spelling does not.
    func testOneRunSpeltDifferentlyMerges() throws {
        let a = ["phase-diagram", "--sigma-w", "1:5:5", "--sigma-b", "0:4:4", "--format", "csv"]
        let b = ["phase-diagram", "--format=csv", "--sigma-b=0:4:4", "--sigma-w", "1:5:5"]
        let whole = try CLI.run(a)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let first = try shards(a, 2)
        let r1 = try CLI.run(b + ["--shard", "1/2"])
        XCTAssertEqual(r1.status, 0, r1.stderr)
        let second = try write(r1.stdout, "spelt-1.json")
        let merged = try CLI.run(["merge", second, first[0]])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, whole.stdout)
        let r2 = try CLI.run(["phase-diagram", "--format=csv", "--sigma-b=0:4:4", "--sigma-w", "1:5.5:5", "--shard", "1/2"])
        let other = try write(r2.stdout, "other-1.json")
        try assertRefused(["merge", first[0], other], "other parameters")
    }

    /// `--lambda` with one value repeated (STOP = START, COUNT > 1) and `simulate --q0`
    /// beyond what a simulated layer can hold are refused in one line.
    func testRepeatedLambdasAndHugeQ0AreRefused() throws {
        try assertRefused(["spectrum", "--lambda", "1:1:5", "--networks", "0"], "--lambda")
        try assertRefused(["spectrum", "--lambda", "1:1.0000000000000002:3", "--networks", "0"], "strictly increasing")
        try assertRefused(["spectrum", "--lambda", "5e-324:1e-323:3", "--networks", "0"], "strictly increasing")
        // The parser's refusals say what is accepted.
        try assertRefused(["fixed-point", "--sigma-w", "abc"], "expected a number")
        try assertRefused(["simulate", "--q0", " 1"], "without spaces")
        try assertRefused(["simulate", "--width", "2.5"], "expected an integer")
        // A formula may start with a minus: -x is parsed (and its length map diverges at σw = 2.5).
        // (fixed-point prints such a map as phase divergent; iterate, which starts at q*, refuses.)
        try assertRefused(["iterate", "--phi", "-x"], "the length map diverges for phi=-x")
        try assertRefused(["simulate", "--measure", "points", "--q0", "1e308"], "--q0")
        let ok = try CLI.run(["simulate", "--measure", "points", "--q0", "1e150", "--networks", "2", "--width", "20",
                              "--depth", "3", "--pairs", "2", "--format", "json"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any]
        let layers = try XCTUnwrap(doc?["layers"] as? [[String: Any]])
        XCTAssertEqual(layers.count, 3)
        for layer in layers { XCTAssertNotNil(layer["q"] as? Double, "q^l of a 1e150 input is a number: \(layer)") }
    }

    /// On a terminal the progress line only moves forwards and ends with its newline
    /// (a late update from another thread once landed after the last one). Run under
    /// script(1), which gives the command a terminal.
    func testProgressOnATerminalEndsWithItsNewline() throws {
        let log = folder.appendingPathComponent("tty.log").path
        let command = "\(CLI.binary.path) phase-diagram --sigma-w 1:5:21 --sigma-b 0:4:21 > /dev/null"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, log]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        // Split on the carriage-return byte ("\r\n" is one Character to String).
        let updates = text.utf8.split(separator: 13).map { String(decoding: $0, as: UTF8.self) }
            .filter { $0.hasPrefix("phase diagram [") }
        XCTAssertGreaterThan(updates.count, 10, text)
        XCTAssertEqual(updates.count, Set(updates).count, "no update written twice")
        let counts = updates.compactMap { u in u.split(separator: " ").last.flatMap { Int($0.split(separator: "/")[0]) } }
        XCTAssertEqual(counts, counts.sorted(), "the line moves forwards only")
        XCTAssertEqual(counts.last, 441)
        XCTAssertTrue(text.contains("441/441\r\n") || text.contains("441/441\n"), "ends with a newline")
    }
}

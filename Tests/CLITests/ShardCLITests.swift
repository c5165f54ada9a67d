import Foundation
import XCTest

/// `--shard I/N` and `merge` through the binary: for every sharded command and format,
/// the merge of all shards, given in shuffled order, is byte for byte the unsharded run;
/// `--shard auto` equals `--shard I/N`; bad shards are refused in one line.
final class ShardCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Writes the N shards of `args` and returns their paths.
    func shards(_ args: [String], _ n: Int, environment: [String: String] = [:]) throws -> [String] {
        try (0..<n).map { i in
            let r = try CLI.run(args + ["--shard", "\(i)/\(n)"], environment: environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            let path = folder.appendingPathComponent("\(args[0])-\(i)-of-\(n)-\(UUID().uuidString).json").path
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    func assertMergeEqualsUnsharded(_ args: [String], shards n: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let paths = try shards(args, n)
        for format in ["gnuplot", "csv", "json"] {
            let whole = try CLI.run(args + ["--format", format])
            XCTAssertEqual(whole.status, 0, whole.stderr, file: file, line: line)
            let merged = try CLI.run(["merge"] + paths.shuffled() + ["--format", format])
            XCTAssertEqual(merged.status, 0, merged.stderr, file: file, line: line)
            XCTAssertEqual(merged.stdout, whole.stdout, "\(args) in \(format)", file: file, line: line)
        }
    }

    func testEveryShardedCommandMergesToTheUnshardedBytes() throws {
        try assertMergeEqualsUnsharded(["phase-diagram", "--sigma-w", "1:5:9", "--sigma-b", "0:4:7"], shards: 4)
        try assertMergeEqualsUnsharded(["phase-diagram", "--phi", "erf", "--sigma-w", "0.5:3:5", "--sigma-b", "0:1:3",
                                        "--no-convergence-time"], shards: 16)
        try assertMergeEqualsUnsharded(["boundary", "--sigma-b", "0:3:7"], shards: 3)
        try assertMergeEqualsUnsharded(["iterate", "--sigma-w", "1:3:3", "--sigma-b", "0.1:0.3:2", "--depth", "4",
                                        "--c0", "0.5"], shards: 4)
        try assertMergeEqualsUnsharded(["spectrum", "--depth", "3", "--width", "30", "--networks", "5",
                                        "--lambda", "0:3:7"], shards: 2)
    }

    /// The architecture flags travel with the shards (SPEC §11): iterate's grid with the
    /// NTK and a simulation with dropout masks merge to the unsharded bytes.
    func testArchitectureShardsMergeExactly() throws {
        try assertMergeEqualsUnsharded(["iterate", "--sigma-w", "1:3:3", "--sigma-b", "0:1:2", "--depth", "4", "--ntk",
                                        "--architecture", "resnet", "--shortcut-weight", "0.5", "--dropout", "0.9"], shards: 2)
        try assertMergeEqualsUnsharded(["simulate", "--width", "30", "--depth", "3", "--networks", "3", "--measure", "pairs",
                                        "--pairs", "3", "--dropout", "0.8", "--norm", "layer"], shards: 2)
    }

    /// Shards of a simulation carry every network's measurements (exact doubles), which
    /// the merge streams in network order as one run does: 5 networks as 1 + 1 + 1 + 1 + 1
    /// or as 3 + 2 give the bytes of one run of 5, for every measure.
    func testSimulationShardsMergeExactly() throws {
        let base = ["simulate", "--width", "40", "--depth", "4", "--points", "8", "--networks", "5", "--seed", "2"]
        try assertMergeEqualsUnsharded(base, shards: 5)
        try assertMergeEqualsUnsharded(base + ["--weights", "orthogonal"], shards: 2)
        try assertMergeEqualsUnsharded(["simulate", "--width", "30", "--depth", "3", "--networks", "5", "--measure", "points",
                                        "--pairs", "4", "--q0", "2"], shards: 3)
        try assertMergeEqualsUnsharded(["simulate", "--width", "30", "--depth", "3", "--networks", "3", "--measure", "pairs",
                                        "--pairs", "4"], shards: 2)
        try assertMergeEqualsUnsharded(["simulate", "--width", "30", "--depth", "3", "--points", "8", "--networks", "3",
                                        "--measure", "autocorrelation"], shards: 2)
        // Each shard holds only its own networks: 1 of 5.
        let one = try CLI.run(base + ["--shard", "4/5", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((object["payload"] as! [String: Any]).keys.sorted(), ["4"])
    }

    /// A format given to the run is kept by the merge unless the merge overrides it.
    func testTheRunsOwnFormatIsKept() throws {
        let args = ["boundary", "--sigma-b", "0:1:3", "--format", "json"]
        let paths = try shards(args, 2)
        let merged = try CLI.run(["merge"] + paths)
        XCTAssertEqual(merged.stdout, try CLI.run(args).stdout)
    }

    func testShardAutoEqualsIndexOverCount() throws {
        let args = ["phase-diagram", "--sigma-w", "1:5:5", "--sigma-b", "0:4:5"]
        let explicit = try CLI.run(args + ["--shard", "2/3"])
        let auto = try CLI.run(args + ["--shard", "auto"],
                               environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
        XCTAssertEqual(auto.status, 0, auto.stderr)
        XCTAssertEqual(auto.stdout, explicit.stdout)
        // Array ids that start at 1 (sbatch --array=1-3).
        let fromOne = try CLI.run(args + ["--shard", "auto"], environment: [
            "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"])
        XCTAssertEqual(fromOne.stdout, explicit.stdout)
    }

    func testBadShardsAreOneLineAndStatusTwo() throws {
        let args = ["boundary", "--sigma-b", "0:2:5"]
        let paths = try shards(args, 3)
        let other = try shards(["boundary", "--sigma-b", "0:2:6"], 3)
        let truncated = folder.appendingPathComponent("truncated.json").path
        let text = try String(contentsOfFile: paths[1], encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["merge", paths[0], paths[2]], "missing"),
            (["merge", paths[0], paths[1], paths[1], paths[2]], "both shard"),
            (["merge", paths[0], paths[1], other[2]], "other parameters"),
            (["merge", paths[0], truncated, paths[2]], "truncated"),
            (["merge", paths[0], paths[1], folder.appendingPathComponent("nope.json").path], "no such file"),
            (["merge"], "shard files"),
            (["boundary", "--shard", "3/3"], "0 <= I < N"),
            (["boundary", "--shard", "1/0"], "1 <= N"),
            (["boundary", "--shard", "x"], "I/N"),
            (["boundary", "--shard", "-1/2"], "0 <= I < N"),
            (["boundary", "--shard", "auto"], "SLURM_ARRAY_TASK_ID"),
            (["iterate", "--shard", "0/2"], "grid"),
        ]
        for (c, expected) in cases {
            let r = try CLI.run(c, environment: ["SLURM_ARRAY_TASK_ID": "", "SLURM_ARRAY_TASK_COUNT": ""])
            XCTAssertEqual(r.status, 2, "\(c): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(c)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(c): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(c): \(r.stderr)")
        }
    }
}

import ArgumentParser
import Foundation
import MeanField

/// The version written into every shard; a merge refuses shards of another version.
let toolVersion = "0.4.0"

/// Shard I of N (0 ≤ I < N), as `--shard I/N`, or `auto` from Slurm's job-array
/// variables.
struct ShardSpec: Sendable, Equatable {
    let index: Int
    let count: Int

    static func parse(_ text: String) throws -> ShardSpec {
        if text == "auto" { return try fromEnvironment(ProcessInfo.processInfo.environment) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardSpecError("--shard must be I/N with integers 0 <= I < N (e.g. 0/16), or auto; got '\(text)'")
        }
        guard n >= 1, n <= 100_000 else { throw ShardSpecError("--shard I/N needs 1 <= N <= 100000, got N = \(n)") }
        guard i >= 0, i < n else { throw ShardSpecError("--shard I/N needs 0 <= I < N, got \(i)/\(n)") }
        return ShardSpec(index: i, count: n)
    }

    /// Slurm job arrays: I = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN (0 when unset),
    /// N = SLURM_ARRAY_TASK_COUNT. Any other launcher can set the same variables.
    static func fromEnvironment(_ env: [String: String]) throws -> ShardSpec {
        guard let id = env["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }),
              let count = env["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
            throw ShardSpecError(
                "--shard auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (set by sbatch --array=0-N-1; "
                + "other launchers: set them, with SLURM_ARRAY_TASK_MIN if the ids do not start at 0)")
        }
        let minimum = env["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
        return try parse("\(id - minimum)/\(count)")
    }
}

struct ShardSpecError: Error, CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var description: String { text }
}

struct ShardOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Compute only shard I of N and print it as a shard file for `meanfield merge` (0 <= I < N), "
        + "or auto (from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT).", valueName: "I/N|auto"),
            transform: { try ShardSpec.parse($0) })
    var shard: ShardSpec?
}

/// A command whose work splits into independent items (grid points, networks), each
/// producing rows that one `emit` turns into the output. The unsharded run, a shard
/// and the merge all go through `compute` and `emit`, so the merge prints exactly the
/// unsharded bytes.
protocol ShardableCommand: ParsableCommand {
    var sharding: ShardOption { get }
    /// One estimated cost per work item (their count is the number of items).
    func workCosts() throws -> [Double]
    /// The rows of each of `items`.
    func compute(items: Range<Int>) throws -> [Int: [[Value]]]
    /// Prints the whole output from every item's rows, in item order; `format`
    /// overrides the command's own `--format`.
    func emit(rows: [[[Value]]], format: Format?) throws
}

extension ShardableCommand {
    /// `run()` of every shardable command: the whole run, or one shard of it.
    func runShardable() throws {
        let costs = try workCosts()
        guard let spec = sharding.shard else {
            let all = try compute(items: 0..<costs.count)
            try emit(rows: (0..<costs.count).map { all[$0] ?? [] }, format: nil)
            return
        }
        let items = shardItems(costs: costs, index: spec.index, count: spec.count)
        let file = ShardFile(command: Self.configuration.commandName ?? "", arguments: Self.argumentsWithoutShard(),
                             version: toolVersion, index: spec.index, count: spec.count, items: costs.count,
                             payload: try compute(items: items))
        StandardOutput.print(file.encoded())
    }

    /// This process's arguments after the subcommand, without `--shard X`.
    static func argumentsWithoutShard() -> [String] {
        var out: [String] = []
        var skip = false
        for a in CommandLine.arguments.dropFirst(2) {
            if skip { skip = false; continue }
            if a == "--shard" { skip = true; continue }
            if a.hasPrefix("--shard=") { continue }
            out.append(a)
        }
        return out
    }
}

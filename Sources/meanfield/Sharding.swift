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

    /// Slurm job arrays: I = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP
    /// (MIN 0 and STEP 1 when unset), N = SLURM_ARRAY_TASK_COUNT. Any other launcher can set
    /// the same variables.
    ///
    /// The ids must be the evenly spaced MIN, MIN + STEP, …, MIN + (N − 1)·STEP: Slurm 22.05
    /// gives `--array=1-9:2` MIN 1, MAX 9, STEP 2, COUNT 5, but a list such as
    /// `--array=1,3,8` MIN 1, MAX 8, STEP 1, COUNT 3 (measured), whose ids no formula
    /// maps onto 0 … N − 1; such an array (MAX ≠ MIN + (N − 1)·STEP) and an id off the
    /// grid are refused, so that no task writes another's shard while one is never made.
    static func fromEnvironment(_ env: [String: String]) throws -> ShardSpec {
        for key in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"] {
            if let text = env[key], !text.isEmpty, Int(text) == nil {
                throw ShardSpecError("--shard auto: \(key) must be an integer, got '\(text)'")
            }
        }
        guard let id = env["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }),
              let count = env["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
            throw ShardSpecError(
                "--shard auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (set by sbatch --array=0-N-1; "
                + "other launchers: set them, with SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_STEP if the ids do not run 0, 1, 2, …)")
        }
        func integer(_ key: String, _ meaning: String) throws -> Int? {
            guard let text = env[key] else { return nil }
            guard let value = Int(text) else {
                throw ShardSpecError("--shard auto: \(key) must be an integer (\(meaning)), got '\(text)'")
            }
            return value
        }
        let minimum = try integer("SLURM_ARRAY_TASK_MIN", "the array's first id") ?? 0
        let step = try integer("SLURM_ARRAY_TASK_STEP", "the array's step between ids") ?? 1
        guard step >= 1 else { throw ShardSpecError("--shard auto: SLURM_ARRAY_TASK_STEP must be >= 1, got \(step)") }
        guard count >= 1 else { throw ShardSpecError("--shard auto: SLURM_ARRAY_TASK_COUNT must be >= 1, got \(count)") }
        if let maximum = try integer("SLURM_ARRAY_TASK_MAX", "the array's last id") {
            let (span, o1) = step.multipliedReportingOverflow(by: count - 1)
            let (last, o2) = minimum.addingReportingOverflow(span)
            guard !o1, !o2, last == maximum else {
                throw ShardSpecError("--shard auto: the array's ids are not MIN, MIN + STEP, …, MAX (SLURM_ARRAY_TASK_MIN \(minimum), "
                                     + "MAX \(maximum), STEP \(step), COUNT \(count), as from a list like --array=1,3,8); "
                                     + "submit a range: --array=0-\(count - 1) or START-END:STEP")
            }
        }
        let (offset, overflow) = id.subtractingReportingOverflow(minimum)
        guard !overflow, offset >= 0, offset / step < count else {
            throw ShardSpecError("--shard auto: (SLURM_ARRAY_TASK_ID \(id) − SLURM_ARRAY_TASK_MIN \(minimum)) / "
                                 + "SLURM_ARRAY_TASK_STEP \(step) must lie in 0 … SLURM_ARRAY_TASK_COUNT − 1 = \(count - 1)")
        }
        guard offset % step == 0 else {
            throw ShardSpecError("--shard auto: SLURM_ARRAY_TASK_ID \(id) is not one of the array's ids "
                                 + "SLURM_ARRAY_TASK_MIN + k·SLURM_ARRAY_TASK_STEP = \(minimum) + k·\(step)")
        }
        return try parse("\(offset / step)/\(count)")
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
            transform: OptionValue.parsed("--shard", ShardSpec.parse))
    var shard: ShardSpec?
}

/// The work of a run: `count` independent items, with their estimated costs (nil when
/// all cost alike: networks, σb values), from which every shard computes the same
/// partition.
struct Work {
    let count: Int
    let costs: [Double]?

    func items(of spec: ShardSpec) -> Range<Int> {
        guard let costs else {
            // count·I/N in 128-bit-safe steps: count ≤ 1e9, N ≤ 1e5.
            let lo = Int((Double(count) * Double(spec.index) / Double(spec.count)).rounded(.down))
            let hi = spec.index + 1 == spec.count ? count
                : Int((Double(count) * Double(spec.index + 1) / Double(spec.count)).rounded(.down))
            return Swift.min(lo, count)..<Swift.min(Swift.max(hi, lo), count)
        }
        return shardItems(costs: costs, index: spec.index, count: spec.count)
    }
}

/// A command whose work splits into independent items (grid points, networks), each
/// producing rows that one `emit` turns into the output. The unsharded run, a shard
/// and the merge all go through `compute` and `emit`, so the merge prints exactly the
/// unsharded bytes.
protocol ShardableCommand: ParsableCommand {
    var sharding: ShardOption { get }
    /// The run's work items, from its arguments alone (a merge recomputes it to check
    /// the shards against the run they claim to be).
    func work() throws -> Work
    /// The rows of each of `items`.
    func compute(items: Range<Int>) throws -> [Int: [[Value]]]
    /// Why `rows` cannot be what `compute` gives for `item` of this run (wrong number of
    /// rows or cells, a cell of the wrong kind, a non-finite number), or nil.
    func shapeProblem(item: Int, rows: [[Value]]) -> String?
    /// Prints the whole output from every item's rows, in item order; `format`
    /// overrides the command's own `--format`.
    func emit(rows: [[[Value]]], format: Format?) throws
}

extension ShardableCommand {
    /// `run()` of every shardable command: the whole run, or one shard of it.
    func runShardable() throws {
        let work = try self.work()
        guard let spec = sharding.shard else {
            let all = try compute(items: 0..<work.count)
            try emit(rows: (0..<work.count).map { all[$0] ?? [] }, format: nil)
            return
        }
        let items = work.items(of: spec)
        let file = ShardFile(command: Self.configuration.commandName ?? "", arguments: Self.argumentsWithoutShard(),
                             version: toolVersion, index: spec.index, count: spec.count, items: work.count,
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

/// Shape checks shared by the commands' `shapeProblem`.
enum RowShape {
    /// nil when `rows` has `count` rows of `width` cells each.
    static func counts(_ rows: [[Value]], rows count: Int, width: Int) -> String? {
        guard rows.count == count else { return "\(rows.count) rows where the run makes \(count)" }
        if let bad = rows.first(where: { $0.count != width }) {
            return "a row of \(bad.count) cells where the run makes \(width)"
        }
        return nil
    }

    /// nil when the cell is a finite number or a missing one.
    static func number(_ v: Value) -> String? {
        switch v {
        case .number(nil): return nil
        case .number(let x?): return x.isFinite ? nil : "a non-finite number"
        default: return "a cell that is not a number"
        }
    }

    static func integer(_ v: Value, _ expected: Int) -> String? {
        if case .integer(expected) = v { return nil }
        return "a layer number that is not \(expected)"
    }

    /// nil when the cell is a list of `count` numbers (finite, if asked).
    static func list(_ v: Value, count: Int, finite: Bool = true) -> String? {
        guard case .list(let xs) = v else { return "a cell that is not a list" }
        guard xs.count == count else { return "a list of \(xs.count) numbers where the run makes \(count)" }
        if finite, xs.contains(where: { !$0.isFinite }) { return "a non-finite number in a list" }
        return nil
    }

    /// nil when the cell is a number (any double: raw measurements may be NaN).
    static func raw(_ v: Value) -> String? {
        if case .number = v { return nil }
        return "a cell that is not a number"
    }
}

import Reporting

/// The shards of one run, checked to belong together and to be complete: one command,
/// one argument list, one version, one count N, and every index 0 … N−1 exactly once,
/// with every work item in exactly one of them.
public struct ShardSet: Sendable {
    public let command: String
    public let arguments: [String]
    public let version: String
    public let items: Int
    /// Rows of every item, in item order.
    public let rows: [[[Value]]]

    /// - Parameter shards: (path, shard) in any order.
    /// - Throws: `ShardError` naming the first file that is missing, duplicated or does
    ///   not match the others.
    ///   `sameRun(command, a, b)`, when given, accepts argument lists that differ as text but
    ///   describe one run (`--x=1` and `--x 1`, options in another order).
    public init(_ shards: [(path: String, shard: ShardFile)],
                sameRun: ((String, [String], [String]) -> Bool)? = nil) throws {
        guard let (firstPath, first) = shards.first else { throw ShardError("merge needs at least one shard file") }
        for (path, s) in shards.dropFirst() {
            guard s.command == first.command else {
                throw ShardError("\(path) is a shard of '\(s.command)', \(firstPath) of '\(first.command)': not one run")
            }
            guard s.version == first.version else {
                throw ShardError("\(path) was written by meanfield \(s.version), \(firstPath) by \(first.version): not one run")
            }
            guard s.arguments == first.arguments || sameRun?(s.command, s.arguments, first.arguments) == true else {
                throw ShardError("\(path) has other parameters than \(firstPath) (\(s.arguments.joined(separator: " ")) "
                                 + "versus \(first.arguments.joined(separator: " "))): not one run")
            }
            guard s.count == first.count else {
                throw ShardError("\(path) is one of \(s.count) shards, \(firstPath) one of \(first.count): not one run")
            }
            guard s.items == first.items else {
                throw ShardError("\(path) claims \(s.items) work items, \(firstPath) \(first.items): not one run")
            }
        }
        var seen: [Int: String] = [:]
        for (path, s) in shards {
            guard s.index >= 0, s.index < s.count else { throw ShardError("\(path): shard \(s.index) of \(s.count) is out of range") }
            if let other = seen[s.index] { throw ShardError("\(path) and \(other) are both shard \(s.index)/\(s.count)") }
            seen[s.index] = path
        }
        if let missing = (0..<first.count).first(where: { seen[$0] == nil }) {
            throw ShardError("shard \(missing)/\(first.count) is missing (\(seen.count) of \(first.count) given)")
        }
        guard first.items >= 0, first.items <= 1_000_000_000 else {
            throw ShardError("\(firstPath) claims \(first.items) work items (at most 1e9)")
        }
        let held = shards.reduce(0) { $0 + $1.shard.payload.count }
        guard held == first.items else {
            throw ShardError("the shards hold \(held) work items of the \(first.items) they claim: not the whole run")
        }
        var rows = [[[Value]]?](repeating: nil, count: first.items)
        for (path, s) in shards {
            for (item, r) in s.payload {
                guard item >= 0, item < first.items, rows[item] == nil else {
                    throw ShardError("\(path): work item \(item) is out of range or in two shards")
                }
                rows[item] = r
            }
        }
        if let hole = rows.firstIndex(where: { $0 == nil }) {
            throw ShardError("work item \(hole) of \(first.items) is in no shard: the shards do not cover the run")
        }
        command = first.command
        arguments = first.arguments
        version = first.version
        items = first.items
        self.rows = rows.map { $0 ?? [] }
    }
}

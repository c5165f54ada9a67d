import ArgumentParser
import Foundation
import MeanField

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard files of one run (any order) into exactly the output of the unsharded command.",
        discussion: """
            Every shard of the run must be given once: a missing, duplicate or mismatched shard \
            (another command, other parameters, another meanfield version) is refused with one \
            line. --format overrides the format the run was given.
            """)

    @Argument(help: "The shard files written by `… --shard I/N`.")
    var shards: [String] = []
    @Option(help: "Output format: gnuplot, csv or json (default: the run's own).")
    var format: Format?

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("merge needs the shard files of one run, e.g. shards/*.json") }
    }

    func run() throws {
        var contents: [(path: String, bytes: [UInt8])] = []
        for path in shards { contents.append((path, try ShardFile.read(path: path))) }
        // Decoded on every core (the files are independent); the first failure in the
        // order given is reported, as a sequential loop would.
        let decoded: [Result<ShardFile, Error>] = contents.concurrentMap { file in
            Result { try ShardFile(decoding: file.bytes, path: file.path) }
        }
        contents = []
        let files = try zip(shards, decoded).map { path, result in (path: path, shard: try result.get()) }
        // Shards written with the same run spelt differently (`--x=1` or `--x 1`, another
        // order) are one run when their parsed commands are equal value for value.
        var parsedRuns: [[String]: String?] = [:]
        func canonical(_ command: String, _ arguments: [String]) -> String? {
            if let known = parsedRuns[[command] + arguments] { return known }
            let text = (try? Meanfield.parseAsRoot([command] + arguments)).map { String(reflecting: $0) }
            parsedRuns[[command] + arguments] = .some(text)
            return text
        }
        let set = try ShardSet(files) { command, a, b in
            guard let x = canonical(command, a), let y = canonical(command, b) else { return false }
            return x == y
        }
        guard set.version == toolVersion else {
            throw ShardError("the shards were written by meanfield \(set.version); this is \(toolVersion): merge them with the version that wrote them")
        }
        let parsed: ParsableCommand
        do {
            parsed = try Meanfield.parseAsRoot([set.command] + set.arguments)
            // What the command refuses when typed, the merge refuses when read from the
            // shards (an edited file): a single-valued option given twice.
            try RepeatedOptions.refuse(in: parsed, arguments: [set.command] + set.arguments)
        } catch {
            // A value one of our parsers refused is its own line (the shards agree on
            // their arguments, so it is theirs), not the parser's sentence around it.
            let why = OptionRefusal.first ?? Meanfield.message(for: error)
            throw ShardError("the shards' command '\(set.command) \(set.arguments.joined(separator: " "))' does not parse: \(Meanfield.oneLine(why))")
        }
        OptionNotes.flush()
        guard let command = parsed as? ShardableCommand else {
            throw ShardError("'\(set.command)' cannot be sharded")
        }
        // The shards must be the run their arguments describe: its number of items, and
        // for each item the rows that run computes (a file edited or forged is refused).
        let work = try command.work()
        guard work.count == set.items else {
            throw ShardError("the shards claim \(set.items) work items, but '\(set.command) \(set.arguments.joined(separator: " "))' has \(work.count)")
        }
        for (item, rows) in set.rows.enumerated() {
            if let problem = command.shapeProblem(item: item, rows: rows) {
                throw ShardError("work item \(item) of the shards is not what '\(set.command)' computes: \(problem)")
            }
        }
        try command.emit(rows: set.rows, format: format)
        // Done: end the process without tearing down every row of the run (160801 rows
        // of a 401×401 diagram took ~70 ms to free). The output is written unbuffered.
        Foundation.exit(0)
    }
}

import Foundation
import MeanField
import Synchronization

/// Standard output that reports a failed write (a full disk, a closed pipe) as an
/// `OutputError` instead of trapping, as `FileHandle.write` does on Linux.
enum StandardOutput {
    static func write(_ text: String) throws {
        var bytes = Array(text.utf8)
        try bytes.withUnsafeBytes { try writeAll($0, to: STDOUT_FILENO, target: "standard output") }
        bytes.removeAll()
    }

    /// `write`, ending the process with one line and status 1 when the write fails
    /// (`meanfield fixed-point > /dev/full`): the output is the command's whole result.
    static func print(_ text: String) {
        do { try write(text) } catch { Meanfield.fail("\(error)", status: 1) }
    }
}

/// One line on stderr, `meanfield: note: …`: something the user should know about a
/// result that is not an error (a value that does not exist, fewer points than asked).
func note(_ message: String) {
    standardError("meanfield: note: \(message)\n")
}

/// Notes about option values (a `--phi` formula whose integrals' accuracy is uncertain),
/// held while the command line is parsed and printed by `flush` once it has parsed: a
/// value parsed before another is refused would otherwise put its note beside the one
/// error line, and a merge that parses its shards' command lines would repeat it.
enum OptionNotes {
    private static let notes = Mutex<(held: [String], printed: Set<String>)>(([], []))

    static func add(_ message: String) { notes.withLock { $0.held.append(message) } }

    /// Prints the held notes, each message once in the process.
    static func flush() {
        let due: [String] = notes.withLock { state in
            defer { state.held = [] }
            return state.held.filter { state.printed.insert($0).inserted }
        }
        for message in due { note(message) }
    }
}

/// Text on stderr. A failed write is ignored: there is nowhere left to report it.
func standardError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = try? writeAll($0, to: STDERR_FILENO, target: "standard error") }
}

import Foundation
import MeanField

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

/// Text on stderr. A failed write is ignored: there is nowhere left to report it.
func standardError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = try? writeAll($0, to: STDERR_FILENO, target: "standard error") }
}

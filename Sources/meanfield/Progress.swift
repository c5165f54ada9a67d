import Foundation

/// A progress line on stderr, shown only when stderr is a terminal.
///
/// Updates arrive from worker threads in any order: they are written under a lock, and
/// one older than the last written is dropped, so the line only moves forwards and the
/// final one (with its newline) is the last thing written: a late 99% used to land
/// after 100%, leaving the terminal on a line ending in "\r".
final class Progress: @unchecked Sendable {
    let label: String
    let total: Int
    private let lock = NSLock()
    private var shown = -1
    static var enabled: Bool { isatty(STDERR_FILENO) != 0 }

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    func update(_ done: Int) {
        guard Self.enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard done > shown, shown < total else { return }
        shown = done
        standardError(Self.line(label: label, done: done, total: total))
    }

    /// The text written for `done` of `total`: a carriage return, the bar, and a newline
    /// once done reaches total.
    static func line(label: String, done: Int, total: Int) -> String {
        let width = 30
        let filled = total > 0 ? Swift.min(width, width * done / total) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let end = done >= total ? "\n" : ""
        return "\r\(label) [\(bar)] \(done)/\(total)\(end)"
    }
}

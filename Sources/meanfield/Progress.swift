import Foundation

/// A progress line on stderr, shown only when stderr is a terminal.
struct Progress: Sendable {
    let label: String
    let total: Int
    static var enabled: Bool { isatty(STDERR_FILENO) != 0 }

    func update(_ done: Int) {
        guard Self.enabled else { return }
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let end = done >= total ? "\n" : ""
        standardError("\r\(label) [\(bar)] \(done)/\(total)\(end)")
    }
}

/// Counts finished items across threads for a `Progress` line (updates at most ~100
/// times); does nothing when stderr is not a terminal.
final class ProgressTicker: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let progress: Progress
    private let step: Int

    init(_ progress: Progress) {
        self.progress = progress
        step = Swift.max(1, progress.total / 100)
    }

    func tick() {
        guard Progress.enabled else { return }
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        if now % step == 0 || now == progress.total { progress.update(now) }
    }
}

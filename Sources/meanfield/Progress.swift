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


import Foundation
import Numerical

/// A file or stream that could not be written: the path (or stream) and the system's
/// reason, on one line. A failure of the environment, not of the input: exit status 1.
public struct OutputError: ReportableError, Equatable {
    public let target: String
    public let reason: String

    public init(_ target: String, reason: String) {
        self.target = target
        self.reason = reason
    }

    /// The reason for the current `errno`.
    public init(_ target: String, errno code: Int32) {
        self.init(target, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot write \(target): \(reason)" }
    public var exitStatus: Int32 { 1 }
}

/// Writes all of `bytes` to a file descriptor, retrying after signals and short writes.
/// - Throws: `OutputError` naming `target` with the system's reason (ENOSPC, EPIPE, …).
public func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, target: String) throws {
    guard let base = bytes.baseAddress else { return }  // nothing to write
    var offset = 0
    while offset < bytes.count {
        let n = Foundation.write(fd, base + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            throw OutputError(target, errno: errno)
        }
        offset += n
    }
}

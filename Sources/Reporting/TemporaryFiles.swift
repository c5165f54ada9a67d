import Dispatch
import Foundation

/// The temporary files this process has open for writing, so that a SIGINT, SIGTERM or
/// SIGHUP leaves none of them behind: `cleanUpOnSignals()` (called once by the command
/// line) routes those signals to a handler that removes every registered file, restores
/// the default action and raises the signal again, so the exit status still says which
/// signal ended the process. A file being renamed into place when the signal arrives is
/// either still registered (removed) or already renamed (complete): a reader never sees
/// half a file, and no `.tmp` is left.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths = Set<String>()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// A unique name beside `path` in the same folder (so a rename is atomic):
    /// `.name.pid.counter.tmp`.
    public static func name(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        lock.lock()
        counter += 1
        let k = counter
        lock.unlock()
        let pid = ProcessInfo.processInfo.processIdentifier
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(pid).\(k).tmp").path
    }
    nonisolated(unsafe) private static var counter = 0

    public static func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    public static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Removes every registered file (also called by the signal handler).
    public static func removeAll() {
        lock.lock()
        let all = paths
        paths.removeAll()
        lock.unlock()
        for p in all { unlink(p) }
    }

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP. Idempotent.
    public static func cleanUpOnSignals() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                removeAll()
                // Die of the signal itself, so the parent sees why: restore the default
                // action and unblock the signal in this thread (libdispatch delivers it
                // through a blocked mask), then raise it; 128 + signal if that fails.
                signal(sig, SIG_DFL)
                var set = sigset_t()
                sigemptyset(&set)
                sigaddset(&set, sig)
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                raise(sig)
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}

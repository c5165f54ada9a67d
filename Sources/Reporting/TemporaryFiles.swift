import Dispatch
import Foundation

/// The temporary files this process writes and the child processes that write into them,
/// so that a SIGINT, SIGTERM or SIGHUP leaves no temporary file behind.
/// `cleanUpOnSignals()` (called once by the command line) routes those signals to a
/// handler that, holding the lock for good:
/// 1. stops new files and children (`create` and `run` take the lock);
/// 2. kills every registered child with SIGKILL and waits for it, so that no child (a
///    gnuplot still starting up) can create or write a file after step 3;
/// 3. removes every registered file;
/// 4. restores the default action and raises the signal again, so the exit status
///    still says which signal ended the process.
///
/// A file is created and registered in one step under the lock (`create`), and a child
/// is started and registered in one step (`run`): the handler sees every file and
/// child that exists, and none can appear after it ran. A file being renamed into place
/// when the signal arrives is either still registered (removed) or already renamed
/// (complete): a reader never sees half a file, and no `.tmp` is left.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths = Set<String>()
    nonisolated(unsafe) private static var children = Set<pid_t>()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var counter = 0
    private static let signalQueue = DispatchQueue(label: "meanfield.signals")

    /// Creates an empty file with a unique name beside `path`, in the same folder so
    /// that a rename is atomic (`.name.pid.counter.tmp`), and registers it.
    /// - Throws: `OutputError` naming `path` when the file cannot be created.
    public static func create(beside path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(counter).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path, errno: errno) }
        close(fd)
        paths.insert(temp)
        return temp
    }

    /// Forgets `path` (renamed into place or removed by its writer).
    public static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Starts `process`, registered as a child that the signal handler kills before it
    /// removes the files; runs `whileRunning` (reading the child's output), waits for the
    /// child to exit, then forgets it.
    public static func run(_ process: Process, whileRunning: () -> Void = {}) throws {
        lock.lock()
        do {
            try process.run()
        } catch {
            lock.unlock()
            throw error
        }
        let pid = process.processIdentifier
        children.insert(pid)
        lock.unlock()
        whileRunning()
        process.waitUntilExit()
        lock.lock()
        children.remove(pid)
        lock.unlock()
    }

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP. Idempotent.
    public static func cleanUpOnSignals() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            // Their own serial queue, not a global one: a serial queue gets a thread of its
            // own when every worker of the global queues is busy (reproduce's figure lanes
            // hold them all, and a signal then waited until a lane ran out of figures).
            let source = DispatchSource.makeSignalSource(signal: sig, queue: signalQueue)
            source.setEventHandler { terminate(by: sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Kills the children, removes the files and dies of `sig`. The lock is never
    /// released: any thread about to create a file or start a child waits until the
    /// process is gone.
    private static func terminate(by sig: Int32) -> Never {
        lock.lock()
        for pid in children {
            kill(pid, SIGKILL)
            // Returns once the child is dead (or ECHILD: already reaped by Foundation).
            while waitpid(pid, nil, 0) < 0 && errno == EINTR {}
        }
        for p in paths { unlink(p) }
        // Die of the signal itself, so the parent sees why: restore the default action
        // and unblock the signal in this thread (libdispatch delivers it through a
        // blocked mask), then raise it; 128 + signal if that fails.
        signal(sig, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(sig)
        _exit(128 + sig)
    }
}

import Foundation

/// Writes files so that a reader sees either the old file or the whole new one: the
/// text goes to a temporary file in the same folder (created by `TemporaryFiles`, so a
/// signal removes it), which is then renamed over the target. Nothing half-written
/// is left behind when writing fails, and the error names the file and the system's
/// reason in one line (`OutputError`).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try produce(path) { temp in
            // No O_CREAT: if a signal handler removed the file, nothing is made again.
            let fd = open(temp, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(path, errno: errno) }
            var bytes = Array(text.utf8)
            do {
                try bytes.withUnsafeBytes { try writeAll($0, to: fd, target: path) }
            } catch {
                close(fd)
                throw error
            }
            bytes.removeAll()
            // close() can report the deferred failure of a full disk (NFS, quotas).
            if close(fd) != 0 { throw OutputError(path, errno: errno) }
        }
    }

    /// Creates an empty temporary file beside `path` (and the folder first if needed), runs
    /// `make(temp)` to fill it, then renames it over `path`. The temporary file is removed
    /// on any failure and on SIGINT/SIGTERM/SIGHUP while it exists.
    /// A target that exists must be a regular file (or a link to one): renaming over a
    /// device such as /dev/full, a folder or a pipe would replace it (as root, the device
    /// node itself), so those are refused.
    public static func produce(_ path: String, _ make: (_ temp: String) throws -> Void) throws {
        guard !path.isEmpty else { throw OutputError("\"\"", reason: "the path is empty") }
        try checkReplaceable(path)
        try makeFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let temp = try TemporaryFiles.create(beside: path)
        defer { TemporaryFiles.unregister(temp) }
        do {
            try make(temp)
            if rename(temp, path) != 0 { throw OutputError(path, errno: errno) }
        } catch {
            unlink(temp)
            throw error
        }
    }
}

extension AtomicFile {
    /// Throws unless `path` is absent or a regular file (links followed).
    public static func checkReplaceable(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT != S_IFREG {
            throw OutputError(path, reason: "it exists and is not a regular file (a device, folder or pipe is never replaced)")
        }
    }

    /// Proves that `path` can be written before any work is done: its folder is made if
    /// needed, an existing target must be a regular file, and a temporary file beside it
    /// is created and removed.
    public static func checkWritable(_ path: String) throws {
        guard !path.isEmpty else { throw OutputError("\"\"", reason: "the path is empty") }
        try checkReplaceable(path)
        try makeFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let temp = try TemporaryFiles.create(beside: path)
        unlink(temp)
        TemporaryFiles.unregister(temp)
    }
}

/// `mkdir -p`: creates `path` and any missing parents (mode 0755).
/// - Throws: `OutputError` naming the folder that could not be made, and why.
public func makeFolder(_ path: String) throws {
    var created: [String] = []
    try makeFolder(path, created: &created)
}

/// `makeFolder`, appending each folder it made to `created`, parents first.
public func makeFolder(_ path: String, created: inout [String]) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        if isFolder.boolValue { return }
        throw OutputError(path, reason: "it exists and is not a folder")
    }
    let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if parent != path && !parent.isEmpty { try makeFolder(parent, created: &created) }
    if mkdir(path, 0o755) == 0 {
        created.append(path)
    } else if errno != EEXIST {
        throw OutputError(path, errno: errno)
    }
}

/// Removes the folders `makeFolder` made, deepest first, each only while it is empty
/// (`rmdir`): what a refused run leaves is what it found.
public func removeFolders(_ created: [String]) {
    for path in created.reversed() { rmdir(path) }
}

import Foundation

extension ShardFile {
    /// The bytes of the shard file at `path`.
    ///
    /// Only a regular file can be a shard: a folder, a device (`/dev/null`), a fifo or a
    /// socket is refused by what it is, before it is opened (reading a fifo would wait
    /// for a writer; a device has no shard in it). Any other failure is the system's own
    /// reason (`strerror`), so an unreadable file says "Permission denied" and nothing
    /// else does.
    /// - Throws: `ShardError` naming `path` and what is wrong, in one line.
    public static func read(path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw ShardError(code == ENOENT ? "\(path): no such file" : "\(path): \(String(cString: strerror(code)))")
        }
        try requireRegular(path, mode: info.st_mode)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ShardError("\(path): cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        // The path may have been replaced between stat and open: check what was opened.
        guard fstat(fd, &info) == 0 else { throw ShardError("\(path): \(String(cString: strerror(errno)))") }
        try requireRegular(path, mode: info.st_mode)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardError("\(path): cannot be read (\(String(cString: strerror(errno))))")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Throws unless `mode` is a regular file's, naming what the path is instead.
    private static func requireRegular(_ path: String, mode: mode_t) throws {
        let kind: String
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw ShardError("\(path) is a folder, not a shard file")
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFIFO: kind = "a fifo"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a file"
        }
        throw ShardError("\(path) is not a regular file (it is \(kind)): give the files that `--shard I/N` printed")
    }
}

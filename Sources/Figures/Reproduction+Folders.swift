import Model
import Foundation
import Reporting

extension Reproduction {
    /// Makes `path` (and its parents) if needed and proves it writable by creating and
    /// removing a file in it; returns the folders it made, parents first. A refused path
    /// leaves no folder behind.
    /// - Throws: `ReproductionError.folder` naming the flag: an empty path, one that is not
    ///   valid UTF-8, a path that is not a folder, or one that cannot be made or written.
    @discardableResult
    public static func prepareFolder(_ path: String, flag: String) throws -> [String] {
        guard !path.isEmpty else {
            throw ReproductionError.folder("\(flag) must name a folder, got an empty path")
        }
        // The command line turns bytes that are not UTF-8 into U+FFFD: the folder written
        // would be another one than the one named.
        guard !path.unicodeScalars.contains("\u{FFFD}") else {
            throw ReproductionError.folder("\(flag) \(path) is not valid UTF-8 (a byte of it reads as U+FFFD); "
                + "name the folder in UTF-8")
        }
        // The gnuplot scripts name the folders in string literals (`Gnuplot.literal`).
        try Gnuplot.checkQuotable(path, flag: flag)
        var created: [String] = []
        do {
            try makeFolder(path, created: &created)
            // A file of our own, unique to this process, proves the folder writable (one
            // with a fixed name could be the user's).
            let probe = try TemporaryFiles.create(beside: "\(path)/.meanfield-write-test")
            unlink(probe)
            TemporaryFiles.unregister(probe)
        } catch let e as OutputError {
            removeFolders(created)
            throw ReproductionError.folder("\(flag) \(path) is not a writable folder: \(e.target): \(e.reason)")
        }
        return created
    }
}

import Model
import Foundation
import Reporting

extension Reproduction {
    /// Makes `path` (and its parents) if needed and proves it writable by creating and
    /// removing a file in it.
    /// - Throws: `ReproductionError.folder` naming the flag: an empty path, a path that
    ///   is not a folder, or one that cannot be made or written.
    public static func prepareFolder(_ path: String, flag: String) throws {
        guard !path.isEmpty else {
            throw ReproductionError.folder("\(flag) must name a folder, got an empty path")
        }
        // The gnuplot scripts name the folders in string literals (`Gnuplot.literal`).
        try Gnuplot.checkQuotable(path, flag: flag)
        do {
            try makeFolder(path)
            // Creating the temporary file proves the folder writable.
            try AtomicFile.produce("\(path)/.meanfield-write-test") { _ in }
            unlink("\(path)/.meanfield-write-test")
        } catch let e as OutputError {
            throw ReproductionError.folder("\(flag) \(path) is not a writable folder: \(e.target): \(e.reason)")
        }
    }
}

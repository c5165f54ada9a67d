import Model
import Foundation
import Reporting

extension Reproduction {
    static func gnuplotPath() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/gnuplot"
            // A regular executable file (stat follows a symlink): a folder named gnuplot has x bits too.
            var info = stat()
            if stat(p, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(p, X_OK) == 0 { return p }
        }
        return nil
    }

    /// Runs gnuplot on a script, rendering into a temporary file that is then renamed
    /// to `png` (the script's `set output` takes the variable `png_output` when it is set),
    /// so two runs into one folder never tear a PNG. gnuplot runs as a registered child
    /// (`TemporaryFiles.run`): a signal kills it before the temporary file is removed, so
    /// it cannot write the file afterwards. gnuplot's first stderr line becomes the error
    /// if it fails.
    public static func render(_ script: String, to png: String, with gnuplot: String) throws {
        try AtomicFile.produce(png) { temp in
            try Gnuplot.checkQuotable(temp, flag: "--plots")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: gnuplot)
            p.arguments = ["-e", "png_output=\(Gnuplot.literal(temp))", Gnuplot.noCommand(script)]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            var message = ""
            try TemporaryFiles.run(p) {
                message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            }
            guard p.terminationStatus == 0 else {
                throw ReproductionError.gnuplot(
                    "gnuplot failed on \(script): \(message.split(separator: "\n").first ?? "no output written")")
            }
            // gnuplot exits 0 when a full disk cut its PNG short: the file must end in PNG's IEND chunk.
            guard isCompletePNG(temp) else {
                throw ReproductionError.gnuplot("gnuplot wrote an incomplete PNG for \(script) (is the disk of --plots full?)"
                    + (message.isEmpty ? "" : ": \(message.split(separator: "\n").first ?? "")"))
            }
        }
    }

    /// Whether `path` is a whole PNG: its signature, then chunks (length, type, data,
    /// CRC) that end exactly at the end of the file with IEND. A PNG cut short by a full
    /// disk, or with a gap, fails the walk.
    static func isCompletePNG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return false }
        var at = 8
        while at + 12 <= bytes.count {
            let length = bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            let end = at + 12 + length
            guard end <= bytes.count else { return false }
            if type == "IEND" { return length == 0 && end == bytes.count }
            at = end
        }
        return false
    }
}

import Model
import Foundation
import Reporting

extension Reproduction {
    static func gnuplotPath() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
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
            var written = stat()
            guard p.terminationStatus == 0, stat(temp, &written) == 0, written.st_size > 0 else {
                throw ReproductionError.gnuplot(
                    "gnuplot failed on \(script): \(message.split(separator: "\n").first ?? "no output written")")
            }
        }
    }
}

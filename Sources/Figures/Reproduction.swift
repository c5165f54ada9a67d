import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Numerical
import Reporting

/// Regenerates every figure: tables into `out` (all three formats, written atomically),
/// scripts and PNGs into `plots`. Returns the files written, in order.
public struct Reproduction {
    public var settings: ReproductionSettings
    public var out: String
    public var plots: String
    public var log: (String) -> Void
    /// Names of the figures to make (`names`); nil makes all.
    public var only: Set<String>?

    public init(settings: ReproductionSettings, out: String, plots: String, only: Set<String>? = nil,
                log: @escaping (String) -> Void) {
        self.only = only
        self.settings = settings
        self.out = out
        self.plots = plots
        self.log = log
    }

    /// The figures' names, in order (`only` selects among them).
    public static let names = ["fig1", "fig2", "fig3", "fig4", "fig4g", "fig5", "fig6", "fig7"]

    /// Every figure, or those named in `only`.
    public func figures() throws -> [Figure] {
        func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
        var out: [Figure] = []
        var phase: PhaseFigureData?
        func phaseData() throws -> PhaseFigureData {
            if let phase { return phase }
            let made = try PhaseFigureData(settings: settings)
            phase = made
            return made
        }
        if wanted("fig1") {
            log("figure 1: length map, q^l dynamics, q* and convergence-time maps")
            out.append(try lengthFigure(settings, try phaseData()))
        }
        if wanted("fig2") {
            log("figure 2: correlation map, c^l dynamics, c* and χ1 maps")
            out.append(try correlationFigure(settings, try phaseData()))
        }
        if wanted("fig3") {
            log("figure 3: circle autocorrelation and principal components")
            out.append(try circleFigure(settings))
        }
        if wanted("fig4") {
            log("figure 4: length and curvature through depth")
            out.append(try curvatureFigure(settings))
        }
        if wanted("fig4g") {
            log("figure 4G: decision-boundary curvature by layer")
            out.append(try boundaryFigure(settings))
        }
        if wanted("fig5") {
            log("figure 5: depth versus width")
            out.append(try expressivityFigure(settings))
        }
        if wanted("fig6") {
            log("figure 6: dynamical isometry, the Jacobian's spectrum")
            out.append(try spectrumFigure(settings))
        }
        if wanted("fig7") {
            log("figure 7: learning dynamics of deep linear networks")
            out.append(try learningFigure(settings))
        }
        return out
    }

    /// Writes everything; renders PNGs when gnuplot is installed. Both folders are
    /// checked (made, and written to) before any work, so a bad path costs nothing.
    @discardableResult
    public func run() throws -> [String] {
        try Reproduction.prepareFolder(out, flag: "--out")
        try Reproduction.prepareFolder(plots, flag: "--plots")
        var written: [String] = []
        let gnuplot = Reproduction.gnuplotPath()
        for figure in try figures() {
            for t in figure.tables {
                for format in Format.allCases {
                    let ext = format == .gnuplot ? "dat" : format.rawValue
                    let path = "\(out)/\(t.stem).\(ext)"
                    try AtomicFile.write(t.table.render(format), to: path)
                    written.append(path)
                }
            }
            let script = "\(plots)/\(figure.name).gp", png = "\(plots)/\(figure.name).png"
            try AtomicFile.write(figure.script(out, png), to: script)
            written.append(script)
            if let gnuplot {
                try Reproduction.render(script, to: png, with: gnuplot)
                written.append(png)
            }
        }
        if gnuplot == nil { log("gnuplot not found: scripts written, PNGs not rendered") }
        return written
    }

    /// Makes `path` (and its parents) if needed and proves it writable by creating and
    /// removing a file in it.
    /// - Throws: `ReproductionError.folder` naming the flag: an empty path, a path that
    ///   is not a folder, or one that cannot be made or written.
    public static func prepareFolder(_ path: String, flag: String) throws {
        guard !path.isEmpty else {
            throw ReproductionError.folder("\(flag) must name a folder, got an empty path")
        }
        // The gnuplot scripts name the folders inside double quotes, where " ends the
        // string and \\ starts an escape.
        if let bad = path.first(where: { "\"\\\n\r".contains($0) }) {
            throw ReproductionError.folder(
                "\(flag) must not contain \(bad == "\"" ? "a double quote" : bad == "\\" ? "a backslash" : "a line break") "
                + "(the gnuplot scripts quote it), got \(path.debugDescription)")
        }
        do {
            try makeFolder(path)
            try AtomicFile.produce("\(path)/.meanfield-write-test") { temp in
                let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                guard fd >= 0 else { throw OutputError(path, errno: errno) }
                close(fd)
            }
            unlink("\(path)/.meanfield-write-test")
        } catch let e as OutputError {
            throw ReproductionError.folder("\(flag) \(path) is not a writable folder: \(e.target): \(e.reason)")
        }
    }

    static func gnuplotPath() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs gnuplot on a script, rendering into a temporary file that is then renamed
    /// to `png` (the script's `set output` takes the variable `png_output` when it is set),
    /// so two runs into one folder never tear a PNG. gnuplot's first stderr line
    /// becomes the error if it fails.
    public static func render(_ script: String, to png: String, with gnuplot: String) throws {
        try AtomicFile.produce(png) { temp in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: gnuplot)
            p.arguments = ["-e", "png_output='\(temp.replacingOccurrences(of: "'", with: "''"))'", script]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: temp) else {
                throw ReproductionError.gnuplot(
                    "gnuplot failed on \(script): \(message.split(separator: "\n").first ?? "no output written")")
            }
        }
    }
}

/// Statistics over a list of values: mean and sample standard deviation.
func meanAndSpread(_ x: [Double]) -> (Double, Double) {
    let m = x.reduce(0, +) / Double(x.count)
    guard x.count > 1 else { return (m, 0) }
    return (m, (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot())
}

/// Inputs come in groups of `copies` identical requests (several single inputs of one q¹,
/// or pairs of one c¹): the values of group `i` at `layer` (0-based) of every network.
func group(_ runs: [[LayerMeasurement]], layer: Int, _ i: Int, copies: Int,
           _ values: (LayerMeasurement) -> [Double]) -> [[Double]] {
    runs.map { Array(values($0[layer])[(i * copies)..<((i + 1) * copies)]) }
}

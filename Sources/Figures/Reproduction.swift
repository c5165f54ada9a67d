import Model
import Foundation
import Dispatch
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
    public static var names: [String] { makers.map(\.name) }

    /// The figures in order: name, what the progress line says, how to make it (Figures 1
    /// and 2 share one phase diagram, made once, on demand) and its cost, the CPU seconds
    /// it took at full quality on the 2-core machine (`reproduce --figures figN`, release
    /// build): only the order in which the figures start depends on it, never a byte.
    typealias Maker = (name: String, what: String, cost: Double,
                       make: (ReproductionSettings, () throws -> PhaseFigureData) throws -> Figure)
    static let makers: [Maker] = [
        ("fig1", "figure 1: length map, q^l dynamics, q* and convergence-time maps", 1.1, { s, p in try lengthFigure(s, try p()) }),
        ("fig2", "figure 2: correlation map, c^l dynamics, c* and χ1 maps", 5.2, { s, p in try correlationFigure(s, try p()) }),
        ("fig3", "figure 3: circle autocorrelation and principal components", 3.6, { s, _ in try circleFigure(s) }),
        ("fig4", "figure 4: length and curvature through depth", 16.8, { s, _ in try curvatureFigure(s) }),
        ("fig4g", "figure 4G: decision-boundary curvature by layer", 1.0, { s, _ in try boundaryFigure(s) }),
        ("fig5", "figure 5: depth versus width", 2.4, { s, _ in try expressivityFigure(s) }),
        ("fig6", "figure 6: dynamical isometry, the Jacobian's spectrum", 5.2, { s, _ in try spectrumFigure(s) }),
        ("fig7", "figure 7: learning dynamics of deep linear networks", 39.0, { s, _ in try learningFigure(s) }),
        ("fig8", "figure 8: initialising silu, the critical line by q*", 1.0, { s, _ in try initialisationFigure(s) }),
        ("fig9", "figure 9: dropout's depth scale, the NTK in order and chaos", 3.6, { s, _ in try architectureFigure(s) }),
        ("fig10", "figure 10: finite-width fluctuations across networks", 18.5, { s, _ in try fluctuationsFigure(s) }),
    ]

    /// Writes everything; renders PNGs when gnuplot is installed. Both folders are
    /// checked (made, and written to) before any work, so a bad path costs nothing.
    /// Every figure is made before any is written (a failure leaves nothing behind), the
    /// figures side by side (`figures()`); then the tables and scripts are written in
    /// figure order and the PNGs rendered, one gnuplot per core.
    /// A run that fails leaves no folder it made behind (only empty ones are removed).
    @discardableResult
    public func run() throws -> [String] {
        let madeOut = try Reproduction.prepareFolder(out, flag: "--out")
        var madePlots: [String] = []
        do {
            madePlots = try Reproduction.prepareFolder(plots, flag: "--plots")
            return try writeFigures()
        } catch {
            removeFolders(madeOut + madePlots)
            throw error
        }
    }

    /// `run` once both folders are ready.
    private func writeFigures() throws -> [String] {
        let clock = ProcessClock()
        let figures = try self.figures()
        let made = clock.elapsed()
        log(String(format: "figures made: %d in %.1f s wall, %.1f s CPU", figures.count, made.wall, made.cpu))
        let gnuplot = Reproduction.gnuplotPath()
        // Per figure: its tables in three formats, its script, then its PNG.
        var written: [[String]] = []
        for figure in figures {
            var files: [String] = []
            for t in figure.tables {
                for format in Format.allCases {
                    let ext = format == .gnuplot ? "dat" : format.rawValue
                    let path = "\(out)/\(t.stem).\(ext)"
                    try AtomicFile.write(t.table.render(format), to: path)
                    files.append(path)
                }
            }
            let script = "\(plots)/\(figure.name).gp"
            try AtomicFile.write(figure.script(try ScriptFiles(tables: out, png: png(figure))), to: script)
            written.append(files + [script])
        }
        if let gnuplot {
            // Each gnuplot writes its own PNG atomically; the first failure in figure order
            // is the one reported.
            try concurrentIndices(figures.count) { i in
                Result { try Reproduction.render("\(plots)/\(figures[i].name).gp", to: png(figures[i]), with: gnuplot) }
            }.forEach { try $0.get() }
            for i in figures.indices { written[i].append(png(figures[i])) }
        } else {
            log("gnuplot not found: scripts written, PNGs not rendered")
        }
        let all = clock.elapsed()
        log(String(format: "figures written and rendered in %.1f s wall; reproduce took %.1f s wall, %.1f s CPU",
                   all.wall - made.wall, all.wall, all.cpu))
        return written.flatMap { $0 }
    }

    private func png(_ figure: Figure) -> String { "\(plots)/\(figure.name).png" }
}

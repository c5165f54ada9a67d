import Model
import Foundation
import Dispatch
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

    /// The figures in order: name, what the progress line says, and how to make it
    /// (Figures 1 and 2 share one phase diagram, made once, on demand).
    typealias Maker = (name: String, what: String, make: (ReproductionSettings, () throws -> PhaseFigureData) throws -> Figure)
    static let makers: [Maker] = [
        ("fig1", "figure 1: length map, q^l dynamics, q* and convergence-time maps", { s, p in try lengthFigure(s, try p()) }),
        ("fig2", "figure 2: correlation map, c^l dynamics, c* and χ1 maps", { s, p in try correlationFigure(s, try p()) }),
        ("fig3", "figure 3: circle autocorrelation and principal components", { s, _ in try circleFigure(s) }),
        ("fig4", "figure 4: length and curvature through depth", { s, _ in try curvatureFigure(s) }),
        ("fig4g", "figure 4G: decision-boundary curvature by layer", { s, _ in try boundaryFigure(s) }),
        ("fig5", "figure 5: depth versus width", { s, _ in try expressivityFigure(s) }),
        ("fig6", "figure 6: dynamical isometry, the Jacobian's spectrum", { s, _ in try spectrumFigure(s) }),
        ("fig7", "figure 7: learning dynamics of deep linear networks", { s, _ in try learningFigure(s) }),
        ("fig8", "figure 8: initialising silu, the critical line by q*", { s, _ in try initialisationFigure(s) }),
        ("fig9", "figure 9: dropout's depth scale, the NTK in order and chaos", { s, _ in try architectureFigure(s) }),
        ("fig10", "figure 10: finite-width fluctuations across networks", { s, _ in try fluctuationsFigure(s) }),
    ]

    /// Every figure, or those named in `only`, with the seconds it took to make.
    func figures() throws -> [(figure: Figure, seconds: Double)] {
        var phase: PhaseFigureData?
        func phaseData() throws -> PhaseFigureData {
            if let phase { return phase }
            let made = try PhaseFigureData(settings: settings)
            phase = made
            return made
        }
        var out: [(figure: Figure, seconds: Double)] = []
        for maker in Self.makers where only?.contains(maker.name) ?? true {
            log(maker.what)
            let start = DispatchTime.now().uptimeNanoseconds
            let figure = try maker.make(settings, phaseData)
            out.append((figure, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
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
        // Every figure is made before any is written (a failure leaves nothing behind); each
        // one's wall time, made, written and rendered, goes to the log so that a slower
        // figure shows. Figure 1's includes the phase diagram it shares with Figure 2.
        for (figure, seconds) in try figures() {
            let start = DispatchTime.now().uptimeNanoseconds
            for t in figure.tables {
                for format in Format.allCases {
                    let ext = format == .gnuplot ? "dat" : format.rawValue
                    let path = "\(out)/\(t.stem).\(ext)"
                    try AtomicFile.write(t.table.render(format), to: path)
                    written.append(path)
                }
            }
            let script = "\(plots)/\(figure.name).gp", png = "\(plots)/\(figure.name).png"
            try AtomicFile.write(figure.script(try ScriptFiles(tables: out, png: png)), to: script)
            written.append(script)
            if let gnuplot {
                try Reproduction.render(script, to: png, with: gnuplot)
                written.append(png)
            }
            let total = seconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            log(String(format: "%@ done in %.1f s", figure.name, total))
        }
        if gnuplot == nil { log("gnuplot not found: scripts written, PNGs not rendered") }
        return written
    }
}

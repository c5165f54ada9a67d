import Foundation
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
}

import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 4 A–C: L^E/√N, κ̄ = √κ̄² and L^G of a great circle against depth for
/// σw ∈ {1.3, 2.5, 4.0}, σb = 0.3: theory lines and simulation points ± s.e.
func curvatureFigure(_ s: ReproductionSettings) throws -> Figure {
    var t = Table(title: "Fig. 4A-C: length and curvature through depth (σb = 0.3, N = \(s.width), P = \(s.points), \(s.networks) networks)", columns: [
        Column(.sigmaW), Column(.layer),
        Column(.lengthEOverSqrtN), Column(.lengthEOverSqrtNStderr),
        Column(.lengthEOverSqrtNTheory),
        Column(.kappaBar), Column(.kappaBarStderr),
        Column(.kappaBarTheory),
        Column(.lengthG), Column(.lengthGStderr), Column(.lengthGTheory),
    ])
    for (k, sw) in ReproductionSettings.featuredSigmaW.enumerated() {
        if k > 0 { t.newSet() }
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        let summary = try m.summary()
        let q = summary.qStar.value
        let theory = try m.curvature(depth: s.depth, summary: summary)
        let sim = LayerSummary.summarize(try request(s, sigmaW: sw, depth: s.depth, q: q, points: s.points).run())
        for (a, th) in zip(sim, theory) {
            let kappa = a.kappa2.mean.squareRoot()
            t.append([.real(sw), .integer(a.layer), .real(a.lengthEOverSqrtN.mean), .real(a.lengthEOverSqrtN.stderr),
                      .real(th.lengthEOverSqrtN), .real(kappa), .real(a.kappa2.stderr.map { $0 / (2 * kappa) }),
                      .real(th.kappa2.map { $0.squareRoot() }), .real(a.lengthG.mean), .real(a.lengthG.stderr),
                      .real(th.lengthG)])
        }
    }
    let colors = "\(Gnuplot.colors[0]) \(Gnuplot.colors[1]) \(Gnuplot.colors[2])"
    func panel(_ letter: String, _ what: String, _ y: String, _ sim: Int) -> String {
        """
        set title "\(letter)  \(what): theory (lines), simulation (points ± s.e.)"; set ylabel "\(y)"
        plot for [i=0:2] "DIR/fig4-curvature.dat" index i using 2:\(sim + 2) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \\
             for [i=0:2] "DIR/fig4-curvature.dat" index i using 2:\(sim):\(sim + 1) with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle
        """
    }
    let panels = [panel("A", "Euclidean length", "L^E/√N", 3), panel("B", "extrinsic curvature", "κ̄ = √N κ", 6),
                  panel("C", "Grassmannian length", "L^G", 9)].joined(separator: "\n")
    return Figure(name: "fig4", tables: [NamedTable(stem: "fig4-curvature", table: t)]) { dir, png in
        """
        \(Gnuplot.header(png, width: 1800, height: 600))
        set multiplot layout 1,3 title "Fig. 4A-C: a great circle through depth (tanh, σ_b = 0.3, N = \(s.width))"
        set logscale y; set format y "10^{%L}"; set xlabel "layer l"; set key top left
        \(panels.replacingOccurrences(of: "DIR", with: dir))
        unset multiplot
        """
    }
}

import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 4 A–C: L^E/√N, κ̄ = √κ̄² and L^G of a great circle against depth for
/// σw ∈ {1.3, 2.5, 4.0}, σb = 0.3: theory lines and simulation points ± s.e.
///
/// Beside it, `fig4-circle`: the same networks' q^l, ḡ^E and κ̄² (SPEC §4), each with its
/// theory and standard error, one data set per σw, the columns `simulate --measure circle`
/// prints (its σw = 2.5 set is `meanfield simulate --sigma-w 2.5 --sigma-b 0.3 --width 1000
/// --depth 30 --points 500 --networks 4 --seed 1`, number for number).
func curvatureFigure(_ s: ReproductionSettings) throws -> Figure {
    let comparisons = try curvatureThroughDepth(s)
    let t = NamedTable(stem: "fig4-curvature", table: curvatureTable(comparisons, s))
    let circle = NamedTable(stem: "fig4-circle", table: circleTable(comparisons, s))
    return Figure(name: "fig4", tables: [t, circle]) { files in curvatureScript(s, t, files) }
}

/// One σw's simulated layers beside the theory's, layer by layer.
struct CurvatureComparison {
    let sigmaW: Double
    let qStar: Double
    let sim: [LayerSummary]
    let theory: [CurvatureLayer]
}

/// For each featured σw: `s.networks` networks of depth `s.depth` fed a great circle of
/// squared radius q*, and the curvature recursions from the same fixed point.
func curvatureThroughDepth(_ s: ReproductionSettings) throws -> [CurvatureComparison] {
    try ReproductionSettings.featuredSigmaW.map { sw in
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        let summary = try m.summary()
        let theory = try m.curvature(depth: s.depth, summary: summary)
        let sim = LayerSummary.summarize(try request(s, sigmaW: sw, depth: s.depth, q: summary.qStar.value, points: s.points).run())
        return CurvatureComparison(sigmaW: sw, qStar: summary.qStar.value, sim: sim, theory: theory)
    }
}

/// One data set per σw. κ̄ = √(κ̄²), with s.e. δκ̄²/(2κ̄) (first-order propagation).
func curvatureTable(_ comparisons: [CurvatureComparison], _ s: ReproductionSettings) -> Table {
    Table(title: "Fig. 4A-C: length and curvature through depth (σb = 0.3, N = \(s.width), P = \(s.points), \(s.networks) networks)",
          columns: [
              Column(.sigmaW), Column(.layer),
              Column(.lengthEOverSqrtN), Column(.lengthEOverSqrtNStderr), Column(.lengthEOverSqrtNTheory),
              Column(.kappaBar), Column(.kappaBarStderr), Column(.kappaBarTheory),
              Column(.lengthG), Column(.lengthGStderr), Column(.lengthGTheory),
          ],
          sets: comparisons.map { c in zip(c.sim, c.theory).map { (c.sigmaW, $0, $1) } }) { sw, a, th in
        let kappa = a.kappa2.mean.squareRoot()
        return [.real(sw), .integer(a.layer), .real(a.lengthEOverSqrtN.mean), .real(a.lengthEOverSqrtN.stderr),
                .real(th.lengthEOverSqrtN), .real(kappa), .real(a.kappa2.stderr.map { $0 / (2 * kappa) }),
                .real(th.kappa2.map { $0.squareRoot() }), .real(a.lengthG.mean), .real(a.lengthG.stderr),
                .real(th.lengthG)]
    }
}

/// One data set per σw: q^l, ḡ^E and κ̄², each simulated, in theory and its standard error.
func circleTable(_ comparisons: [CurvatureComparison], _ s: ReproductionSettings) -> Table {
    let quantities: [Quantity] = [.q, .gE, .kappa2]
    var columns: [Column] = [Column(.sigmaW), Column(.layer)]
    for quantity in quantities {
        columns += [Column(quantity), Column(quantity.theory), Column(quantity.stderr)]
    }
    return Table(title: "Fig. 4: the great circle's q^l, ḡ^E and κ̄² through depth (tanh, σb = 0.3, N = \(s.width), P = \(s.points), \(s.networks) networks, seed \(s.seed))",
                 columns: columns,
                 sets: comparisons.map { c in zip(c.sim, c.theory).map { (c.sigmaW, c.qStar, $0, $1) } }) { sw, q, a, th in
        let row: [Value] = [.real(sw), .integer(a.layer), .real(a.q.mean), .real(q), .real(a.q.stderr),
                            .real(a.gE.mean), .real(th.gE), .real(a.gE.stderr),
                            .real(a.kappa2.mean), .real(th.kappa2), .real(a.kappa2.stderr)]
        return row
    }
}

func curvatureScript(_ s: ReproductionSettings, _ t: NamedTable, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors.prefix(3).joined(separator: " ")
    func panel(_ letter: String, _ what: String, _ y: String, _ sim: Quantity, _ stderr: Quantity, _ theory: Quantity) -> String {
        """
        set title "\(letter)  \(what): theory (lines), simulation (points ± s.e.)"; set ylabel "\(y)"
        plot for [i=0:2] \(files.table(t)) index i using \(t.table.using(.layer, theory)) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \\
             for [i=0:2] \(files.table(t)) index i using \(t.table.using(.layer, sim, stderr)) with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle
        """
    }
    let panels = [
        panel("A", "Euclidean length", "L^E/√N", .lengthEOverSqrtN, .lengthEOverSqrtNStderr, .lengthEOverSqrtNTheory),
        panel("B", "extrinsic curvature", "κ̄ = √N κ", .kappaBar, .kappaBarStderr, .kappaBarTheory),
        panel("C", "Grassmannian length", "L^G", .lengthG, .lengthGStderr, .lengthGTheory),
    ]
    return """
        \(Gnuplot.header(files.png, width: 1800, height: 600))
        set multiplot layout 1,3 title "Fig. 4A-C: a great circle through depth (tanh, σ_b = 0.3, N = \(s.width))"
        set logscale y; set format y "10^{%L}"; set xlabel "layer l"; set key top left
        \(panels.joined(separator: "\n"))
        unset multiplot
        """
}

import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 4F–G: principal curvatures of a deep chaotic network's decision boundary pulled
/// back to each layer (σw = 4, σb = 0.3, width 200, depth 10, averaged over boundary
/// points), on a symlog-like axis sign(κ)·log10(1 + |κ|).
func boundaryFigure(_ s: ReproductionSettings) throws -> Figure {
    let width = s.quick ? 60 : 200, depth = s.quick ? 6 : 10, points = s.quick ? 3 : 10
    let net = try ReadoutNetwork(try FiniteNetwork(phi: .tanh, sigmaW: 4, sigmaB: ReproductionSettings.sigmaB,
                                                width: width, depth: depth), seed: s.seed)
    let result = try net.boundaryCurvature(points: points, seed: s.seed)
    let t = NamedTable(stem: "fig4g-boundary-curvature", table: boundaryCurvatureTable(result, width: width, depth: depth))
    return Figure(name: "fig4g", tables: [t]) { files in
        boundaryCurvatureScript(t, width: width, depth: depth, points: result.pointsFound, files)
    }
}

func boundaryCurvatureTable(_ result: BoundaryCurvatureResult, width: Int, depth: Int) -> Table {
    Table(title: "Fig. 4F-G: decision-boundary principal curvatures by layer (σw = 4, σb = 0.3, N = \(width), D = \(depth), \(result.pointsFound) points)",
          columns: [Column(.layer), Column(.kappaMax), Column(.kappaMin), Column(.kappaAbsMean), Column(.kappaTop), Column(.kappaBottom)],
          sets: [result.layers]) { l in
        [.integer(l.layer), .real(l.kappaMax), .real(l.kappaMin), .real(l.kappaAbsMean), .list(l.kappaTop), .list(l.kappaBottom)]
    }
}

/// The 1-based gnuplot columns of the elements of a list-valued `quantity`.
private func columns(_ t: Table, _ quantity: Quantity) -> ClosedRange<Int> {
    t.column(quantity)...(t.column(quantity) + quantity.count - 1)
}

func boundaryCurvatureScript(_ t: NamedTable, width: Int, depth: Int, points: Int, _ files: ScriptFiles) -> String {
    let top = columns(t.table, .kappaTop), bottom = columns(t.table, .kappaBottom), layer = t.table.column(.layer)
    return """
        \(Gnuplot.header(files.png, width: 1000, height: 700))
        symlog(k) = sgn(k) * log10(1 + abs(k))
        set title "Fig. 4G: principal curvatures of the decision boundary, pulled back to layer l\\n(tanh, σ_w = 4, σ_b = 0.3, N = \(width), D = \(depth); mean over \(points) boundary points)"
        set xlabel "layer l (0 = input, \(depth) = last)"; set ylabel "sign(κ) log_{10}(1 + |κ|)"
        set ytics ("-100" -log10(101), "-10" -log10(11), "-1" -log10(2), "0" 0, "1" log10(2), "10" log10(11), "100" log10(101), "1000" log10(1001))
        set xrange [-0.5:\(depth).5]; set key top right; set grid ytics
        plot for [c=\(top.lowerBound):\(top.upperBound)] \(files.table(t)) using \(layer):(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#d95f02" title (c == \(top.lowerBound) ? "4 largest κ" : ""), \\
             for [c=\(bottom.lowerBound):\(bottom.upperBound)] \(files.table(t)) using \(layer):(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#1b9e77" title (c == \(bottom.lowerBound) ? "4 smallest κ" : "")
        """
}

/// Figure 5 (lite): L^E of a great circle's image in deep nets by depth (width fixed) and
/// in one-hidden-layer nets by width, with Theorem 1's bound N1 (1 + s) R.
func expressivityFigure(_ s: ReproductionSettings) throws -> Figure {
    var r = ExpressivityRequest(network: try Network(phi: .tanh, sigmaW: 4, sigmaB: ReproductionSettings.sigmaB, depth: 14))
    r.seed = s.seed
    if s.quick {
        r.deepWidth = 100
        r.network = try r.network.with(depth: 6)
        r.shallowWidths = [50, 100, 200, 400]
        r.points = 200
    }
    let (deep, shallow) = try r.run()
    let d = NamedTable(stem: "fig5-deep", table: deepTable(deep, width: r.deepWidth))
    let w = NamedTable(stem: "fig5-shallow", table: shallowTable(shallow))
    let deepWidth = r.deepWidth
    return Figure(name: "fig5", tables: [d, w]) { files in expressivityScript(deep: d, shallow: w, deepWidth: deepWidth, files) }
}

func deepTable(_ rows: [ExpressivityRequest.Deep], width: Int) -> Table {
    Table(title: "Fig. 5 (lite): deep nets of width \(width), L^E by depth (tanh, σw = 4, σb = 0.3)",
          columns: [Column(.depth), Column(.width), Column(.totalWidth), Column(.lengthE)],
          sets: [rows]) { [.integer($0.depth), .integer($0.width), .integer($0.width * $0.depth), .real($0.lengthE)] }
}

func shallowTable(_ rows: [ExpressivityRequest.Shallow]) -> Table {
    Table(title: "Fig. 5 (lite): one-hidden-layer nets, L^E by width, and Theorem 1's bound",
          columns: [Column(.width), Column(.lengthE), Column(.bound)],
          sets: [rows]) { [.integer($0.width), .real($0.lengthE), .real($0.bound)] }
}

func expressivityScript(deep d: NamedTable, shallow w: NamedTable, deepWidth: Int, _ files: ScriptFiles) -> String {
    """
    \(Gnuplot.header(files.png, width: 1000, height: 700))
    set title "Fig. 5 (lite): depth, not width, makes a circle's image long\\n(tanh, σ_w = 4, σ_b = 0.3; deep nets of width \(deepWidth) against one-hidden-layer nets)"
    set logscale xy; set format y "10^{%L}"; set xlabel "neurons in all hidden layers (N·d deep, N_1 shallow)"; set ylabel "L^E"
    set key top left; set xrange [*:*] noextend
    plot \(files.table(d)) using \(d.table.using(.totalWidth, .lengthE)) with linespoints lw 2 pt 7 lc rgb "#d95f02" title "deep: depth d = 1, 2, …", \\
         \(files.table(w)) using \(w.table.using(.width, .lengthE)) with linespoints lw 2 pt 5 lc rgb "#1b9e77" title "shallow: one hidden layer", \\
         \(files.table(w)) using \(w.table.using(.width, .bound)) with lines dt 2 lw 2 lc rgb "black" title "Theorem 1 bound N_1 (1 + s) R"
    """
}

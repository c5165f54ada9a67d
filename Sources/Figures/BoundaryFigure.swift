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
    var t = Table(title: "Fig. 4F-G: decision-boundary principal curvatures by layer (σw = 4, σb = 0.3, N = \(width), D = \(depth), \(result.pointsFound) points)",
                  columns: [
                    Column(.layer),
                    Column(.kappaMax), Column(.kappaMin), Column(.kappaAbsMean),
                    Column(.kappaTop),
                    Column(.kappaBottom),
                  ])
    for l in result.layers {
        t.append([.integer(l.layer), .real(l.kappaMax), .real(l.kappaMin), .real(l.kappaAbsMean),
                  .list(l.kappaTop), .list(l.kappaBottom)])
    }
    return Figure(name: "fig4g", tables: [NamedTable(stem: "fig4g-boundary-curvature", table: t)]) { dir, png in
        """
        \(Gnuplot.header(png, width: 1000, height: 700))
        symlog(k) = sgn(k) * log10(1 + abs(k))
        set title "Fig. 4G: principal curvatures of the decision boundary, pulled back to layer l\\n(tanh, σ_w = 4, σ_b = 0.3, N = \(width), D = \(depth); mean over \(result.pointsFound) boundary points)"
        set xlabel "layer l (0 = input, \(depth) = last)"; set ylabel "sign(κ) log_{10}(1 + |κ|)"
        set ytics ("-100" -log10(101), "-10" -log10(11), "-1" -log10(2), "0" 0, "1" log10(2), "10" log10(11), "100" log10(101), "1000" log10(1001))
        set xrange [-0.5:\(depth).5]; set key top right; set grid ytics
        plot for [c=5:8] "\(dir)/fig4g-boundary-curvature.dat" using 1:(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#d95f02" title (c == 5 ? "4 largest κ" : ""), \\
             for [c=9:12] "\(dir)/fig4g-boundary-curvature.dat" using 1:(symlog(column(c))) with linespoints lw 2 pt 7 lc rgb "#1b9e77" title (c == 9 ? "4 smallest κ" : "")
        """
    }
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
    let deepWidth = r.deepWidth
    var d = Table(title: "Fig. 5 (lite): deep nets of width \(r.deepWidth), L^E by depth (tanh, σw = 4, σb = 0.3)", columns: [
        Column(.depth), Column(.width), Column(.totalWidth),
        Column(.lengthE)])
    for row in deep {
        d.append([.integer(row.depth), .integer(row.width), .integer(row.width * row.depth), .real(row.lengthE)])
    }
    var w = Table(title: "Fig. 5 (lite): one-hidden-layer nets, L^E by width, and Theorem 1's bound", columns: [
        Column(.width), Column(.lengthE), Column(.bound)])
    for row in shallow { w.append([.integer(row.width), .real(row.lengthE), .real(row.bound)]) }
    return Figure(name: "fig5", tables: [NamedTable(stem: "fig5-deep", table: d), NamedTable(stem: "fig5-shallow", table: w)]) { dir, png in
        """
        \(Gnuplot.header(png, width: 1000, height: 700))
        set title "Fig. 5 (lite): depth, not width, makes a circle's image long\\n(tanh, σ_w = 4, σ_b = 0.3; deep nets of width \(deepWidth) against one-hidden-layer nets)"
        set logscale xy; set format y "10^{%L}"; set xlabel "neurons in all hidden layers (N·d deep, N_1 shallow)"; set ylabel "L^E"
        set key top left; set xrange [*:*] noextend
        plot "\(dir)/fig5-deep.dat" using 3:4 with linespoints lw 2 pt 7 lc rgb "#d95f02" title "deep: depth d = 1, 2, …", \\
             "\(dir)/fig5-shallow.dat" using 1:2 with linespoints lw 2 pt 5 lc rgb "#1b9e77" title "shallow: one hidden layer", \\
             "\(dir)/fig5-shallow.dat" using 1:3 with lines dt 2 lw 2 lc rgb "black" title "Theorem 1 bound N_1 (1 + s) R"
        """
    }
}

import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 3 (σw = 4, σb = 0.3): A the circle's autocorrelation c^l(Δθ) by layer (theory:
/// c¹ = cos Δθ then the correlation map; simulation ± s.e.); B–D the propagated circle
/// projected on its first three principal components at three layers (one network).
func circleFigure(_ s: ReproductionSettings) throws -> Figure {
    let sw = 4.0, depth = s.quick ? 6 : 10
    let shown = s.quick ? [1, 2, 3, 6] : [1, 2, 3, 5, 10]
    let pcaLayers = s.quick ? [1, 3, 6] : [1, 4, 10]
    let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
    let q = try m.lengthFixedPoint()
    var r = try request(s, sigmaW: sw, depth: depth, q: q, points: s.points)
    r.autocorrelation = true
    let layers = LayerSummary.summarize(try r.run())
    let half = s.points / 2
    // Theory: each Δθ's correlation through the map, layer by layer.
    var theory = (0...half).map { cos(2 * Double.pi * Double($0) / Double(s.points)) }
    var byLayer: [[Double]] = [theory]
    for _ in 1..<depth {
        theory = theory.map { m.correlationMap($0, qStar: q) }
        byLayer.append(theory)
    }
    var auto = Table(title: "Fig. 3A: autocorrelation of the circle (σw = 4, σb = 0.3, N = \(s.width), P = \(s.points))", columns: [
        Column(.layer), Column(.dtheta),
        Column(.cTheory), Column(.cSim),
        Column(.cSimStderr)])
    for (i, l) in shown.enumerated() {
        if i > 0 { auto.newSet() }
        for k in 0...half {
            let st = layers[l - 1].autocorrelation[k]
            auto.append([.integer(l), .real(2 * .pi * Double(k) / Double(s.points)), .real(byLayer[l - 1][k]),
                         .real(st.mean), .real(st.stderr)])
        }
    }
    var single = r
    single.networks = 1
    single.autocorrelation = false
    let projections = try single.circleProjection(layers: pcaLayers)
    var pca = Table(title: "Fig. 3B-D: the circle on its first three principal components (one network)", columns: [
        Column(.layer), Column(.theta), Column(.pc1), Column(.pc2), Column(.pc3)])
    for (i, l) in pcaLayers.enumerated() {
        if i > 0 { pca.newSet() }
        // circleProjection returns every asked layer up to the depth, each with P ≥ 2 rows.
        guard let rows = projections[l], !rows.isEmpty else { continue }
        for j in 0...rows.count {  // close the curve
            let p = rows[j % rows.count]
            pca.append([.integer(l), .real(2 * .pi * Double(j) / Double(rows.count)), .real(p[0]), .real(p[1]), .real(p[2])])
        }
    }
    let shownList = shown.map(String.init).joined(separator: " ")
    // One symmetric range for all three axes of each panel (a flat circle stays flat).
    let ranges = pcaLayers.map { l in niceStep((projections[l]?.flatMap { $0 }.map(abs).max() ?? 1) * 1.1) * 1 }
    return Figure(name: "fig3", tables: [
        NamedTable(stem: "fig3a-autocorrelation", table: auto), NamedTable(stem: "fig3b-pca", table: pca),
    ]) { dir, png in
        """
        \(Gnuplot.header(png))
        set multiplot layout 2,2 title "Fig. 3: a great circle through a chaotic tanh network (σ_w = 4, σ_b = 0.3, N = \(s.width))"
        set title "A  autocorrelation c^l(Δθ): theory (lines), simulation (points)"
        set xlabel "Δθ"; set ylabel "c^l(Δθ)"; set key top right
        set xrange [0:pi]; set xtics ("0" 0, "π/4" pi/4, "π/2" pi/2, "3π/4" 3*pi/4, "π" pi)
        plot [0:pi][-1:1] \\
          for [i=0:\(shown.count - 1)] "\(dir)/fig3a-autocorrelation.dat" index i using 2:3 with lines lw 2 lc i+1 title sprintf("layer %s", word("\(shownList)", i+1)), \\
          for [i=0:\(shown.count - 1)] "\(dir)/fig3a-autocorrelation.dat" index i every 4 using 2:4:5 with yerrorbars pt 7 ps 0.6 lc i+1 notitle
        set xtics autofreq; set xrange [*:*]; unset key
        set xlabel "PC1"; set ylabel "PC2"; set zlabel "PC3"; set view 60,30; set ticslevel 0
        set view equal xyz  # one unit is one unit on every axis: a flat circle looks flat
        \(pcaLayers.enumerated().map { i, l in
            let r = ranges[i], step = niceStep(r / 2)
            return "set title \"\(["B", "C", "D"][i])  layer \(l): principal components 1–3\"\n"
                + "set xrange [-\(r):\(r)]; set yrange [-\(r):\(r)]; set zrange [-\(r):\(r)]\n"
                + "set xtics \(step); set ytics \(step); set ztics \(step)\n"
                + "splot \"\(dir)/fig3b-pca.dat\" index \(i) using 3:4:5 with lines lw 2 lc rgb \"\(Gnuplot.colors[i])\""
        }.joined(separator: "\n"))
        unset multiplot
        """
    }
}

/// The smallest 1, 2 or 5 × 10^k at least x.
func niceStep(_ x: Double) -> Double {
    let p = pow(10, (log10(x)).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * p >= x { return m * p }
    return 10 * p
}

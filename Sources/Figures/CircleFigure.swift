import Numerical
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
    let shown = s.quick ? [1, 2, 3, 6] : [1, 2, 3, 5, 10]
    let pcaLayers = s.quick ? [1, 3, 6] : [1, 4, 10]
    let (points, projections) = try circleSimulation(s, layers: shown, pcaLayers: pcaLayers)
    let auto = NamedTable(stem: "fig3a-autocorrelation", table: autocorrelationTable(points, s))
    let pca = NamedTable(stem: "fig3b-pca", table: projectionTable(projections))
    return Figure(name: "fig3", tables: [auto, pca]) { files in
        circleScript(s, autocorrelation: auto, shown: shown, pca: pca, projections: projections, files)
    }
}

/// The depth of Figure 3's networks and the model they sample.
private func circleDepth(_ s: ReproductionSettings) -> Int { s.quick ? 6 : 10 }
private let circleSigmaW = 4.0

/// One Δθ of the autocorrelation at one layer: theory and simulation ± s.e.
struct AutocorrelationPoint {
    let layer: Int
    let dtheta: Double
    let theory: Double
    let sim: Statistic
}

/// A: c^l(Δθ) for Δθ = 2πk/P, k = 0 … P/2, at each layer of `layers`: theory c¹ = cos Δθ
/// then the correlation map layer by layer; simulation over `s.networks` networks.
/// B–D: network 0's circle at `pcaLayers` on its first three principal components, taken
/// on the same run. Only the points are propagated (`derivatives = false`): nothing here
/// reads the circle's tangent or acceleration.
func circleSimulation(_ s: ReproductionSettings, layers shown: [Int], pcaLayers: [Int]) throws
    -> ([[AutocorrelationPoint]], CircleProjections) {
    let depth = circleDepth(s), half = s.points / 2
    let m = try MeanFieldModel(phi: .tanh, sigmaW: circleSigmaW, sigmaB: ReproductionSettings.sigmaB)
    let q = try m.lengthFixedPoint()
    var r = try request(s, sigmaW: circleSigmaW, depth: depth, q: q, points: s.points)
    r.autocorrelation = true
    r.derivatives = false
    let run = try r.run(projecting: pcaLayers)
    let layers = LayerSummary.summarize(run.measurements)
    var theory = (0...half).map { cos(2 * Double.pi * Double($0) / Double(s.points)) }
    var byLayer: [[Double]] = [theory]
    for _ in 1..<depth {
        theory = theory.map { m.correlationMap($0, qStar: q) }
        byLayer.append(theory)
    }
    let points = shown.map { l in
        (0...half).map { k in
            AutocorrelationPoint(layer: l, dtheta: 2 * .pi * Double(k) / Double(s.points), theory: byLayer[l - 1][k],
                                 sim: layers[l - 1].autocorrelation[k])
        }
    }
    // The run returns every asked layer up to the depth, each with P ≥ 2 rows.
    return (points, CircleProjections(layers: pcaLayers, rows: pcaLayers.map { run.projections[$0] ?? [] }))
}

/// B–D: one network's circle at each of `layers`, on its first three principal
/// components: per layer, one row [PC1, PC2, PC3] per circle point.
struct CircleProjections {
    let layers: [Int]
    let rows: [[[Double]]]

    /// One symmetric range per layer for all three axes (a flat circle stays flat): the
    /// largest |coordinate| with 10% room, rounded up to 1, 2 or 5 × 10^k.
    var ranges: [Double] { rows.map { niceStep(($0.flatMap { $0 }.map(abs).max() ?? 1) * 1.1) } }
}

func autocorrelationTable(_ points: [[AutocorrelationPoint]], _ s: ReproductionSettings) -> Table {
    Table(title: "Fig. 3A: autocorrelation of the circle (σw = 4, σb = 0.3, N = \(s.width), P = \(s.points))",
          columns: [Column(.layer), Column(.dtheta), Column(.cTheory), Column(.cSim), Column(.cSimStderr)],
          sets: points) { [.integer($0.layer), .real($0.dtheta), .real($0.theory), .real($0.sim.mean), .real($0.sim.stderr)] }
}

/// One set per layer; each closes its curve by repeating the first point at θ = 2π.
func projectionTable(_ p: CircleProjections) -> Table {
    let sets = zip(p.layers, p.rows).map { l, rows in
        rows.isEmpty ? [] : (0...rows.count).map { (j: Int) -> (Int, Double, [Double]) in (l, 2 * Double.pi * Double(j) / Double(rows.count), rows[j % rows.count]) }
    }
    return Table(title: "Fig. 3B-D: the circle on its first three principal components (one network)",
                 columns: [Column(.layer), Column(.theta), Column(.pc1), Column(.pc2), Column(.pc3)],
                 sets: sets) { [.integer($0.0), .real($0.1), .real($0.2[0]), .real($0.2[1]), .real($0.2[2])] }
}

func circleScript(_ s: ReproductionSettings, autocorrelation auto: NamedTable, shown: [Int], pca: NamedTable,
                  projections: CircleProjections, _ files: ScriptFiles) -> String {
    let shownList = shown.map(String.init).joined(separator: " ")
    let ranges = projections.ranges
    let panels = projections.layers.enumerated().map { i, l in
        let r = ranges[i], step = niceStep(r / 2)
        return "set title \"\(["B", "C", "D"][i])  layer \(l): principal components 1–3\"\n"
            + "set xrange [-\(r):\(r)]; set yrange [-\(r):\(r)]; set zrange [-\(r):\(r)]\n"
            + "set xtics \(step); set ytics \(step); set ztics \(step)\n"
            + "splot \(files.table(pca)) index \(i) using \(pca.table.using(.pc1, .pc2, .pc3)) with lines lw 2 lc rgb \"\(Gnuplot.colors[i])\""
    }
    return """
        \(Gnuplot.header(files.png))
        set multiplot layout 2,2 title "Fig. 3: a great circle through a chaotic tanh network (σ_w = 4, σ_b = 0.3, N = \(s.width))"
        set title "A  autocorrelation c^l(Δθ): theory (lines), simulation (points)"
        set xlabel "Δθ"; set ylabel "c^l(Δθ)"; set key top right
        set xrange [0:pi]; set xtics ("0" 0, "π/4" pi/4, "π/2" pi/2, "3π/4" 3*pi/4, "π" pi)
        plot [0:pi][-1:1] \\
          for [i=0:\(shown.count - 1)] \(files.table(auto)) index i using \(auto.table.using(.dtheta, .cTheory)) with lines lw 2 lc i+1 title sprintf("layer %s", word("\(shownList)", i+1)), \\
          for [i=0:\(shown.count - 1)] \(files.table(auto)) index i every 4 using \(auto.table.using(.dtheta, .cSim, .cSimStderr)) with yerrorbars pt 7 ps 0.6 lc i+1 notitle
        set xtics autofreq; set xrange [*:*]; unset key
        set xlabel "PC1"; set ylabel "PC2"; set zlabel "PC3"; set view 60,30; set ticslevel 0
        set view equal xyz  # one unit is one unit on every axis: a flat circle looks flat
        \(panels.joined(separator: "\n"))
        unset multiplot
        """
}

/// The smallest 1, 2 or 5 × 10^k at least x.
func niceStep(_ x: Double) -> Double {
    let p = pow(10, (log10(x)).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * p >= x { return m * p }
    return 10 * p
}

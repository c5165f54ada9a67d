import Model
import Numerical
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 2: A the correlation map C(c)/q* (theory lines, one-layer simulation with
/// spread); B c^l from c^1 ∈ {0.2, 0.5, 0.8} (σw = 2.5); C c*(σw, σb); D χ1(σw, σb) with
/// the order-to-chaos boundary χ1 = 1.
///
/// B carries 128 pairs per c¹ in each network (3 in `--quick`): a pair costs two columns
/// of the layer matrix, and with few pairs their own scatter, not the networks', set the
/// mean (with 8, c¹ = 0.2 sat 2–3 s.e. off the theory at seed 1).
func correlationFigure(_ s: ReproductionSettings, _ phase: PhaseFigureData) throws -> Figure {
    let csTheory = (0...40).map { -1 + 2 * Double($0) / 40 }
    let csSim = s.quick ? [-0.6, 0, 0.6] : [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]
    let copies = s.quick ? 3 : 8
    var theory = Table(title: "Fig. 2A theory: C(c; q*, q*)/q* for σb = 0.3", columns: [
        Column(.sigmaW), Column(.cIn), Column(.cOut)])
    var sim = Table(title: "Fig. 2A simulation: one layer, N = \(s.width), \(s.networks) networks × \(copies) pairs", columns: [
        Column(.sigmaW), Column(.cIn),
        Column(.cOut), Column(.cOutSd)])
    for (k, sw) in ReproductionSettings.featuredSigmaW.enumerated() {
        if k > 0 { theory.newSet(); sim.newSet() }
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        let q = try m.lengthFixedPoint()
        for c in csTheory { theory.append([.real(sw), .real(c), .real(m.correlationMap(c, qStar: q))]) }
        var r = try request(s, sigmaW: sw, depth: 2, q: q)
        r.pairCorrelations = csSim.flatMap { Array(repeating: $0, count: copies) }
        let runs = try r.run()
        for (i, c) in csSim.enumerated() {
            let (mean, sd) = meanAndSpread(group(runs, layer: 1, i, copies: copies, \.pairC).flatMap { $0 })
            sim.append([.real(sw), .real(c), .real(mean), .real(sd)])
        }
    }
    let starts = [0.2, 0.5, 0.8], layers = s.quick ? 8 : 15
    let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: ReproductionSettings.sigmaB)
    let q = try m.lengthFixedPoint()
    let dynamicsCopies = s.quick ? copies : 128
    var r = try request(s, sigmaW: 2.5, depth: layers, q: q)
    r.pairCorrelations = starts.flatMap { Array(repeating: $0, count: dynamicsCopies) }
    // The networks are the independent samples of c^l (the pairs of one network share its
    // weights): 8 of them, so that the standard error itself is not a 4-sample guess.
    if !s.quick { r.networks = 8 }
    let runs = try r.run()
    var dyn = Table(title: "Fig. 2B: c^l from three c^1 (σw = 2.5, σb = 0.3, q^1 = q*)", columns: [
        Column(.c1), Column(.layer), Column(.cTheory),
        Column(.cSim), Column(.cSimStderr)])
    for (i, c1) in starts.enumerated() {
        if i > 0 { dyn.newSet() }
        let th = try m.twoPointRecursion(q11: q, q22: q, c: c1, depth: layers)
        for l in 0..<layers {
            let st = Statistic(group(runs, layer: l, i, copies: dynamicsCopies, \.pairC)
                .map { $0.reduce(0, +) / Double(dynamicsCopies) })
            dyn.append([.real(c1), .integer(l + 1), .real(th[l].c), .real(st.mean), .real(st.stderr)])
        }
    }
    let colors = "\(Gnuplot.colors[0]) \(Gnuplot.colors[1]) \(Gnuplot.colors[2])"
    return Figure(name: "fig2", tables: [
        NamedTable(stem: "fig2a-theory", table: theory), NamedTable(stem: "fig2a-simulation", table: sim),
        NamedTable(stem: "fig2b-dynamics", table: dyn), phase.diagram, phase.boundary,
    ]) { dir, png in
        """
        \(Gnuplot.header(png))
        set multiplot layout 2,2 title "Fig. 2: the correlation map and the order-to-chaos transition (tanh, σ_b = 0.3)"
        set title "A  correlation map at q*: theory (lines), one layer of N = \(s.width) (points ± sd)"
        set xlabel "c^{l-1}"; set ylabel "c^l"; set key top left spacing 1.4
        plot [-1:1][-1:1] \\
          for [i=0:2] "\(dir)/fig2a-theory.dat" index i using 2:3 with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \\
          for [i=0:2] "\(dir)/fig2a-simulation.dat" index i using 2:3:4 with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle, \\
          x with lines dt 2 lc rgb "gray" title "c^l = c^{l-1}"
        set title "B  c^l from three c^1 (σ_w = 2.5): theory (lines), simulation (points ± s.e.)"
        set xlabel "layer l"; set ylabel "c^l"; set key top right
        plot [][0:1] \\
          for [i=0:2] "\(dir)/fig2b-dynamics.dat" index i using 2:3 with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("c^1 = %s", word("0.2 0.5 0.8", i+1)), \\
          for [i=0:2] "\(dir)/fig2b-dynamics.dat" index i using 2:4:5 with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle
        set view map; \(Gnuplot.palette)
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
        set title "C  c*(σ_w, σ_b)"; set cblabel "c*"; set cbrange [0:1]; unset key
        splot "\(dir)/phase-diagram.dat" using 1:2:5 with pm3d
        set title "D  χ_1(σ_w, σ_b) and the boundary χ_1 = 1"; set cblabel "χ_1"; set cbrange [0:2]
        set key bottom right
        splot "\(dir)/phase-diagram.dat" using 1:2:6 with pm3d notitle, \\
              "\(dir)/boundary.dat" using 2:1:(0) with lines lw 3 lc rgb "black" title "χ_1 = 1"
        unset multiplot
        """
    }
}

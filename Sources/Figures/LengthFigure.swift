import Model
import Numerical
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// The σw × σb phase diagram and the χ1 = 1 boundary, shared by Figures 1C–D and 2C–D.
struct PhaseFigureData {
    let diagram: NamedTable
    let boundary: NamedTable

    init(settings s: ReproductionSettings) throws {
        let n = s.grid
        let w = (0..<n).map { 1 + 4 * Double($0) / Double(n - 1) }
        let b = (0..<n).map { 4 * Double($0) / Double(n - 1) }
        let points = PhaseDiagram(phi: .tanh, sigmaW: w, sigmaB: b).compute()
        var t = Table(title: "tanh phase diagram (Figs. 1C-D, 2C-D)", columns: [
            Column(.sigmaW), Column(.sigmaB),
            Column(.qStar), Column(.convergenceTime),
            Column(.cStar),
            Column(.chi1),
        ], blockSize: n)
        for p in points {
            t.append([.real(p.sigmaW), .real(p.sigmaB), .real(p.qStar), .real(p.convergenceTime),
                      .real(p.cStar), .real(p.chi1)])
        }
        diagram = NamedTable(stem: "phase-diagram", table: t)
        let boundaryModel = OrderChaosBoundary(phi: .tanh)
        var bt = Table(title: "tanh order-to-chaos boundary χ1 = 1", columns: [
            Column(.sigmaB),
            Column(.sigmaWCritical),
        ])
        for sb in b { bt.append([.real(sb), .real(try boundaryModel.criticalSigmaW(sigmaB: sb))]) }
        boundary = NamedTable(stem: "boundary", table: bt)
    }
}

/// Figure 1: A the length map V(q) (theory lines, one-layer simulation with spread);
/// B q^l from three q^1 (theory and simulation, σw = 4); C q*(σw, σb); D convergence time.
func lengthFigure(_ s: ReproductionSettings, _ phase: PhaseFigureData) throws -> Figure {
    let qsTheory = (0...60).map { 15 * Double($0) / 60 }
    let qsSim = s.quick ? [0.5, 5, 10, 15] : (0...15).map { max(0.5, Double($0)) }
    let copies = s.quick ? 3 : 8
    var theory = Table(title: "Fig. 1A theory: V(q) for σb = 0.3", columns: [
        Column(.sigmaW), Column(.qIn), Column(.qOut)])
    var sim = Table(title: "Fig. 1A simulation: one layer, N = \(s.width), \(s.networks) networks × \(copies) inputs", columns: [
        Column(.sigmaW), Column(.qIn),
        Column(.qOut), Column(.qOutSd)])
    for (k, sw) in ReproductionSettings.featuredSigmaW.enumerated() {
        if k > 0 { theory.newSet(); sim.newSet() }
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        for q in qsTheory { theory.append([.real(sw), .real(q), .real(m.lengthMap(q))]) }
        var r = try request(s, sigmaW: sw, depth: 2, q: 1)
        r.pointLengths = qsSim.flatMap { Array(repeating: $0, count: copies) }
        let runs = try r.run()
        for (i, q) in qsSim.enumerated() {
            let (mean, sd) = meanAndSpread(group(runs, layer: 1, i, copies: copies, \.pointQ).flatMap { $0 })
            sim.append([.real(sw), .real(q), .real(mean), .real(sd)])
        }
    }
    // B: q^l dynamics at σw = 4 from q^1 ∈ {1, 6, 12}.
    let starts = [1.0, 6, 12], layers = s.quick ? 8 : 15
    let m = try MeanFieldModel(phi: .tanh, sigmaW: 4, sigmaB: ReproductionSettings.sigmaB)
    var r = try request(s, sigmaW: 4, depth: layers, q: 1)
    r.pointLengths = starts.flatMap { Array(repeating: $0, count: copies) }
    let runs = try r.run()
    var dyn = Table(title: "Fig. 1B: q^l from three q^1 (σw = 4, σb = 0.3)", columns: [
        Column(.q1), Column(.layer), Column(.qTheory),
        Column(.qSim), Column(.qSimStderr)])
    for (i, q1) in starts.enumerated() {
        if i > 0 { dyn.newSet() }
        let th = try m.twoPointRecursion(q11: q1, q22: q1, c: 1, depth: layers)
        for l in 0..<layers {
            let st = Statistic(group(runs, layer: l, i, copies: copies, \.pointQ).map { $0.reduce(0, +) / Double(copies) })
            dyn.append([.real(q1), .integer(l + 1), .real(th[l].q11), .real(st.mean), .real(st.stderr)])
        }
    }
    return Figure(name: "fig1", tables: [
        NamedTable(stem: "fig1a-theory", table: theory), NamedTable(stem: "fig1a-simulation", table: sim),
        NamedTable(stem: "fig1b-dynamics", table: dyn), phase.diagram,
    ]) { dir, png in
        """
        \(Gnuplot.header(png))
        set multiplot layout 2,2 title "Fig. 1: the length map and its fixed point (tanh, σ_b = 0.3)"
        set title "A  length map V(q): theory (lines), one layer of N = \(s.width) (points ± sd)"
        set xlabel "q^{l-1}"; set ylabel "q^l"; set key top left
        plot [0:15][0:] \\
          "\(dir)/fig1a-theory.dat" index 0 using 2:3 with lines lw 2 lc rgb "\(Gnuplot.colors[0])" title "σ_w = 1.3", \\
          "\(dir)/fig1a-theory.dat" index 1 using 2:3 with lines lw 2 lc rgb "\(Gnuplot.colors[1])" title "σ_w = 2.5", \\
          "\(dir)/fig1a-theory.dat" index 2 using 2:3 with lines lw 2 lc rgb "\(Gnuplot.colors[2])" title "σ_w = 4.0", \\
          "\(dir)/fig1a-simulation.dat" index 0 using 2:3:4 with yerrorbars pt 7 lc rgb "\(Gnuplot.colors[0])" notitle, \\
          "\(dir)/fig1a-simulation.dat" index 1 using 2:3:4 with yerrorbars pt 7 lc rgb "\(Gnuplot.colors[1])" notitle, \\
          "\(dir)/fig1a-simulation.dat" index 2 using 2:3:4 with yerrorbars pt 7 lc rgb "\(Gnuplot.colors[2])" notitle, \\
          x with lines dt 2 lc rgb "gray" title "q^l = q^{l-1}"
        set title "B  q^l from three q^1 (σ_w = 4): theory (lines), simulation (points ± s.e.)"
        set xlabel "layer l"; set ylabel "q^l"; set key center right
        plot [0:\(layers + 1)] \\
          for [i=0:2] "\(dir)/fig1b-dynamics.dat" index i using 2:3 with lines lw 2 lc rgb word("\(Gnuplot.colors[0]) \(Gnuplot.colors[1]) \(Gnuplot.colors[2])", i+1) title sprintf("q^1 = %s", word("1 6 12", i+1)), \\
          for [i=0:2] "\(dir)/fig1b-dynamics.dat" index i using 2:4:5 with yerrorbars pt 7 lc rgb word("\(Gnuplot.colors[0]) \(Gnuplot.colors[1]) \(Gnuplot.colors[2])", i+1) notitle
        set view map; unset key; \(Gnuplot.palette)
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
        set title "C  q*(σ_w, σ_b)"; set cblabel "q*"; set cbrange [*:*]
        splot "\(dir)/phase-diagram.dat" using 1:2:3 with pm3d
        set title "D  convergence time to within 1% of q* (mean over q^1 = 0.5 … 15, log scale)"; set cblabel "steps"
        set logscale cb; set cbrange [1:*]
        splot "\(dir)/phase-diagram.dat" using 1:2:4 with pm3d
        unset multiplot
        """
    }
}

/// A request for the featured σb, the reproduction's width, points, networks and seed.
func request(_ s: ReproductionSettings, sigmaW: Double, depth: Int, q: Double, points: Int = 2) throws -> SimulationRequest {
    SimulationRequest(
        network: try FiniteNetwork(phi: .tanh, sigmaW: sigmaW, sigmaB: ReproductionSettings.sigmaB,
                                    width: s.width, depth: depth),
        circlePoints: points, circleLength: q, networks: s.networks, seed: s.seed)
}

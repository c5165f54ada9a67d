import Numerical
import Model
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
    let copies = s.quick ? 3 : 8
    let theory = NamedTable(stem: "fig2a-theory", table: correlationMapTheoryTable(try correlationMapTheory()))
    let sim = NamedTable(stem: "fig2a-simulation", table: correlationMapSimulationTable(try correlationMapSimulation(s, copies: copies), s, copies: copies))
    let dynamics = NamedTable(stem: "fig2b-dynamics", table: correlationDynamicsTable(try correlationDynamics(s)))
    return Figure(name: "fig2", tables: [theory, sim, dynamics, phase.diagram, phase.boundary]) { files in
        correlationScript(s, theory: theory, simulation: sim, dynamics: dynamics, phase: phase, files)
    }
}

/// A: C(c; q*, q*)/q* on −1 … 1 for each featured σw, one data set per σw.
func correlationMapTheory() throws -> [[MapPoint]] {
    let cs = (0...40).map { (i: Int) -> Double in -1 + 2 * Double(i) / 40 }
    return try ReproductionSettings.featuredSigmaW.map { sw in
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        let q = try m.lengthFixedPoint()
        return cs.map { MapPoint(sigmaW: sw, input: $0, output: m.correlationMap($0, qStar: q)) }
    }
}

/// A: one layer of N = `s.width` from q^1 = q*, `copies` pairs per c^{l-1}: mean and
/// spread of c^l.
func correlationMapSimulation(_ s: ReproductionSettings, copies: Int) throws -> [[MapPoint]] {
    let cs = s.quick ? [-0.6, 0, 0.6] : [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]
    return try ReproductionSettings.featuredSigmaW.map { sw in
        let q = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB).lengthFixedPoint()
        var r = try request(s, sigmaW: sw, depth: 2, q: q)
        r.pairCorrelations = cs.flatMap { Array(repeating: $0, count: copies) }
        let runs = try r.run()
        return cs.enumerated().map { i, c in
            let (mean, sd) = meanAndSpread(group(runs, layer: 1, i, copies: copies, \.pairC).flatMap { $0 })
            return MapPoint(sigmaW: sw, input: c, output: mean, spread: sd)
        }
    }
}

/// B: c^l at σw = 2.5 from c^1 ∈ {0.2, 0.5, 0.8}, q^1 = q*: the recursion and the
/// simulation's mean over the pairs of each network, ± s.e. over networks (the pairs of
/// one network share its weights, so the networks are the independent samples: 8 of
/// them, so that the standard error itself is not a 4-sample guess).
func correlationDynamics(_ s: ReproductionSettings) throws -> [[LayerPoint]] {
    let starts = [0.2, 0.5, 0.8], layers = s.quick ? 8 : 15
    let copies = s.quick ? 3 : 128
    let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: ReproductionSettings.sigmaB)
    let q = try m.lengthFixedPoint()
    var r = try request(s, sigmaW: 2.5, depth: layers, q: q)
    r.pairCorrelations = starts.flatMap { Array(repeating: $0, count: copies) }
    if !s.quick { r.networks = 8 }
    let runs = try r.run()
    return try starts.enumerated().map { i, c1 in
        let th = try m.twoPointRecursion(q11: q, q22: q, c: c1, depth: layers)
        return (0..<layers).map { l in
            let st = Statistic(group(runs, layer: l, i, copies: copies, \.pairC).map { $0.reduce(0, +) / Double(copies) })
            return LayerPoint(start: c1, layer: l + 1, theory: th[l].c, sim: st)
        }
    }
}

func correlationMapTheoryTable(_ points: [[MapPoint]]) -> Table {
    Table(title: "Fig. 2A theory: C(c; q*, q*)/q* for σb = 0.3", columns: [Column(.sigmaW), Column(.cIn), Column(.cOut)],
          sets: points) { [.real($0.sigmaW), .real($0.input), .real($0.output)] }
}

func correlationMapSimulationTable(_ points: [[MapPoint]], _ s: ReproductionSettings, copies: Int) -> Table {
    Table(title: "Fig. 2A simulation: one layer, N = \(s.width), \(s.networks) networks × \(copies) pairs",
          columns: [Column(.sigmaW), Column(.cIn), Column(.cOut), Column(.cOutSd)],
          sets: points) { [.real($0.sigmaW), .real($0.input), .real($0.output), .real($0.spread)] }
}

func correlationDynamicsTable(_ points: [[LayerPoint]]) -> Table {
    Table(title: "Fig. 2B: c^l from three c^1 (σw = 2.5, σb = 0.3, q^1 = q*)",
          columns: [Column(.c1), Column(.layer), Column(.cTheory), Column(.cSim), Column(.cSimStderr)],
          sets: points) { [.real($0.start), .integer($0.layer), .real($0.theory), .real($0.sim.mean), .real($0.sim.stderr)] }
}

func correlationScript(_ s: ReproductionSettings, theory: NamedTable, simulation sim: NamedTable, dynamics dyn: NamedTable,
                       phase: PhaseFigureData, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors.prefix(3).joined(separator: " ")
    let boundary = phase.boundary
    return """
        \(Gnuplot.header(files.png))
        set multiplot layout 2,2 title "Fig. 2: the correlation map and the order-to-chaos transition (tanh, σ_b = 0.3)"
        set title "A  correlation map at q*: theory (lines), one layer of N = \(s.width) (points ± sd)"
        set xlabel "c^{l-1}"; set ylabel "c^l"; set key top left spacing 1.4
        plot [-1:1][-1:1] \\
          for [i=0:2] \(files.table(theory)) index i using \(theory.table.using(.cIn, .cOut)) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("σ_w = %s", word("1.3 2.5 4.0", i+1)), \\
          for [i=0:2] \(files.table(sim)) index i using \(sim.table.using(.cIn, .cOut, .cOutSd)) with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle, \\
          x with lines dt 2 lc rgb "gray" title "c^l = c^{l-1}"
        set title "B  c^l from three c^1 (σ_w = 2.5): theory (lines), simulation (points ± s.e.)"
        set xlabel "layer l"; set ylabel "c^l"; set key top right
        plot [][0:1] \\
          for [i=0:2] \(files.table(dyn)) index i using \(dyn.table.using(.layer, .cTheory)) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("c^1 = %s", word("0.2 0.5 0.8", i+1)), \\
          for [i=0:2] \(files.table(dyn)) index i using \(dyn.table.using(.layer, .cSim, .cSimStderr)) with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle
        set view map; \(Gnuplot.palette)
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
        set title "C  c*(σ_w, σ_b)"; set cblabel "c*"; set cbrange [0:1]; unset key
        splot \(phase.map(files, .cStar))
        set title "D  χ_1(σ_w, σ_b) and the boundary χ_1 = 1"; set cblabel "χ_1"; set cbrange [0:2]
        set key bottom right
        splot \(phase.map(files, .chi1)) notitle, \\
              \(files.table(boundary)) using \(boundary.table.using(.sigmaWCritical, .sigmaB)):(0) with lines lw 3 lc rgb "black" title "χ_1 = 1"
        unset multiplot
        """
}

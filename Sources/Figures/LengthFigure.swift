import Numerical
import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Reporting

/// Figure 1: A the length map V(q) (theory lines, one-layer simulation with spread);
/// B q^l from three q^1 (theory and simulation, σw = 4); C q*(σw, σb); D convergence time.
func lengthFigure(_ s: ReproductionSettings, _ phase: PhaseFigureData) throws -> Figure {
    let copies = s.quick ? 3 : 8
    let theory = NamedTable(stem: "fig1a-theory", table: lengthMapTheoryTable(try lengthMapTheory()))
    let sim = NamedTable(stem: "fig1a-simulation", table: lengthMapSimulationTable(try lengthMapSimulation(s, copies: copies), s, copies: copies))
    let dynamics = NamedTable(stem: "fig1b-dynamics", table: lengthDynamicsTable(try lengthDynamics(s, copies: copies)))
    return Figure(name: "fig1", tables: [theory, sim, dynamics, phase.diagram]) { files in
        lengthScript(s, theory: theory, simulation: sim, dynamics: dynamics, phase: phase, files)
    }
}

/// One point of a map (length or correlation) at one σw: input, output and, for a
/// simulation, the spread of the output.
struct MapPoint {
    let sigmaW, input, output: Double
    var spread: Double = 0
}

/// One layer of a recursion from one start (q^1 or c^1): theory and simulation ± s.e.
struct LayerPoint {
    let start: Double
    let layer: Int
    let theory: Double
    let sim: Statistic
}

/// A: V(q) on 0 … 15 for each featured σw, one data set per σw.
func lengthMapTheory() throws -> [[MapPoint]] {
    let qs = (0...60).map { 15 * Double($0) / 60 }
    return try ReproductionSettings.featuredSigmaW.map { sw in
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        return qs.map { MapPoint(sigmaW: sw, input: $0, output: m.lengthMap($0)) }
    }
}

/// A: one layer of N = `s.width`, `copies` inputs per q^{l-1}: mean and spread of q^l.
func lengthMapSimulation(_ s: ReproductionSettings, copies: Int) throws -> [[MapPoint]] {
    let qs = s.quick ? [0.5, 5, 10, 15] : (0...15).map { max(0.5, Double($0)) }
    return try ReproductionSettings.featuredSigmaW.map { sw in
        var r = try request(s, sigmaW: sw, depth: 2, q: 1)
        r.pointLengths = qs.flatMap { Array(repeating: $0, count: copies) }
        let runs = try r.run()
        return qs.enumerated().map { i, q in
            let (mean, sd) = meanAndSpread(group(runs, layer: 1, i, copies: copies, \.pointQ).flatMap { $0 })
            return MapPoint(sigmaW: sw, input: q, output: mean, spread: sd)
        }
    }
}

/// B: q^l at σw = 4 from q^1 ∈ {1, 6, 12}: the recursion and the simulation's mean over
/// `copies` inputs, ± s.e. over networks.
func lengthDynamics(_ s: ReproductionSettings, copies: Int) throws -> [[LayerPoint]] {
    let starts = [1.0, 6, 12], layers = s.quick ? 8 : 15
    let m = try MeanFieldModel(phi: .tanh, sigmaW: 4, sigmaB: ReproductionSettings.sigmaB)
    var r = try request(s, sigmaW: 4, depth: layers, q: 1)
    r.pointLengths = starts.flatMap { Array(repeating: $0, count: copies) }
    let runs = try r.run()
    return try starts.enumerated().map { i, q1 in
        let th = try m.twoPointRecursion(q11: q1, q22: q1, c: 1, depth: layers)
        return (0..<layers).map { l in
            let st = Statistic(group(runs, layer: l, i, copies: copies, \.pointQ).map { $0.reduce(0, +) / Double(copies) })
            return LayerPoint(start: q1, layer: l + 1, theory: th[l].q11, sim: st)
        }
    }
}

func lengthMapTheoryTable(_ points: [[MapPoint]]) -> Table {
    Table(title: "Fig. 1A theory: V(q) for σb = 0.3", columns: [Column(.sigmaW), Column(.qIn), Column(.qOut)],
          sets: points) { [.real($0.sigmaW), .real($0.input), .real($0.output)] }
}

func lengthMapSimulationTable(_ points: [[MapPoint]], _ s: ReproductionSettings, copies: Int) -> Table {
    Table(title: "Fig. 1A simulation: one layer, N = \(s.width), \(s.networks) networks × \(copies) inputs",
          columns: [Column(.sigmaW), Column(.qIn), Column(.qOut), Column(.qOutSd)],
          sets: points) { [.real($0.sigmaW), .real($0.input), .real($0.output), .real($0.spread)] }
}

func lengthDynamicsTable(_ points: [[LayerPoint]]) -> Table {
    Table(title: "Fig. 1B: q^l from three q^1 (σw = 4, σb = 0.3)",
          columns: [Column(.q1), Column(.layer), Column(.qTheory), Column(.qSim), Column(.qSimStderr)],
          sets: points) { [.real($0.start), .integer($0.layer), .real($0.theory), .real($0.sim.mean), .real($0.sim.stderr)] }
}

func lengthScript(_ s: ReproductionSettings, theory: NamedTable, simulation sim: NamedTable, dynamics dyn: NamedTable,
                  phase: PhaseFigureData, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors.prefix(3).joined(separator: " ")
    let layers = dyn.table.sets[0].count
    let theoryLines = (0..<3).map { i in
        "  \(files.table(theory)) index \(i) using \(theory.table.using(.qIn, .qOut)) with lines lw 2 lc rgb \"\(Gnuplot.colors[i])\" title \"σ_w = \(["1.3", "2.5", "4.0"][i])\", \\"
    }
    let simPoints = (0..<3).map { i in
        "  \(files.table(sim)) index \(i) using \(sim.table.using(.qIn, .qOut, .qOutSd)) with yerrorbars pt 7 lc rgb \"\(Gnuplot.colors[i])\" notitle, \\"
    }
    return """
        \(Gnuplot.header(files.png))
        set multiplot layout 2,2 title "Fig. 1: the length map and its fixed point (tanh, σ_b = 0.3)"
        set title "A  length map V(q): theory (lines), one layer of N = \(s.width) (points ± sd)"
        set xlabel "q^{l-1}"; set ylabel "q^l"; set key top left
        plot [0:15][0:] \\
        \((theoryLines + simPoints).joined(separator: "\n"))
          x with lines dt 2 lc rgb "gray" title "q^l = q^{l-1}"
        set title "B  q^l from three q^1 (σ_w = 4): theory (lines), simulation (points ± s.e.)"
        set xlabel "layer l"; set ylabel "q^l"; set key center right
        plot [0:\(layers + 1)] \\
          for [i=0:2] \(files.table(dyn)) index i using \(dyn.table.using(.layer, .qTheory)) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("q^1 = %s", word("1 6 12", i+1)), \\
          for [i=0:2] \(files.table(dyn)) index i using \(dyn.table.using(.layer, .qSim, .qSimStderr)) with yerrorbars pt 7 lc rgb word("\(colors)", i+1) notitle
        set view map; unset key; \(Gnuplot.palette)
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:5]; set yrange [0:4]
        set title "C  q*(σ_w, σ_b)"; set cblabel "q*"; set cbrange [*:*]
        splot \(phase.map(files, .qStar))
        set title "D  convergence time to within 1% of q* (mean over q^1 = 0.5 … 15, log scale)"; set cblabel "steps"
        set logscale cb; set cbrange [1:*]
        splot \(phase.map(files, .convergenceTime))
        unset multiplot
        """
}

/// A request for the featured σb, the reproduction's width, points, networks and seed.
func request(_ s: ReproductionSettings, sigmaW: Double, depth: Int, q: Double, points: Int = 2) throws -> SimulationRequest {
    SimulationRequest(
        network: try FiniteNetwork(phi: .tanh, sigmaW: sigmaW, sigmaB: ReproductionSettings.sigmaB,
                                   width: s.width, depth: depth),
        circlePoints: points, circleLength: q, networks: s.networks, seed: s.seed)
}

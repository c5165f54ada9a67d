import Foundation
import MeanFieldTheory
import Model
import MonteCarlo
import Nonlinearities
import Numerical
import Reporting

/// Figure 9 (SPEC §11): A Schoenholz et al. 2017's dropout result, ξ_c against σw for
/// keep probabilities ρ (theory lines, simulation points ± s.e.); with ρ < 1 there is no
/// critical line and ξ_c stays finite. B, C the NTK by depth (Xiao et al. 2020) in
/// order, at criticality and in chaos, for the plain mlp and a residual net: B its
/// normalised off-diagonal Θ12/Θ (→ 1 in order: a constant kernel, untrainable; → 0 in
/// chaos), C its diagonal Θ(x, x) (a limit in order, linear growth at criticality,
/// exponential in chaos). tanh; σb² = 0.05 in A (Schoenholz et al.'s), σb = 0.3 in B, C.
func architectureFigure(_ s: ReproductionSettings) throws -> Figure {
    let theory = NamedTable(stem: "fig9a-theory", table: dropoutTheoryTable(try dropoutTheory(s)))
    let sim = NamedTable(stem: "fig9a-simulation", table: dropoutSimulationTable(try dropoutSimulation(s), s))
    let curves = try ntkProfiles(s)
    let ntk = NamedTable(stem: "fig9bc-ntk", table: ntkTable(curves))
    return Figure(name: "fig9", tables: [theory, sim, ntk]) { files in
        architectureScript(theory: theory, simulation: sim, ntk: ntk, curves: curves, files)
    }
}

/// The keep probabilities of A (1: the plain network, whose ξ_c diverges at χ1 = 1).
let dropoutKeeps = [1.0, 0.99, 0.95, 0.9]
/// σb of A: σb² = 0.05, as in Schoenholz et al. 2017.
let dropoutSigmaB = 0.05.squareRoot()

struct XiPoint {
    let keep, sigmaW: Double
    let xi: Double?
    var stderr: Double?
}

func dropoutModel(keep: Double, sigmaW: Double) throws -> MeanFieldModel {
    MeanFieldModel(network: try Network(phi: .tanh, sigmaW: sigmaW, sigmaB: dropoutSigmaB,
                                        architecture: try Architecture(keep: keep)))
}

/// A, theory: ξ_c = −1/ln χ_c at c* for each ρ on σw ∈ [0.5, 4].
func dropoutTheory(_ s: ReproductionSettings) throws -> [[XiPoint]] {
    let count = s.quick ? 8 : 141
    let ws = (0..<count).map { (i: Int) -> Double in 0.5 + 3.5 * Double(i) / Double(count - 1) }
    return try dropoutKeeps.map { keep in
        try ws.concurrentMap { w in
            Result {
                let summary = try dropoutModel(keep: keep, sigmaW: w).architectureSummary(errorEstimates: false)
                return XiPoint(keep: keep, sigmaW: w, xi: summary.xiC)
            }
        }.map { try $0.get() }
    }
}

/// A, simulation: pairs of length q* started at c^1 = c* − 0.1 through `depth` layers;
/// per network χ_c by least squares of d^{l+1} = χ_c d^l (d^l = c^l − c*, the mean over
/// its pairs), ξ_c = −1/ln of the mean χ_c, its s.e. by the delta method
/// δξ = δχ/(χ ln²χ). Near χ1 = 1 with ρ = 1 the decay is too slow for the depth: the
/// points sit away from it.
func dropoutSimulation(_ s: ReproductionSettings) throws -> [[XiPoint]] {
    let ws = s.quick ? [0.8, 2.4] : [0.8, 1.6, 2.4, 3.2]
    let depth = s.quick ? 4 : 8, copies = s.quick ? 4 : 32
    // All 16 (ρ, σw) runs draw the same standard Gaussian weights per (network, layer):
    // drawn once, scaled per σw (`runSharingWeights`, the same bytes).
    let settings = dropoutKeeps.flatMap { keep in ws.map { (keep: keep, sigmaW: $0) } }
    var requests: [SimulationRequest] = [], fixedPoints: [Double] = []
    for (keep, w) in settings {
        let m = try dropoutModel(keep: keep, sigmaW: w)
        let fixed = try m.architectureSummary(errorEstimates: false)
        let q = fixed.qStar.value, cStar = fixed.cStar.value
        var r = SimulationRequest(
            network: try FiniteNetwork(m.network.with(depth: depth), width: s.width),
            circlePoints: 2, circleLength: q, networks: s.networks, seed: s.seed)
        r.pairCorrelations = Array(repeating: cStar - 0.1, count: copies)
        requests.append(r)
        fixedPoints.append(cStar)
    }
    let allRuns = try SimulationRequest.runSharingWeights(requests)
    let points = settings.indices.map { i -> XiPoint in
        let (keep, w) = settings[i], cStar = fixedPoints[i], runs = allRuns[i]
        let slopes: [Double] = runs.map { layers in
            let d = layers.map { $0.pairC.reduce(0, +) / Double(copies) - cStar }
            var num = 0.0, den = 0.0
            for l in 0..<(d.count - 1) {
                num += d[l] * d[l + 1]
                den += d[l] * d[l]
            }
            return num / den
        }
        let chi = Statistic(slopes)
        guard let xi = depthScale(chi.mean), chi.mean > 0 else { return XiPoint(keep: keep, sigmaW: w, xi: nil) }
        let ln = log(chi.mean)
        return XiPoint(keep: keep, sigmaW: w, xi: xi, stderr: chi.stderr.map { $0 / (chi.mean * ln * ln) })
    }
    return dropoutKeeps.indices.map { Array(points[$0 * ws.count..<($0 + 1) * ws.count]) }
}

func dropoutTheoryTable(_ sets: [[XiPoint]]) -> Table {
    Table(title: "Fig. 9A theory: ξ_c of tanh with dropout (keep ρ), σb² = 0.05",
          columns: [Column(.dropout), Column(.sigmaW), Column(.xiC)], sets: sets) {
        [.real($0.keep), .real($0.sigmaW), .real($0.xi)]
    }
}

func dropoutSimulationTable(_ sets: [[XiPoint]], _ s: ReproductionSettings) -> Table {
    Table(title: "Fig. 9A simulation: ξ_c from pairs started 0.1 below c*, N = \(s.width), \(s.networks) networks",
          columns: [Column(.dropout), Column(.sigmaW), Column(.xiCSim), Column(.xiCSimStderr)], sets: sets) {
        [.real($0.keep), .real($0.sigmaW), .real($0.xi), .real($0.stderr)]
    }
}

/// One curve of B, C: an architecture at one σw.
struct NTKCurve {
    let label: String
    let sigmaW: Double
    let layers: [KernelState]
}


/// B, C: Θ by depth from q^1 = q*, c^1 = 0.5, for the mlp and the resnet at σw = 1
/// (ordered), at the σw of χ1 = 1 (each its own) and at σw = 2.5 (chaotic).
func ntkProfiles(_ s: ReproductionSettings) throws -> [NTKCurve] {
    let depth = s.quick ? 12 : 60, b = ReproductionSettings.sigmaB
    // The residual net: shortcut weight 0.8, branches of one nonlinear layer.
    let resnet = try Architecture(kind: .resnet, shortcutWeight: 0.8, branchDepth: 1)
    return try [(Architecture.plain, "mlp"), (resnet, "resnet w=0.8")].flatMap { a, name in
        var boundary = OrderChaosBoundary(phi: .tanh)
        boundary.architecture = a
        let critical = try boundary.criticalSigmaW(sigmaB: b)
        return try [(1.0, "ordered"), (critical, "critical"), (2.5, "chaotic")].map { w, phase in
            let m = MeanFieldModel(network: try Network(phi: .tanh, sigmaW: w, sigmaB: b, architecture: a))
            let q = try m.architectureLengthFixedPoint().qStar
            let (layers, overflow) = try m.kernelTrajectory(from: KernelState(q11: q, q22: q, c: 0.5), depth: depth, ntk: true)
            if let overflow { throw overflow }
            return NTKCurve(label: "\(name), \(phase)", sigmaW: w, layers: layers)
        }
    }
}

func ntkTable(_ curves: [NTKCurve]) -> Table {
    let sets = curves.map { c in c.layers.enumerated().map { (c.sigmaW, $0 + 1, $1) } }
    return Table(title: "Fig. 9B, C: the NTK by depth (tanh, σb = 0.3, q^1 = q*, c^1 = 0.5): "
                 + curves.map(\.label).joined(separator: "; "),
                 columns: [Column(.sigmaW), Column(.layer), Column(.ntk), Column(.ntk12), Column(.ntkCorrelation)],
                 sets: sets) { w, l, k in
        [.real(w), .integer(l), .real(k.theta11), .real(k.theta12), .real(k.theta12 / k.theta11)]
    }
}

func architectureScript(theory: NamedTable, simulation sim: NamedTable, ntk: NamedTable, curves: [NTKCurve],
                        _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors.prefix(4).joined(separator: " ")
    let keeps = dropoutKeeps.map { String($0) }.joined(separator: " ")
    let phases = Gnuplot.colors.prefix(3).joined(separator: " ")
    let titles = curves.map { "\"\($0.label)\"" }.joined(separator: ", ")
    return """
        \(Gnuplot.header(files.png, width: 1500, height: 1000))
        array curve[\(curves.count)] = [\(titles)]
        set multiplot title "Fig. 9: dropout has no critical line; the NTK in order, at criticality and in chaos (tanh)" font ",14"
        set size 1, 0.47; set origin 0, 0.48
        set title "A  ξ_c against σ_w for keep probabilities ρ (σ_b^2 = 0.05): theory (lines), simulation (points ± s.e.)"
        set xlabel "σ_w"; set ylabel "ξ_c [layers]"; set key top right; set logscale y
        plot [0.5:4][0.3:300] \\
          for [i=0:\(dropoutKeeps.count - 1)] \(files.table(theory)) index i using \(theory.table.using(.sigmaW, .xiC)) with lines lw 2 lc rgb word("\(colors)", i+1) title sprintf("ρ = %s", word("\(keeps)", i+1)), \\
          for [i=0:\(dropoutKeeps.count - 1)] \(files.table(sim)) index i using \(sim.table.using(.sigmaW, .xiCSim, .xiCSimStderr)) with yerrorbars pt 7 ps 1.2 lc rgb word("\(colors)", i+1) notitle
        unset logscale y
        set size 0.5, 0.48; set origin 0, 0
        set title "B  Θ(x, x')/Θ(x, x) by depth: mlp (solid), resnet w = 0.8 (dashed)"
        set xlabel "layer l"; set ylabel "Θ_{12}/Θ"; set key at graph 0.98, 0.75 right font ",10"
        plot [][0:1.05] \\
          for [i=0:2] \(files.table(ntk)) index i using \(ntk.table.using(.layer, .ntkCorrelation)) with lines lw 2 dt 1 lc rgb word("\(phases)", i+1) title curve[i+1], \\
          for [i=3:5] \(files.table(ntk)) index i using \(ntk.table.using(.layer, .ntkCorrelation)) with lines lw 2 dt 2 lc rgb word("\(phases)", i-2) title curve[i+1]
        set size 0.5, 0.48; set origin 0.5, 0
        set title "C  Θ(x, x) by depth (limit in order, linear at χ_1 = 1, exponential in chaos)"
        set xlabel "layer l"; set ylabel "Θ(x, x)"; set logscale y; set format y "10^{%L}"; set key default; set key top left box opaque font ",10"
        plot [][] \\
          for [i=0:2] \(files.table(ntk)) index i using \(ntk.table.using(.layer, .ntk)) with lines lw 2 dt 1 lc rgb word("\(phases)", i+1) title curve[i+1], \\
          for [i=3:5] \(files.table(ntk)) index i using \(ntk.table.using(.layer, .ntk)) with lines lw 2 dt 2 lc rgb word("\(phases)", i-2) title curve[i+1]
        unset multiplot
        """
}

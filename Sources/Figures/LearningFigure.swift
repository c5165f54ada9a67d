import Model
import Foundation
import Learning
import Reporting

/// Figure 7: learning dynamics of deep linear networks (SPEC §8; Saxe, McClelland &
/// Ganguli 2013, Figs. 3 and 5; the slides' "Deep linear networks" and
/// "Depth-independent training time").
/// - A: mode strengths a_α(t) of Σ³¹ = U diag(3, 2, 1) Vᵀ from decoupled a0 = 0.01, for
///   3 layers and 6 layers (λ = 0.01 for both): the exact solution (lines) under
///   gradient descent (points): strong modes first, sigmoidal transitions, sharper deeper;
/// - B: singular values of hierarchical data by mode, eq. 13 (line) beside sampled data
///   sets (points) as N grows (D = 6, ε = 0.1), per √N;
/// - C: progressive differentiation: GD from small random weights on hierarchical data
///   (D = 5, 3 layers), each level's mean a/s against time; coarse levels first;
///   dashed, the decoupled solution from each level's own a(0);
/// - D: epochs to 10% of the initial error against depth, best rate of the grid,
///   for the four initial conditions (D = 6, N = 64, hidden 128).
func learningFigure(_ s: ReproductionSettings) throws -> Figure {
    let a = NamedTable(stem: "fig7a-modes", table: modesTable(try modeStrengths(s)))
    let featureCounts = s.quick ? [20, 200] : [20, 200, 2000]
    let b = NamedTable(stem: "fig7b-hierarchy-spectrum", table: hierarchySpectrumTable(try hierarchySpectra(featureCounts, seed: s.seed)))
    let differentiation = try progressiveDifferentiation(s)
    let c = NamedTable(stem: "fig7c-differentiation", table: differentiationTable(differentiation))
    let times = try learningTimes(s)
    let d = NamedTable(stem: "fig7d-learning-time", table: learningTimeTable(times))
    return Figure(name: "fig7", tables: [a, b, c, d]) { files in
        learningScript(modes: a, spectrum: b, featureCounts: featureCounts, differentiation: c,
                       levels: differentiation.theory.levels, learningTime: d, times, files)
    }
}

/// A: λ and a0 shared by both depths (the deeper net's longer plateau, t ∝ a0^{−(1−2/m)}/s,
/// is the point).
private let modesRate = 0.01, modesA0 = 0.01, modesDepths = [3, 6]

/// One epoch of one mode: gradient descent and the exact solution.
struct ModePoint {
    let layers, mode: Int
    let s: Double
    let epoch: Int
    let a, theory: Double
}

/// A: Σ³¹ = U diag(3, 2, 1) Vᵀ, decoupled start; one data set per (depth, mode), every
/// 10th epoch of 800.
func modeStrengths(_ s: ReproductionSettings) throws -> [[ModePoint]] {
    let modes = try LearningData.modes(singularValues: [3, 2, 1], seed: s.seed)
    let epochs = Array(stride(from: 0, through: 800, by: 10))
    return try modesDepths.flatMap { layers in
        let net = try DeepLinearNetwork(layers: layers, hidden: 3, data: modes, initial: .decoupled, a0: modesA0, seed: s.seed)
        let run = try GradientDescent(learningRate: modesRate, epochs: epochs.last ?? 0).run(net, on: modes)
        return try (0..<modes.modes).map { alpha in
            let theory = try ModeDynamics(s: modes.s[alpha], a0: modesA0, tau: 1 / modesRate, layers: layers)
                .strength(at: epochs.map(Double.init))
            return epochs.enumerated().map { i, e in
                ModePoint(layers: layers, mode: alpha, s: modes.s[alpha], epoch: e, a: run.strengths[e][alpha], theory: theory[i])
            }
        }
    }
}

/// One mode of a hierarchical data set: eq. 13 and the sampled singular value, per √N.
struct HierarchyModePoint {
    let features, mode, level: Int
    let theory, sampled: Double
}

/// B: D = 6, B = 2, ε = 0.1; one data set per feature count, modes with a level only.
func hierarchySpectra(_ featureCounts: [Int], seed: UInt64) throws -> [[HierarchyModePoint]] {
    try featureCounts.map { n in
        let h = try HierarchyTheory(levels: 6, branching: 2, epsilon: 0.1, features: n)
        let data = try LearningData.hierarchy(h, seed: seed)
        let levels = data.levels ?? []
        let root = Double(n).squareRoot()
        return data.s.enumerated().filter { $0.offset < levels.count }.map { alpha, sa in
            HierarchyModePoint(features: n, mode: alpha, level: levels[alpha],
                               theory: h.singularValue(level: levels[alpha]) / root, sampled: sa / root)
        }
    }
}

/// C: gradient descent from small weights (σ = 1e-3, 3 layers, hidden 32) on hierarchical
/// data (D = 5); per level, the mean |a| of its modes over their mean s against the
/// decoupled solution from that mean's own a(0).
struct Differentiation {
    let theory: HierarchyTheory
    let rate: Double
    /// One set per level (empty for a level with no mode).
    let sets: [[LevelPoint]]
}

/// One epoch of one tree level: ā/s̄ under gradient descent and a(t)/s̄ of the solution.
struct LevelPoint {
    let level: Int
    let s: Double
    let epoch: Int
    let a, aTheory: Double
}

func progressiveDifferentiation(_ s: ReproductionSettings) throws -> Differentiation {
    let hc = try HierarchyTheory(levels: 5, branching: 2, epsilon: 0.1, features: s.quick ? 50 : 200)
    let tree = try LearningData.hierarchy(hc, seed: s.seed)
    let rate = 0.05 / tree.s[0]
    let epochs = Array(stride(from: 0, through: s.quick ? 600 : 1000, by: 10))
    let net = try DeepLinearNetwork(layers: 3, hidden: 32, data: tree, initial: .small, smallStd: 1e-3, seed: s.seed)
    let run = try GradientDescent(learningRate: rate, epochs: epochs.last ?? 0).run(net, on: tree)
    let levels = tree.levels ?? []
    let sets = try (0..<hc.levels).map { l -> [LevelPoint] in
        let members = levels.indices.filter { levels[$0] == l }
        guard !members.isEmpty else { return [] }
        let sl = members.map { tree.s[$0] }.reduce(0, +) / Double(members.count)
        func mean(_ e: Int) -> Double { members.map { abs(run.strengths[e][$0]) }.reduce(0, +) / Double(members.count) }
        let theory = try ModeDynamics(s: sl, a0: Swift.max(mean(0), 1e-12), tau: 1 / rate, layers: 3)
            .strength(at: epochs.map(Double.init))
        return epochs.enumerated().map { i, e in LevelPoint(level: l, s: sl, epoch: e, a: mean(e) / sl, aTheory: theory[i] / sl) }
    }
    return Differentiation(theory: hc, rate: rate, sets: sets)
}

/// D: epochs to 10% of the initial error by depth, best rate of the grid, for each
/// initial condition (rows grouped by initial condition, in `request.initials` order).
struct LearningTimes {
    let request: LearningTimeRequest
    let theory: HierarchyTheory
    let sets: [[LearningTimeRequest.Row]]
    var depths: [Int] { request.layers }
}

func learningTimes(_ s: ReproductionSettings) throws -> LearningTimes {
    let hd = try HierarchyTheory(levels: s.quick ? 4 : 6, branching: 2, epsilon: 0.1, features: s.quick ? 16 : 64)
    var request = LearningTimeRequest(data: try LearningData.hierarchy(hd, seed: s.seed), hidden: s.quick ? 24 : 128,
                                      layers: s.quick ? [3, 5, 9] : [3, 5, 9, 17, 33, 65],
                                      initials: [.orthogonal, .decoupled, .gaussian, .small])
    request.maxEpochs = s.quick ? 200 : 2000
    request.rateFactors = (0.01, 4, s.quick ? 6 : 14)
    request.a0 = 1
    request.seed = s.seed
    let rows = try request.run()
    return LearningTimes(request: request, theory: hd, sets: request.initials.map { i in rows.filter { $0.initial == i } })
}

func modesTable(_ points: [[ModePoint]]) -> Table {
    Table(title: "Fig. 7A: mode strengths, Σ³¹ = U diag(3,2,1) Vᵀ, decoupled a0 = \(modesA0), λ = \(modesRate)",
          columns: [Column(.layers), Column(.mode), Column(.s), Column(.epoch), Column(.a), Column(.aTheory)],
          sets: points) { p in
        [.integer(p.layers), .integer(p.mode), .real(p.s), .integer(p.epoch), .real(p.a), .real(p.theory)]
    }
}

func hierarchySpectrumTable(_ points: [[HierarchyModePoint]]) -> Table {
    Table(title: "Fig. 7B: singular values of hierarchical data, D = 6, B = 2, ε = 0.1, per √N",
          columns: [Column(.features), Column(.mode), Column(.level), Column(.sTheoryOverSqrtN), Column(.sSampledOverSqrtN)],
          sets: points) { p in
        [.integer(p.features), .integer(p.mode), .integer(p.level), .real(p.theory), .real(p.sampled)]
    }
}

func differentiationTable(_ d: Differentiation) -> Table {
    Table(title: String(format: "Fig. 7C: progressive differentiation, D = 5, N = %d, 3 layers, small init (σ = 1e-3), λ = %.4g",
                        d.theory.features, d.rate),
          columns: [Column(.level), Column(.s), Column(.epoch), Column(.aOverS), Column(.aTheoryOverS)],
          sets: d.sets) { p in
        [.integer(p.level), .real(p.s), .integer(p.epoch), .real(p.a), .real(p.aTheory)]
    }
}

func learningTimeTable(_ t: LearningTimes) -> Table {
    Table(title: "Fig. 7D: epochs to 10% of the initial error, best λ = c/((N_l − 1) s_1), D = \(t.theory.levels), "
          + "N = \(t.theory.features), hidden \(t.request.hidden), decoupled a0 = 1, small σ = 0.01",
          columns: [Column(.initialCondition), Column(.layers), Column(.learningRate), Column(.epochsToCriterion)],
          sets: t.sets) { r in
        [.text(r.initial.rawValue), .integer(r.layers), .real(r.learningRate), r.epochs.map { .integer($0) } ?? .number(nil)]
    }
}

func learningScript(modes a: NamedTable, spectrum b: NamedTable, featureCounts: [Int], differentiation c: NamedTable,
                    levels: Int, learningTime d: NamedTable, _ times: LearningTimes, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors
    let three = colors.prefix(3).joined(separator: " "), five = colors.prefix(5).joined(separator: " ")
    let nd = modesDepths.count * 3, nb = featureCounts.count
    let time = d.table.using(.layers, .epochsToCriterion)
    func label(_ initial: InitialCondition) -> String {
        switch initial {
        case .orthogonal: return "orthogonal"
        case .decoupled: return "decoupled, a_0 = 1"
        case .gaussian: return "Gaussian (variance 1/fan-in)"
        case .small: return "small, σ = 0.01 (missing: not reached)"
        }
    }
    let timeLines = times.request.initials.enumerated().map { i, initial in
        "\(files.table(d)) index \(i) using \(time) with linespoints lw 2 pt 7 lc rgb \"\(colors[i])\" title \"\(label(initial))\""
    }
    return """
        \(Gnuplot.header(files.png, width: 1600, height: 1200))
        set multiplot layout 2,2 title "Fig. 7: learning dynamics of deep linear networks (lines: theory; points: gradient descent / sampled data)"
        set title "A  mode strengths from decoupled a_0 = \(modesA0), λ = \(modesRate): 3 layers (solid), 6 layers (dashed)"
        set xlabel "epoch t"; set ylabel "a_α(t)"; set key bottom right
        plot for [i=0:\(nd - 1)] \(files.table(a)) index i using \(a.table.using(.epoch, .aTheory)) with lines lw 2 dt 1+(i >= 3) lc rgb word("\(three)", i % 3 + 1) title sprintf("N_l = %d, s = %d", i < 3 ? 3 : 6, 3 - i % 3), \\
             for [i=0:\(nd - 1)] \(files.table(a)) index i every 4 using \(a.table.using(.epoch, .a)) with points pt 7-(i >= 3) ps 0.6 lc rgb word("\(three)", i % 3 + 1) notitle
        set title "B  singular values by mode, D = 6, ε = 0.1: eq. 13 (line) vs sampled data (points)"
        set xlabel "mode α (by rank; levels 0…5 have 1, 1, 2, 4, 8, 16 modes)"; set ylabel "s/√N"; set key top right; set xrange [-1:32]
        plot \(files.table(b)) index \(nb - 1) using ($\(b.table.column(.mode)) - 0.5):\(b.table.column(.sTheoryOverSqrtN)) with steps lw 2 lc rgb "black" title "eq. 13", \\
             for [i=0:\(nb - 1)] \(files.table(b)) index i using \(b.table.using(.mode, .sSampledOverSqrtN)) with points pt 7 ps 0.8 lc rgb word("\(five)", i + 1) title sprintf("sampled, N = %s", word("\(featureCounts.map(String.init).joined(separator: " "))", i + 1))
        set title "C  progressive differentiation: each level's mode strength (GD from small weights, 3 layers)"
        set xlabel "epoch t"; set ylabel "ā_l / s̄_l"; set key bottom right; set xrange [*:*]; set yrange [0:1.1]
        plot for [i=0:\(levels - 1)] \(files.table(c)) index i using \(c.table.using(.epoch, .aOverS)) with lines lw 2 lc rgb word("\(five)", i + 1) title sprintf("level %d", i), \\
             for [i=0:\(levels - 1)] \(files.table(c)) index i using \(c.table.using(.epoch, .aTheoryOverS)) with lines lw 1 dt 2 lc rgb word("\(five)", i + 1) notitle
        set title "D  epochs to 10% of the initial error, best rate per depth (D = \(times.theory.levels), N = \(times.theory.features), hidden \(times.request.hidden))"
        set xlabel "layers N_l"; set ylabel "epochs"; set logscale xy; set xrange [2.5:\(Double(times.depths.last ?? 3) * 1.2)]; set yrange [*:*]; set key top left
        plot \(timeLines.joined(separator: ", \\\n     "))
        unset multiplot
        """
}

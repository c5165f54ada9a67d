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
    // A: synthetic modes.
    let modes = try LearningData.modes(singularValues: [3, 2, 1], seed: s.seed)
    // One λ for both depths: the deeper net's longer plateau (t ∝ a0^{−(1−2/m)}/s) is the point.
    let depthsA = [3, 6], epochsA = 800, strideA = 10, a0 = 0.01, rate = 0.01
    var a = Table(title: "Fig. 7A: mode strengths, Σ³¹ = U diag(3,2,1) Vᵀ, decoupled a0 = \(a0), λ = \(rate)",
                  columns: [Column(.layers), Column(.mode), Column(.s), Column(.epoch),
                            Column(.a), Column(.aTheory)])
    for (k, layers) in depthsA.enumerated() {
        let net = try DeepLinearNetwork(layers: layers, hidden: 3, data: modes, initial: .decoupled, a0: a0, seed: s.seed)
        let run = try GradientDescent(learningRate: rate, epochs: epochsA).run(net, on: modes)
        let epochs = Array(stride(from: 0, through: epochsA, by: strideA))
        for alpha in 0..<modes.modes {
            if k > 0 || alpha > 0 { a.newSet() }
            let theory = try ModeDynamics(s: modes.s[alpha], a0: a0, tau: 1 / rate, layers: layers)
                .strength(at: epochs.map(Double.init))
            for (i, e) in epochs.enumerated() {
                a.append([.integer(layers), .integer(alpha), .real(modes.s[alpha]), .integer(e),
                          .real(run.strengths[e][alpha]), .real(theory[i])])
            }
        }
    }

    // B: eq. 13 against sampled data sets.
    let featureCounts = s.quick ? [20, 200] : [20, 200, 2000]
    var b = Table(title: "Fig. 7B: singular values of hierarchical data, D = 6, B = 2, ε = 0.1, per √N",
                  columns: [Column(.features), Column(.mode), Column(.level),
                            Column(.sTheoryOverSqrtN),
                            Column(.sSampledOverSqrtN)])
    for (k, n) in featureCounts.enumerated() {
        if k > 0 { b.newSet() }
        let h = try HierarchyTheory(levels: 6, branching: 2, epsilon: 0.1, features: n)
        let data = try LearningData.hierarchy(h, seed: s.seed)
        let levels = data.levels ?? []
        for (alpha, sa) in data.s.enumerated() where alpha < levels.count {
            let root = Double(n).squareRoot()
            b.append([.integer(n), .integer(alpha), .integer(levels[alpha]),
                      .real(h.singularValue(level: levels[alpha]) / root), .real(sa / root)])
        }
    }

    // C: progressive differentiation.
    let hc = try HierarchyTheory(levels: 5, branching: 2, epsilon: 0.1, features: s.quick ? 50 : 200)
    let tree = try LearningData.hierarchy(hc, seed: s.seed)
    let rateC = 0.05 / tree.s[0], epochsC = s.quick ? 600 : 1000, strideC = 10
    let netC = try DeepLinearNetwork(layers: 3, hidden: 32, data: tree, initial: .small, smallStd: 1e-3, seed: s.seed)
    let runC = try GradientDescent(learningRate: rateC, epochs: epochsC).run(netC, on: tree)
    var c = Table(title: String(format: "Fig. 7C: progressive differentiation, D = 5, N = %d, 3 layers, small init (σ = 1e-3), λ = %.4g",
                                hc.features, rateC),
                  columns: [Column(.level), Column(.s), Column(.epoch),
                            Column(.aOverS),
                            Column(.aTheoryOverS)])
    let levelsC = tree.levels ?? []
    let epochs = Array(stride(from: 0, through: epochsC, by: strideC))
    for l in 0..<hc.levels {
        if l > 0 { c.newSet() }
        let members = levelsC.indices.filter { levelsC[$0] == l }
        guard !members.isEmpty else { continue }
        let sl = members.map { tree.s[$0] }.reduce(0, +) / Double(members.count)
        func mean(_ e: Int) -> Double { members.map { abs(runC.strengths[e][$0]) }.reduce(0, +) / Double(members.count) }
        let theory = try ModeDynamics(s: sl, a0: Swift.max(mean(0), 1e-12), tau: 1 / rateC, layers: 3)
            .strength(at: epochs.map(Double.init))
        for (i, e) in epochs.enumerated() {
            c.append([.integer(l), .real(sl), .integer(e), .real(mean(e) / sl), .real(theory[i] / sl)])
        }
    }

    // D: learning time against depth.
    let hd = try HierarchyTheory(levels: s.quick ? 4 : 6, branching: 2, epsilon: 0.1, features: s.quick ? 16 : 64)
    let depthsD = s.quick ? [3, 5, 9] : [3, 5, 9, 17, 33, 65]
    let hiddenD = s.quick ? 24 : 128
    var request = LearningTimeRequest(data: try LearningData.hierarchy(hd, seed: s.seed), hidden: hiddenD,
                                      layers: depthsD, initials: [.orthogonal, .decoupled, .gaussian, .small])
    request.maxEpochs = s.quick ? 200 : 2000
    request.rateFactors = (0.01, 4, s.quick ? 6 : 14)
    request.a0 = 1
    request.seed = s.seed
    let rows = try request.run()
    var d = Table(title: "Fig. 7D: epochs to 10% of the initial error, best λ = c/((N_l − 1) s_1), D = \(hd.levels), "
                  + "N = \(hd.features), hidden \(hiddenD), decoupled a0 = 1, small σ = 0.01",
                  columns: [Column(.initialCondition), Column(.layers), Column(.learningRate),
                            Column(.epochsToCriterion)])
    for (k, initial) in request.initials.enumerated() {
        if k > 0 { d.newSet() }
        for r in rows where r.initial == initial {
            d.append([.text(initial.rawValue), .integer(r.layers), .real(r.learningRate),
                      r.epochs.map { .integer($0) } ?? .number(nil)])
        }
    }

    let colors = Gnuplot.colors
    let three = colors.prefix(3).joined(separator: " "), five = colors.prefix(5).joined(separator: " ")
    let nd = depthsA.count * 3, nb = featureCounts.count
    return Figure(name: "fig7", tables: [
        NamedTable(stem: "fig7a-modes", table: a), NamedTable(stem: "fig7b-hierarchy-spectrum", table: b),
        NamedTable(stem: "fig7c-differentiation", table: c), NamedTable(stem: "fig7d-learning-time", table: d),
    ]) { dir, png in
        """
        \(Gnuplot.header(png, width: 1600, height: 1200))
        set multiplot layout 2,2 title "Fig. 7: learning dynamics of deep linear networks (lines: theory; points: gradient descent / sampled data)"
        set title "A  mode strengths from decoupled a_0 = \(a0), λ = \(rate): 3 layers (solid), 6 layers (dashed)"
        set xlabel "epoch t"; set ylabel "a_α(t)"; set key bottom right
        plot for [i=0:\(nd - 1)] "\(dir)/fig7a-modes.dat" index i using 4:6 with lines lw 2 dt 1+(i >= 3) lc rgb word("\(three)", i % 3 + 1) title sprintf("N_l = %d, s = %d", i < 3 ? 3 : 6, 3 - i % 3), \\
             for [i=0:\(nd - 1)] "\(dir)/fig7a-modes.dat" index i every 4 using 4:5 with points pt 7-(i >= 3) ps 0.6 lc rgb word("\(three)", i % 3 + 1) notitle
        set title "B  singular values by mode, D = 6, ε = 0.1: eq. 13 (line) vs sampled data (points)"
        set xlabel "mode α (by rank; levels 0…5 have 1, 1, 2, 4, 8, 16 modes)"; set ylabel "s/√N"; set key top right; set xrange [-1:32]
        plot "\(dir)/fig7b-hierarchy-spectrum.dat" index \(nb - 1) using ($2 - 0.5):4 with steps lw 2 lc rgb "black" title "eq. 13", \\
             for [i=0:\(nb - 1)] "\(dir)/fig7b-hierarchy-spectrum.dat" index i using 2:5 with points pt 7 ps 0.8 lc rgb word("\(five)", i + 1) title sprintf("sampled, N = %s", word("\(featureCounts.map(String.init).joined(separator: " "))", i + 1))
        set title "C  progressive differentiation: each level's mode strength (GD from small weights, 3 layers)"
        set xlabel "epoch t"; set ylabel "ā_l / s̄_l"; set key bottom right; set xrange [*:*]; set yrange [0:1.1]
        plot for [i=0:\(hc.levels - 1)] "\(dir)/fig7c-differentiation.dat" index i using 3:4 with lines lw 2 lc rgb word("\(five)", i + 1) title sprintf("level %d", i), \\
             for [i=0:\(hc.levels - 1)] "\(dir)/fig7c-differentiation.dat" index i using 3:5 with lines lw 1 dt 2 lc rgb word("\(five)", i + 1) notitle
        set title "D  epochs to 10% of the initial error, best rate per depth (D = \(hd.levels), N = \(hd.features), hidden \(hiddenD))"
        set xlabel "layers N_l"; set ylabel "epochs"; set logscale xy; set xrange [2.5:\(Double(depthsD.last ?? 3) * 1.2)]; set yrange [*:*]; set key top left
        plot "\(dir)/fig7d-learning-time.dat" index 0 using 2:4 with linespoints lw 2 pt 7 lc rgb "\(colors[0])" title "orthogonal", \\
             "\(dir)/fig7d-learning-time.dat" index 1 using 2:4 with linespoints lw 2 pt 7 lc rgb "\(colors[1])" title "decoupled, a_0 = 1", \\
             "\(dir)/fig7d-learning-time.dat" index 2 using 2:4 with linespoints lw 2 pt 7 lc rgb "\(colors[2])" title "Gaussian (variance 1/fan-in)", \\
             "\(dir)/fig7d-learning-time.dat" index 3 using 2:4 with linespoints lw 2 pt 7 lc rgb "\(colors[3])" title "small, σ = 0.01 (missing: not reached)"
        unset multiplot
        """
    }
}

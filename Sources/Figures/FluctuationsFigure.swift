import Foundation
import MeanFieldTheory
import Model
import MonteCarlo
import Nonlinearities
import Numerical
import Reporting

/// Figure 10: finite-width fluctuations across networks (SPEC §12). N·Var q̂^l (top) and
/// N·Var log|J^l u|² (bottom) against depth for tanh (σw = 2.5, σb = 0.3), relu
/// (σw² = 2, σb = 0) and linear (σw = 1, σb = 0) nets with Gaussian weights, at two
/// widths: order-1/N theory lines, simulated points ± s.e. (O(N) path). Beside it, the
/// convergence table: tanh at depth 10 and N = 100, 200, 400 with many networks, where
/// N·(simulation − theory) shrinks like 1/N (the theory's remainder is O(1/N²)).
func fluctuationsFigure(_ s: ReproductionSettings) throws -> Figure {
    let sizes = FluctuationSizes(s)
    let main = NamedTable(stem: "fig10-fluctuations", table: try fluctuationsTable(sizes, s.seed))
    let convergence = NamedTable(stem: "fig10-convergence", table: try convergenceTable(sizes, s.seed))
    return Figure(name: "fig10", tables: [main, convergence]) { files in fluctuationsScript(sizes, main, files) }
}

struct FluctuationSizes {
    let widths: [Int], depth: Int, networks: Int
    let convergenceWidths: [Int], convergenceDepth: Int, convergenceNetworks: Int
    static let cases: [(phi: Nonlinearity, sigmaW: Double, sigmaB: Double)] = [
        (.tanh, 2.5, 0.3), (.relu, 2.0.squareRoot(), 0), (.linear, 1, 0),
    ]

    init(_ s: ReproductionSettings) {
        widths = s.quick ? [20, 40] : [100, 400]
        depth = s.quick ? 5 : 20
        networks = s.quick ? 100 : 4000
        convergenceWidths = s.quick ? [20, 40] : [100, 200, 400]
        convergenceDepth = s.quick ? 3 : 10
        convergenceNetworks = s.quick ? 100 : 100_000
    }
}

/// Theory and simulation of one (φ, N), depth layers.
private func fluctuationRows(_ phi: Nonlinearity, _ sw: Double, _ sb: Double, width: Int, depth: Int,
                             networks: Int, seed: UInt64) throws -> [[Value]] {
    let net = try FiniteNetwork(phi: phi, sigmaW: sw, sigmaB: sb, width: width, depth: depth)
    let theory = try MeanFieldModel(network: net.network).fluctuations(q0: 1, depth: depth, width: width, weights: .gaussian)
    let sim = try FluctuationRequest(network: net, q0: 1, networks: networks, seed: seed, correlation: false).run()
    let n = Double(width)
    func scaled(_ x: Double?) -> Value { .real(x.map { n * $0 }) }
    return zip(theory, sim).map { t, m in
        [.text(phi.name), .integer(width), .integer(t.layer),
         scaled(t.qVariance), scaled(m.qVariance.mean), scaled(m.qVariance.stderr),
         scaled(t.logGainVariance), scaled(m.logGainVariance.mean), scaled(m.logGainVariance.stderr)]
    }
}

private let fluctuationColumns: [Quantity] = [
    .phi, .width, .layer, .nQVarTheory, .nQVar, .nQVarStderr, .nLogGainVarTheory, .nLogGainVar, .nLogGainVarStderr,
]

/// One data set per (φ, N), φ in `FluctuationSizes.cases` order, N in `widths` order.
func fluctuationsTable(_ sizes: FluctuationSizes, _ seed: UInt64) throws -> Table {
    var table = Table(title: "Fig. 10: N·Var across \(sizes.networks) Gaussian networks by layer, theory at order 1/N beside simulation",
                      columns: fluctuationColumns.map(Column.init))
    var first = true
    for (phi, sw, sb) in FluctuationSizes.cases {
        for n in sizes.widths {
            if !first { table.newSet() }
            first = false
            for row in try fluctuationRows(phi, sw, sb, width: n, depth: sizes.depth, networks: sizes.networks, seed: seed) {
                table.append(row)
            }
        }
    }
    return table
}

/// tanh (σw = 2.5, σb = 0.3) at the last layer of depth `convergenceDepth`, one row per N.
func convergenceTable(_ sizes: FluctuationSizes, _ seed: UInt64) throws -> Table {
    let (phi, sw, sb) = FluctuationSizes.cases[0]
    var table = Table(title: "Fig. 10: convergence, tanh σw = \(sw) σb = \(sb), layer \(sizes.convergenceDepth), \(sizes.convergenceNetworks) networks per width: N·(simulation − theory) = O(1/N)",
                      columns: fluctuationColumns.map(Column.init))
    for n in sizes.convergenceWidths {
        let rows = try fluctuationRows(phi, sw, sb, width: n, depth: sizes.convergenceDepth,
                                       networks: sizes.convergenceNetworks, seed: seed)
        table.append(rows[rows.count - 1])
    }
    return table
}

func fluctuationsScript(_ sizes: FluctuationSizes, _ t: NamedTable, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors
    let w = sizes.widths.count
    func panel(_ c: Int, title: String, _ theory: Quantity, _ sim: Quantity, _ stderr: Quantity) -> String {
        let lines = sizes.widths.enumerated().map { i, n in
            let index = c * w + i
            return """
                \(files.table(t)) index \(index) using \(t.table.using(.layer, theory)) with lines lw 2 lc rgb "\(colors[i])" title "theory N = \(n)", \\
                     \(files.table(t)) index \(index) using \(t.table.using(.layer, sim, stderr)) with yerrorbars pt 7 ps 0.8 lc rgb "\(colors[i])" title "simulation N = \(n)"
                """
        }.joined(separator: ", \\\n     ")
        return "set title \"\(title)\"\nplot \(lines)"
    }
    var body = ""
    for (row, (theory, sim, stderr, label)) in [
        (Quantity.nQVarTheory, Quantity.nQVar, Quantity.nQVarStderr, "N·Var q̂^l"),
        (.nLogGainVarTheory, .nLogGainVar, .nLogGainVarStderr, "N·Var log|J^l u|^2"),
    ].enumerated() {
        body += "set ylabel \"\(label)\"\n"
        for (c, (phi, sw, sb)) in FluctuationSizes.cases.enumerated() {
            let title = "\(row == 0 ? "Var q̂" : "Var log|Ju|^2"): \(phi.name), σ_w = \(String(format: "%.4g", sw)), σ_b = \(sb)"
            body += panel(c, title: title, theory, sim, stderr) + "\n"
        }
    }
    return """
        \(Gnuplot.header(files.png, width: 1800, height: 1000))
        set multiplot layout 2,3 title "Fig. 10: fluctuations across \(sizes.networks) Gaussian networks of finite width (lines: theory at order 1/N; points: simulation ± s.e.)"
        set xlabel "layer l"; set key top left; set yrange [0:*]; set xrange [0.5:\(sizes.depth).5]
        \(body)unset multiplot
        """
}

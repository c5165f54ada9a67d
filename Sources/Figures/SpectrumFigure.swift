import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Numerical
import Reporting
import Spectrum

/// Figure 6: dynamical isometry (SPEC.md §7; the slides' "Random vs orthogonal" and
/// "Extensive criticality yields dynamical isometry").
/// - A: linear nets, W^tot's squared singular values at L = 1, 4, 16, 64: Gaussian
///   (Fuss–Catalan) against orthogonal (every λ = 1);
/// - B: tanh at χ1 = 1 with small q* (σb = 0.001, q* ≈ 0.009): densities for orthogonal and Gaussian
///   weights at L = 2, 8, 32, 128, theory lines over simulated histograms;
/// - C: the spectrum's variance against depth: Gaussian L μ2/μ1², orthogonal
///   L (μ2/μ1² − 1);
/// - D: along the critical line, variance/L against q* for orthogonal tanh (→ 0 as
///   q* → 0), hardtanh and relu (1 at every q*).
/// Densities are per unit of log10 λ, ρ_u(u) = ln 10 · λ ρ(λ) at λ = 10^u, so that
/// spectra spread over decades (Gaussian at depth) and concentrated ones (orthogonal)
/// share one axis.
func spectrumFigure(_ s: ReproductionSettings) throws -> Figure {
    let n = SpectrumSizes(s)
    let sw = try OrderChaosBoundary(phi: .tanh).criticalSigmaW(sigmaB: SpectrumSizes.tanhSigmaB)
    let a = NamedTable(stem: "fig6a-linear", table: densityTable(
        "Fig. 6A: W^tot = W^L⋯W^1, Gaussian weights (σw = 1, N = \(n.width), \(n.networks) networks)", try linearDensities(n)))
    let iso = NamedTable(stem: "fig6a-orthogonal", table: extremesTable(try orthogonalExtremes(n)))
    let tanh = try tanhSpectra(n, sigmaW: sw)
    let b = NamedTable(stem: "fig6b-tanh", table: densityTable(
        String(format: "Fig. 6B: tanh at χ1 = 1 (σw = %.6f, σb = %g), N = %d, %d networks",
               sw, SpectrumSizes.tanhSigmaB, n.width, n.networks), try tanhDensities(n, sigmaW: sw, spectra: tanh)))
    let c = NamedTable(stem: "fig6c-variance", table: varianceTable(try varianceThroughDepth(n, sigmaW: sw, spectra: tanh), n))
    let d = NamedTable(stem: "fig6d-critical-line", table: criticalLineTable(try criticalLine(n)))
    return Figure(name: "fig6", tables: [a, iso, b, c, d]) { files in
        spectrumScript(n, linear: a, orthogonal: iso, tanh: b, variance: c, criticalLine: d, files)
    }
}

/// Sizes of Figure 6's panels.
struct SpectrumSizes {
    let width: Int, networks: Int, seed: UInt64
    let linearDepths: [Int], tanhDepths: [Int], varianceDepths: [Int]
    /// Grids of log10 λ: decades for Gaussian spectra, a fine one near 1 for orthogonal
    /// spectra at small q*, which stay within tens of percent of λ = 1.
    let wide: [Double], narrow: [Double]
    /// Points on the critical line (D), log-spaced σb from 1e-5 to 10^0.5.
    let criticalPoints: Int
    /// B and C: tanh on the critical line at σb = 0.001, where q* ≈ 0.009 is small.
    static let tanhSigmaB = 0.001

    init(_ s: ReproductionSettings) {
        width = s.quick ? 60 : 400
        networks = s.quick ? 2 : 4
        seed = s.seed
        linearDepths = s.quick ? [1, 4] : [1, 4, 16, 64]
        tanhDepths = s.quick ? [2, 8] : [2, 8, 32, 128]
        varianceDepths = s.quick ? [1, 2, 4, 8] : [1, 2, 4, 8, 16, 32, 64, 128]
        wide = stride(from: -4.0, through: 3.0, by: s.quick ? 0.25 : 0.1).map { $0 }
        narrow = stride(from: -0.6, through: 0.6, by: s.quick ? 0.05 : 0.01).map { $0 }
        criticalPoints = s.quick ? 6 : 31
    }
}

/// The density of u = log10 λ at one u: theory and simulated histogram ± s.e.
struct DensityPoint {
    let weights: WeightEnsemble
    let depth: Int
    let u: Double
    let theory: Double
    let sim: Statistic
}

/// The simulated spectra of `n.networks` networks at each depth of `depths`: per depth,
/// per network, the eigenvalues of JJᵀ. One pass per network through the deepest net
/// gives every shallower one (`SpectrumSimulation.eigenvalues(network:depths:)`, the same
/// bytes as a net of each depth on its own); the networks run on every core.
func simulatedSpectra(_ n: SpectrumSizes, _ phi: Nonlinearity, sigmaW sw: Double, sigmaB sb: Double,
                      _ weights: WeightEnsemble, depths: [Int], networks: Int, q: Double) throws -> [Int: [[Double]]] {
    let sim = try SpectrumSimulation(phi: phi, sigmaW: sw, sigmaB: sb, depth: depths.max() ?? 1, weights: weights,
                                     width: n.width, seed: n.seed, q: q)
    let perNetwork = try concurrentIndices(networks) { k in Result { try sim.eigenvalues(network: k, depths: depths) } }
        .map { try $0.get() }
    return Dictionary(uniqueKeysWithValues: depths.enumerated().map { i, l in (l, perNetwork.map { $0[i] }) })
}

/// The density of u = log10 λ on the grid `u`: free-probability theory, ρ_u = ln 10 · λ ρ(λ),
/// beside the histogram of the simulated spectra `lambdas` (one per network).
/// - Throws: the theory's `NumericalError.noConvergence` at the first λ where it fails.
func spectrumDensity(_ phi: Nonlinearity, sigmaW sw: Double, sigmaB sb: Double, _ weights: WeightEnsemble,
                     depth: Int, grid u: [Double], simulated lambdas: [[Double]]) throws -> [DensityPoint] {
    let theory = try SpectrumTheory(phi: phi, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights)
    let histogram = SpectrumSample(eigenvalues: lambdas.map { $0.map { Foundation.log10($0) } }, grid: u).density
    let rho = try u.concurrentMap { x in
        Result {
            let lambda = Foundation.pow(10, x)
            return Foundation.log(10) * lambda * (try theory.density(at: lambda)).value
        }
    }.map { try $0.get() }
    return u.indices.map { DensityPoint(weights: weights, depth: depth, u: u[$0], theory: rho[$0], sim: histogram[$0]) }
}

/// A: linear nets (σw = 1, σb = 0), Gaussian weights, one data set per depth.
func linearDensities(_ n: SpectrumSizes) throws -> [[DensityPoint]] {
    let q = try SpectrumTheory(phi: .linear, sigmaW: 1, sigmaB: 0, depth: 1, weights: .gaussian).q
    let spectra = try simulatedSpectra(n, .linear, sigmaW: 1, sigmaB: 0, .gaussian, depths: n.linearDepths,
                                       networks: n.networks, q: q)
    return try n.linearDepths.map {
        try spectrumDensity(.linear, sigmaW: 1, sigmaB: 0, .gaussian, depth: $0, grid: n.wide, simulated: spectra[$0] ?? [])
    }
}

/// A: linear nets with orthogonal weights: the smallest and largest simulated λ of one
/// network per depth (all 1 up to rounding).
func orthogonalExtremes(_ n: SpectrumSizes) throws -> [(depth: Int, min: Double?, max: Double?)] {
    let spectra = try simulatedSpectra(n, .linear, sigmaW: 1, sigmaB: 0, .orthogonal, depths: n.linearDepths, networks: 1, q: 1)
    return n.linearDepths.map { l in (l, spectra[l]?.first?.min(), spectra[l]?.first?.max()) }
}

/// B and C: tanh at χ1 = 1 (σw = `sw`, σb = 0.001), orthogonal and Gaussian weights, the
/// simulated spectra at every depth either panel shows (B's depths are among C's).
func tanhSpectra(_ n: SpectrumSizes, sigmaW sw: Double) throws -> [WeightEnsemble: [Int: [[Double]]]] {
    let sb = SpectrumSizes.tanhSigmaB
    let depths = Array(Set(n.tanhDepths + n.varianceDepths)).sorted()
    var out: [WeightEnsemble: [Int: [[Double]]]] = [:]
    for w in [WeightEnsemble.orthogonal, .gaussian] {
        let q = try SpectrumTheory(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: 1, weights: w).q
        out[w] = try simulatedSpectra(n, .tanh, sigmaW: sw, sigmaB: sb, w, depths: depths, networks: n.networks, q: q)
    }
    return out
}

/// B: tanh at χ1 = 1 (σw = `sw`, σb = 0.001): orthogonal weights (on the narrow grid),
/// then Gaussian (on the wide grid), one data set per depth.
func tanhDensities(_ n: SpectrumSizes, sigmaW sw: Double, spectra: [WeightEnsemble: [Int: [[Double]]]]) throws -> [[DensityPoint]] {
    try [WeightEnsemble.orthogonal, .gaussian].flatMap { w in
        try n.tanhDepths.map { l in
            try spectrumDensity(.tanh, sigmaW: sw, sigmaB: SpectrumSizes.tanhSigmaB, w, depth: l,
                                grid: w == .orthogonal ? n.narrow : n.wide, simulated: spectra[w]?[l] ?? [])
        }
    }
}

/// The variance of λ at one depth: theory and simulation ± s.e.
struct VariancePoint {
    let weights: WeightEnsemble
    let depth: Int
    let theory: Double
    let sim: Statistic
}

/// C: Var λ against depth for tanh at χ1 = 1, Gaussian then orthogonal weights.
func varianceThroughDepth(_ n: SpectrumSizes, sigmaW sw: Double, spectra: [WeightEnsemble: [Int: [[Double]]]]) throws -> [[VariancePoint]] {
    let sb = SpectrumSizes.tanhSigmaB
    return try [WeightEnsemble.gaussian, .orthogonal].map { weights in
        try n.varianceDepths.map { l in
            let theory = try SpectrumTheory(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: l, weights: weights)
            let v = SpectrumSample(eigenvalues: spectra[weights]?[l] ?? [], grid: [0, 1]).variance
            return VariancePoint(weights: weights, depth: l, theory: theory.variance, sim: v)
        }
    }
}

/// One point of the critical line χ1 = 1 with orthogonal weights.
struct CriticalPoint {
    let phi: String
    let sigmaB, sigmaW, qStar, varianceOverDepth: Double
}

/// D: tanh and hardtanh at log-spaced σb on their critical lines (theory), then relu.
/// relu is positively homogeneous, so D² is 0 or 1 with p = 1/2 at every q*; its one
/// critical point is σw = √2, σb = 0, and variance/L = 1/p − 1 = 1 whatever q*: two
/// points, at q* = 1e-3 and 1e2, draw that line.
/// - Throws: the first failure (in σb order) to find σw* or the spectrum at a point.
func criticalLine(_ n: SpectrumSizes) throws -> [[CriticalPoint]] {
    let count = n.criticalPoints
    let biases = (0..<count).map { (i: Int) -> Double in Foundation.pow(10, -5 + 5.5 * Double(i) / Double(count - 1)) }
    var sets = try [Nonlinearity.tanh, .hardtanh].map { phi in
        try biases.concurrentMap { bias in
            Result {
                let w = try OrderChaosBoundary(phi: phi).criticalSigmaW(sigmaB: bias)
                let t = try SpectrumTheory(phi: phi, sigmaW: w, sigmaB: bias, depth: 1, weights: .orthogonal)
                return CriticalPoint(phi: phi.name, sigmaB: bias, sigmaW: w, qStar: t.q, varianceOverDepth: t.variance)
            }
        }.map { try $0.get() }
    }
    let relu = try SpectrumTheory(phi: .relu, sigmaW: 2.0.squareRoot(), sigmaB: 0, depth: 1, weights: .orthogonal)
    sets.append([1e-3, 1e2].map {
        CriticalPoint(phi: "relu", sigmaB: 0, sigmaW: 2.0.squareRoot(), qStar: $0, varianceOverDepth: relu.variance)
    })
    return sets
}

func densityTable(_ title: String, _ points: [[DensityPoint]]) -> Table {
    Table(title: title,
          columns: [Column(.weights), Column(.depth), Column(.log10Lambda),
                    Column(.densityLog10Theory), Column(.densityLog10), Column(.densityLog10Stderr)],
          sets: points) { p in
        [.text(p.weights.rawValue), .integer(p.depth), .real(p.u), .real(p.theory), .real(p.sim.mean), .real(p.sim.stderr)]
    }
}

func extremesTable(_ rows: [(depth: Int, min: Double?, max: Double?)]) -> Table {
    Table(title: "Fig. 6A: W^tot with orthogonal weights (σw = 1): the simulated extreme eigenvalues",
          columns: [Column(.depth), Column(.lambdaMin), Column(.lambdaMax)],
          sets: [rows]) { [.integer($0.depth), .real($0.min), .real($0.max)] }
}

func varianceTable(_ points: [[VariancePoint]], _ n: SpectrumSizes) -> Table {
    Table(title: String(format: "Fig. 6C: variance of the spectrum against depth, tanh at χ1 = 1 (σb = %g), N = %d",
                        SpectrumSizes.tanhSigmaB, n.width),
          columns: [Column(.weights), Column(.depth), Column(.varianceTheory), Column(.variance), Column(.varianceStderr)],
          sets: points) { p in
        [.text(p.weights.rawValue), .integer(p.depth), .real(p.theory), .real(p.sim.mean), .real(p.sim.stderr)]
    }
}

func criticalLineTable(_ points: [[CriticalPoint]]) -> Table {
    Table(title: "Fig. 6D: variance/L = μ2/μ1² − 1 along the critical line χ1 = 1, orthogonal weights",
          columns: [Column(.phi), Column(.sigmaB), Column(.sigmaW), Column(.qStar), Column(.varianceOverDepth)],
          sets: points) { p in
        [.text(p.phi), .real(p.sigmaB), .real(p.sigmaW), .real(p.qStar), .real(p.varianceOverDepth)]
    }
}

func spectrumScript(_ n: SpectrumSizes, linear a: NamedTable, orthogonal iso: NamedTable, tanh b: NamedTable,
                    variance c: NamedTable, criticalLine d: NamedTable, _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors
    let nl = n.linearDepths.count, nt = n.tanhDepths.count
    let linearTitles = n.linearDepths.map(String.init).joined(separator: " ")
    let tanhTitles = n.tanhDepths.map(String.init).joined(separator: " ")
    let palette = colors.prefix(4).joined(separator: " ")
    let sb = SpectrumSizes.tanhSigmaB
    /// Theory lines and simulated points ± s.e. of the density sets `index (i+first)` of `t`.
    func densities(_ t: NamedTable, sets: Int, first: Int, titles: String, prefix: String) -> String {
        let index = first == 0 ? "i" : "(i+\(first))"
        return """
            plot for [i=0:\(sets - 1)] \(files.table(t)) index \(index) using \(t.table.using(.log10Lambda, .densityLog10Theory)) with lines lw 2 lc rgb word("\(palette)", i+1) title sprintf("\(prefix)L = %s", word("\(titles)", i+1)), \\
                 for [i=0:\(sets - 1)] \(files.table(t)) index \(index) using \(t.table.using(.log10Lambda, .densityLog10, .densityLog10Stderr)) with yerrorbars pt 7 ps 0.5 lc rgb word("\(palette)", i+1) notitle
            """
    }
    let (depth, theory, sim, stderr) = (c.table.column(.depth), c.table.column(.varianceTheory), c.table.column(.variance), c.table.column(.varianceStderr))
    let critical = d.table.using(.qStar, .varianceOverDepth)
    return """
        \(Gnuplot.header(files.png, width: 1800, height: 1100))
        set multiplot layout 2,3 title "Fig. 6: dynamical isometry: squared singular values λ of the end-to-end Jacobian (lines: free-probability theory; points: simulation ± s.e., N = \(n.width))"
        set xlabel "log_{10} λ"; set ylabel "density of log_{10} λ"; set key top left
        set title "A  W^{tot} of linear nets: Gaussian (Fuss–Catalan) vs orthogonal"
        set xrange [-4:3]; set yrange [0:1.5]
        \(densities(a, sets: nl, first: 0, titles: linearTitles, prefix: "Gaussian, ")), \\
             \(files.table(iso)) using (log10($\(iso.table.column(.lambdaMax)))):(0.9) with impulses lw 4 lc rgb "black" title "orthogonal, every L: all λ = 1"
        set title "B  tanh at χ_1 = 1, σ_b = \(sb): orthogonal weights"
        set xrange [-0.6:0.6]; set yrange [0:*]
        \(densities(b, sets: nt, first: 0, titles: tanhTitles, prefix: ""))
        set title "B′  tanh at χ_1 = 1, σ_b = \(sb): Gaussian weights"
        set xrange [-4:3]
        \(densities(b, sets: nt, first: nt, titles: tanhTitles, prefix: ""))
        set title "C  variance of the spectrum against depth (tanh at χ_1 = 1, σ_b = \(sb))"
        set logscale xy; set xrange [*:*]; set yrange [*:*]; set xlabel "depth L (Gaussian points above the line at L/N ≥ 0.16: finite width)"; set ylabel "Var λ"; set format y "10^{%L}"; set key bottom right
        plot \(files.table(c)) index 0 using \(depth):\(theory) with lines lw 2 lc rgb "\(colors[1])" title "Gaussian: L μ_2/μ_1^2", \\
             \(files.table(c)) index 0 using \(depth):\(sim):\(stderr) with yerrorbars pt 7 lc rgb "\(colors[1])" notitle, \\
             \(files.table(c)) index 1 using \(depth):\(theory) with lines lw 2 lc rgb "\(colors[0])" title "orthogonal: L (μ_2/μ_1^2 − 1)", \\
             \(files.table(c)) index 1 using \(depth):\(sim):\(stderr) with yerrorbars pt 7 lc rgb "\(colors[0])" notitle
        set title "D  along the critical line: Var λ / L, orthogonal weights"
        set xlabel "q*"; set ylabel "Var λ / L = μ_2/μ_1^2 − 1"; set key bottom right
        plot \(files.table(d)) index 0 using \(critical) with linespoints lw 2 pt 7 lc rgb "\(colors[0])" title "tanh (→ 0 as q* → 0)", \\
             \(files.table(d)) index 1 using \(critical) with linespoints lw 2 pt 7 lc rgb "\(colors[1])" title "hardtanh", \\
             \(files.table(d)) index 2 using \(critical) with lines lw 2 dt 2 lc rgb "\(colors[2])" title "relu (1 at every q*)"
        unset multiplot
        """
}

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
    let width = s.quick ? 60 : 400, networks = s.quick ? 2 : 4
    // Grids of log10 λ: decades for Gaussian spectra, a fine one near 1 for orthogonal
    // spectra at small q*, which stay within tens of percent of λ = 1.
    let wide = stride(from: -4.0, through: 3.0, by: s.quick ? 0.25 : 0.1).map { $0 }
    let narrow = stride(from: -0.6, through: 0.6, by: s.quick ? 0.05 : 0.01).map { $0 }

    func densityRows(_ t: inout Table, _ phi: Nonlinearity, _ sw: Double, _ sb: Double, _ weights: WeightEnsemble,
                     _ depth: Int, grid u: [Double]) throws {
        let theory = try SpectrumTheory(phi: phi, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights)
        let sim = try SpectrumSimulation(phi: phi, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights,
                                         width: width, seed: s.seed, q: theory.q)
        let lambdas = try (0..<networks).map { try sim.eigenvalues(network: $0) }
        let histogram = SpectrumSample(eigenvalues: lambdas.map { $0.map { Foundation.log10($0) } }, grid: u).density
        let rho: [Double?] = u.concurrentMap { x in
            let lambda = Foundation.pow(10, x)
            return (try? theory.density(at: lambda)).map { Foundation.log(10) * lambda * $0.value }
        }
        for (i, x) in u.enumerated() {
            t.append([.text(weights.rawValue), .integer(depth), .real(x), .real(rho[i]), .real(histogram[i].mean),
                      .real(histogram[i].stderr)])
        }
    }
    let densityColumns = [
        Column("weights", "ensemble"), Column("depth", "L"), Column("log10_lambda", "log10 λ"),
        Column("density_theory", "ρ_u(theory)", "ln10·λ·ρ(λ): density of log10 λ, free probability"),
        Column("density", "ρ_u", "histogram of log10 λ, mean over networks"), Column("density_stderr", "δρ_u"),
    ]

    // A: W^tot of linear nets.
    let linearDepths = s.quick ? [1, 4] : [1, 4, 16, 64]
    var a = Table(title: "Fig. 6A: W^tot = W^L⋯W^1, Gaussian weights (σw = 1, N = \(width), \(networks) networks)",
                  columns: densityColumns)
    for (k, l) in linearDepths.enumerated() {
        if k > 0 { a.newSet() }
        try densityRows(&a, .linear, 1, 0, .gaussian, l, grid: wide)
    }
    var iso = Table(title: "Fig. 6A: W^tot with orthogonal weights (σw = 1): the simulated extreme eigenvalues",
                    columns: [Column("depth", "L"), Column("lambda_min", "λ_min"), Column("lambda_max", "λ_max")])
    for l in linearDepths {
        let lambdas = try SpectrumSimulation(phi: .linear, sigmaW: 1, sigmaB: 0, depth: l, weights: .orthogonal,
                                             width: width, seed: s.seed, q: 1).eigenvalues(network: 0)
        iso.append([.integer(l), .real(lambdas.min()), .real(lambdas.max())])
    }

    // B and C: tanh on the critical line at σb = 0.05.
    let sb = 0.001
    let sw = try OrderChaosBoundary(phi: .tanh).criticalSigmaW(sigmaB: sb)
    let tanhDepths = s.quick ? [2, 8] : [2, 8, 32, 128]
    var b = Table(title: String(format: "Fig. 6B: tanh at χ1 = 1 (σw = %.6f, σb = %g), N = %d, %d networks", sw, sb, width, networks),
                  columns: densityColumns)
    for (k, (weights, l)) in [WeightEnsemble.orthogonal, .gaussian].flatMap({ w in tanhDepths.map { (w, $0) } }).enumerated() {
        if k > 0 { b.newSet() }
        try densityRows(&b, .tanh, sw, sb, weights, l, grid: weights == .orthogonal ? narrow : wide)
    }
    let varianceDepths = s.quick ? [1, 2, 4, 8] : [1, 2, 4, 8, 16, 32, 64, 128]
    var c = Table(title: String(format: "Fig. 6C: variance of the spectrum against depth, tanh at χ1 = 1 (σb = %g), N = %d", sb, width),
                  columns: [Column("weights", "ensemble"), Column("depth", "L"),
                            Column("variance_theory", "Var λ(theory)", "L (μ2/μ1² − 1 − s1)"),
                            Column("variance", "Var λ", "simulation, mean over networks"), Column("variance_stderr", "δ")])
    for (k, weights) in [WeightEnsemble.gaussian, .orthogonal].enumerated() {
        if k > 0 { c.newSet() }
        for l in varianceDepths {
            let theory = try SpectrumTheory(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: l, weights: weights)
            let sim = try SpectrumSimulation(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: l, weights: weights,
                                             width: width, seed: s.seed, q: theory.q)
            let v = SpectrumSample(eigenvalues: try (0..<networks).map { try sim.eigenvalues(network: $0) }, grid: [0, 1]).variance
            c.append([.text(weights.rawValue), .integer(l), .real(theory.variance), .real(v.mean), .real(v.stderr)])
        }
    }

    // D: along the critical line (theory), orthogonal weights.
    let count = s.quick ? 6 : 31
    let biases = (0..<count).map { Foundation.pow(10, -5 + 5.5 * Double($0) / Double(count - 1)) }
    var d = Table(title: "Fig. 6D: variance/L = μ2/μ1² − 1 along the critical line χ1 = 1, orthogonal weights",
                  columns: [Column("phi", "φ"), Column("sigma_b", "σb"), Column("sigma_w", "σw*"),
                            Column("q_star", "q*"),
                            Column("variance_over_depth", "Var λ / L", "μ2/μ1² − 1 at χ1 = 1")])
    for (k, phi) in [Nonlinearity.tanh, .hardtanh].enumerated() {
        if k > 0 { d.newSet() }
        let points: [(Double, Double, Double, Double)?] = biases.concurrentMap { bias in
            guard let w = try? OrderChaosBoundary(phi: phi).criticalSigmaW(sigmaB: bias),
                  let t = try? SpectrumTheory(phi: phi, sigmaW: w, sigmaB: bias, depth: 1, weights: .orthogonal)
            else { return nil }
            return (bias, w, t.q, t.variance)
        }
        for p in points.compactMap({ $0 }) { d.append([.text(phi.name), .real(p.0), .real(p.1), .real(p.2), .real(p.3)]) }
    }
    // relu: positively homogeneous, so D² is 0 or 1 with p = 1/2 at every q*; its one
    // critical point is σw = √2, σb = 0, and variance/L = 1/p − 1 = 1 whatever q*.
    d.newSet()
    let relu = try SpectrumTheory(phi: .relu, sigmaW: 2.0.squareRoot(), sigmaB: 0, depth: 1, weights: .orthogonal)
    for q in [1e-3, 1e2] {
        d.append([.text("relu"), .real(0), .real(2.0.squareRoot()), .real(q), .real(relu.variance)])
    }

    let colors = Gnuplot.colors
    return Figure(name: "fig6", tables: [
        NamedTable(stem: "fig6a-linear", table: a), NamedTable(stem: "fig6a-orthogonal", table: iso),
        NamedTable(stem: "fig6b-tanh", table: b), NamedTable(stem: "fig6c-variance", table: c),
        NamedTable(stem: "fig6d-critical-line", table: d),
    ]) { dir, png in
        let nl = linearDepths.count, nt = tanhDepths.count
        let linearTitles = linearDepths.map(String.init).joined(separator: " ")
        let tanhTitles = tanhDepths.map(String.init).joined(separator: " ")
        let palette = colors.prefix(4).joined(separator: " ")
        return """
        \(Gnuplot.header(png, width: 1800, height: 1100))
        set multiplot layout 2,3 title "Fig. 6: dynamical isometry: squared singular values λ of the end-to-end Jacobian (lines: free-probability theory; points: simulation ± s.e., N = \(width))"
        set xlabel "log_{10} λ"; set ylabel "density of log_{10} λ"; set key top left
        set title "A  W^{tot} of linear nets: Gaussian (Fuss–Catalan) vs orthogonal"
        set xrange [-4:3]; set yrange [0:1.5]
        plot for [i=0:\(nl - 1)] "\(dir)/fig6a-linear.dat" index i using 3:4 with lines lw 2 lc rgb word("\(palette)", i+1) title sprintf("Gaussian, L = %s", word("\(linearTitles)", i+1)), \\
             for [i=0:\(nl - 1)] "\(dir)/fig6a-linear.dat" index i using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("\(palette)", i+1) notitle, \\
             "\(dir)/fig6a-orthogonal.dat" using (log10($3)):(0.9) with impulses lw 4 lc rgb "black" title "orthogonal, every L: all λ = 1"
        set title "B  tanh at χ_1 = 1, σ_b = \(sb): orthogonal weights"
        set xrange [-0.6:0.6]; set yrange [0:*]
        plot for [i=0:\(nt - 1)] "\(dir)/fig6b-tanh.dat" index i using 3:4 with lines lw 2 lc rgb word("\(palette)", i+1) title sprintf("L = %s", word("\(tanhTitles)", i+1)), \\
             for [i=0:\(nt - 1)] "\(dir)/fig6b-tanh.dat" index i using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("\(palette)", i+1) notitle
        set title "B′  tanh at χ_1 = 1, σ_b = \(sb): Gaussian weights"
        set xrange [-4:3]
        plot for [i=0:\(nt - 1)] "\(dir)/fig6b-tanh.dat" index (i+\(nt)) using 3:4 with lines lw 2 lc rgb word("\(palette)", i+1) title sprintf("L = %s", word("\(tanhTitles)", i+1)), \\
             for [i=0:\(nt - 1)] "\(dir)/fig6b-tanh.dat" index (i+\(nt)) using 3:5:6 with yerrorbars pt 7 ps 0.5 lc rgb word("\(palette)", i+1) notitle
        set title "C  variance of the spectrum against depth (tanh at χ_1 = 1, σ_b = \(sb))"
        set logscale xy; set xrange [*:*]; set yrange [*:*]; set xlabel "depth L (Gaussian points above the line at L/N ≥ 0.16: finite width)"; set ylabel "Var λ"; set format y "10^{%L}"; set key bottom right
        plot "\(dir)/fig6c-variance.dat" index 0 using 2:3 with lines lw 2 lc rgb "\(colors[1])" title "Gaussian: L μ_2/μ_1^2", \\
             "\(dir)/fig6c-variance.dat" index 0 using 2:4:5 with yerrorbars pt 7 lc rgb "\(colors[1])" notitle, \\
             "\(dir)/fig6c-variance.dat" index 1 using 2:3 with lines lw 2 lc rgb "\(colors[0])" title "orthogonal: L (μ_2/μ_1^2 − 1)", \\
             "\(dir)/fig6c-variance.dat" index 1 using 2:4:5 with yerrorbars pt 7 lc rgb "\(colors[0])" notitle
        set title "D  along the critical line: Var λ / L, orthogonal weights"
        set xlabel "q*"; set ylabel "Var λ / L = μ_2/μ_1^2 − 1"; set key bottom right
        plot "\(dir)/fig6d-critical-line.dat" index 0 using 4:5 with linespoints lw 2 pt 7 lc rgb "\(colors[0])" title "tanh (→ 0 as q* → 0)", \\
             "\(dir)/fig6d-critical-line.dat" index 1 using 4:5 with linespoints lw 2 pt 7 lc rgb "\(colors[1])" title "hardtanh", \\
             "\(dir)/fig6d-critical-line.dat" index 2 using 4:5 with lines lw 2 dt 2 lc rgb "\(colors[2])" title "relu (1 at every q*)"
        unset multiplot
        """
    }
}

import Model
import Foundation
import MonteCarlo
import Nonlinearities
import Numerical
import Spectrum
import TestSupport
import XCTest

/// The simulated Jacobian spectrum against exact facts (a linear orthogonal net is σw^L
/// times an isometry; E[(1/N) tr WWᵀ] = σw², E[(1/N) tr (WWᵀ)²] = σw⁴(2 + 1/N) for one
/// Gaussian layer) and against the free-probability theory (mean χ1^L, variance, density,
/// hardtanh's atoms).
final class SpectrumSimulationTests: XCTestCase {
    func simulation(_ phi: Nonlinearity, _ sw: Double, _ sb: Double, depth: Int, _ weights: WeightEnsemble,
                    width: Int, seed: UInt64 = 1) throws -> (SpectrumSimulation, SpectrumTheory) {
        let theory = try SpectrumTheory(phi: phi, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights)
        let sim = try SpectrumSimulation(phi: phi, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights,
                                         width: width, seed: seed, q: theory.q)
        return (sim, theory)
    }

    func testLinearOrthogonalNetIsAScaledIsometry() throws {
        for l in [1, 5, 20] {
            let (sim, _) = try simulation(.linear, 1.1, 0, depth: l, .orthogonal, width: 120)
            let expected = pow(1.1 * 1.1, Double(l))
            for lambda in try sim.eigenvalues(network: 0) {
                XCTAssertEqual(lambda, expected, accuracy: 1e-10 * expected, "L = \(l)")
            }
        }
    }

    /// One Gaussian layer W (entries N(0, σw²/N)): E[(1/N) tr WWᵀ] = σw² and
    /// E[(1/N) tr (WWᵀ)²] = σw⁴ (2 + 1/N) exactly, so the spectral variance is
    /// σw⁴ (1 + 1/N − 2/N²) on average: Marchenko–Pastur's σw⁴ plus finite-N terms.
    func testOneGaussianLayerHasExactFiniteNMoments() throws {
        let sw = 1.3, n = 200, networks = 40
        let (sim, theory) = try simulation(.linear, sw, 0, depth: 1, .gaussian, width: n)
        let all = try (0..<networks).map { try sim.eigenvalues(network: $0) }
        let sample = SpectrumSample(eigenvalues: all, grid: [0, 1])
        let v = sw * sw
        XCTAssertEqual(theory.mean, v, accuracy: 1e-14)
        XCTAssertEqual(theory.variance, v * v, accuracy: 1e-13)
        // (1/N) tr WWᵀ = (σw²/N²) χ²(N²): standard deviation σw² √2/N per network, exactly.
        let meanError = v * 2.0.squareRoot() / Double(n) / Double(networks).squareRoot()
        let varianceError = sample.variance.stderr ?? 0
        XCTAssertEqual(sample.mean.stderr ?? 0, meanError, accuracy: 0.5 * meanError)
        XCTAssertEqual(sample.mean.mean, v, accuracy: 4 * meanError)
        XCTAssertEqual(sample.variance.mean, v * v * (1 + 1 / Double(n) - 2 / Double(n * n)), accuracy: 4 * varianceError + 0.01 * v * v)
    }

    /// The variance of the spectrum at χ1 = 1, L (μ2/μ1² − 1 − s1), against simulation for
    /// tanh at the edge of chaos with small q*. Margins: 4 standard errors over networks
    /// plus a finite-N allowance for the O(L/N) bias (the D^l depend on W^l through
    /// h^l; Gaussian products also converge slowly in N): 10% for Gaussian and 5% for
    /// orthogonal weights at L/N = 0.02.
    func testVarianceAtCriticalityMatchesSimulation() throws {
        let sb = 0.05
        let sw = try OrderChaosBoundaryValue.tanh(sigmaB: sb)
        for (weights, margin) in [(WeightEnsemble.gaussian, 0.10), (.orthogonal, 0.05)] {
            let (sim, theory) = try simulation(.tanh, sw, sb, depth: 8, weights, width: 400)
            XCTAssertEqual(theory.chi1, 1, accuracy: 1e-9)
            let all = try (0..<10).map { try sim.eigenvalues(network: $0) }
            let sample = SpectrumSample(eigenvalues: all, grid: [0, 1])
            let se = sample.variance.stderr ?? 0
            XCTAssertEqual(sample.variance.mean, theory.variance, accuracy: 4 * se + margin * theory.variance, "\(weights)")
            XCTAssertEqual(sample.mean.mean, theory.mean, accuracy: 4 * (sample.mean.stderr ?? 0) + margin, "\(weights)")
        }
    }

    /// The histogram on a grid follows the free-probability density (orthogonal tanh:
    /// a bulk on (0, 3)), bin by bin within 4 s.e. plus 10% (binning and finite N).
    func testHistogramFollowsTheDensity() throws {
        let (sim, theory) = try simulation(.tanh, 1.05, 0.01, depth: 8, .orthogonal, width: 300)
        let grid = stride(from: 0.0, through: 3.0, by: 0.25).map { $0 }
        let all = try (0..<6).map { try sim.eigenvalues(network: $0) }
        let sample = SpectrumSample(eigenvalues: all, grid: grid)
        var checked = 0
        for (i, lambda) in grid.enumerated() where lambda > 0.2 {
            let rho = try theory.density(at: lambda).value
            guard rho > 0.05 else { continue }
            let h = sample.density[i]
            XCTAssertEqual(h.mean, rho, accuracy: 4 * (h.stderr ?? 0) + 0.1 * rho, "ρ(\(lambda))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 5)
    }

    /// hardtanh with orthogonal weights: the fraction of zero eigenvalues is the atom at
    /// 0, and the fraction exactly at σw^{2L} is the top atom (1 − L·P(g = 0)).
    func testHardtanhAtomsInSimulation() throws {
        let sw = 1.2, sb = 0.05, l = 3
        let (sim, theory) = try simulation(.hardtanh, sw, sb, depth: l, .orthogonal, width: 400)
        let atoms = theory.atoms
        XCTAssertEqual(atoms.count, 2)
        let lambdas = try (0..<4).flatMap { try sim.eigenvalues(network: $0) }
        let n = Double(lambdas.count)
        let zero = Double(lambdas.filter { $0 < 1e-12 }.count) / n
        let top = pow(sw * sw, Double(l))
        let atTop = Double(lambdas.filter { abs($0 - top) < 1e-9 * top }.count) / n
        // Binomial counts over 1600 eigenvalues (not independent, but nearly): ±0.03.
        XCTAssertEqual(zero, atoms[0].mass, accuracy: 0.03)
        XCTAssertEqual(atTop, atoms[1].mass, accuracy: 0.05)
    }

    func testSameSeedSameEigenvaluesAndDifferentSeedsDiffer() throws {
        let (a, _) = try simulation(.tanh, 1.1, 0.1, depth: 3, .orthogonal, width: 64, seed: 7)
        let (b, _) = try simulation(.tanh, 1.1, 0.1, depth: 3, .orthogonal, width: 64, seed: 8)
        XCTAssertEqual(try a.eigenvalues(network: 2), try a.eigenvalues(network: 2))
        XCTAssertNotEqual(try a.eigenvalues(network: 2), try b.eigenvalues(network: 2))
    }

    func testBadRequestsAreRefused() throws {
        func refused(_ r: SpectrumRequest) {
            XCTAssertThrowsError(try r.validate()) { XCTAssertEqual(($0 as? ReportableError)?.exitStatus, 2, "\($0)") }
        }
        let ok = try SpectrumRequest(phi: .tanh, sigmaW: 1.1, sigmaB: 0.1, depth: 4, weights: .gaussian,
                                 lambdas: [0, 1, 2], width: 10, networks: 1)
        XCTAssertNoThrow(try ok.validate())
        var r = ok; r.network = try Network(phi: .tanh, sigmaW: 0, sigmaB: 0.1, depth: 4); refused(r)
        r = ok; r.lambdas = [1]; refused(r)
        r = ok; r.lambdas = [2, 1]; refused(r)
        r = ok; r.width = 1; refused(r)
        r = ok; r.width = 10_000_000; refused(r)
        r = ok; r.networks = -1; refused(r)
        r = ok; r.lambdas = [1]; r.networks = 0
        XCTAssertNoThrow(try r.validate(), "the theory alone needs no bins")
    }
}

/// σw on tanh's order-to-chaos boundary at σb, by bisection on χ1 − 1 computed here
/// from the spectrum theory's own μ1 (an independent route from OrderChaosBoundary).
enum OrderChaosBoundaryValue {
    static func tanh(sigmaB: Double) throws -> Double {
        var lo = 1.0, hi = 2.0
        for _ in 0..<80 {
            let mid = 0.5 * (lo + hi)
            let chi = try SpectrumTheory(phi: .tanh, sigmaW: mid, sigmaB: sigmaB, depth: 1, weights: .gaussian).chi1
            if chi < 1 { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }
}

/// At q* = 0 (σb = 0) the simulated network is the q → 0 limit, as the theory's: each
/// unit's φ′ is the one-sided φ′(0±) of the side of 0 its pre-activation is on.
final class ZeroLengthSpectrumTests: XCTestCase {
    /// One orthogonal layer: JJᵀ = σw² D² exactly, so every eigenvalue is σw² φ′(0−)² or
    /// σw² φ′(0+)² (0.64·0.0001, 0.64·1.0201 for max(x,0) + 0.01 sin x), each for about
    /// half the units (binomial: 200 units, 6 standard deviations). φ′ at h = 0 once
    /// gave 0.64·1.0201 for every unit.
    func testOneOrthogonalLayerAtZeroLengthHasBothSlopes() throws {
        let phi = try Nonlinearity(formula: "max(x,0)+0.01*sin(x)")
        let theory = try SpectrumTheory(phi: phi, sigmaW: 0.8, sigmaB: 0, depth: 1, weights: .orthogonal)
        XCTAssertEqual(theory.qStar, 0)
        let sim = try SpectrumSimulation(phi: phi, sigmaW: 0.8, sigmaB: 0, depth: 1, weights: .orthogonal,
                                         width: 200, seed: 3, q: theory.q)
        let lambdas = try sim.eigenvalues(network: 0)
        let high = 0.64 * 1.01 * 1.01, low = 0.64 * 0.01 * 0.01
        let upper = lambdas.filter { abs($0 - high) <= 1e-12 * high }.count
        let lower = lambdas.filter { abs($0 - low) <= 1e-9 * low }.count
        XCTAssertEqual(upper + lower, 200)
        XCTAssertLessThan(abs(Double(upper) - 100), 6 * 200.0.squareRoot() / 2, "\(upper) of 200 on the right")
    }
}

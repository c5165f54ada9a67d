import CGSL
import MeanFieldTheory
import Model
import Nonlinearities
import XCTest

/// The order-1/N theory of `fluctuations` (SPEC §12) against closed forms.
final class FluctuationTheoryTests: XCTestCase {
    func theory(_ phi: Nonlinearity, _ sw: Double, _ sb: Double, q0: Double = 1, depth: Int, width: Int,
                _ weights: WeightEnsemble = .gaussian) throws -> [FluctuationLayer] {
        let net = try Network(phi: phi, sigmaW: sw, sigmaB: sb, weights: weights, depth: depth)
        return try MeanFieldModel(network: net).fluctuations(q0: q0, depth: depth, width: width, weights: weights)
    }

    /// Linear Gaussian nets: |J^l u|² is a product of l − 1 independent σw² χ²_N/N, so
    /// E log = (l−1)(log σw² + ψ(N/2) − log(N/2)) and Var = (l−1) ψ′(N/2) exactly (ψ, ψ′ from
    /// gsl_sf_psi, gsl_sf_psi_1). q̂^l (σb = 0) is q0 σw^{2l} times l factors χ²_N/N:
    /// Var = (q^l)² ((1 + 2/N)^l − 1), which the theory gives to O(l²/N²): allowed
    /// l²·(q^l)²·4/N².
    func testLinearGaussianNetsMatchTheChiSquaredClosedForms() throws {
        let sw = 1.3, n = 50, depth = 6
        let layers = try theory(.linear, sw, 0, q0: 0.7, depth: depth, width: n)
        let x = Double(n) / 2
        for t in layers {
            let l = Double(t.layer)
            XCTAssertEqual(t.logGainMean, (l - 1) * (log(sw * sw) + gsl_sf_psi(x) - log(x)), accuracy: 1e-12)
            XCTAssertEqual(t.logGainVariance, (l - 1) * gsl_sf_psi_1(x), accuracy: 1e-12)
            let ql = 0.7 * pow(sw * sw, l)
            XCTAssertEqual(t.q, ql, accuracy: 1e-13 * ql)
            let exact = ql * ql * (pow(1 + 2 / Double(n), l) - 1)
            XCTAssertEqual(t.qVariance, exact, accuracy: l * l * ql * ql * 4 / Double(n * n), "layer \(t.layer)")
            XCTAssertNotEqual(t.qVariance, exact, "the 1/N² remainder exists, so this test can tell")
        }
    }

    /// Relu (σw² = 2, σb = 0), Gaussian W: Var log|J^L u|² = 5(L−1)/N at order 1/N
    /// (Hanin & Nica 2019); here ψ′(N/2) − 2/N ≈ 2/N² per layer is the only remainder.
    func testReluLogGainVarianceIsFiveLayersOverN() throws {
        for n in [100, 1000] {
            let layers = try theory(.relu, 2.0.squareRoot(), 0, depth: 12, width: n)
            for t in layers {
                let l = Double(t.layer - 1)
                XCTAssertEqual(t.logGainVariance, 5 * l / Double(n), accuracy: 3 * l / Double(n * n), "N=\(n) layer \(t.layer)")
            }
        }
    }

    /// Orthogonal weights, linear φ, no bias: h^l = σw^{l} O…O x and J = σw^{l−1} O…O are
    /// exact (scaled) isometries: no fluctuation at all, and log|J u|² = (l−1) log σw².
    func testOrthogonalLinearNetsWithoutBiasDoNotFluctuate() throws {
        let sw = 1.1
        for t in try theory(.linear, sw, 0, depth: 5, width: 30, .orthogonal) {
            XCTAssertEqual(t.qVariance, 0, accuracy: 1e-14 * t.q * t.q)
            XCTAssertEqual(t.logGainVariance, 0, accuracy: 1e-15)
            XCTAssertEqual(t.logGainMean, Double(t.layer - 1) * log(sw * sw), accuracy: 1e-13)
        }
    }

    /// Layer 1 from |x|²/N = q0 by hand: Gaussian h_i ~ N(0, k1) iid, Var q̂ = 2k1²/N;
    /// Haar h = σw O x + b with |σw O x|² = σw² N q0 fixed, so q̂ = σw² q0 + |b|²/N + 2σw b·Ox/N
    /// and Var q̂ = (2σb⁴ + 4σw²σb² q0)/N.
    func testFirstLayerVarianceByHand() throws {
        let sw = 1.7, sb = 0.6, q0 = 0.9, n = 64
        let k1 = sw * sw * q0 + sb * sb
        let g = try theory(.tanh, sw, sb, q0: q0, depth: 1, width: n)[0]
        XCTAssertEqual(g.qVariance, 2 * k1 * k1 / Double(n), accuracy: 1e-14)
        let o = try theory(.tanh, sw, sb, q0: q0, depth: 1, width: n, .orthogonal)[0]
        XCTAssertEqual(o.qVariance, (2 * pow(sb, 4) + 4 * sw * sw * sb * sb * q0) / Double(n), accuracy: 1e-14)
        XCTAssertEqual(g.logGainMean, 0)
        XCTAssertEqual(g.logGainVariance, 0)
    }

    /// Every term is order 1/N: N·Var and N·(E log G − its N = ∞ value Σ log χ1) change by
    /// O(1/N) from N = 1000 to 2000 (tanh, both ensembles, depth 8): at most 2% of N·Var.
    func testVariancesScaleAsOneOverN() throws {
        for weights in WeightEnsemble.allCases {
            let a = try theory(.tanh, 2.5, 0.3, depth: 8, width: 1000, weights)
            let b = try theory(.tanh, 2.5, 0.3, depth: 8, width: 2000, weights)
            for (x, y) in zip(a, b) where x.layer > 1 {
                XCTAssertEqual(1000 * x.logGainVariance, 2000 * y.logGainVariance, accuracy: 0.02 * 1000 * x.logGainVariance)
                XCTAssertEqual(1000 * x.qVariance, 2000 * y.qVariance, accuracy: 0.02 * 1000 * x.qVariance)
            }
        }
    }

    /// A φ of superlinear growth is refused (its fourth moments are not resolved), and so
    /// is an input of zero length with no bias.
    func testRefusals() throws {
        XCTAssertThrowsError(try theory(.linear, 1, 0, q0: 0, depth: 3, width: 10))
        let square = try Nonlinearity(formula: "exp(x^2)")
        XCTAssertThrowsError(try theory(square, 1, 0.1, depth: 3, width: 10))
    }
}

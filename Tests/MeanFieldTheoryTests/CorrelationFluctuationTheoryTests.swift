@testable import MeanFieldTheory
import Model
import Nonlinearities
import XCTest

/// The order-1/N theory of Var ĉ^l, the correlation of two inputs (SPEC §12), against
/// closed forms and the two-dimensional map it linearises.
final class CorrelationFluctuationTheoryTests: XCTestCase {
    func theory(_ phi: Nonlinearity, _ sw: Double, _ sb: Double, q0: Double = 1, c0: Double, depth: Int, width: Int,
                _ weights: WeightEnsemble = .gaussian) throws -> [CorrelationFluctuationLayer] {
        let net = try Network(phi: phi, sigmaW: sw, sigmaB: sb, weights: weights, depth: depth)
        return try MeanFieldModel(network: net).correlationFluctuations(q0: q0, c0: c0, depth: depth, width: width,
                                                                         weights: weights)
    }

    /// Linear Gaussian nets with σb = 0: h^l = W^l h^{l−1}, so the 2×2 Gram of layer l is
    /// σw² L^T (Z^T Z/N) L with L the Cholesky factor of the Gram below and Z an N×2
    /// standard Gaussian, independent across layers. c is scale-free, so at order 1/N each
    /// layer's Wishart factor moves ĉ by an independent amount whose variance is that of
    /// the sample correlation of N standard bivariate pairs, (1 − c²)²/N, at the same c:
    /// Var ĉ^l = l (1 − c0²)²/N and c^l = c0.
    func testLinearGaussianNetsAddOneSampleCorrelationPerLayer() throws {
        for c0 in [-0.4, 0.5, 0.95] {
            let n = 80
            for t in try theory(.linear, 1.3, 0, q0: 0.7, c0: c0, depth: 6, width: n) {
                let exact = Double(t.layer) * (1 - c0 * c0) * (1 - c0 * c0) / Double(n)
                XCTAssertEqual(t.c, c0, accuracy: 1e-13)
                XCTAssertEqual(t.cVariance, exact, accuracy: 1e-12 * exact, "c0 \(c0) layer \(t.layer)")
            }
        }
    }

    /// Linear Haar nets with σb = 0 keep the Gram of the two inputs exactly (O^T O = I):
    /// ĉ^l = c0 in every network, Var ĉ^l = 0. With a bias the layer's own Gaussian bias
    /// samples the correlation, so the variance is positive.
    func testLinearOrthogonalNetsKeepTheCorrelation() throws {
        for t in try theory(.linear, 1.3, 0, c0: 0.3, depth: 5, width: 50, .orthogonal) {
            XCTAssertEqual(t.cVariance, 0, accuracy: 1e-15)
        }
        let biased = try theory(.linear, 1.3, 0.5, c0: 0.3, depth: 3, width: 50, .orthogonal)
        XCTAssertGreaterThan(biased[2].cVariance, 1e-4)
    }

    /// The Jacobian's off-diagonal entry ∂E[φ(x)φ(y)]/∂K_aa at fixed K_ab (from Price's
    /// theorem and E[φ′(x) x φ(y)]) and its diagonal one ∂/∂K_ab = E[φ′φ′] against central
    /// differences of the two-dimensional map C(c; q1, q2) (`covarianceMap`, its own
    /// quadrature), tanh and relu.
    func testJacobianMatchesCentralDifferencesOfTheCovarianceMap() throws {
        for (phi, sw, sb) in [(Nonlinearity.tanh, 1.7, 0.3), (.relu, 1.4, 0.2)] {
            let model = try MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
            let k = 1.3, kab = 0.6
            let p = try model.pairMoments(k, c: kab / k)
            func m(_ kaa: Double, _ kab: Double) -> Double {
                (model.covarianceMap(kab / (kaa.squareRoot() * k.squareRoot()), q1: kaa, q2: k) - sb * sb) / (sw * sw)
            }
            let h = 1e-4
            let dKaa = (m(k + h, kab) - m(k - h, kab)) / (2 * h)
            let dKab = (m(k, kab + h) - m(k, kab - h)) / (2 * h)
            XCTAssertEqual((p.dphiXPhi - kab * p.dphiDphi) / (2 * k), dKaa, accuracy: 1e-6, "\(phi.name) d/dK_aa")
            XCTAssertEqual(p.dphiDphi, dKab, accuracy: 1e-6, "\(phi.name) d/dK_ab")
            XCTAssertEqual(p.phiPhi, m(k, kab), accuracy: 1e-12, "\(phi.name) E[phi phi]")
        }
    }

    /// A c^1 that no input correlation reaches is refused naming --c0.
    func testUnreachableC0IsRefused() throws {
        // σb² = 1, σw² q0 = 1: c^1 = (c_x + 1)/2 ≥ 0.
        XCTAssertThrowsError(try theory(.tanh, 1, 1, c0: -0.1, depth: 2, width: 10)) { e in
            XCTAssertTrue("\(e)".contains("--c0"), "\(e)")
        }
        XCTAssertNoThrow(try theory(.tanh, 1, 1, c0: 0, depth: 2, width: 10))
    }
}

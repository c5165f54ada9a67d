import Foundation
import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The closed-form Gaussian kernels (sin, erf, the piecewise-linear family): against
/// the quadrature where it resolves φ, against mpmath where only the closed form can
/// go (huge q, q1·q2 below the underflow, c next to ±1), and the cases that used to
/// trap or hang.
final class GaussianKernelTests: XCTestCase {
    func models(_ phi: Nonlinearity, _ sw: Double = 1.3, _ sb: Double = 0.2) throws -> (MeanFieldModel, MeanFieldModel) {
        let closed = try MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
        var quadrature = closed
        quadrature.kernel = nil
        XCTAssertNotNil(closed.kernel, phi.name)
        return (closed, quadrature)
    }

    /// The kernel and the (independent) quadrature agree on every map, moment and slope.
    func testKernelsAgreeWithQuadrature() throws {
        for phi in [Nonlinearity.sin, .erf, .relu, .leakyReLU, .abs, .linear] {
            let (k, g) = try models(phi)
            let tolerance = phi.hasKinks ? 1e-10 : 1e-12
            for q in [0, 1e-6, 0.3, 2, 17] {
                assertClose(k.lengthMap(q), g.lengthMap(q), relative: tolerance, "\(phi.name) V(\(q))")
                let a = k.moments(q), b = g.moments(q)
                assertClose(a.dphi2, b.dphi2, relative: tolerance, "\(phi.name) E[φ'²](\(q))")
                assertClose(a.slope, b.slope, relative: tolerance, floor: 1e-3, "\(phi.name) slope(\(q))")
                XCTAssertEqual(a.ddphi2 == nil, b.ddphi2 == nil)
                if let x = a.ddphi2, let y = b.ddphi2 {
                    assertClose(x, y, relative: tolerance, floor: 1e-3, "\(phi.name) E[φ''²](\(q))")
                }
            }
            for (q1, q2) in [(0.5, 0.5), (2.0, 0.3), (9.0, 12.0)] {
                for c in [-1, -0.6, 0, 0.4, 0.99, 1] {
                    let a = k.covarianceAndSlope(c, q1: q1, q2: q2), b = g.covarianceAndSlope(c, q1: q1, q2: q2)
                    assertClose(a.x, b.x, relative: tolerance, floor: 1, "\(phi.name) C(\(c); \(q1), \(q2))")
                    assertClose(a.y, b.y, relative: tolerance, floor: 1, "\(phi.name) ∂C/∂c(\(c); \(q1), \(q2))")
                    assertClose(k.derivativeCovariance(c, q1: q1, q2: q2), g.derivativeCovariance(c, q1: q1, q2: q2),
                                relative: tolerance, floor: 1, "\(phi.name) χ(\(c); \(q1), \(q2))")
                }
            }
        }
    }

    /// mpmath (50 digits) of e^{−(q1+q2)/2}(sinh, cosh)(c√(q1q2)) and of
    /// (2/π)asin(2q12/√((1+2q1)(1+2q2))), (4/π)/√((1+2q1)(1+2q2) − 4q12²), computed once
    /// with c the double the code sees (mpf(0.9999999999), not the decimal).
    func testKernelsAgainstMpmathWhereQuadratureCannotGo() {
        let sin: [(Double, Double, Double, Double, Double)] = [
            (400, 400, 0.999999, 0.49980003999466145112, 0.49980003999466145112),
            (1e4, 9e3, 0.9999, 3.703379116084038434e-7, 3.703379116084038434e-7),
            (30, 0.5, -0.7, -1.7842968446351897284e-6, 1.8001311291407139089e-6),
            (1e-200, 1e-200, 0.5, 4.9999999999999999105e-201, 1.0),
        ]
        for (q1, q2, c, ss, cc) in sin {
            let v = GaussianKernel.sin.covariance(q1, q2, c)
            assertClose(v.x, ss, relative: 1e-13, "sin E[φφ](\(q1), \(q2), \(c))")
            assertClose(v.y, cc, relative: 1e-13, "sin E[φ'φ'](\(q1), \(q2), \(c))")
        }
        let erf: [(Double, Double, Double, Double, Double)] = [
            (1e12, 1e12, 0.9999999999, 0.99999097435662368354, 4.4903694693522228892e-8),
            (1e8, 3e7, -0.999, -0.97152697108840709083, 2.5996252402273274045e-7),
            (1e-200, 1e-180, 0.5, 6.3661977236758134393e-191, 1.2732395447351626862),
        ]
        for (q1, q2, c, ee, dd) in erf {
            let v = GaussianKernel.erf.covariance(q1, q2, c)
            assertClose(v.x, ee, relative: 1e-13, "erf E[φφ](\(q1), \(q2), \(c))")
            assertClose(v.y, dd, relative: 1e-13, "erf E[φ'φ'](\(q1), \(q2), \(c))")
        }
        // c = 1 at q = 1e250: (2/π)asin(2q/(1+2q)) = 1 − (2/π)·2/√(2q)·… = 1 to rounding.
        XCTAssertEqual(GaussianKernel.erf.covariance(1e250, 1e250, 1).x, 1, accuracy: 1e-15)
    }

    /// `qmap --phi sin --q 1e50` trapped (Double → Int overflow counting panels): E[sin²] = (1 − e^{−2q})/2 = 1/2.
    func testSinLengthMapAtHugeQ() throws {
        let m = try MeanFieldModel(phi: .sin, sigmaW: 2.5, sigmaB: 0.3)
        for q in [1e20, 1e50, 1e250] {
            let v = m.lengthMapEstimate(q)
            assertClose(v.value, 6.25 / 2 + 0.09, relative: 1e-15, "sin V(\(q))")
        }
    }

    /// `fixed-point --phi sin --sigma-w 500` took 36 s, 1000 never ended. q* = σw²(1 − e^{−2q*})/2 + σb²
    /// = σw²/2 + σb² (e^{−2q*} = 0), χ1 = σw²(1 + e^{−2q*})/2 = σw²/2, χ2 = σw²/2, c* = σb²/q*.
    func testSinFixedPointAtLargeSigmaW() throws {
        for sw in [500.0, 1000, 1e5] {
            let start = Date()
            let s = try MeanFieldModel(phi: .sin, sigmaW: sw, sigmaB: 0.3).summary()
            XCTAssertLessThan(Date().timeIntervalSince(start), 1, "sin at sigma-w \(sw)")
            let q = sw * sw / 2 + 0.09
            assertClose(s.qStar.value, q, relative: 1e-14, "q*")
            assertClose(s.chi1.value, sw * sw / 2, relative: 1e-14, "χ1")
            assertClose(s.chi2!.value, sw * sw / 2, relative: 1e-14, "χ2")
            assertClose(s.cStar.value, 0.09 / q, relative: 1e-10, "c*")
        }
    }

    /// A φ without closed form that oscillates (the formula sin(x)) is bounded work: at
    /// q = 1e50 the panel cap is hit, the value comes with an error as large as itself,
    /// and the fixed point is refused in one line.
    func testOscillatingFormulaIsBoundedAndHonest() throws {
        let phi = try Nonlinearity(formula: "sin(x)")
        XCTAssertNil(phi.gaussianKernel)
        let m = try MeanFieldModel(phi: phi, sigmaW: 2.5, sigmaB: 0.3)
        let start = Date()
        for q in [1e20, 1e50] {
            let v = m.lengthMapEstimate(q)
            XCTAssertTrue(v.value.isFinite)
            // The truth is 3.215 (E[sin²] = 1/2): the estimate must cover it.
            XCTAssertGreaterThanOrEqual(v.error, (v.value - 3.215).magnitude, "error estimate at q=\(q)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertThrowsError(try MeanFieldModel(phi: phi, sigmaW: 1000, sigmaB: 0.3).summary()) {
            XCTAssertFalse("\($0)".contains("\n"))
        }
    }
}

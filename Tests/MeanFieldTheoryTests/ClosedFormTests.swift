import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The quadrature against closed forms (SPEC.md §2), across q ∈ [1e-8, 1e3] and
/// c ∈ [−1, 1]: relative 1e-12 for smooth φ, 1e-10 for φ with kinks.
final class ClosedFormTests: XCTestCase {
    let qs: [Double] = [1e-8, 1e-4, 0.1, 1, 2, 10, 100, 1000]
    let cs: [Double] = [-1, -0.999, -0.5, 0, 0.3, 0.9, 0.999999, 1]

    /// Quadrature only: the built-in closed-form kernels are switched off, so these
    /// tests keep checking the integrator against the closed forms.
    func model(_ phi: Nonlinearity, _ sw: Double = 1, _ sb: Double = 0) -> MeanFieldModel {
        var m = try! MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
        m.kernel = nil
        return m
    }

    func testErfLengthMapAndMoments() {
        let m = model(.erf)
        for q in qs {
            assertClose(m.lengthMap(q), 2 / .pi * asin(2 * q / (1 + 2 * q)), relative: 1e-12, "erf V(\(q))")
            let mo = m.moments(q)
            assertClose(mo.dphi2, 4 / .pi / (1 + 4 * q).squareRoot(), relative: 1e-12, "erf E[φ'²] at \(q)")
            assertClose(mo.ddphi2!, 16 / .pi * q * pow(1 + 4 * q, -1.5), relative: 1e-12, "erf E[φ''²] at \(q)")
            // dE[φ²]/dq = (2/π) · 2/((1+2q)√(1+4q)) from the arcsin form.
            assertClose(mo.slope, 4 / .pi / ((1 + 2 * q) * (1 + 4 * q).squareRoot()), relative: 1e-12, "erf slope \(q)")
        }
    }

    func testErfCovarianceAndPriceSlopeAtManyPoints() {
        let m = model(.erf)
        for q1 in qs {
            for q2 in [1e-8, 0.5, 3, 1000] {
                for c in cs {
                    let q12 = c * (q1 * q2).squareRoot()
                    let d = (1 + 2 * q1) * (1 + 2 * q2)
                    let expected = 2 / .pi * asin(2 * q12 / d.squareRoot())
                    let scale = 2 / .pi * asin(2 * (q1 * q2).squareRoot() / d.squareRoot())  // Cauchy–Schwarz bound
                    let cs2 = m.covarianceAndSlope(c, q1: q1, q2: q2)
                    assertClose(cs2.x, expected, relative: 1e-12, floor: scale, "erf C(\(c); \(q1), \(q2))")
                    // ∂C/∂c = √(q1q2) E[φ'φ'] = √(q1q2) (4/π)/√(d − 4 q12²)
                    let slope = (q1 * q2).squareRoot() * 4 / .pi / (d - 4 * q12 * q12).squareRoot()
                    assertClose(cs2.y, slope, relative: 1e-12, "erf ∂C/∂c at (\(c); \(q1), \(q2))")
                }
            }
        }
    }

    func testReluClosedFormsAtKinkedAccuracy() {
        let m = model(.relu, 1.3, 0.4)
        for q in qs {
            assertClose(m.lengthMap(q), 1.69 * q / 2 + 0.16, relative: 1e-10, "relu V(\(q))")
            assertClose(m.moments(q).dphi2, 0.5, relative: 1e-10, "relu E[φ'²]")
            assertClose(m.moments(q).slope, 0.5, relative: 1e-10, "relu dE[φ²]/dq")
            XCTAssertNil(m.moments(q).ddphi2)
        }
        for q1 in [1e-6, 0.7, 5, 800] {
            for q2 in [0.01, 2, 1000] {
                for c in cs {
                    let theta = acos(c)
                    let e = (q1 * q2).squareRoot() / (2 * .pi) * (sin(theta) + (.pi - theta) * c)
                    assertClose(m.covarianceMap(c, q1: q1, q2: q2), 1.69 * e + 0.16, relative: 1e-10,
                                "relu C(\(c); \(q1), \(q2))")
                    assertClose(m.derivativeCovariance(c, q1: q1, q2: q2), 1.69 * (.pi - theta) / (2 * .pi),
                                relative: 1e-10, floor: 1, "relu E[φ'φ'] at \(c)")
                }
            }
        }
    }

    func testReluChi1IsHalfSigmaWSquared() throws {
        for sw in [0.3, 1.0, 1.4] {
            let s = try model(.relu, sw, 0.5).summary()
            assertClose(s.chi1.value, sw * sw / 2, relative: 1e-12)
            assertClose(s.qStar.value, 0.25 / (1 - sw * sw / 2), relative: 1e-12)
        }
    }

    func testHardtanhLengthMapMatchesItsClosedForm() {
        // E[min(q z², 1)] = q(2Φ(a) − 1 − 2aϕ(a)) + 2(1 − Φ(a)), a = 1/√q.
        let m = model(.hardtanh)
        for q in qs {
            let a = 1 / q.squareRoot()
            let expected = q * (2 * normalCDF(a) - 1 - 2 * a * normalPDF(a)) + 2 * normalCDF(-a)
            assertClose(m.lengthMap(q), expected, relative: 1e-10, "hardtanh V(\(q))")
            assertClose(m.moments(q).dphi2, 2 * normalCDF(a) - 1, relative: 1e-10, "hardtanh E[φ'²] at \(q)")
        }
    }

    func testLinearMapsAreExact() throws {
        let m = model(.linear, 0.8, 0.3)
        for q in qs {
            assertClose(m.lengthMap(q), 0.64 * q + 0.09, relative: 1e-13)
            for c in cs {
                assertClose(m.covarianceMap(c, q1: q, q2: 2.5), 0.64 * c * (2.5 * q).squareRoot() + 0.09,
                            relative: 1e-13, floor: 0.09)
            }
        }
        let s = try m.summary()
        assertClose(s.chi1.value, 0.64, relative: 1e-14)
        assertClose(s.qStar.value, 0.09 / 0.36, relative: 1e-14)
        XCTAssertEqual(s.chi2?.value, 0)
    }

    func testZeroLengthIsExactNotALimit() {
        // At q = 0 the pre-activation is 0 with the sign of z: one-sided values average.
        XCTAssertEqual(model(.relu).moments(0).dphi2, 0.5)
        XCTAssertEqual(model(.relu).moments(0).slope, 0.5)
        XCTAssertEqual(model(.tanh, 1.7, 0.2).lengthMap(0), 0.2 * 0.2)
        XCTAssertEqual(model(.tanh).moments(0).dphi2, 1)
        XCTAssertEqual(model(.sigmoid, 2, 0).lengthMap(0), 4 * 0.25)
    }

    func testCorrelationPlusMinusOneIsTheOneDimensionalIntegral() {
        let m = model(.tanh, 1.5, 0.2)
        for q in [0.3, 7.0] {
            XCTAssertEqual(m.covarianceMap(1, q1: q, q2: q), m.lengthMap(q), "C(1; q, q) = V(q)")
            // C(−1; q, q) = σw² E[φ(x)φ(−x)] + σb² = −σw² E[φ²] + σb² for odd φ.
            assertClose(m.covarianceMap(-1, q1: q, q2: q), 2 * 0.04 - m.lengthMap(q), relative: 1e-15, floor: 1)
        }
    }
}

import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// Identities of the theory, checked by independent routes (finite differences,
/// symmetry), for φ without closed forms.
final class IdentityTests: XCTestCase {
    let smooth: [Nonlinearity] = [.tanh, .sigmoid, .erf, .gelu, .silu, .softplus, .elu, .sin]

    func testCovarianceAtCorrelationOneEqualsLengthMap() {
        for phi in smooth + [.relu, .hardtanh] {
            let m = try! MeanFieldModel(phi: phi, sigmaW: 1.7, sigmaB: 0.4)
            for q in [0.05, 1.3, 9.0] {
                assertClose(m.covarianceMap(1, q1: q, q2: q), m.lengthMap(q), relative: 1e-15, "\(phi.name)")
                // The two-dimensional path just below c = 1 joins the one-dimensional one:
                // C(1 − ε) = V(q) − ε q χ1 + O(ε²).
                let eps = 1e-9  // kinked φ add an ε^{3/2} term: keep it below 1e-13
                let chi1 = 1.7 * 1.7 * m.moments(q).dphi2
                assertClose(m.covarianceMap(1 - eps, q1: q, q2: q), m.lengthMap(q) - eps * q * chi1,
                            relative: 1e-11, "\(phi.name) C(1-ε) at q=\(q)")
            }
        }
    }

    func testCovarianceIsOddInCorrelationForOddPhiWithoutBias() {
        for phi in [Nonlinearity.tanh, .erf, .sin, .hardtanh] {
            let m = try! MeanFieldModel(phi: phi, sigmaW: 2.2, sigmaB: 0)
            for (q1, q2) in [(0.4, 0.4), (3.0, 11.0), (40.0, 2.0)] {
                let scale = m.lengthMap(q1).squareRoot() * m.lengthMap(q2).squareRoot()
                for c in [0.1, 0.45, 0.8, 0.99] {
                    assertClose(m.covarianceMap(-c, q1: q1, q2: q2), -m.covarianceMap(c, q1: q1, q2: q2),
                                relative: 1e-13, floor: scale, "\(phi.name) at c=\(c)")
                }
                XCTAssertEqual(m.covarianceMap(0, q1: q1, q2: q2), 0, accuracy: 1e-15 * scale, phi.name)
            }
        }
    }

    func testChi1EqualsSlopeOfCorrelationMapAtOne() throws {
        for phi in [Nonlinearity.tanh, .sigmoid, .erf, .softplus] {
            for (sw, sb) in [(1.3, 0.3), (2.5, 0.3), (4.0, 1.0)] where phi.asymptoticGrowth * sw * sw < 1 {
                let m = try MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
                let s = try m.summary()
                let q = s.qStar.value
                // C(c) is smooth only from the left of c = 1, with derivatives growing like
                // q^n E[φ^(n)²]: small one-sided steps.
                let slope = richardsonLeftDerivative({ m.correlationMap($0, qStar: q) }, at: 1, step: 5e-4)
                assertClose(s.chi1.value, slope, relative: 1e-9, "\(phi.name) σw=\(sw)")
            }
        }
    }

    func testChiQEqualsSlopeOfLengthMapAtFixedPoint() throws {
        for phi in [Nonlinearity.tanh, .sigmoid, .erf, .gelu, .relu, .hardtanh] {
            for (sw, sb) in [(1.3, 0.3), (1.35, 1.0), (2.5, 0.3)] where phi.asymptoticGrowth * sw * sw < 1 {
                let m = try MeanFieldModel(phi: phi, sigmaW: sw, sigmaB: sb)
                let s = try m.summary()
                let q = s.qStar.value
                let slope = richardsonDerivative(m.lengthMap, at: q, step: 0.05 * q)
                assertClose(s.chiQ.value, slope, relative: 1e-9, "\(phi.name) σw=\(sw) σb=\(sb)")
                assertClose(m.lengthMap(q), q, relative: 1e-14, "q* is a fixed point")
            }
        }
    }

    func testChiCEqualsSlopeOfCorrelationMapAtCStar() throws {
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let s = try m.summary()
        let q = s.qStar.value
        let slope = richardsonDerivative({ m.correlationMap($0, qStar: q) }, at: s.cStar.value, step: 0.05)
        assertClose(s.chiC.value, slope, relative: 1e-9)
        assertClose(m.correlationMap(s.cStar.value, qStar: q), s.cStar.value, relative: 1e-14, "c* is a fixed point")
    }

    func testErrorEstimatesBoundTheActualError() {
        // erf has closed forms: the companion-rule estimate must not be smaller than the
        // true error (it is meant to be conservative).
        let m = try! MeanFieldModel(phi: .erf, sigmaW: 1, sigmaB: 0)
        for q in [1e-6, 0.3, 2, 50, 900] {
            let e = m.lengthMapEstimate(q)
            let exact = 2 / .pi * asin(2 * q / (1 + 2 * q))
            XCTAssertLessThanOrEqual((e.value - exact).magnitude, Swift.max(e.error, 4 * exact.ulp), "q=\(q)")
            XCTAssertLessThan(e.error, 1e-11 * exact, "the estimate itself is small at q=\(q)")
        }
    }
}

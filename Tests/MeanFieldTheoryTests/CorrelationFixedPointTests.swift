import Foundation
@testable import MeanFieldTheory
import Nonlinearities
import TestSupport
import XCTest

/// c* and χ_c from Newton's method on the two-dimensional rule: χ_c is the slope of the
/// correlation map at the c* returned (not at the iterate before it), down to rounding,
/// also near the edge of chaos where the last steps are long (F′(c*) → 0).
final class CorrelationFixedPointTests: XCTestCase {
    struct Case: Decodable {
        let sigma_w: Double
        let sigma_b: Double
        let q_star: String
        let c_star: String
        let chi_c: String
        let dchi_c: String
    }

    struct Reference: Decodable {
        let phi: String
        let cases: [Case]
    }

    /// erf by quadrature (its closed forms switched off) against mpmath's closed forms
    /// (Fixtures/make_correlation_reference.py): σw = σw_crit·(1 + ε), ε = 1e-2 … 1e-5, at
    /// σb = 0.05, 0.3 and 1 (c* from 0.87 to 1 − 1e-5; 1 − χ_c down to 4e-6). Near the edge
    /// c* itself is only as good as F/(1 − χ_c) (rounding of F magnified up to 2.5e5
    /// times), so χ_c is compared with the exact slope at the returned c*,
    /// χ_c(c*) + χ_c′(c*)(c − c*) (the next term is below 1e-20 here): within 2e-14. The
    /// slope at the iterate before the last, which this returned before, is off by
    /// χ_c′ times the last step, up to ~1e-10 at ε = 1e-5 (steps of 16ε/|F′|).
    func testChiCIsTheExactSlopeAtTheReturnedFixedPoint() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "correlation_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.cases.count, 12)
        for r in reference.cases {
            let what = "erf at σw=\(r.sigma_w), σb=\(r.sigma_b)"
            var m = try MeanFieldModel(phi: .erf, sigmaW: r.sigma_w, sigmaB: r.sigma_b)
            m.kernel = nil
            let q = try m.lengthFixedPoint()
            let qRef = try XCTUnwrap(Double(r.q_star)), cRef = try XCTUnwrap(Double(r.c_star))
            let chiRef = try XCTUnwrap(Double(r.chi_c)), slopeRef = try XCTUnwrap(Double(r.dchi_c))
            assertClose(q, qRef, relative: 1e-14, what)
            let s = try m.summary(qStar: q)
            XCTAssertEqual(s.phase, .chaotic, what)
            // c*: within its error estimate plus the rounding of F (ε per unit of C/q*)
            // magnified by 1/(1 − χ_c).
            let cBound = s.cStar.error + 64 * .ulpOfOne / (1 - chiRef)
            XCTAssertEqual(s.cStar.value, cRef, accuracy: cBound, what)
            let exactSlope = chiRef + slopeRef * (s.cStar.value - cRef)
            XCTAssertEqual(s.chiC.value, exactSlope, accuracy: 2e-14, "\(what): c* = \(s.cStar.value)")
            XCTAssertLessThanOrEqual((s.chiC.value - exactSlope).magnitude, s.chiC.error + 2e-15, what)
        }
    }

    /// tanh (no closed form) across the diagram and near its edge: χ_c equals
    /// σw² E[φ′(u1)φ′(u2)] computed by its own two-dimensional integral at the returned
    /// c* (`derivativeCovariance`), within 4e-15 relative: the value computed another way.
    func testTanhChiCIsTheSlopeAtTheReturnedFixedPoint() throws {
        let points: [(Double, Double)] = [
            (2.5, 0.3), (4, 0.5), (3, 2), (1.5, 0.2), (5, 4), (1.1, 0), (1.2, 0.05), (1.3, 0.1),
            // Near the edge: 1 − χ_c = 1.3e-3, 1.8e-5 and 1.1e-5 (the slope at the iterate
            // before the last was off by 2.3e-11, 4.8e-10 and 1.7e-11 there).
            (2.6, 2.7), (2.3, 1.94), (1.76, 0.83),
        ]
        for (w, b) in points {
            let m = try MeanFieldModel(phi: .tanh, sigmaW: w, sigmaB: b)
            let s = try m.summary(errorEstimates: false)
            XCTAssertEqual(s.phase, .chaotic, "σw=\(w) σb=\(b)")
            let q = s.qStar.value
            // The root below 1 (c = 1 is the trivial one), as Newton's method from c = 0 on
            // the convex F finds it.
            let fromZero = try m.newtonCorrelation(from: 0, qStar: q, tolerance: 4 * .ulpOfOne)
            XCTAssertLessThan(s.cStar.value, 1, "σw=\(w) σb=\(b)")
            XCTAssertEqual(s.cStar.value, fromZero.cStar, accuracy: 1e-10, "σw=\(w) σb=\(b)")
            let direct = m.derivativeCovariance(s.cStar.value, q1: q, q2: q)
            assertClose(s.chiC.value, direct, relative: 4e-15, "σw=\(w) σb=\(b), c* = \(s.cStar.value)")
        }
    }
}

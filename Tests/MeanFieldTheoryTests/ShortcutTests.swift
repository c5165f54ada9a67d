@testable import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The speed shortcuts of the phase diagram: each must give what the definition gives.
final class ShortcutTests: XCTestCase {
    /// The interpolant against closed forms: log(1 + x) on doubling panels to 1e-12, and
    /// erf's E[erf(√q z)²] = (2/π) asin(2q/(1 + 2q)) (its quadrature, not its kernel).
    func testPiecewiseChebyshevMatchesClosedForms() throws {
        var breaks = [0.0]
        var edge = 0x1p-10
        while edge <= 64 { breaks.append(edge); edge *= 2 }
        let log1 = try XCTUnwrap(PiecewiseChebyshev(breaks: breaks, tolerance: 1e-13) { log1p($0) })
        XCTAssertEqual(log1.lower, 0)
        XCTAssertEqual(log1.upper, 64)
        XCTAssertLessThanOrEqual(log1.measuredError, 1e-13)
        for i in 0...2000 {
            let x = 64 * pow(Double(i) / 2000, 3)
            let exact = log1p(x)
            XCTAssertEqual(try XCTUnwrap(log1(x)), exact, accuracy: 2e-13 * max(exact, 1e-3), "x=\(x)")
        }
        XCTAssertNil(log1(-1e-9), "outside the table")
        XCTAssertNil(log1(64.000001), "outside the table")
        // A function that is not finite ends the table at the failing panel.
        let cut = try XCTUnwrap(PiecewiseChebyshev(breaks: [0, 1, 2, 3], tolerance: 1e-12) { x in x < 2 ? x * x : .nan })
        XCTAssertEqual(cut.upper, 2)
        XCTAssertNil(PiecewiseChebyshev(breaks: [0, 1], tolerance: 1e-12) { _ in .nan })

        var erf = try MeanFieldModel(phi: .erf, sigmaW: 1, sigmaB: 0)
        erf.kernel = nil
        let table = try XCTUnwrap(PiecewiseChebyshev(breaks: breaks, tolerance: 1e-12) { erf.lengthMap($0) })
        for q in [1e-4, 0.01, 0.3, 1, 2.5, 7, 20, 63] {
            let exact = 2 / Double.pi * asin(2 * q / (1 + 2 * q))
            assertClose(try XCTUnwrap(table(q)), exact, relative: 1e-12)
        }
    }

    /// Gauss–Hermite weights sum to 1 and integrate z⁴ and z^10 exactly (3 and 945).
    func testGaussHermiteIntegratesMoments() throws {
        let rule = try XCTUnwrap(Numerical.GaussHermite(points: 160))
        var m0 = 0.0, m4 = 0.0, m10 = 0.0
        for (x, w) in zip(rule.nodes, rule.weights) {
            m0 += w
            m4 += w * pow(x, 4)
            m10 += w * pow(x, 10)
        }
        assertClose(m0, 1, relative: 1e-13)
        assertClose(m4, 3, relative: 1e-12)
        assertClose(m10, 945, relative: 1e-11)
        XCTAssertNil(Numerical.GaussHermite(points: 0))
    }

    /// The tabulated convergence time equals the standard rule's count start by start
    /// (the definition, `convergenceTime(from:qStar:)`, summed over the 30 starts), in
    /// deep chaos, deep order, near the edge and where q* is tiny, for built-in tanh and
    /// for a formula without closed forms.
    func testTabulatedConvergenceTimeIsTheStandardCount() throws {
        let points: [(Double, Double)] = [(2.5, 0.3), (1, 0.05), (1.2, 0.02), (4.9, 3.9), (0.6, 1.5), (1.05, 0), (3, 0)]
        for phi in [Nonlinearity.tanh, try Nonlinearity(formula: "tanh(x) + 0.1*sin(x)")] {
            let table = try XCTUnwrap(LengthMapTable(phi: phi, top: 45))
            XCTAssertGreaterThanOrEqual(table.top, 45)
            XCTAssertLessThanOrEqual(table.measuredError, LengthMapTable.tolerance)
            for (w, b) in points {
                let m = try MeanFieldModel(phi: phi, sigmaW: w, sigmaB: b)
                let q = try m.lengthFixedPoint()
                var total = 0
                var defined = true
                for k in 1...30 {
                    guard let t = m.convergenceTime(from: 15 * Double(k) / 30, qStar: q) else { defined = false; break }
                    total += t
                }
                let fast = m.meanConvergenceTime(qStar: q, table: table)
                if defined {
                    XCTAssertEqual(fast, Double(total) / 30, "\(phi.name) σw=\(w) σb=\(b)")
                } else {
                    XCTAssertNil(fast, "\(phi.name) σw=\(w) σb=\(b)")
                }
                XCTAssertEqual(fast, m.meanConvergenceTime(qStar: q), "table and coarse rule, σw=\(w) σb=\(b)")
            }
        }
        // φ with closed-form kernels need no table.
        XCTAssertNil(LengthMapTable(phi: .erf, top: 45))
    }

    /// The Mehler start is close to c* (within 2e-3 everywhere here, 1e-5 where q* is
    /// moderate and c* < 0.6; its Gauss–Hermite rule leaves it on either side by that
    /// much), and c* computed from it equals c* from c = 0 to ~1e-13, χ_c to ~1e-12.
    func testMehlerStartIsASafeCloseStart() throws {
        for (w, b) in [(2.5, 0.3), (4, 0.5), (3, 2), (1.5, 0.2), (5, 4)] {
            let m = try MeanFieldModel(phi: .tanh, sigmaW: w, sigmaB: b)
            let s = try m.summary(errorEstimates: false)
            let start = try XCTUnwrap(m.mehlerStart(qStar: s.qStar.value), "σw=\(w) σb=\(b)")
            XCTAssertEqual(start, s.cStar.value, accuracy: 2e-3, "σw=\(w) σb=\(b)")
            if s.qStar.value < 8 && s.cStar.value < 0.6 {
                XCTAssertEqual(start, s.cStar.value, accuracy: 1e-5, "σw=\(w) σb=\(b)")
            }
            let fromZero = try m.newtonCorrelation(from: 0, qStar: s.qStar.value, tolerance: 4 * .ulpOfOne)
            XCTAssertEqual(s.cStar.value, fromZero.cStar, accuracy: 1e-13, "σw=\(w) σb=\(b)")
            XCTAssertEqual(s.chiC.value, fromZero.chiC, accuracy: 1e-12, "σw=\(w) σb=\(b)")
        }
    }
}

import Formulas
import Foundation
import MeanFieldTheory
import Nonlinearities
import XCTest

/// φ′ and φ″ of a formula at a kink are the one-sided limits from the side of x away
/// from 0 (x = ±0: the side of its sign), also where a part rounds onto its kink next
/// to it (exp(x) − 1 = 0 at x = 1e-300). Expected values: the derivatives of each
/// branch, by hand.
final class KinkSideTests: XCTestCase {
    func derivatives(_ text: String, at x: Double) throws -> (Double, Double) {
        let j = try Formula(text).jet(x)
        return (j.first, j.second)
    }

    /// elu as a formula: left branch exp(x) − 1 (φ′ = φ″ = 1 at 0), right branch x
    /// (φ′ = 1, φ″ = 0). At x = ±1e-300 and ±5e-324 exp(x) − 1 is exactly 0, a tie with
    /// min's 0, which once went to the first argument on both sides (φ′(0+) = 2).
    func testEluFormulaTakesTheBranchOfItsSide() throws {
        let elu = "max(x,0)+min(exp(x)-1,0)"
        for x in [1e-300, Double.leastNonzeroMagnitude, 0.0] {
            XCTAssertEqual(try derivatives(elu, at: x).0, 1, "φ′(\(x))")
            XCTAssertEqual(try derivatives(elu, at: x).1, 0, "φ″(\(x))")
            XCTAssertEqual(try derivatives(elu, at: -x).0, 1, "φ′(−\(x))")
            XCTAssertEqual(try derivatives(elu, at: -x).1, 1, "φ″(−\(x))")
        }
    }

    /// max(x,0) + min(tanh(x),0): both sides have φ′(0±) = 1 (right: x, left: tanh);
    /// at exactly ±0 both max and min tie, and took their first arguments: φ′ = 2.
    func testTiesOfMaxAndMinAtZero() throws {
        let phi = "max(x,0)+min(tanh(x),0)"
        for x in [0.0, -0.0, 1e-320, -1e-320] { XCTAssertEqual(try derivatives(phi, at: x).0, 1, "\(x)") }
        XCTAssertEqual(try derivatives("max(x,0)+0.01*sin(x)", at: 0.0).0, 1.01)
        XCTAssertEqual(try derivatives("max(x,0)+0.01*sin(x)", at: -0.0).0, 0.01)
    }

    /// Kinks away from 0 are approached from beyond them: max(x−1, 0) at x = 1 from the
    /// right (φ′ = 1), abs(1 − x) at 1 from the right (φ = x − 1 there, φ′ = 1), and at
    /// x = −1 max(−x−1, 0) from the left (φ = −x − 1, φ′ = −1). The SIMD path agrees.
    func testKinksAwayFromZeroAreApproachedFromBeyond() throws {
        XCTAssertEqual(try derivatives("max(x-1,0)", at: 1).0, 1)
        XCTAssertEqual(try derivatives("abs(1-x)", at: 1).0, 1)
        XCTAssertEqual(try derivatives("max(-x-1,0)", at: -1).0, -1)
        let f = try Formula("max(x,0)+min(exp(x)-1,0)+abs(1-x)")
        let xs = SIMD8<Double>(0, -0.0, 1e-300, -1e-300, 1, -1, 0.5, 2)
        let (_, d, dd) = f.jets(xs)
        for l in 0..<8 {
            let j = f.jet(xs[l])
            XCTAssertEqual(d[l], j.first, "φ′ lane \(l)")
            XCTAssertEqual(dd[l], j.second, "φ″ lane \(l)")
        }
    }

    /// The theory at q* = 0 averages the two sides: E[φ′(√q z)²] → (φ′(0−)² + φ′(0+)²)/2.
    func testZeroLengthMomentsAverageTheSides() throws {
        let m = try MeanFieldModel(phi: Nonlinearity(formula: "max(x,0)+0.01*sin(x)"), sigmaW: 1, sigmaB: 0).moments(0)
        XCTAssertEqual(m.dphi2, (1.01 * 1.01 + 0.01 * 0.01) / 2, accuracy: 1e-16)
    }
}

import Foundation
import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The order-to-chaos boundary where it has a closed form or lies far out.
final class CriticalityTests: XCTestCase {
    /// φ(0) = 0 and σb = 0: q* = 0 loses stability at σw = 1/|φ′(0)|. `boundary --phi erf
    /// --sigma-b 0` gave 0.8862269327 (8e-9 off √π/2).
    func testBoundaryWithoutBiasIsOneOverPhiPrimeAtZero() throws {
        let cases: [(Nonlinearity, Double)] = [
            (.erf, Double.pi.squareRoot() / 2),
            (.tanh, 1),
            (try Nonlinearity(formula: "x*exp(-x*x)+2*x"), 1.0 / 3),  // φ′(0) = 1 + 2
        ]
        for (phi, expected) in cases {
            assertClose(try OrderChaosBoundary(phi: phi).criticalSigmaW(sigmaB: 0), expected, relative: 1e-13, phi.name)
        }
    }

    /// Far out the boundary follows tanh's large-q asymptotics: with ∫sech⁴ = 4/3 and
    /// ∫sech² = 2, χ1 = σw²·(4/3)/√(2πq*) and q* = σb² + σw²(1 − 2/√(2πq*)) up to relative
    /// O(1/q*). `boundary --sigma-b 2.5e11` printed null (the bracket stopped at σw = 1e6).
    func testBoundaryAtHugeSigmaBFollowsTheAsymptotics() throws {
        for sb in [2.5e11, 1e20, 1e74] {
            var q = sb * sb, w2 = 0.0
            for _ in 0..<10 {
                w2 = 0.75 * (2 * Double.pi * q).squareRoot()
                q = sb * sb + w2 * (1 - 2 / (2 * Double.pi * q).squareRoot())
            }
            assertClose(try OrderChaosBoundary(phi: .tanh).criticalSigmaW(sigmaB: sb), w2.squareRoot(),
                        relative: 1e-10, "sigma-b \(sb)")
        }
    }
}

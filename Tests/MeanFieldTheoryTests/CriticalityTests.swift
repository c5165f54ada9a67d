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
}

@testable import MeanFieldTheory
import Nonlinearities
import TestSupport
import XCTest

/// The covariance map at large q, split into its piecewise-linear limit plus 1-D cross
/// terms (`AsymptoticCovariance`), against the same integral on the two-dimensional
/// rule, which still runs at these q (seconds, not minutes).
final class AsymptoticCovarianceTests: XCTestCase {
    func testSplitAgreesWithTheTwoDimensionalRule() throws {
        let phis: [Nonlinearity] = [.softplus, .silu, .gelu, .elu, try Nonlinearity(formula: "x*sigmoid(x)")]
        for phi in phis {
            let m = try MeanFieldModel(phi: phi, sigmaW: 1.3, sigmaB: 0.2)
            for (q1, q2, c) in [(1e12, 1e12, 0.7), (3e13, 1e13, -0.4), (1e18, 1e18, 0.999)] {
                // elu's r = eˣ − 1 → −1 does not decay: E[r²] ~ 1/2 against E[φφ] ~ q, so
                // its split applies only from q ~ 1e16 on.
                let applies = m.asymptoticCovariance(c, q1: q1, q2: q2)?.holds(0) == true
                XCTAssertEqual(applies, phi.name != "elu" || q1 > 1e16, "\(phi.name) at q1=\(q1)")
                let split = m.covarianceMap(c, q1: q1, q2: q2)
                let full = 1.69 * m.integrals.mean(q1: q1, q2: q2, c: c, phi.jet, phi.jet).x + 0.04
                assertClose(split, full, relative: 1e-13, "\(phi.name) at q1=\(q1), q2=\(q2), c=\(c)")
            }
        }
    }

    /// Below the split's range, and for φ without linear growth, it is not used.
    func testSplitIsNotUsedWhereItCannotApply() throws {
        let softplus = try MeanFieldModel(phi: .softplus, sigmaW: 1.3, sigmaB: 0.2)
        XCTAssertNil(softplus.asymptoticCovariance(0.5, q1: 2, q2: 3))
        let tanh = try MeanFieldModel(phi: .tanh, sigmaW: 1.3, sigmaB: 0.2)
        XCTAssertNil(tanh.asymptoticCovariance(0.5, q1: 1e20, q2: 1e20))
    }
}

import Foundation
import MeanFieldTheory
import Nonlinearities
import TestSupport
import XCTest

/// The order-to-chaos boundary of elu and selu, which grow linearly, so q* exists only
/// below σw = 1/√(lim E[φ²]/q) (√2 for elu): against mpmath
/// (Fixtures/make_boundary_reference.py, committed with its output
/// boundary_reference.json), solving q = σw² E[φ²](q) + σb² and σw² E[φ′²](q) = 1
/// jointly at 30 digits.
final class BoundaryReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct Row: Decodable {
            let phi: String
            let sigma_b: Double
            let sigma_w_critical: String
        }
        let boundary: [Row]
    }

    /// The search once bracketed by factors of 4 past √2 (σw = 4, where q* does not
    /// exist) and reported no boundary at every σb.
    func testLinearlyGrowingPhiHaveTheirBoundaryBelowTheDivergenceLimit() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "boundary_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.boundary.count, 14)
        for r in reference.boundary {
            let phi = try XCTUnwrap(Nonlinearity.named(r.phi))
            let w = try OrderChaosBoundary(phi: phi).criticalSigmaW(sigmaB: r.sigma_b)
            assertClose(w, Double(r.sigma_w_critical)!, relative: 1e-12, "\(r.phi) at σb=\(r.sigma_b)")
        }
    }

    /// softplus: φ′ = σ(x) and σ(x)² + σ(−x)² ≤ 1, so E[φ′²] ≤ 1/2 and χ1 < 1 at every
    /// σw below the divergence limit √2. The search stops there and names that limit,
    /// not a σw past it.
    func testSoftplusHasNoBoundaryBelowItsDivergenceLimit() throws {
        XCTAssertThrowsError(try OrderChaosBoundary(phi: .softplus).criticalSigmaW(sigmaB: 0.3)) { error in
            guard case TheoryError.noConvergence(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("below 1.414213562373095"), message)
        }
    }
}

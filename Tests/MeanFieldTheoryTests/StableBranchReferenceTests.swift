import Foundation
import MeanFieldTheory
import Nonlinearities
import TestSupport
import XCTest

/// The boundary on the stable branch and the critical line by q* (SPEC §10.1–10.2)
/// against mpmath at 25 digits (Fixtures/make_stable_branch_reference.py, committed with
/// its output stable_branch_reference.json).
final class StableBranchReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct CurveRow: Decodable {
            let phi: String
            let sigma_b: Double
            let sigma_w: Double
            let q: Double
            let chi_q: Double
            let chi1: Double
        }
        struct LineRow: Decodable {
            let phi: String
            let q_star: Double
            let sigma_w: Double
            let sigma_b: Double?
            let chi_q: Double
            let stable: Bool
        }
        struct Edge: Decodable {
            let phi: String
            let q: Double
            let sigma_b: Double
        }
        let saddle_node: [CurveRow]
        let critical_on_curve: [CurveRow]
        let critical_line: [LineRow]
        let edge: [Edge]
    }

    static func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "stable_branch_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func boundary(_ name: String) throws -> OrderChaosBoundary {
        OrderChaosBoundary(phi: try XCTUnwrap(Nonlinearity.named(name)))
    }

    /// silu at σb = 0.2: the stable branch ends at σw = 1.71471 with χ1 = 0.924 < 1.
    func testSaddleNodeWhereTheStableBranchEnds() throws {
        let reference = try Self.reference()
        XCTAssertEqual(reference.saddle_node.count, 4)
        for r in reference.saddle_node {
            let p = try boundary(r.phi).point(sigmaB: r.sigma_b)
            let sn = try XCTUnwrap(p.saddleNode, "\(r.phi) σb=\(r.sigma_b)")
            assertClose(sn.sigmaW, r.sigma_w, relative: 1e-12, "σw \(r.phi) σb=\(r.sigma_b)")
            assertClose(sn.chi1, r.chi1, relative: 1e-8, "χ1 \(r.phi) σb=\(r.sigma_b)")
            // the saddle-node is a double root: q itself is found only to ~√ε
            assertClose(sn.q, r.q, relative: 1e-6, "q \(r.phi) σb=\(r.sigma_b)")
            XCTAssertEqual(sn.chiQ, 1, accuracy: 1e-8)
        }
    }

    /// Below σb = 0.745 (silu) and 0.416 (gelu) χ1 = 1 only on the unstable branch
    /// (silu at σb = 0.02: σw = 1.96080, χ_q = 1.019): no sigma_w_critical. Above, the
    /// edge of chaos is on a stable fixed point (silu at σb = 1, gelu at σb = 0.5).
    func testChiOneIsOnTheStableBranchOnlyAboveTheEdgeSigmaB() throws {
        let reference = try Self.reference()
        XCTAssertEqual(reference.critical_on_curve.count, 5)
        for r in reference.critical_on_curve {
            let p = try boundary(r.phi).point(sigmaB: r.sigma_b)
            if r.chi_q > 1 {
                XCTAssertNil(p.sigmaWCritical, "\(r.phi) σb=\(r.sigma_b)")
                let c = try XCTUnwrap(p.unstableCritical)
                assertClose(c.sigmaW, r.sigma_w, relative: 1e-12, "\(r.phi) σb=\(r.sigma_b)")
                assertClose(c.chiQ, r.chi_q, relative: 1e-10, "\(r.phi) σb=\(r.sigma_b)")
                XCTAssertNotNil(p.saddleNode)
                XCTAssertThrowsError(try boundary(r.phi).criticalSigmaW(sigmaB: r.sigma_b))
            } else {
                assertClose(try XCTUnwrap(p.sigmaWCritical), r.sigma_w, relative: 1e-12, "\(r.phi) σb=\(r.sigma_b)")
                XCTAssertNil(p.unstableCritical)
            }
        }
        // Either side of the σb where the critical line's χ_q crosses 1.
        for e in reference.edge {
            let below = try boundary(e.phi).point(sigmaB: 0.98 * e.sigma_b)
            XCTAssertNil(below.sigmaWCritical, "\(e.phi) just below σb*=\(e.sigma_b)")
            XCTAssertNotNil(below.unstableCritical)
            let above = try boundary(e.phi).point(sigmaB: 1.02 * e.sigma_b)
            XCTAssertNotNil(above.sigmaWCritical, "\(e.phi) just above σb*=\(e.sigma_b)")
            let line = try CriticalLine(phi: XCTUnwrap(Nonlinearity.named(e.phi))).point(qStar: e.q)
            XCTAssertEqual(line.chiQ, 1, accuracy: 1e-10, "\(e.phi): χ_q = 1 on the critical line at q=\(e.q)")
            assertClose(try XCTUnwrap(line.sigmaB), e.sigma_b, relative: 1e-10)
        }
    }

    /// φ̃(x) = φ(ax)/a at (σw, σb) is φ at (σw, aσb) (g = ah obeys g′ = Wφ(g) + ab): the
    /// formula x·sigmoid(1.6x) = silu(1.6x)/1.6 (read off its curve out to q = 1e17, where
    /// g and h are rounding) has silu's mpmath saddle-node at σb = 0.2/1.6 and its stable
    /// edge at σb = 1/1.6, and no saddle-node there.
    func testScaledSiluFormulaHasSilusBoundaryAtScaledBias() throws {
        let reference = try Self.reference()
        let boundary = OrderChaosBoundary(phi: try Nonlinearity(formula: "x*sigmoid(1.6*x)"))
        let sn = try XCTUnwrap(reference.saddle_node.first { $0.phi == "silu" && $0.sigma_b == 0.2 })
        let p = try boundary.point(sigmaB: 0.2 / 1.6)
        assertClose(try XCTUnwrap(p.sigmaWSaddleNode), sn.sigma_w, relative: 1e-10)
        XCTAssertNil(p.sigmaWCritical)
        let edge = try XCTUnwrap(reference.critical_on_curve.first { $0.phi == "silu" && $0.sigma_b == 1 })
        let e = try boundary.point(sigmaB: 1 / 1.6)
        assertClose(try XCTUnwrap(e.sigmaWCritical), edge.sigma_w, relative: 1e-10)
        XCTAssertNil(e.saddleNode)
    }

    /// At σb = 0 the edge is 1/|φ′(0)| = 2 for silu and gelu (q* = 0), with no saddle-node.
    func testEdgeAtZeroBiasIsOneOverTheSlopeAtZero() throws {
        for name in ["silu", "gelu"] {
            let p = try boundary(name).point(sigmaB: 0)
            XCTAssertEqual(p.sigmaWCritical, 2, name)
            XCTAssertNil(p.saddleNode, name)
        }
    }

    /// σw² = 1/E[φ′²], σb² = q* − σw² E[φ²], χ_q: tanh and erf stable, silu and gelu
    /// unstable at q* = 1/16, 1/2, 2 (erf from its closed forms).
    func testCriticalLineByFixedPoint() throws {
        let reference = try Self.reference()
        XCTAssertEqual(reference.critical_line.count, 12)
        for r in reference.critical_line {
            let p = try CriticalLine(phi: XCTUnwrap(Nonlinearity.named(r.phi))).point(qStar: r.q_star)
            assertClose(p.sigmaW, r.sigma_w, relative: 1e-13, "σw \(r.phi) q*=\(r.q_star)")
            // σb² = q* − σw²E[φ²] cancels: absolute in σb², relative to q*
            assertClose(p.sigmaB2, try XCTUnwrap(r.sigma_b).squared, relative: 1e-14, floor: r.q_star,
                        "σb² \(r.phi) q*=\(r.q_star)")
            assertClose(p.chiQ, r.chi_q, relative: 1e-12, "χ_q \(r.phi) q*=\(r.q_star)")
            XCTAssertEqual(p.stable, r.stable, "\(r.phi) q*=\(r.q_star)")
        }
    }

    /// erf's critical line in closed form at other q*: σw² = (π/4)√(1+4q), σb² = q −
    /// σw² (2/π) asin(2q/(1+2q)), and with dE[erf²]/dq = (4/π)/((1+2q)√(1+4q)),
    /// χ_q = 1/(1+2q).
    func testErfCriticalLineMatchesItsClosedForm() throws {
        let line = CriticalLine(phi: .erf)
        for q in [1e-6, 0.01, 0.3, 5.0, 1e3, 1e6] {
            let p = try line.point(qStar: q)
            let w2 = Double.pi / 4 * (1 + 4 * q).squareRoot()
            assertClose(p.sigmaW, w2.squareRoot(), relative: 1e-13, "σw q*=\(q)")
            assertClose(p.chiQ, 1 / (1 + 2 * q), relative: 1e-12, "χ_q q*=\(q)")
            assertClose(p.sigmaB2, q - w2 * 2 / .pi * asin(2 * q / (1 + 2 * q)), relative: 1e-14, floor: q, "σb² q*=\(q)")
        }
    }

    func testCriticalLineRefusesANegativeFixedPoint() {
        XCTAssertThrowsError(try CriticalLine(phi: .tanh).point(qStar: -1))
        XCTAssertThrowsError(try CriticalLine(phi: .tanh).point(qStar: .nan))
    }
}

private extension Double {
    var squared: Double { self * self }
}

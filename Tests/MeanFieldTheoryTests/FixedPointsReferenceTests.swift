import Foundation
import MeanFieldTheory
import Nonlinearities
import TestSupport
import XCTest

/// Every fixed point of the length map (SPEC §10.1) against mpmath
/// (Fixtures/make_fixed_points_reference.py, committed with its output
/// fixed_points_reference.json): a 20-digit scan of V(q) − q from 1e-6 to 1e8 with each
/// sign change solved by findroot, χ_q and χ1 by tanh-sinh quadrature.
final class FixedPointsReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct Point: Decodable {
            let q: Double
            let chi_q: Double
            let chi1: Double
            let stable: Bool
        }
        let phi: String
        let sigma_w: Double
        let sigma_b: Double
        let fixed_points: [Point]
        let diverges_above: Double?
        let q_star: Double?
    }

    static func references() throws -> [Reference] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "fixed_points_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode([Reference].self, from: Data(contentsOf: url))
    }

    /// silu and gelu at bistable points (a stable fixed point below an unstable one, large
    /// q^1 diverging), past the saddle-node (none), at σb = 0 (q = 0 stable or not),
    /// softplus (never bistable) and the silu phase diagram at σw 0.5–3 × σb 0–1.
    func testEveryFixedPointMatchesMpmath() throws {
        let references = try Self.references()
        XCTAssertEqual(references.count, 17)
        for r in references {
            let what = "\(r.phi) at σw=\(r.sigma_w), σb=\(r.sigma_b)"
            let model = try MeanFieldModel(phi: XCTUnwrap(Nonlinearity.named(r.phi)), sigmaW: r.sigma_w, sigmaB: r.sigma_b)
            let all = try model.lengthFixedPoints()
            XCTAssertEqual(all.points.count, r.fixed_points.count, "\(what): \(all.points)")
            for (p, e) in zip(all.points, r.fixed_points) {
                if e.q == 0 { XCTAssertEqual(p.q, 0, what) } else { assertClose(p.q, e.q, relative: 1e-13, what) }
                assertClose(p.chiQ, e.chi_q, relative: 1e-12, "χ_q, \(what)")
                assertClose(p.chi1, e.chi1, relative: 1e-12, "χ1, \(what)")
                XCTAssertEqual(p.stable, e.stable, what)
            }
            if let d = r.diverges_above {
                let got = try XCTUnwrap(all.divergesAbove, what)
                if d == 0 { XCTAssertEqual(got, 0, what) } else { assertClose(got, d, relative: 1e-13, what) }
            } else {
                XCTAssertNil(all.divergesAbove, what)
            }
            if let q = r.q_star {
                let got = try model.lengthFixedPoint()
                if q == 0 { XCTAssertEqual(got, 0, what) } else { assertClose(got, q, relative: 1e-13, what) }
            } else {
                XCTAssertNil(all.qStar, what)
                XCTAssertThrowsError(try model.lengthFixedPoint(), what) {
                    guard case TheoryError.diverges = $0 else { return XCTFail("\(what): \($0)") }
                }
            }
        }
    }

    /// Just below silu's saddle-node at σb = 0.2 (σw ≈ 1.7147) the stable and unstable
    /// fixed points lie within a few percent of each other, closer than the scan's factor
    /// 4: the pair is found between grid points, each a root of V(q) = q, the lower
    /// attracting (χ_q < 1), the upper repelling. Past it there is none.
    func testTheRootPairNearTheSaddleNodeIsFound() throws {
        let model = try MeanFieldModel(phi: .silu, sigmaW: 1.7146, sigmaB: 0.2)
        let all = try model.lengthFixedPoints()
        XCTAssertEqual(all.points.count, 2, "\(all.points)")
        guard all.points.count == 2 else { return }
        let (a, b) = (all.points[0], all.points[1])
        XCTAssertLessThan(b.q / a.q, 1.5)
        for p in [a, b] { XCTAssertEqual(model.lengthMap(p.q), p.q, accuracy: 1e-14 * p.q) }
        XCTAssertTrue(a.stable && a.chiQ < 1)
        XCTAssertTrue(!b.stable && b.chiQ > 1)
        XCTAssertEqual(all.divergesAbove, b.q)
        XCTAssertTrue(try MeanFieldModel(phi: .silu, sigmaW: 1.7148, sigmaB: 0.2).lengthFixedPoints().points.isEmpty)
    }

    /// At χ_q(0) = 1 the sign of V(q) − q next to 0 decides: tanh at σw = 1, V − q ≈ −2q²
    /// (q = 0 attracts: q* = 0, critical); silu at σw = 2, V − q ≈ +3q²/4 (repels).
    func testQZeroAtChiQOneIsStableOnlyWhereVBendsBelowTheDiagonal() throws {
        let tanh = try MeanFieldModel(phi: .tanh, sigmaW: 1, sigmaB: 0).lengthFixedPoints()
        XCTAssertEqual(tanh.points.map(\.q), [0])
        XCTAssertEqual(tanh.qStar, 0)
        XCTAssertNil(tanh.divergesAbove)
        let silu = try MeanFieldModel(phi: .silu, sigmaW: 2, sigmaB: 0).lengthFixedPoints()
        XCTAssertEqual(silu.points.map(\.q), [0])
        XCTAssertEqual(silu.points.first?.stable, false)
        XCTAssertNil(silu.qStar)
        XCTAssertEqual(silu.divergesAbove, 0)
    }

    /// The piecewise-linear family in closed form: V(q) = σw² q/2 + σb² for relu.
    func testHomogeneousFixedPointsInClosedForm() throws {
        let ordered = try MeanFieldModel(phi: .relu, sigmaW: 1, sigmaB: 0.3).lengthFixedPoints()
        XCTAssertEqual(ordered.points.map(\.q), [0.09 / 0.5])
        XCTAssertEqual(ordered.points.first?.chiQ, 0.5)
        XCTAssertNil(ordered.divergesAbove)
        let divergent = try MeanFieldModel(phi: .relu, sigmaW: 1.5, sigmaB: 0.3).lengthFixedPoints()
        XCTAssertTrue(divergent.points.isEmpty)
        XCTAssertEqual(divergent.divergesAbove, 0)
        let repelling = try MeanFieldModel(phi: .relu, sigmaW: 2, sigmaB: 0).lengthFixedPoints()
        XCTAssertEqual(repelling.points.map(\.q), [0])
        XCTAssertEqual(repelling.points.first?.stable, false)
        XCTAssertThrowsError(try MeanFieldModel(phi: .linear, sigmaW: 1, sigmaB: 0).lengthFixedPoints()) {
            guard case TheoryError.notUnique = $0 else { return XCTFail("\($0)") }
        }
    }

    /// The basin of q*: between the repelling fixed points around it (silu, σw = 1.5,
    /// σb = 0.2: up to the unstable 4.046).
    func testBasinEndsAtTheUnstableFixedPoint() throws {
        let all = try MeanFieldModel(phi: .silu, sigmaW: 1.5, sigmaB: 0.2).lengthFixedPoints()
        let basin = try XCTUnwrap(all.basin)
        XCTAssertEqual(basin.lowerBound, 0)
        assertClose(basin.upperBound, 4.045990125802119, relative: 1e-13, "basin")
        XCTAssertEqual(all.attractorCount, 1)
    }
}

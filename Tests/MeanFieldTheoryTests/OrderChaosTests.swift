import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The order/chaos predictions of the theory (SPEC.md §2–3).
final class OrderChaosTests: XCTestCase {
    func testTanhWithoutBiasHasItsEdgeAtSigmaWOne() throws {
        assertClose(try OrderChaosBoundary(phi: .tanh).criticalSigmaW(sigmaB: 0), 1, relative: 1e-12)
        let edge = try MeanFieldModel(phi: .tanh, sigmaW: 1, sigmaB: 0).summary()
        XCTAssertEqual(edge.qStar.value, 0)
        XCTAssertEqual(edge.chi1.value, 1)
        XCTAssertEqual(edge.phase, .critical)
        XCTAssertNil(edge.xiC)
        // Below the edge q* = 0 exactly and χ1 = σw².
        let ordered = try MeanFieldModel(phi: .tanh, sigmaW: 0.8, sigmaB: 0).summary()
        XCTAssertEqual(ordered.qStar.value, 0)
        assertClose(ordered.chi1.value, 0.64, relative: 1e-15)
        XCTAssertEqual(ordered.phase, .ordered)
    }

    func testChi1IncreasesWithSigmaWAtFixedSigmaB() throws {
        for sb in [0.0, 0.3, 2.0] {
            var last = -1.0
            for sw in stride(from: 0.5, through: 5, by: 0.25) {
                let chi1 = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: sb).summary().chi1.value
                XCTAssertGreaterThan(chi1, last, "σw=\(sw) σb=\(sb)")
                last = chi1
            }
        }
    }

    func testBoundaryIncreasesWithSigmaBAndHasChi1One() throws {
        let boundary = OrderChaosBoundary(phi: .tanh)
        var last = 0.0
        for sb in stride(from: 0.0, through: 4, by: 0.5) {
            let sw = try boundary.criticalSigmaW(sigmaB: sb)
            XCTAssertGreaterThan(sw, last, "σb=\(sb)")
            last = sw
            let s = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: sb).summary()
            assertClose(s.chi1.value, 1, relative: 1e-12, "χ1 on the boundary at σb=\(sb)")
        }
        // relu: χ1 = σw²/2 whatever q*, so the boundary is σw = √2.
        assertClose(try OrderChaosBoundary(phi: .relu).criticalSigmaW(sigmaB: 3), 2.0.squareRoot(), relative: 1e-12)
    }

    func testCStarIsOneWhenOrderedAndBelowOneWhenChaotic() throws {
        for (sw, sb) in [(0.9, 0.3), (1.3, 0.3), (2.0, 2.0)] {
            let s = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: sb).summary()
            XCTAssertEqual(s.phase, .ordered)
            XCTAssertEqual(s.cStar.value, 1)
            // χ_c is the slope of the correlation map at c* = 1, measured on the 2-D
            // integrals from the left (the code takes χ1 from the 1-D one instead).
            let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: sb)
            let q = s.qStar.value
            let slope = richardsonLeftDerivative({ m.correlationMap($0, qStar: q) }, at: 1, step: 0.004)
            assertClose(s.chiC.value, slope, relative: 1e-7, "χ_c at σw=\(sw) σb=\(sb)")
        }
        for (sw, sb) in [(2.5, 0.3), (4.0, 0.3), (3.0, 1.0), (1.6, 0.3)] {
            let s = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: sb).summary()
            XCTAssertEqual(s.phase, .chaotic)
            XCTAssertLessThan(s.cStar.value, 1)
            XCTAssertGreaterThan(s.cStar.value, 0)
            XCTAssertLessThan(s.chiC.value, 1, "c* is stable")
        }
    }

    func testOddPhiWithoutBiasDecorrelatesCompletely() throws {
        for phi in [Nonlinearity.tanh, .erf, .sin, .hardtanh] {
            let s = try MeanFieldModel(phi: phi, sigmaW: 2.5, sigmaB: 0).summary()
            XCTAssertEqual(s.phase, .chaotic, phi.name)
            XCTAssertEqual(s.cStar.value, 0, phi.name)
        }
    }

    func testCurvatureApproachesItsChaoticLimitAndLengthGrowsLikeChi1() throws {
        for sw in [2.5, 4.0] {
            let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: 0.3)
            let s = try m.summary()
            let chi1 = s.chi1.value, chi2 = s.chi2!.value
            let layers = try m.curvature(depth: 60, summary: s)
            assertClose(layers.last!.kappa2!, 3 * chi2 / (chi1 * (chi1 - 1)), relative: 1e-9, "κ̄² limit σw=\(sw)")
            // L^G(l+1)/L^G(l) → √χ1 (κ̄ settles, √ḡ^E grows by √χ1 per layer).
            let ratio = layers[59].lengthG! / layers[58].lengthG!
            assertClose(ratio, chi1.squareRoot(), relative: 1e-9, "L^G growth σw=\(sw)")
            assertClose(layers[0].kappa2!, 1 / s.qStar.value, relative: 1e-15)
            assertClose(layers[0].lengthG!, 2 * .pi, relative: 1e-15, "a great circle has L^G = 2π")
        }
    }

    func testOrderedPhaseContractsLengthAndKeepsGrassmannianLength() throws {
        // σw = 1.3, σb = 0.3: χ1 ≈ 0.94, so changes build up over ~100 layers.
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 1.3, sigmaB: 0.3)
        let layers = try m.curvature(depth: 200)
        XCTAssertLessThan(try m.summary().chi1.value, 1)
        XCTAssertLessThan(layers[199].lengthEOverSqrtN, layers[0].lengthEOverSqrtN * 1e-2)
        XCTAssertGreaterThan(layers[199].kappa2!, layers[0].kappa2! * 1e4)
        // L^G tends to a constant: its last steps change by a factor → 1.
        XCTAssertEqual(layers[199].lengthG! / layers[198].lengthG!, 1, accuracy: 1e-4)
    }

    func testDivergentAndDegenerateLengthMapsAreReportedNotLooped() {
        XCTAssertThrowsError(try MeanFieldModel(phi: .relu, sigmaW: 1.5, sigmaB: 0.3).lengthFixedPoint()) {
            guard case TheoryError.diverges = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try MeanFieldModel(phi: .relu, sigmaW: 2.0.squareRoot(), sigmaB: 0.3).lengthFixedPoint()) {
            guard case TheoryError.diverges = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try MeanFieldModel(phi: .linear, sigmaW: 1, sigmaB: 0).lengthFixedPoint()) {
            guard case TheoryError.notUnique = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try MeanFieldModel(phi: .tanh, sigmaW: -1, sigmaB: 0))
        XCTAssertThrowsError(try MeanFieldModel(phi: .tanh, sigmaW: .nan, sigmaB: 0))
    }

    func testDepthScalesAreInfiniteAtCriticalityAndFiniteOtherwise() throws {
        XCTAssertNil(try MeanFieldModel(phi: .tanh, sigmaW: 1, sigmaB: 0).summary().xiC)
        // ξ as what it means: the depth over which a small deviation from the fixed point
        // shrinks by e, measured on one step of the maps from 1e-7 away (the deviation's
        // next order, ~1e-7 relative, is far below the tolerance).
        for sw in [1.3, 2.5] {
            let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: 0.3)
            let s = try m.summary()
            let q = s.qStar.value, c = s.cStar.value
            let dq = 1e-7 * q
            let qRatio = (m.lengthMap(q + dq) - q) / dq
            assertClose(s.xiQ!, -1 / log(qRatio), relative: 1e-5, "ξ_q at σw=\(sw)")
            let dc = (c == 1 ? -1 : 1) * 1e-7
            let cRatio = (m.correlationMap(c + dc, qStar: q) - c) / dc
            assertClose(s.xiC!, -1 / log(cRatio), relative: 1e-5, "ξ_c at σw=\(sw)")
        }
    }

    func testTwoPointRecursionConvergesToTheFixedPoints() throws {
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let s = try m.summary()
        let layers = try m.twoPointRecursion(q11: 0.5, q22: 8, c: 0.6, depth: 200)
        XCTAssertEqual(layers.count, 200)
        XCTAssertEqual(layers[0], TwoPointState(q11: 0.5, q22: 8, c: 0.6))
        assertClose(layers.last!.q11, s.qStar.value, relative: 1e-13)
        assertClose(layers.last!.q22, s.qStar.value, relative: 1e-13)
        assertClose(layers.last!.c, s.cStar.value, relative: 1e-10)
    }

    func testConvergenceTimeCountsStepsToOnePercent() throws {
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let q = try m.lengthFixedPoint()
        XCTAssertEqual(m.convergenceTime(from: q, qStar: q), 0)
        XCTAssertNil(m.convergenceTime(from: 1, qStar: 0), "no relative criterion at q* = 0")
        // Against a closed form: linear φ with σw² = 1/2, σb = 1 has V(q) = q/2 + 1,
        // q* = 2 and q^t − q* = 2^{−t}(q^1 − q*); from q^1 = 15 the distance 13·2^{−t}
        // first falls within 1% of q* (0.02) at t = ⌈log2 650⌉ = 10; from q^1 = 2.5,
        // 0.5·2^{−t} ≤ 0.02 at t = ⌈log2 25⌉ = 5.
        let linear = try MeanFieldModel(phi: .linear, sigmaW: 0.5.squareRoot(), sigmaB: 1)
        assertClose(try linear.lengthFixedPoint(), 2, relative: 1e-14)
        XCTAssertEqual(linear.convergenceTime(from: 15, qStar: 2), 10)
        XCTAssertEqual(linear.convergenceTime(from: 2.5, qStar: 2), 5)
        XCTAssertEqual(linear.convergenceTime(from: 0, qStar: 2), 7, "2·2^{−t} ≤ 0.02 at t = ⌈log2 100⌉")
    }

    func testPhaseDiagramIsDeterministicAndMatchesPointwiseSummaries() throws {
        let diagram = PhaseDiagram(phi: .tanh, sigmaW: [1, 2, 3.5], sigmaB: [0, 0.5, 1.5])
        let a = diagram.compute(), b = diagram.compute()
        XCTAssertEqual(a.map(\.cStar), b.map(\.cStar))
        XCTAssertEqual(a.map(\.convergenceTime), b.map(\.convergenceTime))
        for p in a {
            let s = try MeanFieldModel(phi: .tanh, sigmaW: p.sigmaW, sigmaB: p.sigmaB).summary()
            XCTAssertEqual(p.qStar, s.qStar.value)
            XCTAssertEqual(p.cStar, s.cStar.value)
        }
        // Grid order: σb outer, σw inner.
        XCTAssertEqual(a.map(\.sigmaW), [1, 2, 3.5, 1, 2, 3.5, 1, 2, 3.5])
        XCTAssertEqual(a[3].sigmaB, 0.5)
    }
}

/// ξ = −1/ln|χ| wherever |χ| < 1 (SPEC §2), independent of how the phase is named.
final class DepthScaleTests: XCTestCase {
    /// An oscillating approach (χ < 0) has the depth scale of |χ|: a deviation shrinks
    /// by |χ| per layer, by e in −1/ln|χ| layers.
    func testNegativeSlopeHasTheDepthScaleOfItsMagnitude() {
        XCTAssertEqual(depthScale(-0.5)!, 1 / log(2.0), accuracy: 1e-15)
        XCTAssertEqual(depthScale(-0.25), depthScale(0.25))
        XCTAssertNil(depthScale(-1))
        XCTAssertNil(depthScale(-1.5))
        XCTAssertEqual(depthScale(0), 0)
    }

    /// relu at σw = √2 rounded down has χ1 = χ_c = χ_q = 1 − 2⁻⁵² exactly (σw² rounds
    /// there): phase critical to its tolerance, yet every ξ is finite and equal,
    /// −1/ln(1 − 2⁻⁵²) = 2⁵² − 1/2 + O(2⁻⁵²) = 4503599627370495.5.
    func testDepthScalesAreFiniteJustBelowOne() throws {
        let s = try MeanFieldModel(phi: .relu, sigmaW: 2.0.squareRoot().nextDown, sigmaB: 0).summary()
        XCTAssertEqual(s.chi1.value, 1 - 0x1p-52)
        XCTAssertEqual(s.phase, .critical)
        for xi in [s.xiQ, s.xiC, s.xiGrad] {
            XCTAssertEqual(try XCTUnwrap(xi), 4503599627370495.5, accuracy: 1)
        }
    }
}

/// At σb = 0 a positively homogeneous φ has V(q) = σw² E[φ(z)²] q: only slope 1 (linear
/// at σw = 1) makes every q a fixed point; above it (relu at σw = 2) q = 0 is the one
/// fixed point, unstable, and q^l grows from any q^1 > 0 (it was reported as "every q
/// is a fixed point").
final class HomogeneousLengthMapTests: XCTestCase {
    func testReluWithoutBiasDivergesAboveTheEdgeAndIsDegenerateOnIt() throws {
        XCTAssertThrowsError(try MeanFieldModel(phi: .relu, sigmaW: 2, sigmaB: 0).lengthFixedPoint()) {
            guard case TheoryError.diverges = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try MeanFieldModel(phi: .linear, sigmaW: 1, sigmaB: 0).lengthFixedPoint()) {
            guard case TheoryError.notUnique = $0 else { return XCTFail("\($0)") }
        }
    }
}

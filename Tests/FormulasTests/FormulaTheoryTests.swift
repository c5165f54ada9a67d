import Model
import Foundation
import MeanFieldTheory
import MonteCarlo
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// A formula gets the whole theory: the formula form of every built-in φ agrees with
/// the built-in (whose integrals use hand-declared singularities or closed forms), and
/// formulas outside the catalogue agree with mpmath (Fixtures/make_formula_reference.py).
final class FormulaTheoryTests: XCTestCase {
    /// Each built-in φ spelt as a formula, with a different arithmetic where possible.
    static let spelt: [(String, String)] = [
        ("tanh", "(exp(2*x)-1)/(exp(2*x)+1)"), ("erf", "2*erf(x)/2"), ("relu", "max(x,0)"), ("linear", "x"),
        ("sigmoid", "1/(1+exp(-x))"), ("hardtanh", "max(-1,min(1,x))"), ("gelu", "x*0.5*(1+erf(x/sqrt(2)))"),
        ("silu", "x/(1+exp(-x))"), ("softplus", "log(1+exp(x))"), ("elu", "max(x,0)+min(exp(x)-1,0)"),
        ("selu", "1.0507009873554804934*(max(x,0)+1.6732632423543772848*min(exp(x)-1,0))"),
        ("sin", "sin(x)"), ("leaky-relu", "max(x,0.01*x)"), ("abs", "abs(x)"),
    ]
    static let points: [(Double, Double)] = [(2.5, 0.3), (1.3, 0.3), (1.2, 0.05), (0.9, 0.5)]

    /// Piecewise-linear formulas through 0 are recognised as positively homogeneous
    /// (exact length map, closed-form kernel): where the built-in relu's spectrum is
    /// given (σw = 2 > √2, σb = 0), so is max(x,0)'s, with the same numbers. Formulas that
    /// only look linear somewhere are not.
    func testPiecewiseLinearFormulasAreHomogeneous() throws {
        let cases: [(String, Double, Double)] = [
            ("max(x,0)", 0, 1), ("0.5*(x+abs(x))", 0, 1), ("abs(x)", -1, 1), ("3*x", 3, 3), ("max(x,0.01*x)", 0.01, 1),
        ]
        for (text, left, right) in cases {
            let phi = try Nonlinearity(formula: text)
            XCTAssertTrue(phi.isPositivelyHomogeneous, text)
            XCTAssertEqual(phi.asymptoticGrowth, (left * left + right * right) / 2, text)
            let m = try MeanFieldModel(phi: phi, sigmaW: 1.2, sigmaB: 0.3)
            // V(q) = σw² q (l² + r²)/2 + σb², so q* = σb²/(1 − σw²(l² + r²)/2) in closed form.
            let growth = (left * left + right * right) / 2
            if 1.44 * growth < 1 {
                assertClose(try m.lengthFixedPoint(), 0.09 / (1 - 1.44 * growth), relative: 1e-15)
            }
        }
        // Linear near 0 but not beyond 1e9 (a hostile pass: the numeric check alone, on
        // 2^-30 … 2^30, let them through with relu's closed form, 7% off).
        for text in ["max(x,0)+0.001*x*x", "max(x,1)-1", "max(x,0)+1e-20*sin(x)", "tanh(x)", "max(x,0)+1e-9",
                     "min(max(x,0),1e10)", "min(x,1e10)", "x+1e10*erf(exp(x-1.2e9))", "x*(1+exp(x-1e10))",
                     "max(x,0)+max(x-1e9,0)"] {
            XCTAssertFalse(try Nonlinearity(formula: text).isPositivelyHomogeneous, text)
        }
        let formula = try MeanFieldModel(phi: try Nonlinearity(formula: "max(x,0)"), sigmaW: 2, sigmaB: 0)
        let builtIn = try MeanFieldModel(phi: .relu, sigmaW: 2, sigmaB: 0)
        XCTAssertEqual(try OrderChaosBoundary(phi: try Nonlinearity(formula: "max(x,0)")).criticalSigmaW(sigmaB: 0.5),
                       try OrderChaosBoundary(phi: .relu).criticalSigmaW(sigmaB: 0.5))
        XCTAssertEqual(formula.covarianceMap(0.3, q1: 2, q2: 3), builtIn.covarianceMap(0.3, q1: 2, q2: 3))
    }

    /// Growth at ±∞ read far out: a bounded formula grows like 0 (tanh(x) at 1e7 showed
    /// 1e-14, and σw = 1e8 was refused as diverging), sin(x)+x like exactly 1.
    func testFormulaGrowthIsReadFarOut() throws {
        XCTAssertLessThan(try Nonlinearity(formula: "tanh(x)").asymptoticGrowth, 1e-200)
        XCTAssertLessThan(try Nonlinearity(formula: "tanh(x)+0.1*sin(x)").asymptoticGrowth, 1e-200)
        XCTAssertEqual(try Nonlinearity(formula: "sin(x)+x").asymptoticGrowth, 1)
        XCTAssertEqual(try Nonlinearity(formula: "x*erf(x)").asymptoticGrowth, 1)
        let formula = try MeanFieldModel(phi: try Nonlinearity(formula: "tanh(x)"), sigmaW: 1e8, sigmaB: 0.3)
        let builtIn = try MeanFieldModel(phi: .tanh, sigmaW: 1e8, sigmaB: 0.3)
        assertClose(try formula.lengthFixedPoint(), try builtIn.lengthFixedPoint(), relative: 1e-9)
    }

    func testFormulaFormOfEveryBuiltInAgreesWithTheBuiltIn() throws {
        XCTAssertEqual(Set(Self.spelt.map(\.0)), Set(Nonlinearity.all.map(\.name)), "every built-in is spelt")
        for (name, text) in Self.spelt {
            guard let builtIn = Nonlinearity.named(name) else { return XCTFail(name) }
            let formula = try Nonlinearity(formula: text)
            XCTAssertEqual(formula.hasKinks, builtIn.hasKinks, text)
            XCTAssertEqual(formula.secondDerivative == nil, builtIn.secondDerivative == nil, "\(text): φ″ exists")
            // SPEC accuracy: 1e-12 smooth, 1e-10 kinked per value; agreement of two such
            // values within 1e-11 and 1e-9.
            let tolerance = builtIn.hasKinks ? 1e-9 : 1e-11
            for (sw, sb) in Self.points {
                let a: FixedPointSummary, b: FixedPointSummary
                do { a = try MeanFieldModel(phi: builtIn, sigmaW: sw, sigmaB: sb).summary() } catch {
                    XCTAssertThrowsError(try MeanFieldModel(phi: formula, sigmaW: sw, sigmaB: sb).summary(), text)
                    continue
                }
                b = try MeanFieldModel(phi: formula, sigmaW: sw, sigmaB: sb).summary()
                let at = "\(text) at σw=\(sw), σb=\(sb)"
                assertClose(b.qStar.value, a.qStar.value, relative: tolerance, floor: 1e-300, "q* of " + at)
                assertClose(b.chi1.value, a.chi1.value, relative: tolerance, "χ1 of " + at)
                XCTAssertEqual(b.chi2 == nil, a.chi2 == nil, "χ2 exists: " + at)
                if let x = a.chi2, let y = b.chi2 { assertClose(y.value, x.value, relative: tolerance, "χ2 of " + at) }
                assertClose(b.cStar.value, a.cStar.value, relative: tolerance, floor: 1e-12, "c* of " + at)
                assertClose(b.chiC.value, a.chiC.value, relative: tolerance, "χ_c of " + at)
                XCTAssertEqual(b.phase, a.phase, at)
            }
        }
    }

    /// q* ≈ 3550 needs φ at |x| ≈ 540, beyond where exp(2x) overflows: the formula is
    /// continued by its saturated value and agrees with the built-in tanh.
    func testAFormulaThatOverflowsWhereItIsFlatStillAgrees() throws {
        let formula = try Nonlinearity(formula: "(exp(2*x)-1)/(exp(2*x)+1)")
        let a = try MeanFieldModel(phi: .tanh, sigmaW: 60, sigmaB: 1).summary()
        let b = try MeanFieldModel(phi: formula, sigmaW: 60, sigmaB: 1).summary()
        XCTAssertGreaterThan(a.qStar.value, 3000)
        assertClose(b.qStar.value, a.qStar.value, relative: 1e-11)
        assertClose(b.chi1.value, a.chi1.value, relative: 1e-11)
        assertClose(b.cStar.value, a.cStar.value, relative: 1e-9, floor: 1e-6)
    }

    struct Reference: Decodable {
        struct Row: Decodable {
            let sigma_w, sigma_b, q_star, chi1, chi2, c_map_at_half: Double
            let c_star: Double?
        }
        let values: [String: [Row]]
    }

    func testFormulasOutsideTheCatalogueAgreeWithMpmath() throws {
        guard let url = Bundle.module.url(forResource: "formula_reference", withExtension: "json", subdirectory: "Fixtures")
        else { return XCTFail("Fixtures/formula_reference.json is missing") }
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertGreaterThanOrEqual(reference.values.count, 3)
        for (text, rows) in reference.values {
            let phi = try Nonlinearity(formula: text)
            for r in rows {
                let m = try MeanFieldModel(phi: phi, sigmaW: r.sigma_w, sigmaB: r.sigma_b)
                let s = try m.summary()
                let at = "\(text) at σw=\(r.sigma_w), σb=\(r.sigma_b)"
                assertClose(s.qStar.value, r.q_star, relative: 1e-12, "q* of " + at)
                assertClose(s.chi1.value, r.chi1, relative: 1e-12, "χ1 of " + at)
                assertClose(try XCTUnwrap(s.chi2).value, r.chi2, relative: 1e-11, "χ2 of " + at)
                assertClose(m.correlationMap(0.5, qStar: s.qStar.value), r.c_map_at_half, relative: 1e-12, "C(0.5)/q* of " + at)
                // Each error estimate bounds the error it estimates (with a factor 10
                // and an ε floor, the estimate being the 10-point companion's error).
                XCTAssertLessThanOrEqual(abs(s.qStar.value - r.q_star), 10 * s.qStar.error + 8 * .ulpOfOne * r.q_star, "δq* of " + at)
                XCTAssertLessThanOrEqual(abs(s.chi1.value - r.chi1), 10 * s.chi1.error + 8 * .ulpOfOne * r.chi1, "δχ1 of " + at)
                if let c = r.c_star {
                    assertClose(s.cStar.value, c, relative: 1e-11, "c* of " + at)
                }
            }
        }
    }

    /// The Monte-Carlo with a formula φ (mish) follows the theory: q^l and ḡ^E within
    /// 4 standard errors plus 3% (finite width N = 400), as the built-in φ do.
    func testSimulationWithAFormulaFollowsTheTheory() throws {
        let phi = try Nonlinearity(formula: "x*tanh(log(1+exp(x)))")
        let model = try MeanFieldModel(phi: phi, sigmaW: 1.3, sigmaB: 0.2)
        let summary = try model.summary()
        let theory = try model.curvature(depth: 8, summary: summary)
        let request = SimulationRequest(
            network: try FiniteNetwork(phi: phi, sigmaW: 1.3, sigmaB: 0.2, width: 400, depth: 8),
            circlePoints: 40, circleLength: summary.qStar.value, networks: 6, seed: 5)
        let layers = LayerSummary.summarize(try request.run())
        XCTAssertEqual(layers.count, 8)
        for (s, t) in zip(layers, theory) {
            for (stat, expected, what) in [(s.q, summary.qStar.value, "q"), (s.gE, t.gE, "ḡ^E")] {
                XCTAssertLessThanOrEqual(abs(stat.mean - expected), 4 * (stat.stderr ?? 0) + 0.03 * expected,
                                         "\(what) at layer \(s.layer): \(stat.mean) vs \(expected)")
            }
        }
    }
}

import Formulas
import Foundation
import TestSupport
import XCTest

/// Formulas in x: parsing (precedence and errors with columns), exact jets against
/// hand-derived derivatives, and what the analysis finds (kinks, jumps, growth,
/// parity, domain).
final class FormulaTests: XCTestCase {
    let points: [Double] = [-7.5, -2.2, -1, -0.31, -1e-3, 0, 2e-4, 0.45, 1.3, 3.9, 12]

    func error(_ text: String) -> FormulaError? {
        do { _ = try Formula(text); return nil } catch let e as FormulaError { return e } catch { return nil }
    }

    func testPrecedenceFollowsMathematics() throws {
        let cases: [(String, Double, Double)] = [
            ("-x^2", 3, -9), ("2^-1", 0, 0.5), ("x^2^3", 2, 256), ("1-2-3", 0, -4), ("8/4/2", 0, 1),
            ("2*x+1", 4, 9), ("2*(x+1)", 4, 10), ("x**2", 5, 25), ("-(x)-x", 1, -2), ("+x", 7, 7),
            ("max(x, 0.1*x)", -2, -0.2), ("min(1,max(-1,x))", 5, 1), ("pi", 0, .pi), ("e", 0, M_E),
            ("1.5e2*x", 2, 300), (".5*x", 4, 2), ("ln(x*x+1)", 0, 0), ("  x  ", 3, 3), ("X", 2, 2),
        ]
        for (text, x, expected) in cases {
            XCTAssertEqual(try Formula(text).value(x), expected, text)
        }
    }

    func testParseErrorsNameTheColumn() {
        let cases: [(String, Int, String)] = [
            ("x*tanh(", 8, "expected an expression"),
            ("", 1, "expected an expression"),
            ("x+", 3, "expected an expression"),
            ("foo(x)", 1, "unknown name 'foo'"),
            ("tanh x", 6, "expected '('"),
            ("2x", 2, "expected an operator"),
            ("(x+1", 5, "expected ')'"),
            ("x)", 2, "unexpected ')'"),
            ("max(x)", 1, "max takes 2 arguments"),
            ("tanh(x, 1)", 1, "tanh takes 1 argument"),
            ("x $ 2", 3, "unexpected '$'"),
            ("1e400*x", 1, "not a finite number"),
            ("x*log(0)", 3, "not finite"),
        ]
        for (text, column, message) in cases {
            let e = error(text)
            XCTAssertEqual(e?.column, column, "\(text): \(String(describing: e))")
            XCTAssertTrue(e?.message.contains(message) ?? false, "\(text): \(String(describing: e))")
            XCTAssertFalse(e?.description.contains("\n") ?? true, "one line")
        }
    }

    /// Jets against derivatives worked out by hand (independent of the AD rules).
    func testJetsEqualHandDerivedDerivatives() throws {
        let sqrtPi = Double.pi.squareRoot()
        let cases: [(String, (Double) -> (Double, Double, Double))] = [
            ("(exp(2*x)-1)/(exp(2*x)+1)", { x in let t = tanh(x), d = 1 / (cosh(x) * cosh(x)); return (t, d, -2 * t * d) }),
            ("x/(1+exp(-x))", { x in
                let s = 1 / (1 + exp(-x))
                return (x * s, s + x * s * (1 - s), s * (1 - s) * (2 + x * (1 - 2 * s)))
            }),
            ("x*erf(x)", { x in
                let g = 2 / sqrtPi * exp(-x * x)
                return (x * erf(x), erf(x) + x * g, 2 * g - 2 * x * x * g)
            }),
            ("0.5*x*(1+tanh(0.8*x))", { x in
                let t = tanh(0.8 * x), d = 1 - t * t
                return (0.5 * x * (1 + t), 0.5 * (1 + t) + 0.4 * x * d, 0.8 * d - 0.64 * x * t * d)
            }),
            ("x*tanh(log(1+exp(x)))", { x in
                // mish: sp = softplus, s = σ(x), t = tanh(sp), φ = x t
                let sp = log1p(exp(x)), s = 1 / (1 + exp(-x)), t = tanh(sp), dt = (1 - t * t) * s
                let ddt = -2 * t * (1 - t * t) * s * s + (1 - t * t) * s * (1 - s)
                return (x * t, t + x * dt, 2 * dt + x * ddt)
            }),
            ("x^3 - 2*x^2", { x in (x * x * x - 2 * x * x, 3 * x * x - 4 * x, 6 * x - 4) }),
            ("sqrt(1+x^2)", { x in let r = (1 + x * x).squareRoot(); return (r, x / r, 1 / (r * r * r)) }),
            ("sin(x)*cos(x)", { x in (sin(x) * cos(x), cos(2 * x), -2 * sin(2 * x)) }),
            ("atan(x)", { x in (atan(x), 1 / (1 + x * x), -2 * x / ((1 + x * x) * (1 + x * x))) }),
            ("erfc(x)", { x in (erfc(x), -2 / sqrtPi * exp(-x * x), 4 * x / sqrtPi * exp(-x * x)) }),
            ("sinh(x)/cosh(x)", { x in let t = tanh(x), d = 1 / (cosh(x) * cosh(x)); return (t, d, -2 * t * d) }),
            ("sigmoid(x)", { x in let s = 1 / (1 + exp(-x)); return (s, s * (1 - s), s * (1 - s) * (1 - 2 * s)) }),
            ("softplus(x)", { x in let s = 1 / (1 + exp(-x)); return (log1p(exp(x)), s, s * (1 - s)) }),
            ("expm1(x)", { x in (expm1(x), exp(x), exp(x)) }),
            ("log1p(x^2)", { x in (log1p(x * x), 2 * x / (1 + x * x), (2 - 2 * x * x) / ((1 + x * x) * (1 + x * x))) }),
            ("2^x", { x in let p = pow(2, x), l = log(2.0); return (p, p * l, p * l * l) }),
        ]
        for (text, exact) in cases {
            let f = try Formula(text)
            for x in points {
                // Relative 1e-13 plus an absolute ε-level term: a formula written with
                // cancellation (exp(2x) − 1 near 0, tanh as sinh/cosh at 12) carries its
                // own rounding error, which AD cannot remove.
                let j = f.jet(x), e = exact(x)
                for (got, want, what) in [(j.value, e.0, ""), (j.first, e.1, "′"), (j.second, e.2, "″")] {
                    XCTAssertLessThanOrEqual((got - want).magnitude, 1e-13 * want.magnitude + 1e-15,
                                             "\(text)\(what) at \(x): \(got) vs \(want)")
                }
                let v = f.program.jets(SIMD8(repeating: x))
                XCTAssertEqual(v.0[3], j.value, "\(text): SIMD lanes agree with the scalar jet")
                XCTAssertEqual(v.1[5], j.first)
                XCTAssertEqual(v.2[7], j.second)
                XCTAssertEqual(f.value(x), j.value, "\(text): value path agrees with the jet path")
            }
        }
    }

    func testKinksAreFoundAndDerivativeJumpsDetected() throws {
        let cases: [(String, [Double], Bool)] = [
            ("max(x,0)", [0], true), ("max(x, 0.1*x)", [0], true), ("abs(x-0.3)", [0.3], true),
            ("max(-1,min(1,x))", [-1, 1], true), ("abs(x^2-2)", [-2.0.squareRoot(), 2.0.squareRoot()], true),
            ("max(x,0)^2", [0], false), ("abs(x)^3", [0], false), ("tanh(x)", [], false),
            ("abs(x^2)", [], false), ("max(x,x)", [], false),
            // elu written with max and min: φ′ is continuous at 0 (e⁰ = 1), φ″ jumps.
            ("max(x,0)+min(exp(x)-1,0)", [0], false),
        ]
        for (text, kinks, jumps) in cases {
            let f = try Formula(text)
            XCTAssertEqual(f.kinks.count, kinks.count, "\(text): \(f.kinks)")
            for (a, b) in zip(f.kinks, kinks) { XCTAssertEqual(a, b, accuracy: 4e-16 * max(1, abs(b)), text) }
            XCTAssertEqual(f.derivativeJumps, jumps, text)
        }
    }

    func testGrowthAtInfinity() throws {
        let cases: [(String, Double)] = [
            ("max(x,0)", 0.5), ("x", 1), ("tanh(x)", 0), ("x*tanh(x)", 1), ("softplus(x)", 0.5),
            ("x/(1+exp(-x))", 0.5), ("max(x, 0.1*x)", 0.505), ("2*x", 4), ("erf(x)", 0),
        ]
        for (text, growth) in cases {
            XCTAssertEqual(try Formula(text).asymptoticGrowth, growth, accuracy: 1e-6, text)
        }
        for superlinear in ["x^2", "exp(x)", "x*abs(x)", "exp(x^2)", "x*log(1+abs(x))", "cosh(x)"] {
            XCTAssertEqual(try Formula(superlinear).asymptoticGrowth, .infinity, superlinear)
        }
        // A bounded φ written so that it overflows at 355 (exp(2x)): flat there, so it is
        // continued by ±1 beyond, exactly as tanh; growth 0.
        let t = try Formula("(exp(2*x)-1)/(exp(2*x)+1)")
        XCTAssertEqual(t.upper?.bound ?? 0, 354, accuracy: 20)
        XCTAssertNil(t.lower, "exp(2x) → 0 for x → −∞: finite")
        XCTAssertLessThan(t.asymptoticGrowth, 1e-12)
        for x in [400.0, 1e5, 1e300] {
            XCTAssertEqual(t.value(x), 1)
            XCTAssertEqual(t.value(-x), -1)
            XCTAssertEqual(t.jet(x), Jet(1, 0, 0))
            let v = t.jets(SIMD8(repeating: -x))
            XCTAssertEqual(v.0[2], -1)
            XCTAssertEqual(v.1[2], 0)
        }
        XCTAssertNil(try Formula("tanh(x)").upper)
        // softplus as log(1 + exp(x)) overflows at 710 where it is x: continued as x.
        let sp = try Formula("log(1+exp(x))")
        XCTAssertEqual(sp.value(1e6), 1e6, accuracy: 1e-6)
        XCTAssertEqual(sp.jet(1e6).first, 1)
        XCTAssertEqual(sp.asymptoticGrowth, 0.5, accuracy: 1e-9)
        // x·e^{x²}·e^{−x²} = x overflows at 26.6 where it is a straight line: continued as x
        // (growth 1); x²·e^{x²}·e^{−x²} still curves there: refused as superlinear.
        let line = try Formula("x*exp(x^2)*exp(-x^2)")
        XCTAssertEqual(line.asymptoticGrowth, 1, accuracy: 1e-9)
        XCTAssertEqual(line.value(1e5), 1e5, accuracy: 1e-6)
        XCTAssertEqual(try Formula("x^2*exp(x^2)*exp(-x^2)").asymptoticGrowth, .infinity)
    }

    func testParity() throws {
        let cases: [(String, Formula.FormulaParity)] = [
            ("tanh(x)", .odd), ("(exp(2*x)-1)/(exp(2*x)+1)", .odd), ("x^2", .even), ("abs(x)", .even),
            ("exp(x)", .neither), ("max(x,0)", .neither), ("x*erf(x)", .even), ("cos(x)", .even), ("1+x", .neither),
        ]
        for (text, parity) in cases { XCTAssertEqual(try Formula(text).parity, parity, text) }
    }

    func testFormulasNotFiniteOnTheRealLineAreRefusedAtTheirColumn() {
        let cases: [(String, Int)] = [
            ("log(x)", 1), ("1/x", 2), ("sqrt(x)", 1), ("x^0.5", 2), ("tanh(1/(x-0.3))", 7), ("log(1+x)", 1),
            ("x^-1", 2), ("log1p(x)", 1), ("2*log(abs(x))", 3), ("x + 1/(x^2-2)", 6), ("sqrt(abs(x))", 1),
        ]
        for (text, column) in cases {
            let e = error(text)
            XCTAssertNotNil(e, text)
            XCTAssertEqual(e?.column, column, "\(text): \(String(describing: e))")
        }
        for fine in ["sqrt(1+x^2)", "log(1+exp(x))", "1/(1+exp(-x))", "x^2", "abs(x)^0.5*0+x", "log(2+sin(x))"] {
            XCTAssertNil(error(fine), fine)
        }
    }
}

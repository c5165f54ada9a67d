import Foundation
import Nonlinearities

/// φ̂(x) = δ·(φ(αx + β) + γ) written as a formula that `--phi` reads back (the grammar
/// of `Formulas/Parser.swift`: numbers, + − * / ^, parentheses and its named
/// functions), numbers with 17 significant digits so that they read back exactly.
public enum TransformFormula {
    /// A number with 17 significant digits (every double reads back as itself).
    static func number(_ x: Double) -> String { String(format: "%.17g", x) }

    /// "+ 0.25" or "- 0.25" as a term appended to an expression ("" for 0).
    static func term(_ x: Double) -> String {
        if x == 0 { return "" }
        return (x < 0 ? "-" : "+") + number(x.magnitude)
    }

    /// φ as a formula in the expression `u` (parenthesised): a built-in spelt with the
    /// parser's functions (the same constants as `Nonlinearity`'s), a formula with `u`
    /// put in place of x.
    static func apply(_ phi: Nonlinearity, to u: String) -> String {
        switch phi.name {
        case "tanh", "erf", "sigmoid", "softplus", "sin", "abs": return phi.name + u
        case "relu": return "max(\(u),0)"
        case "linear": return u
        case "hardtanh": return "max(-1,min(1,\(u)))"
        case "gelu": return "0.5*\(u)*erfc(-\(u)/sqrt(2))"
        case "silu": return "\(u)*sigmoid(\(u))"
        case "elu": return "(max(\(u),0)+min(expm1(\(u)),0))"
        case "selu":
            let lambda = 1.0507009873554804934193349852946, alpha = 1.6732632423543772848170429916717
            return "\(number(lambda))*(max(\(u),0)+\(number(alpha))*min(expm1(\(u)),0))"
        case "leaky-relu": return "(max(\(u),0)+0.01*min(\(u),0))"
        default: return substitute(phi.formula, u)
        }
    }

    /// The formula text with every variable token `x` replaced by `u`: tokens are the
    /// longest runs of letters, digits, '_' and '.', so names that contain an x (exp,
    /// max) and numbers with an exponent (1e-3) are left alone.
    static func substitute(_ text: String, _ u: String) -> String {
        var out = "", token = ""
        func flush() {
            out += (token == "x" || token == "X") ? u : token
            token = ""
        }
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == "." {
                token.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return "(\(out))"
    }

    /// δ*(φ(α*x+β)+γ).
    public static func transformed(
        _ phi: Nonlinearity, inputScale a: Double, inputShift b: Double, outputShift g: Double, outputScale d: Double
    ) -> String {
        let u = "(\(a == 1 ? "" : number(a) + "*")x\(term(b)))"
        return "\(number(d))*(\(apply(phi, to: u))\(term(g)))"
    }

    /// δ*(max(x,0)+s*min(x,0)).
    public static func leakyReLU(negativeSlope s: Double, outputScale d: Double) -> String {
        "\(number(d))*(max(x,0)+\(number(s))*min(x,0))"
    }
}

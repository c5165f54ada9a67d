import Foundation

/// A second-order jet (f, f′, f″) of a function of x at one point: forward-mode
/// automatic differentiation to second order. Sums, products and quotients follow
/// Leibniz's rule; a function h of a jet u follows Faà di Bruno's formula,
/// (h∘u)′ = h′(u)u′, (h∘u)″ = h″(u)u′² + h′(u)u″. Exact to rounding, never finite
/// differences.
public struct Jet: Sendable, Equatable {
    public var value: Double
    public var first: Double
    public var second: Double

    public init(_ value: Double, _ first: Double, _ second: Double) {
        self.value = value
        self.first = first
        self.second = second
    }

    @inline(__always) static func variable(_ x: Double) -> Jet { Jet(x, 1, 0) }
    @inline(__always) static func constant(_ c: Double) -> Jet { Jet(c, 0, 0) }

    @inline(__always) static prefix func - (u: Jet) -> Jet { Jet(-u.value, -u.first, -u.second) }
    @inline(__always) static func + (u: Jet, v: Jet) -> Jet {
        Jet(u.value + v.value, u.first + v.first, u.second + v.second)
    }
    @inline(__always) static func - (u: Jet, v: Jet) -> Jet {
        Jet(u.value - v.value, u.first - v.first, u.second - v.second)
    }
    /// (uv)″ = u″v + 2u′v′ + uv″; terms with a zero factor are 0 even when the other
    /// factor is infinite (x·sqrt(x) at 0 is not NaN in its value).
    @inline(__always) static func * (u: Jet, v: Jet) -> Jet {
        Jet(u.value * v.value,
            times(u.first, v.value) + times(u.value, v.first),
            times(u.second, v.value) + 2 * times(u.first, v.first) + times(u.value, v.second))
    }
    /// q = u/v: q′ = (u′ − q v′)/v, q″ = (u″ − 2q′v′ − q v″)/v.
    @inline(__always) static func / (u: Jet, v: Jet) -> Jet {
        let q = u.value / v.value
        let q1 = (u.first - times(q, v.first)) / v.value
        return Jet(q, q1, (u.second - 2 * times(q1, v.first) - times(q, v.second)) / v.value)
    }

    /// h∘u from h(u), h′(u), h″(u).
    @inline(__always) func composed(_ h: Double, _ h1: Double, _ h2: Double) -> Jet {
        Jet(h, times(h1, first), times(h2, first * first) + times(h1, second))
    }
}

/// a·b, but 0 when either factor is 0 (a derivative that does not enter).
@inline(__always)
func times(_ a: Double, _ b: Double) -> Double { a == 0 || b == 0 ? 0 : a * b }

/// 1/(1 + e^{−x}) without overflow for large |x|.
@inline(__always)
func logistic(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
}

extension Operation {
    /// h(u) for a function of one argument.
    @inline(__always)
    func apply(_ u: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(u)
        case .expm1: return Foundation.expm1(u)
        case .log: return Foundation.log(u)
        case .log1p: return Foundation.log1p(u)
        case .sqrt: return u.squareRoot()
        case .tanh: return Foundation.tanh(u)
        case .sinh: return Foundation.sinh(u)
        case .cosh: return Foundation.cosh(u)
        case .sin: return Foundation.sin(u)
        case .cos: return Foundation.cos(u)
        case .atan: return Foundation.atan(u)
        case .erf: return Foundation.erf(u)
        case .erfc: return Foundation.erfc(u)
        case .abs: return Swift.abs(u)
        case .sigmoid: return logistic(u)
        case .softplus: return u > 0 ? u + Foundation.log1p(Foundation.exp(-u)) : Foundation.log1p(Foundation.exp(u))
        case .negate: return -u
        default: return .nan
        }
    }

    /// (h(u), h′(u), h″(u)) for a function of one argument. abs′ takes the sign of u;
    /// at u = ±0 `Program` picks the side itself (`Program.absoluteAtZero`).
    @inline(__always)
    func derivatives(_ u: Double) -> (Double, Double, Double) {
        switch self {
        case .exp: let e = Foundation.exp(u); return (e, e, e)
        case .expm1: let e = Foundation.exp(u); return (Foundation.expm1(u), e, e)
        case .log: return (Foundation.log(u), 1 / u, -1 / (u * u))
        case .log1p: let w = 1 + u; return (Foundation.log1p(u), 1 / w, -1 / (w * w))
        case .sqrt: let s = u.squareRoot(); return (s, 0.5 / s, -0.25 / (s * u))
        case .tanh: let t = Foundation.tanh(u), d = 1 - t * t; return (t, d, -2 * t * d)
        case .sinh: let s = Foundation.sinh(u), c = Foundation.cosh(u); return (s, c, s)
        case .cosh: let s = Foundation.sinh(u), c = Foundation.cosh(u); return (c, s, c)
        case .sin: let s = Foundation.sin(u), c = Foundation.cos(u); return (s, c, -s)
        case .cos: let s = Foundation.sin(u), c = Foundation.cos(u); return (c, -s, -c)
        case .atan: let w = 1 / (1 + u * u); return (Foundation.atan(u), w, -2 * u * w * w)
        case .erf:
            let g = 1.128_379_167_095_512_573_896 * Foundation.exp(-u * u)  // 2/√π e^{−u²}
            return (Foundation.erf(u), g, -2 * u * g)
        case .erfc:
            let g = 1.128_379_167_095_512_573_896 * Foundation.exp(-u * u)
            return (Foundation.erfc(u), -g, 2 * u * g)
        case .abs: return (Swift.abs(u), u.sign == .minus ? -1 : 1, 0)
        case .sigmoid: let s = logistic(u), d = s * (1 - s); return (s, d, d * (1 - 2 * s))
        case .softplus: let s = logistic(u); return (apply(u), s, s * (1 - s))
        case .negate: return (-u, -1, 0)
        default: return (.nan, .nan, .nan)
        }
    }
}

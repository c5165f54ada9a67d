import Foundation

extension Nonlinearity {
    /// Every nonlinearity the command line knows, in the order `--help` lists them.
    public static let all: [Nonlinearity] = [
        .tanh, .erf, .relu, .linear, .sigmoid, .hardtanh,
        .gelu, .silu, .softplus, .elu, .selu, .sin, .leakyReLU, .abs,
    ]

    /// Looks a nonlinearity up by its command-line name (`swish` is an alias of `silu`).
    public static func named(_ name: String) -> Nonlinearity? {
        let key = name.lowercased() == "swish" ? "silu" : name.lowercased()
        return all.first { $0.name == key }
    }

    /// φ(x) = tanh x. Poles at ±iπ/2 (and every iπ beyond): close to the real axis in
    /// z = x/√q when q is large, which is why a plain Gauss–Hermite rule fails.
    public static let tanh = Nonlinearity(
        name: "tanh", formula: "tanh(x)",
        value: { Foundation.tanh($0) },
        derivative: { let t = Foundation.tanh($0); return 1 - t * t },
        secondDerivative: { let t = Foundation.tanh($0); return -2 * t * (1 - t * t) },
        jet: { let t = Foundation.tanh($0); return SIMD2(t, 1 - t * t) },
        secondJet: { let t = Foundation.tanh($0), d = 1 - t * t; return SIMD3(t, d, -2 * t * d) },
        vectorSecondJet: { let t = vectorTanh($0), d = 1 - t * t; return (t, d, -2 * t * d) },
        singularities: [.poles(at: 0, distance: .pi / 2)],
        parity: .odd, dynamicRange: 2
    )

    /// φ(x) = erf(x). Entire, but varies around 0 and is flat beyond; its derivatives
    /// carry e^{−x²} (e^{−2x²} in E[φ″²]), which grows like e^{2y²} off the real axis:
    /// graded like a singularity at distance 1/2.
    public static let erf = Nonlinearity(
        name: "erf", formula: "erf(x)",
        value: { Foundation.erf($0) },
        derivative: { 2 / Double.pi.squareRoot() * exp(-$0 * $0) },
        secondDerivative: { -4 / Double.pi.squareRoot() * $0 * exp(-$0 * $0) },
        singularities: [.poles(at: 0, distance: 0.5)],
        parity: .odd, dynamicRange: 2,
        gaussianKernel: .erf
    )

    /// φ(x) = 1/(1 + e^{−x}). Poles at ±iπ.
    public static let sigmoid = Nonlinearity(
        name: "sigmoid", formula: "1/(1+exp(-x))",
        value: { logistic($0) },
        derivative: { let s = logistic($0); return s * (1 - s) },
        secondDerivative: { let s = logistic($0); return s * (1 - s) * (1 - 2 * s) },
        jet: { let s = logistic($0); return SIMD2(s, s * (1 - s)) },
        secondJet: { let s = logistic($0), d = s * (1 - s); return SIMD3(s, d, d * (1 - 2 * s)) },
        singularities: [.poles(at: 0, distance: .pi)],
        dynamicRange: 1
    )

    /// φ(x) = x Φ(x), Φ the standard normal CDF. Entire; its derivatives carry e^{−x²/2}:
    /// graded like a singularity at distance 1/2, as erf.
    public static let gelu = Nonlinearity(
        name: "gelu", formula: "x*Phi(x)",
        value: { $0 * normalCDF($0) },
        derivative: { normalCDF($0) + $0 * normalPDF($0) },
        secondDerivative: { normalPDF($0) * (2 - $0 * $0) },
        singularities: [.poles(at: 0, distance: 0.5)],
        asymptoticGrowth: 0.5
    )

    /// φ(x) = x/(1 + e^{−x}) (silu, swish). Poles at ±iπ.
    public static let silu = Nonlinearity(
        name: "silu", formula: "x/(1+exp(-x))",
        value: { $0 * logistic($0) },
        derivative: { let s = logistic($0); return s + $0 * s * (1 - s) },
        secondDerivative: { let s = logistic($0); return s * (1 - s) * (2 + $0 * (1 - 2 * s)) },
        singularities: [.poles(at: 0, distance: .pi)],
        asymptoticGrowth: 0.5
    )

    /// φ(x) = log(1 + eˣ). Branch points at ±iπ.
    public static let softplus = Nonlinearity(
        name: "softplus", formula: "log(1+exp(x))",
        value: { $0 > 0 ? $0 + log1p(exp(-$0)) : log1p(exp($0)) },
        derivative: { logistic($0) },
        secondDerivative: { let s = logistic($0); return s * (1 - s) },
        singularities: [.poles(at: 0, distance: .pi)],
        asymptoticGrowth: 0.5
    )

    /// φ(x) = x for x > 0, eˣ − 1 otherwise (α = 1). φ′ is continuous, φ″ jumps at 0, so
    /// χ2 exists; the integrator splits at the kink, and grades towards it like a
    /// singularity at distance ½ (e^{2x} in E[φ′²] changes on that scale: on panels of
    /// width 2 in z, at q* = 160, χ1 was off by 3e-5).
    public static let elu = Nonlinearity(
        name: "elu", formula: "x>0 ? x : exp(x)-1",
        value: { $0 > 0 ? $0 : expm1($0) },
        derivative: { $0 > 0 ? 1 : exp($0) },
        secondDerivative: { $0 > 0 ? 0 : exp($0) },
        singularities: [.kink(at: 0), .poles(at: 0, distance: 0.5)],
        asymptoticGrowth: 0.5
    )

    /// SELU (Klambauer et al. 2017): λ·(x > 0 ? x : α(eˣ − 1)). φ′ jumps at 0 (λ vs λα);
    /// graded towards the kink as elu.
    public static let selu: Nonlinearity = {
        let lambda = 1.0507009873554804934193349852946
        let alpha = 1.6732632423543772848170429916717
        return Nonlinearity(
            name: "selu", formula: "1.0507*(x>0 ? x : 1.6733*(exp(x)-1))",
            value: { $0 > 0 ? lambda * $0 : lambda * alpha * expm1($0) },
            derivative: { $0 > 0 ? lambda : lambda * alpha * exp($0) },
            secondDerivative: nil,
            singularities: [.kink(at: 0), .poles(at: 0, distance: 0.5)],
            asymptoticGrowth: lambda * lambda / 2
        )
    }()

    /// φ(x) = sin x. Entire and oscillating: panels no wider than 1 in x where quadrature
    /// is used; the maps themselves come from its closed-form kernel.
    public static let sin = Nonlinearity(
        name: "sin", formula: "sin(x)",
        value: { Foundation.sin($0) },
        derivative: { Foundation.cos($0) },
        secondDerivative: { -Foundation.sin($0) },
        maxPanelWidth: 1,
        parity: .odd, dynamicRange: 2,
        gaussianKernel: .sin
    )

    /// φ(x) = max(−1, min(1, x)). Kinks at ±1; φ″ is a pair of deltas, so no χ2.
    public static let hardtanh = Nonlinearity(
        name: "hardtanh", formula: "max(-1,min(1,x))",
        value: { Swift.max(-1, Swift.min(1, $0)) },
        derivative: { Swift.abs($0) < 1 ? 1 : 0 },
        secondDerivative: nil,
        singularities: [.kink(at: -1), .kink(at: 1)],
        parity: .odd, dynamicRange: 2
    )

    public static let relu = piecewiseLinear(name: "relu", formula: "max(0,x)", left: 0, right: 1)
    public static let linear = piecewiseLinear(name: "linear", formula: "x", left: 1, right: 1)
    public static let leakyReLU = piecewiseLinear(
        name: "leaky-relu", formula: "x>0 ? x : 0.01x", left: 0.01, right: 1)
    public static let abs = piecewiseLinear(name: "abs", formula: "|x|", left: -1, right: 1)

    /// The piecewise-linear family φ(x) = x·(x > 0 ? right : left): relu (0, 1), leaky relu
    /// (α, 1), abs (−1, 1), linear (1, 1). One definition; the kink at 0 disappears when
    /// the slopes agree. Positively homogeneous, so V(q) = σw² q (left² + right²)/2 + σb².
    public static func piecewiseLinear(
        name: String, formula: String, left: Double, right: Double
    ) -> Nonlinearity {
        let smooth = left == right
        let parity: Parity = smooth ? .odd : (left == -right ? .even : .neither)
        let zero: @Sendable (Double) -> Double = { _ in 0 }
        let value: @Sendable (Double) -> Double = { $0 > 0 ? right * $0 : left * $0 }
        let derivative: @Sendable (Double) -> Double = { $0 > 0 ? right : left }
        return Nonlinearity(
            name: name, formula: formula,
            value: value,
            derivative: derivative,
            secondDerivative: smooth ? zero : nil,
            singularities: smooth ? [] : [.kink(at: 0)],
            parity: parity,
            asymptoticGrowth: (left * left + right * right) / 2,
            isPositivelyHomogeneous: true,
            gaussianKernel: .piecewiseLinear(left: left, right: right)
        )
    }
}

/// 1/(1 + e^{−x}) without overflow for large |x|.
@inline(__always)
func logistic(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
}

@inline(__always)
func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

@inline(__always)
func normalPDF(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

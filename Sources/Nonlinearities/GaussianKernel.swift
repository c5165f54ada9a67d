import Foundation

/// The Gaussian integrals of the mean-field maps in closed form, for the φ that have
/// them (sin, erf, the piecewise-linear family).
///
/// Why: a closed form is exact to rounding at every q, where quadrature has to resolve
/// φ(√q z) on the scale 1/√q: sin at q = 1e6 needs ~10⁴ panels per integral, at q = 1e20
/// ~10¹¹ (it never finished), and products like q1·q2 underflow at q ~ 1e-160. Every
/// formula here is written without such products and without cancellation (see each
/// kernel), so the maps, χ1, χ2 and ∂C/∂c keep full relative accuracy from q = 0 to
/// 1e250.
public struct GaussianKernel: Sendable {
    /// (E[φ(√q z)²], E[φ′(√q z)²], E[φ″(√q z)²], dE[φ²]/dq) at q ≥ 0; the third
    /// component is meaningless when φ″ does not exist (φ′ jumps).
    public let moments: @Sendable (Double) -> SIMD4<Double>
    /// (E[φ(u1)φ(u2)], E[φ′(u1)φ′(u2)]) for u1 = √q1 z1, u2 = √q2 (c z1 + √(1−c²) z2).
    public let covariance: @Sendable (_ q1: Double, _ q2: Double, _ c: Double) -> SIMD2<Double>

    public init(moments: @escaping @Sendable (Double) -> SIMD4<Double>,
                covariance: @escaping @Sendable (Double, Double, Double) -> SIMD2<Double>) {
        self.moments = moments
        self.covariance = covariance
    }

    /// φ = sin. With q12 = c√(q1q2): E[sin u1 sin u2] = e^{−(q1+q2)/2} sinh q12 and
    /// E[cos u1 cos u2] = e^{−(q1+q2)/2} cosh q12 (from cos(u1 ∓ u2) and E[cos X] =
    /// e^{−Var X/2}). Both are computed as ½·e^{a}·(1 ∓ e^{−2|q12|}) with
    /// a = −(√q1 − √q2)²/2 − (1 − |c|)√q1√q2 = |q12| − (q1 + q2)/2, which neither
    /// overflows (a ≤ 0) nor cancels; c < 0 follows from sin odd, cos even.
    public static let sin = GaussianKernel(
        moments: { q in
            let e = exp(-2 * q)
            // E[sin²] = (1 − e^{−2q})/2, E[cos²] = (1 + e^{−2q})/2, φ″ = −sin,
            // dE[sin²]/dq = e^{−2q}.
            let s2 = -0.5 * expm1(-2 * q)
            return SIMD4(s2, 0.5 * (1 + e), s2, e)
        },
        covariance: { q1, q2, c in
            let s1 = q1.squareRoot(), s2 = q2.squareRoot(), a = Swift.abs(c)
            let t = a * s1 * s2
            let d = s1 - s2
            let e = exp(-0.5 * d * d - (1 - a) * s1 * s2)
            let sinsin = -0.5 * e * expm1(-2 * t)
            let coscos = 0.5 * e * (1 + exp(-2 * t))
            return SIMD2(c < 0 ? -sinsin : sinsin, coscos)
        })

    /// φ = erf. E[erf(u1) erf(u2)] = (2/π) asin(c·r1·r2), r_i = √(2q_i/(1+2q_i)) (the
    /// arcsine kernel; never forms q1·q2), with asin taken through its complement
    /// 2·asin(√((1−x)/2)) near x = 1, 1 − x = (1−|c|) + |c|(e1+e2−e1e2)/(1+r1r2),
    /// e_i = 1/(1+2q_i), so large q keep their digits. erf′ = (2/√π)e^{−x²}:
    /// E[erf′(u1)erf′(u2)] = (4/π)/√det(I + 2Σ) = (4/π)/√(1 + 2q1 + 2q2 + 4q1q2(1−c²)),
    /// E[erf′²] = (4/π)/√(1+4q), E[erf″²] = (16/π) q (1+4q)^{−3/2},
    /// dE[erf²]/dq = 4/(π(1+2q)√(1+4q)).
    public static let erf = GaussianKernel(
        moments: { q in
            let r = (1 + 4 * q).squareRoot()
            return SIMD4(
                arcsineKernel(q, q, 1), 4 / .pi / r, 16 / .pi * q / (r * r * r),
                4 / .pi / ((1 + 2 * q) * r))
        },
        covariance: { q1, q2, c in
            let cross = 4 * (q1 * ((1 - c) * (1 + c))) * q2
            return SIMD2(arcsineKernel(q1, q2, c), 4 / .pi / (1 + 2 * q1 + 2 * q2 + cross).squareRoot())
        })

    /// φ(x) = x·(x > 0 ? right : left) = αx + β|x|, α = (right+left)/2, β = (right−left)/2
    /// (Cho & Saul's arc-cosine kernels of degrees 1 and 0):
    /// E[φ(u1)φ(u2)] = √q1√q2 [α²c + β²(2/π)(√(1−c²) + c·asin c)],
    /// E[φ′(u1)φ′(u2)] = α² + β²(2/π) asin c (the cross terms vanish by symmetry),
    /// E[φ²] = q(left² + right²)/2, E[φ′²] = (left² + right²)/2, φ″ = 0 where it exists.
    public static func piecewiseLinear(left: Double, right: Double) -> GaussianKernel {
        let alpha = 0.5 * (right + left), beta = 0.5 * (right - left)
        let m = 0.5 * (left * left + right * right)
        return GaussianKernel(
            moments: { q in SIMD4(m * q, m, 0, m) },
            covariance: { q1, q2, c in
                let cc = Swift.max(-1, Swift.min(1, c))
                let s = Swift.max(0, (1 - cc) * (1 + cc)).squareRoot()
                let k = alpha * alpha * cc + beta * beta * (2 / .pi) * (s + cc * asin(cc))
                return SIMD2(q1.squareRoot() * q2.squareRoot() * k,
                             alpha * alpha + beta * beta * (2 / .pi) * asin(cc))
            })
    }
}

/// (2/π) asin(c·r1·r2), r_i = √(2q_i/(1+2q_i)): E[erf(u1) erf(u2)], accurate near
/// x = c·r1·r2 = 1 (see `GaussianKernel.erf`).
@inline(__always)
func arcsineKernel(_ q1: Double, _ q2: Double, _ c: Double) -> Double {
    let a = Swift.min(1, Swift.abs(c))
    let e1 = 1 / (1 + 2 * q1), e2 = 1 / (1 + 2 * q2)
    let r1 = (2 * q1 * e1).squareRoot(), r2 = (2 * q2 * e2).squareRoot()
    let x = a * r1 * r2
    let angle: Double
    if x <= 0.5 {
        angle = asin(x)
    } else {
        let d = (1 - a) + a * (e1 + e2 - e1 * e2) / (1 + r1 * r2)
        angle = 0.5 * .pi - 2 * asin((0.5 * d).squareRoot())
    }
    return (c < 0 ? -2 : 2) / .pi * angle
}

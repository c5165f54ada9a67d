import Foundation
import Nonlinearities
import Numerical

/// The covariance integrals at large lengths, for φ that grow linearly (silu, gelu,
/// softplus, elu, selu, formulas): one-dimensional integrals instead of a
/// two-dimensional one, with a bound on what is left out.
///
/// Why. φ's complex singularities sit at distance δ from the real line in x, so δ/√q
/// in z: the rule grades its panels towards them over log₂(√q/δ) doublings, in each of
/// the two dimensions, and a two-dimensional integral costs ~(24 log₂(√q/δ))² calls of
/// φ. Where the length map diverges (σw² lim E[φ²]/q > 1) log q grows linearly with
/// the layer: `iterate --phi silu --sigma-w 1.6 --sigma-b 0.2 --q0 2 --c0 0.5` took
/// 21.6 s to depth 400 (q ~ 1e42), and softplus did not reach depth 1500 in 580 s; with
/// the split 0.09 s and 0.54 s (release build, measured).
///
/// Method. Split φ = ψ + r, ψ(x) = x·(x > 0 ? a₊ : a₋) = αx + β|x| the piecewise-linear
/// limit (slopes a± = φ′(±∞)), r = φ − ψ what remains (bounded for every φ above, and
/// decaying except for elu's and selu's constant tails). Then
///
///     E[φ(u1)φ(u2)] = E[ψ(u1)ψ(u2)] + E[r(u1) Ψ2(u1)] + E[Ψ1(u2) r(u2)] + E[r(u1)r(u2)]
///
/// with Ψ2(u1) = E[ψ(u2) | u1], Gaussian in closed form (u2 | u1 ~ N(μ, σ²),
/// μ = √q2 c z1, σ = √q2 √(1−c²)): Ψ = αμ + β(μ erf(μ/(σ√2)) + 2σ ϕ(μ/σ)), ϕ the normal
/// density. The first term is the arc-cosine kernel, the cross terms are 1-D integrals
/// over u1 and over u2, and the last is left out: by Cauchy–Schwarz it is at most
/// √(E[r(u1)²] E[r(u2)²]), two more 1-D integrals on the same nodes. The same for
/// E[φ′(u1)φ′(u2)] with ψ′, r′ and Ψ′ = α + β erf(μ/(σ√2)).
///
/// The split is used only where that bound is below `tolerance` times the value, so the
/// result is the two-dimensional integral to within rounding, and the bound is part of
/// the error estimate. For softplus E[r²] ~ 0.5/√q against E[φ²] ~ q/2: from q ≈ 5e10
/// on for E[φφ] (E[φ′φ′], bounded, only from q ≈ 1e32). Where a± are wrong or r grows
/// (sin(x) + x), E[r²] is large and the split is not used.
///
/// Cost: two 1-D integrals (one when q1 = q2) of ~24 log₂(√q/δ) nodes, at q = 1e200
/// about 2·10⁴ calls of φ instead of 10⁸.
struct AsymptoticCovariance: Sendable {
    let phi: Nonlinearity
    /// ψ's slopes a₋ = φ′(−∞), a₊ = φ′(+∞), as φ′(∓1e30).
    let left: Double
    let right: Double

    /// Relative size of the left-out term E[r r] below which the split is used.
    static let tolerance = 1e-16
    /// Smallest q at which the split is tried: below it the bound never passes for a
    /// decaying r (softplus needs q ≈ 5e10), and trying costs two 1-D integrals.
    static let smallestLength = 1e10

    /// `nil` for φ that do not grow linearly on either side (ψ = 0: nothing to split).
    init?(phi: Nonlinearity) {
        guard phi.asymptoticGrowth > 0, phi.asymptoticGrowth.isFinite, !phi.isPositivelyHomogeneous else { return nil }
        left = phi.derivative(-1e30)
        right = phi.derivative(1e30)
        guard left.isFinite, right.isFinite, left != 0 || right != 0 else { return nil }
        self.phi = phi
    }

    var alpha: Double { 0.5 * (right + left) }
    var beta: Double { 0.5 * (right - left) }

    /// The split's (E[φ(u1)φ(u2)], E[φ′(u1)φ′(u2)]) and the bounds on what it leaves out.
    struct Split: Sendable {
        var value: SIMD2<Double>
        var bound: SIMD2<Double>

        /// The left-out part of integral i (0: E[φφ], 1: E[φ′φ′]) is below `tolerance`
        /// times its value: the split stands for the two-dimensional integral there.
        func holds(_ i: Int) -> Bool { bound[i] <= AsymptoticCovariance.tolerance * value[i].magnitude }
    }

    /// (E[φ(u1)φ(u2)], E[φ′(u1)φ′(u2)]) and the bounds on the part left out of each.
    func covariance(_ c: Double, q1: Double, q2: Double, integrals: GaussianIntegrals) -> Split {
        let psi = GaussianKernel.piecewiseLinear(left: left, right: right).covariance(q1, q2, c)
        let one = crossTerms(c, q: q1, other: q2, integrals: integrals)
        let two = q1 == q2 ? one : crossTerms(c, q: q2, other: q1, integrals: integrals)
        let value = psi + SIMD2(one[0], one[1]) + SIMD2(two[0], two[1])
        let bound = SIMD2((one[2] * two[2]).squareRoot(), (one[3] * two[3]).squareRoot())
        return Split(value: value, bound: bound)
    }

    /// (E[r(u) Ψ], E[r′(u) Ψ′], E[r(u)²], E[r′(u)²]) over u = √q z, Ψ the closed-form
    /// mean of ψ at the other pre-activation, which given u has mean √other·c·z and
    /// standard deviation √other·√(1−c²).
    private func crossTerms(_ c: Double, q: Double, other: Double, integrals: GaussianIntegrals) -> SIMD4<Double> {
        let s = q.squareRoot(), t = other.squareRoot()
        let sc = Swift.max(0, (1 - c) * (1 + c)).squareRoot()
        let sigma = t * sc
        let a = alpha, b = beta, phi = self.phi
        // Ψ(z) is smooth but bends within √(1−c²)/|c| of z = 0 (a Gaussian-smoothed
        // kink), and r has ψ's kink at 0: split there and grade towards it.
        let bend = Singularity(location: 0, distance: sc / c.magnitude)
        return integrals.mean(q: q, anchors: [.kink(at: 0), bend]) { z in
            let x = s * z, mu = t * c * z
            let j = phi.jet(x)
            let sign: Double = x < 0 ? -1 : 1
            let r = j[0] - (a * x + b * x.magnitude), dr = j[1] - (a + b * sign)
            let e: Double, bent: Double
            if sigma > 0 {
                let w = mu / sigma
                e = Foundation.erf(w * 0.707_106_781_186_547_524_4)
                bent = 2 * sigma * 0.398_942_280_401_432_677_939_946_059_934 * exp(-0.5 * w * w)
            } else {
                e = mu < 0 ? -1 : (mu > 0 ? 1 : 0)
                bent = 0
            }
            let psi = a * mu + b * (mu * e + bent), dpsi = a + b * e
            return SIMD4(r * psi, dr * dpsi, r * r, dr * dr)
        }
    }
}

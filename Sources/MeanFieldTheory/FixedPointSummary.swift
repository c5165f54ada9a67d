import Foundation
import Numerical

/// Where a network sits between order and chaos.
public enum Phase: String, Sendable, CaseIterable {
    /// χ1 < 1: nearby inputs converge, c* = 1.
    case ordered
    /// χ1 > 1: nearby inputs decorrelate, c* < 1.
    case chaotic
    /// |χ1 − 1| within the accuracy of χ1 (at most 1e-12): the edge of chaos.
    case critical
    /// No stable fixed point of the length map (SPEC §10.1): q^l grows without bound from
    /// every q^1 > 0 (but those on a repelling fixed point), and q* does not exist.
    case divergent
}

/// Everything the theory says about one (φ, σw, σb), with error estimates.
public struct FixedPointSummary: Sendable {
    /// q* = V(q*)
    public var qStar: Estimate
    /// χ1 = σw² ∫Dz φ′(√q* z)²
    public var chi1: Estimate
    /// χ2 = σw² ∫Dz φ″(√q* z)², `nil` when φ′ jumps.
    public var chi2: Estimate?
    /// Stable fixed point of the correlation map.
    public var cStar: Estimate
    /// Slope of the correlation map at c*.
    public var chiC: Estimate
    /// Slope of the length map at q*, σw² ∫Dz [φ′² + φφ″].
    public var chiQ: Estimate
    public var phase: Phase

    /// ξ_q = −1/ln|χ_q|, `nil` (infinite) when |χ_q| ≥ 1. A negative χ_q (an
    /// oscillating approach to q*, sin) has the depth scale of |χ_q|.
    public var xiQ: Double? { depthScale(chiQ.value) }
    /// ξ_c = −1/ln|χ_c|, `nil` (infinite) when |χ_c| ≥ 1. It is finite for any χ_c < 1,
    /// the critical phase included (relu at σw = √2 rounds to χ_c = 1 − 2⁻⁵², ξ_c =
    /// 4.5e15), as ξ_q is.
    public var xiC: Double? { depthScale(chiC.value) }
    /// ξ_∇ = −1/ln χ1, the depth scale of backpropagated gradients (q̃^l = χ1 q̃^{l+1},
    /// SPEC §7): positive in order (they vanish), negative in chaos (they explode),
    /// `nil` (infinite) at χ1 = 1 exactly and 0 at χ1 = 0.
    public var xiGrad: Double? { gradientDepthScale(chi1.value) }
}

/// ξ = −1/ln|χ| for |χ| < 1 (ξ = 0 at χ = 0); `nil` when |χ| ≥ 1 (no finite depth
/// scale). A deviation from the fixed point scales by χ per layer, so by |χ|^l in size
/// whatever its sign: a negative χ (the deviation alternates in sign) has the depth
/// scale of |χ|. ln|χ| keeps every digit right up to |χ| = 1 − 2⁻⁵³ (χ is exact, ln is
/// accurate to an ulp there: −1.1e-16), so ξ is finite for every |χ| < 1.
public func depthScale(_ chi: Double) -> Double? {
    let a = chi.magnitude
    guard a < 1 else { return nil }
    return a == 0 ? 0 : -1 / log(a)
}

/// ξ_∇ = −1/ln χ1 (SPEC §7): positive where gradients vanish (χ1 < 1), negative where
/// they explode; `nil` at χ1 = 1 exactly (and for χ1 < 0 or not finite), 0 at χ1 = 0.
public func gradientDepthScale(_ chi1: Double) -> Double? {
    guard chi1.isFinite, chi1 >= 0, chi1 != 1 else { return nil }
    return chi1 == 0 ? 0 : -1 / log(chi1)
}

extension MeanFieldModel {
    /// Tolerance on |χ1 − 1| below which the phase is `critical`.
    public static let criticalTolerance = 1e-12

    /// q*, χ1, χ2, c*, χ_c, χ_q and the phase, each value with its error estimate
    /// (the difference from the companion quadrature, propagated through the fixed
    /// points: δq* = δV/(1 − χ_q), δc* = δF/(1 − χ_c)).
    ///
    /// With `errorEstimates: false` the companion-rule passes are skipped and every
    /// error is reported as 0 (the phase diagram, which prints values only).
    public func summary(errorEstimates: Bool = true) throws -> FixedPointSummary {
        try summary(qStar: lengthFixedPoint(), errorEstimates: errorEstimates)
    }

    /// `summary` at a q* already found (`LengthFixedPoints.qStar`).
    public func summary(qStar q: Double, errorEstimates: Bool = true) throws -> FixedPointSummary {
        if kernel == nil && integrals.isUnderResolved(q: q) {
            throw TheoryError.undefined(
                "phi=\(phi.name) oscillates on the scale 1/sqrt(q*) = \(1 / q.squareRoot()) at q* ~ \(q): "
                + "its Gaussian integrals need more than \(GaussianQuadrature.maxPanels) quadrature panels "
                + "and it has no closed form, so q*, chi1 and c* cannot be resolved (take a smaller sigma-w)")
        }
        let m = moments(q), mc = errorEstimates ? companion.moments(q) : m
        let vError = w2 * (m.phi2 - mc.phi2).magnitude
        let chiQ = Estimate(value: w2 * m.slope, error: w2 * (m.slope - mc.slope).magnitude)
        // δq* = δV/(1 − χ_q); near criticality, where 1 − χ_q → 0, the quadratic term
        // of V − q takes over and the error grows like √δV instead.
        let qError = q == 0 ? 0 : vError / Swift.max((1 - chiQ.value).magnitude, vError.squareRoot())
        let chi1 = Estimate(value: chi1(m), error: w2 * (m.dphi2 - mc.dphi2).magnitude)
        var chi2: Estimate?
        if let d = m.ddphi2, let dc = mc.ddphi2 {
            chi2 = Estimate(value: w2 * d, error: w2 * (d - dc).magnitude)
        }
        let phase: Phase =
            (chi1.value - 1).magnitude <= Swift.max(Self.criticalTolerance, chi1.error)
            ? .critical : (chi1.value < 1 ? .ordered : .chaotic)
        var cStar = Estimate(value: 1, error: 0)
        var chiC = chi1
        if phase == .chaotic && q > 0 {
            let (c, slope) = try correlationFixedPoint(qStar: q, chi1: chi1.value)
            cStar = Estimate(value: c, error: 0)
            chiC = Estimate(value: slope, error: 0)
            if errorEstimates {
                // δc* = δF/(1 − χ_c), δF the companion-rule difference of C(c*)/q*.
                let here = covarianceAndSlope(c, q1: q, q2: q) / q
                let there = companion.covarianceAndSlope(c, q1: q, q2: q) / q
                cStar.error = (here.x - there.x).magnitude / Swift.max(1 - slope, 1e-300)
                chiC.error = (here.y - there.y).magnitude
            }
        }
        return FixedPointSummary(
            qStar: Estimate(value: q, error: qError), chi1: chi1, chi2: chi2,
            cStar: cStar, chiC: chiC, chiQ: chiQ, phase: phase)
    }
}

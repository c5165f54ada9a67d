import Foundation
import Numerical

extension MeanFieldModel {
    /// The correlation map at the length fixed point, c ↦ C(c; q*, q*)/q*.
    public func correlationMap(_ c: Double, qStar: Double) -> Double {
        qStar == 0 ? c : covarianceMap(c, q1: qStar, q2: qStar) / qStar
    }

    /// c*, the stable fixed point of the correlation map on [0, 1], and the map's slope
    /// there, χ_c = σw² ∫Dz1Dz2 φ′(u1)φ′(u2) at c = c*.
    ///
    /// c* = 1 and χ_c = χ1 when χ1 ≤ 1. Otherwise c* is the smallest root of
    /// F(c) = C(c)/q* − c on [0, 1). By Mehler's expansion C(c) = σw² Σ_k a_k² c^k/k! + σb²
    /// has non-negative coefficients, so F is convex on [0, 1] with F(0) ≥ 0, F(1) = 0 and
    /// F′(1) = χ1 − 1 > 0. Newton's method from c = 0 therefore increases monotonically to
    /// c* without overshoot, converging quadratically (linearly, ratio ½, only while c*
    /// is nearly a double root close to criticality); from a point just right of c* (where
    /// F < 0 and F′ < 0) one tangent step lands left of c*, and the same holds from there.
    /// F′(c) = χ_c(c) − 1 comes from the same quadrature pass as F (Price's theorem).
    ///
    /// Cost: the steps far from c* use `GaussianQuadrature.coarse` (about a quarter of
    /// the work, ~1e-9 accurate); the last two use the model's own rule (all of them,
    /// from c = 0, when the coarse start falls beyond F's minimum near criticality).
    /// For odd φ with σb = 0, C(0) = 0 and c* = 0 exactly.
    public func correlationFixedPoint(qStar: Double, chi1: Double) throws -> (cStar: Double, chiC: Double) {
        if chi1 <= 1 || qStar == 0 { return (1, chi1) }
        if phi.parity == .odd && sigmaB == 0 {
            // C(0) = σw² E[φ(u1)] E[φ(u2)] = 0 by symmetry: c* = 0, exactly.
            return (0, derivativeCovariance(0, q1: qStar, q2: qStar))
        }
        var coarse = self
        coarse.integrals = GaussianIntegrals(phi: phi, quadrature: .coarse)
        let start = (try? coarse.newtonCorrelation(from: 0, qStar: qStar, tolerance: 1e-5))?.cStar ?? 0
        if let result = try? newtonCorrelation(from: start, qStar: qStar, tolerance: 4 * .ulpOfOne) {
            return result
        }
        // Near criticality c* and 1 are nearly a double root and F′(c*) → 0, so the coarse
        // rule's root can sit right of F's minimum (σw = 1.76, σb = 0.83: c* = 1 − 2.4e-6).
        // From c = 0 the full rule's Newton iteration is safe by convexity.
        return try newtonCorrelation(from: 0, qStar: qStar, tolerance: 4 * .ulpOfOne)
    }

    /// Newton's method on F(c) = C(c)/q* − c from `c0`, until a step is below
    /// `tolerance`·max(c, 0.01); returns the last iterate and the slope χ_c there.
    func newtonCorrelation(from c0: Double, qStar: Double, tolerance: Double) throws -> (cStar: Double, chiC: Double) {
        var c = c0
        for _ in 0..<200 {
            let m = covarianceAndSlope(c, q1: qStar, q2: qStar) / qStar
            let f = m.x - c, slope = m.y - 1
            if f == 0 { return (c, m.y) }
            guard slope < 0 else {
                throw TheoryError.noConvergence(
                    "c* search: the correlation map has slope \(m.y) >= 1 at c=\(c) below its fixed point (phi=\(phi.name))")
            }
            let next = Swift.max(0, Swift.min(1, c - f / slope))
            // F is known to ~ε times the size of its integrand, C(1)/q* = 1, whatever
            // F itself is (c* = 1.5e-4 at σb = 0.01): steps below ε/|F′| are noise.
            let noise = 16 * .ulpOfOne / slope.magnitude
            if (next - c).magnitude <= Swift.max(tolerance * Swift.max(c, 0.01), noise) { return (next, m.y) }
            c = next
        }
        throw TheoryError.noConvergence("c* search: Newton's method did not converge in 200 steps")
    }
}

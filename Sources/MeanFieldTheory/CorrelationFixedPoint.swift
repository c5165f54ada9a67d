import Foundation

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
    /// is nearly a double root close to criticality). F′(c) = χ_c(c) − 1 comes from the
    /// same quadrature pass as F (Price's theorem), and χ_c at c* comes for free.
    /// For odd φ with σb = 0, F(0) = 0 exactly and c* = 0.
    public func correlationFixedPoint(qStar: Double, chi1: Double) throws -> (cStar: Double, chiC: Double) {
        if chi1 <= 1 || qStar == 0 { return (1, chi1) }
        var c = 0.0
        for _ in 0..<200 {
            let m = covarianceAndSlope(c, q1: qStar, q2: qStar) / qStar
            let f = m.x - c, slope = m.y - 1
            if f <= 0 { return (c, m.y) }
            guard slope < 0 else {
                throw TheoryError.noConvergence(
                    "c* search: the correlation map is not convex at c=\(c) (slope \(m.y)); phi=\(phi.name)")
            }
            let next = c - f / slope
            if next - c <= 4 * Double.ulpOfOne * Swift.max(c, 1e-300) || next >= 1 {
                return (Swift.min(next, 1), covarianceAndSlope(next, q1: qStar, q2: qStar).y / qStar)
            }
            c = next
        }
        throw TheoryError.noConvergence("c* search: Newton's method did not converge in 200 steps")
    }
}

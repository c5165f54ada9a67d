import Foundation
import Numerical

extension MeanFieldModel {
    /// q* = V(q*): the limit of q^l = V(q^{l−1}) from a large q^1 (for the increasing
    /// length maps of every φ here, the largest fixed point; from any q^1 > 0 when it is
    /// the only positive one). q* = 0 is legitimate (tanh, σb = 0, σw ≤ 1).
    ///
    /// Algorithm: find hi with V(hi) < hi (doubling; the bound exists iff the map does
    /// not diverge), then step down by factors of 16 until V(lo) > lo, and solve
    /// V(q) − q = 0 on [lo, hi] with GSL's Brent solver. Near criticality the bare
    /// iteration q ← V(q) converges sub-exponentially; the bracket does not care.
    /// When no lo exists down to 1e-300 and V(0) = 0, q* = 0.
    ///
    /// - Throws: `TheoryError.diverges` when V(q) > q for all q (relu with σw² > 2, or
    ///   σw² = 2 and σb > 0), `.notUnique` when V(q) = q identically (relu, σw² = 2,
    ///   σb = 0), `.invalidParameter` for q* beyond 1e250.
    public func lengthFixedPoint() throws -> Double {
        let growth = w2 * phi.asymptoticGrowth
        if phi.asymptoticGrowth == .infinity && w2 > 0 {
            throw TheoryError.diverges(
                "the length map diverges for phi=\(phi.name): φ grows faster than linearly, so q^l grows without "
                + "bound from large q^1 at every sigma-w > 0, and q* (the limit from large q^1) does not exist")
        }
        if growth > 1 {
            throw TheoryError.diverges(
                "the length map diverges for phi=\(phi.name) with sigma-w^2 * \(phi.asymptoticGrowth) = \(growth) > 1: "
                + "q^l grows without bound and q* does not exist (need sigma-w < \(1 / phi.asymptoticGrowth.squareRoot()))")
        }
        if phi.isPositivelyHomogeneous { return try homogeneousLengthFixedPoint() }
        let f: (Double) -> Double = { q in lengthMap(q) - q }
        var hi = Swift.max(1, 2 * lengthMap(0))
        var fhi = f(hi)
        while !(fhi < 0) {
            hi *= 16
            fhi = f(hi)
            if hi > 1e250 || !fhi.isFinite {
                throw TheoryError.diverges(
                    "the length map diverges for phi=\(phi.name), sigma-w=\(sigmaW), sigma-b=\(sigmaB): "
                    + "V(q) > q for every q up to 1e250, so q* does not exist")
            }
        }
        // Step down from hi to the first q with V(q) > q. When V(0) = 0, V(q) − q near
        // q = 0 is a difference of two nearly equal numbers (tanh at σw = 1: q − 2q²), so
        // it must clear the rounding level 64ε·q to count: a root below that is within
        // the accuracy of criticality and q* is reported as 0.
        let floor = lengthMap(0) == 0 ? 64 * Double.ulpOfOne : 0
        var lo = hi
        var flo = fhi
        while !(flo > floor * lo) {
            if lo < 1e-300 { return 0 }
            hi = lo
            lo /= 16
            flo = f(lo)
        }
        return try BracketingSolver().root(in: lo, hi) { f($0) }
    }

    /// For φ(λx) = λφ(x), λ > 0 (the piecewise-linear family), V(q) = σw² m q + σb² with
    /// m = E[φ(z)²], a line: q* = σb²/(1 − σw² m) when σw² m < 1.
    private func homogeneousLengthFixedPoint() throws -> Double {
        let slope = w2 * phi.asymptoticGrowth
        if slope < 1 { return b2 / (1 - slope) }
        if b2 > 0 {
            throw TheoryError.diverges(
                "the length map diverges for phi=\(phi.name) with sigma-w=\(sigmaW): V(q) = q + \(b2) > q, "
                + "so q* does not exist (need sigma-w < \(1 / phi.asymptoticGrowth.squareRoot()))")
        }
        if slope > 1 {
            throw TheoryError.diverges(
                "the length map diverges for phi=\(phi.name) with sigma-w=\(sigmaW), sigma-b=0: V(q) = \(slope) q, "
                + "so q = 0 is an unstable fixed point and every q^1 > 0 grows without bound "
                + "(need sigma-w <= \(1 / phi.asymptoticGrowth.squareRoot()))")
        }
        throw TheoryError.notUnique(
            "every q is a fixed point of the length map for phi=\(phi.name), sigma-w=\(sigmaW), sigma-b=0 "
            + "(V(q) = q), so q* is not unique")
    }
}

import Foundation
import Numerical

extension MeanFieldModel {
    /// q*: the largest stable fixed point of V (SPEC §10.1; `lengthFixedPoints`). Where
    /// V has one stable fixed point it is the limit of q^l = V(q^{l−1}) from every
    /// q^1 > 0 (from large q^1 when some q^1 diverge); q* = 0 is legitimate (tanh,
    /// σb = 0, σw ≤ 1).
    ///
    /// - Throws: `TheoryError.diverges` when no fixed point is stable (relu with σw² > 2,
    ///   or σw² = 2 and σb > 0; silu with σw ≳ 1.71 at σb = 0.2), `.notUnique` when
    ///   V(q) = q identically (relu, σw² = 2, σb = 0).
    public func lengthFixedPoint() throws -> Double {
        let all = try lengthFixedPoints()
        if let q = all.qStar { return q }
        throw TheoryError.diverges(noStableFixedPoint(all))
    }

    /// Why q* does not exist, for a map without a stable fixed point.
    public func noStableFixedPoint(_ all: LengthFixedPoints) -> String {
        let growth = w2 * phi.asymptoticGrowth
        if all.points.isEmpty && phi.asymptoticGrowth == .infinity {
            return "the length map diverges for phi=\(phi.name): φ grows faster than linearly, so q^l grows without "
                + "bound from large q^1 at every sigma-w > 0, and q* (the limit from large q^1) does not exist"
        }
        if (all.points.isEmpty || phi.isPositivelyHomogeneous) && growth > 1 {
            return "the length map diverges for phi=\(phi.name) with sigma-w^2 * \(phi.asymptoticGrowth) = \(growth) > 1: "
                + "q^l grows without bound and q* does not exist (need sigma-w < \(1 / phi.asymptoticGrowth.squareRoot()))"
        }
        if phi.isPositivelyHomogeneous {
            return "the length map diverges for phi=\(phi.name) with sigma-w=\(sigmaW): V(q) = q + \(b2) > q, "
                + "so q* does not exist (need sigma-w < \(1 / phi.asymptoticGrowth.squareRoot()))"
        }
        let list = all.points.map { "\($0.q)" }.joined(separator: ", ")
        let above = all.divergesAbove.map { ", and every q^1 > \($0) grows without bound" } ?? ""
        return "the length map has no stable fixed point for phi=\(phi.name), sigma-w=\(sigmaW), sigma-b=\(sigmaB) "
            + (all.points.isEmpty ? "(V(q) > q for every q up to 1e250)" : "(fixed points q = \(list), each repelling)")
            + above + ", so q* does not exist"
    }
}

import Model
import Foundation
import Nonlinearities
import Numerical

/// The order-to-chaos boundary: for each σb, the σw at which χ1 = 1 at a stable fixed
/// point, solved jointly with q* = V(q*), and the saddle-node where the stable branch of
/// fixed points ends (SPEC §10.1; `OrderChaosBoundary+StableBranch.swift`).
public struct OrderChaosBoundary: Sendable {
    public let phi: Nonlinearity
    public var quadrature: GaussianQuadrature = .standard
    /// The architecture (SPEC §11): χ1 is then the slope at c = 1 of its correlation map
    /// at its q*. Dropout has no boundary (c = 1 is not a fixed point at any σw).
    public var architecture: Architecture = .plain

    public init(phi: Nonlinearity, quadrature: GaussianQuadrature = .standard) {
        self.phi = phi
        self.quadrature = quadrature
    }

    /// The bracket's limits: just below `Network.sigmaLimit` (σw² < 1e150), and below
    /// 1e-150 χ1 = σw²·E[φ′²] is zero for any φ′ a double can hold.
    static let largestSigmaW = 0.999 * Network.sigmaLimit  // exactly 0.999e75
    static let smallestSigmaW = 1e-150

    /// χ1(σw) − 1 at fixed σb, with q* recomputed for each σw.
    func excessGain(sigmaW: Double, sigmaB: Double) throws -> Double {
        if !architecture.isPlain {
            let n = try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, architecture: architecture)
            return try MeanFieldModel(network: n, quadrature: quadrature).architectureChi1() - 1
        }
        let model = try MeanFieldModel(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, quadrature: quadrature)
        let q = try model.lengthFixedPoint()
        return model.chi1(model.moments(q)) - 1
    }

    /// σw with χ1 = 1 at a stable fixed point at this σb (`point(sigmaB:)`).
    ///
    /// - Throws: `TheoryError.noConvergence` when there is none (χ1 = 1 only on an
    ///   unstable fixed point, or nowhere), with the reason.
    public func criticalSigmaW(sigmaB: Double) throws -> Double {
        let p = try point(sigmaB: sigmaB)
        guard let w = p.sigmaWCritical else { throw TheoryError.noConvergence(p.why ?? "no boundary") }
        return w
    }

    /// σw with χ1 = 1 at q* (the largest stable fixed point) at this σb, by GSL's Brent
    /// solver on a bracket found by doubling, within the σw where q* exists (below
    /// 1/√(lim E[φ²]/q) for φ that grow linearly). For the piecewise-linear family χ1 =
    /// σw² E[φ′(z)²] does not depend on q*, so σw = 1/√E[φ′²] in closed form (relu: √2),
    /// even where q* itself diverges. Used where q* moves continuously with σw: φ that
    /// grow less than linearly, σb = 0 with φ(0) = 0, the piecewise-linear family.
    func criticalSigmaWAtQStar(sigmaB: Double) throws -> Double {
        let integrals = GaussianIntegrals(phi: phi, quadrature: quadrature)
        if phi.isPositivelyHomogeneous && architecture.isPlain {
            // χ1 = σw²(a² + b²)/2 with slopes a = φ′(1), b = φ′(−1), whatever q: scaled by
            // the larger slope so that x*1e200 does not overflow to a boundary at 0.
            let a = phi.derivative(1).magnitude, b = phi.derivative(-1).magnitude
            let m = Swift.max(a, b)
            let edge = m > 0 ? 1 / (m * (((a / m) * (a / m) + (b / m) * (b / m)) / 2).squareRoot()) : .infinity
            guard edge >= Self.smallestSigmaW else {
                throw TheoryError.noConvergence(
                    "chi1 >= 1 for every sigma-w down to \(Self.smallestSigmaW) at sigma-b=\(sigmaB) (phi=\(phi.name)): no boundary")
            }
            guard edge < Self.largestSigmaW else {
                throw TheoryError.noConvergence(
                    "chi1 stays below 1 for every sigma-w up to \(Network.sigmaLimitText) at sigma-b=\(sigmaB) (phi=\(phi.name)): no boundary")
            }
            return edge
        }
        if sigmaB == 0 && phi.value(0) == 0 && architecture.isPlain {
            // V(0) = 0: q* = 0 is a fixed point and χ1 there is σw²·E[φ′(0·z)²] (the mean
            // of the one-sided φ′(0)² at a kink), so the boundary, where q* = 0 loses
            // stability, is σw = 1/|φ′(0)| in closed form (tanh: 1, erf: √π/2) — a root
            // finder through q* → 0 gets only ~1e-8 of it.
            let d2 = integrals.mean(q: 0) { x in let d = phi.derivative(x); return d * d }
            if d2 > 0 && d2.isFinite { return 1 / d2.squareRoot() }
        }
        // q* exists only for σw below `limit` (σw²·lim E[φ²]/q < 1: elu, selu, silu
        // grow linearly): the bracket stays below it, and approaches it by halving the
        // gap rather than stepping past it into σw where there is no q* to evaluate χ1 at.
        let growth = phi.asymptoticGrowth
        let limit = growth > 0 && architecture.isPlain ? Swift.min(1 / growth.squareRoot(), Self.largestSigmaW) : Self.largestSigmaW
        // Bracket by factors of 4 in both directions, up to `limit`: χ1 = 1 can lie far
        // out (σb = 2.5e11: σw ≈ 6.9e5; σb = 1e74: ~1e37).
        var lo = limit > 1 ? 0.5 : limit / 4, hi = 2 * lo
        var flo = try excessGain(sigmaW: lo, sigmaB: sigmaB)
        while flo >= 0 {
            hi = lo
            lo /= 4
            if lo < Self.smallestSigmaW {
                throw TheoryError.noConvergence(
                    "chi1 >= 1 for every sigma-w down to \(Self.smallestSigmaW) at sigma-b=\(sigmaB) (phi=\(phi.name)): no boundary")
            }
            flo = try excessGain(sigmaW: lo, sigmaB: sigmaB)
        }
        var fhi = try excessGain(sigmaW: hi, sigmaB: sigmaB)
        while fhi < 0 {
            lo = hi
            if limit == Self.largestSigmaW {
                if hi >= limit {
                    throw TheoryError.noConvergence(
                        "chi1 stays below 1 for every sigma-w up to \(Network.sigmaLimitText) at sigma-b=\(sigmaB) (phi=\(phi.name)): no boundary")
                }
                hi = Swift.min(4 * hi, limit)
            } else {
                if limit - hi <= Self.limitGap * limit {
                    throw TheoryError.noConvergence(
                        "chi1 stays below 1 for every sigma-w below \(limit) at sigma-b=\(sigmaB) (phi=\(phi.name)), "
                        + "the sigma-w where q* stops existing (sigma-w^2 * \(growth) = 1): no boundary")
                }
                hi = 4 * hi < limit ? 4 * hi : hi + 0.5 * (limit - hi)
            }
            fhi = try excessGain(sigmaW: hi, sigmaB: sigmaB)
        }
        if fhi == 0 { return hi }
        var solver = BracketingSolver()
        solver.relativeTolerance = 1e-15
        return try solver.root(in: lo, hi) { try excessGain(sigmaW: $0, sigmaB: sigmaB) }
    }

    /// How close to its upper limit the bracket's σw may come, relative: below that gap
    /// (q* ~ σb²/gap there) χ1 < 1 counts as "no boundary".
    static let limitGap = 1e-12
}

import Model
import Foundation
import Nonlinearities
import Numerical

/// The order-to-chaos boundary: for each σb, the σw at which χ1 = 1, solved jointly with
/// q* = V(q*).
public struct OrderChaosBoundary: Sendable {
    public let phi: Nonlinearity
    public var quadrature: GaussianQuadrature = .standard

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
        let model = try MeanFieldModel(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, quadrature: quadrature)
        let q = try model.lengthFixedPoint()
        return model.chi1(model.moments(q)) - 1
    }

    /// σw with χ1 = 1 at this σb, by GSL's Brent solver on a bracket found by doubling.
    /// For the piecewise-linear family χ1 = σw² E[φ′(z)²] does not depend on q*, so
    /// σw = 1/√E[φ′²] in closed form (relu: √2), even where q* itself diverges.
    public func criticalSigmaW(sigmaB: Double) throws -> Double {
        guard sigmaB.isFinite, sigmaB >= 0 else {
            throw TheoryError.invalidParameter("sigma-b must be a finite number >= 0, got \(sigmaB)")
        }
        let integrals = GaussianIntegrals(phi: phi, quadrature: quadrature)
        if phi.isPositivelyHomogeneous {
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
        if sigmaB == 0 && phi.value(0) == 0 {
            // V(0) = 0: q* = 0 is a fixed point and χ1 there is σw²·E[φ′(0·z)²] (the mean
            // of the one-sided φ′(0)² at a kink), so the boundary, where q* = 0 loses
            // stability, is σw = 1/|φ′(0)| in closed form (tanh: 1, erf: √π/2) — a root
            // finder through q* → 0 gets only ~1e-8 of it.
            let d2 = integrals.mean(q: 0) { x in let d = phi.derivative(x); return d * d }
            if d2 > 0 && d2.isFinite { return 1 / d2.squareRoot() }
        }
        // Bracket by factors of 4 in both directions, up to the model's σ limit
        // (`Network.sigmaLimit`): χ1 = 1 can lie far out (σb = 2.5e11: σw ≈ 6.9e5; σb = 1e74: ~1e37).
        var lo = 0.5, hi = 1.0
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
            if hi >= Self.largestSigmaW {
                throw TheoryError.noConvergence(
                    "chi1 stays below 1 for every sigma-w up to \(Network.sigmaLimitText) at sigma-b=\(sigmaB) (phi=\(phi.name)): no boundary")
            }
            hi = Swift.min(4 * hi, Self.largestSigmaW)
            fhi = try excessGain(sigmaW: hi, sigmaB: sigmaB)
        }
        if fhi == 0 { return hi }
        var solver = BracketingSolver()
        solver.relativeTolerance = 1e-15
        return try solver.root(in: lo, hi) { try excessGain(sigmaW: $0, sigmaB: sigmaB) }
    }
}

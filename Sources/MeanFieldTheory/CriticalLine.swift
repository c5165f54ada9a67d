import Foundation
import Nonlinearities

/// The point on the critical line (χ1 = 1 at a fixed point) whose fixed point is q*
/// (SPEC §10.2; Xiao et al. 2018, "Dynamical isometry and a mean field theory of CNNs", §2).
public struct CriticalLinePoint: Sendable, Equatable {
    public var qStar: Double
    /// σw = 1/√E[φ′(√q* z)²]
    public var sigmaW: Double
    /// σb² = q* − σw² E[φ(√q* z)²]; may be negative (no network has this q* on the critical line).
    public var sigmaB2: Double
    /// χ_q = σw² dE[φ²]/dq at q* = 1 + E[φφ″]/E[φ′²].
    public var chiQ: Double

    /// σb, `nil` where σb² < 0.
    public var sigmaB: Double? { sigmaB2 >= 0 ? sigmaB2.squareRoot() : nil }
    /// q* attracts the lengths next to it (χ_q < 1).
    public var stable: Bool { chiQ < 1 }
}

/// The critical line parameterised by its fixed point: for a chosen q*,
///
///     σw² = 1 / E[φ′(√q* z)²],   σb² = q* − σw² E[φ(√q* z)²],
///
/// so that χ1 = σw² E[φ′²] = 1 and V(q*) = σw² E[φ²] + σb² = q*. Every (σw, σb) on the
/// order-to-chaos boundary is one of these points (`OrderChaosBoundary` finds it for a
/// given σb instead); χ_q there says whether q* is stable. tanh and erf: stable at every
/// q* (χ_q = 1 + E[φφ″]/E[φ′²] < 1, φφ″ ≤ 0); silu and gelu: unstable for q* below 14.320
/// and 3.5616 (`OrderChaosBoundary+StableBranch.swift`).
public struct CriticalLine: Sendable {
    public let phi: Nonlinearity
    public var quadrature: GaussianQuadrature = .standard

    public init(phi: Nonlinearity, quadrature: GaussianQuadrature = .standard) {
        self.phi = phi
        self.quadrature = quadrature
    }

    /// - Throws: `TheoryError.invalidParameter` for q* < 0 or not finite;
    ///   `TheoryError.undefined` where E[φ′²] = 0 (no σw reaches χ1 = 1) or the integrals
    ///   overflow or are not resolved.
    public func point(qStar q: Double) throws -> CriticalLinePoint {
        guard q.isFinite, q >= 0 else {
            throw TheoryError.invalidParameter("q-star must be a finite number >= 0, got \(q)")
        }
        // The moments do not depend on σw or σb.
        let model = try MeanFieldModel(phi: phi, sigmaW: 1, sigmaB: 0, quadrature: quadrature)
        if model.kernel == nil && model.integrals.isUnderResolved(q: q) {
            throw TheoryError.undefined(
                "phi=\(phi.name) oscillates on the scale 1/sqrt(q*) = \(1 / q.squareRoot()) at q*=\(q): its Gaussian "
                + "integrals need more than \(GaussianQuadrature.maxPanels) quadrature panels (take a smaller q*)")
        }
        let m = model.moments(q)
        guard m.dphi2 > 0, m.dphi2.isFinite, m.phi2.isFinite, m.slope.isFinite else {
            throw TheoryError.undefined(
                "E[phi'(sqrt(q*) z)^2] = \(m.dphi2) at q*=\(q) for phi=\(phi.name): no sigma-w gives chi1 = 1 there")
        }
        let w2 = 1 / m.dphi2
        return CriticalLinePoint(qStar: q, sigmaW: w2.squareRoot(), sigmaB2: q - w2 * m.phi2, chiQ: w2 * m.slope)
    }
}

import Foundation
import Numerical

/// One input–output mode of singular value s, learned by gradient flow in an N_l-layer
/// linear network from decoupled initial conditions (SPEC §8; Saxe, McClelland &
/// Ganguli 2014): with m = N_l − 1 weight matrices of equal strength, a = w^m and
///
///     τ da/dt = m a^{2 − 2/m} (s − a),     a(0) = a0,  τ = 1/λ, t in epochs.
///
/// - Three layers (m = 2): a(t) = s e^{2st/τ} / (e^{2st/τ} − 1 + s/a0), and the time
///   from a0 to af is t = (τ/2s) ln(af (s − a0) / (a0 (s − af))).
/// - Two layers (m = 1, no hidden layer): a(t) = s − (s − a0) e^{−t/τ}, t = τ ln((s − a0)/(s − af)).
/// - Any depth: the ODE integrated by GSL (`ODEIntegrator`, rk8pd, relative tolerance
///   1e-12), and the time to criterion as the ODE with t the dependent variable,
///   dt/da = τ / (m a^{2−2/m} (s − a)), integrated from a0 to af (no root finding, and
///   no bracket to guess: the plateau's length is unknown beforehand).
public struct ModeDynamics: Sendable {
    public let s: Double
    public let a0: Double
    public let tau: Double
    public let layers: Int
    public var integrator = ODEIntegrator()

    /// - Throws: `LearningError` unless s > 0, 0 < a0, τ > 0 (all finite) and N_l >= 2.
    public init(s: Double, a0: Double, tau: Double, layers: Int) throws {
        guard layers >= 2 else { throw LearningError.tooFewLayers(layers) }
        guard s.isFinite, s > 0 else { throw LearningError.invalid("the singular value s must be finite and > 0, got \(s)") }
        guard a0.isFinite, a0 > 0 else {
            throw LearningError.invalid("--a0 must be finite and > 0 (the mode ODE has a^{2−2/(N_l−1)}), got \(a0)")
        }
        guard tau.isFinite, tau > 0 else { throw LearningError.invalid("τ = 1/λ must be finite and > 0, got \(tau)") }
        self.s = s
        self.a0 = a0
        self.tau = tau
        self.layers = layers
    }

    /// m = N_l − 1, the number of weight matrices.
    public var matrices: Int { layers - 1 }

    /// da/dt = m a^{2 − 2/m} (s − a) / τ.
    public func rate(_ a: Double) -> Double {
        let m = Double(matrices)
        return m * Foundation.pow(a, 2 - 2 / m) * (s - a) / tau
    }

    /// The exact a(t) for two and three layers, nil deeper.
    ///
    /// Three layers: a = s / D with D = 1 + (s/a0 − 1) e^{−x}, x = 2st/τ: the same
    /// function as the sigmoid s e^{2st/τ}/(e^{2st/τ} − 1 + s/a0), without overflowing
    /// e^{2st/τ} at late times. For s >= a0 both terms of D are >= 0 and D is accurate.
    /// For s < a0 it is 1 − (1 − s/a0) e^{−x}, which cancels as s/a0 and x shrink (at
    /// s = 1e-300, a0 = 1e-3: D = 0 in doubles, a = ∞), so there D is written as
    /// e^{−x} s/a0 + (1 − e^{−x}), and a = s/D as
    ///
    ///     a = a0 / (e^{−x} + a0 (2t/τ) φ(x)),   φ(x) = (1 − e^{−x})/x = −expm1(−x)/x,  φ(0) = 1,
    ///
    /// a sum of non-negative terms with no s/a0 or 1/s to underflow or overflow; as s → 0
    /// it tends to the s = 0 solution a0 / (1 + 2 a0 t/τ).
    public func closedForm(at t: Double) -> Double? {
        switch layers {
        case 2: return s - (s - a0) * Foundation.exp(-t / tau)
        case 3:
            let x = 2 * s * t / tau
            if s >= a0 { return s / (1 + (s / a0 - 1) * Foundation.exp(-x)) }
            let phi = x == 0 ? 1 : -Foundation.expm1(-x) / x
            return a0 / (Foundation.exp(-x) + a0 * (2 * t / tau) * phi)
        default: return nil
        }
    }

    /// The largest learning rate at which gradient descent converges to the learned modes:
    ///
    ///     λ_edge = 2 / ((N_l − 1) s_1^{2 − 2/(N_l − 1)}),   s_1 the largest singular value.
    ///
    /// One epoch on a decoupled mode is forward Euler on the per-layer strength w (a = w^m,
    /// m = N_l − 1): w ← w + λ g(w), g(w) = w^{m−1}(s − w^m). At the fixed point w* = s^{1/m},
    /// g′(w*) = −m w*^{2m−2} = −m s^{2−2/m}, so the map's slope there is 1 − λ m s^{2−2/m},
    /// and |1 − λ m s^{2−2/m}| < 1 iff λ < 2/(m s^{2−2/m}). The same number is the largest
    /// eigenvalue of the error's Hessian at a balanced minimum (JᵀJ, J the Jacobian of W^tot:
    /// Σ_l s_i^{2(m−l)/m} s_j^{2(l−1)/m}, largest at i = j = 1), so it bounds every start
    /// that reaches the balanced solution. Past it the modes oscillate about s instead of
    /// converging (measured: s = 3 at 3, 4 and 6 layers converges at 0.95 λ_edge and
    /// oscillates at 1.05 λ_edge). Two layers: 2, whatever s.
    public static func stabilityEdge(s: Double, layers: Int) -> Double {
        let m = Double(layers - 1)
        return 2 / (m * Foundation.pow(s, 2 - 2 / m))
    }

    /// a(t) at each time (ascending, >= 0) by the GSL integration of the mode ODE.
    public func integrated(at times: [Double]) throws -> [Double] {
        try integrator.solve(from: 0, a0, at: times) { _, a in
            // a stays in (0, max(a0, s)] on the exact flow; a trial stage may step past 0.
            rate(Swift.max(a, 0))
        }
    }

    /// a(t): the closed form where there is one, else the integrated ODE.
    public func strength(at times: [Double]) throws -> [Double] {
        if closedForm(at: 0) != nil { return times.map { closedForm(at: $0) ?? .nan } }
        return try integrated(at: times)
    }

    /// a(t) at ascending times asked one at a time (`ModeTrajectory.strength(at:)`), with
    /// the values of `strength(at:)` and memory independent of how many times are asked.
    public func trajectory() throws -> ModeTrajectory {
        if closedForm(at: 0) != nil { return ModeTrajectory(dynamics: self, integration: nil) }
        let integration = try integrator.start(from: 0, a0) { [self] _, a in rate(Swift.max(a, 0)) }
        return ModeTrajectory(dynamics: self, integration: integration)
    }

    /// The exact time from a0 to af (two and three layers), nil deeper or when af is not
    /// strictly between a0 and s.
    public func closedFormTime(to af: Double) -> Double? {
        guard (a0 < af && af < s) || (s < af && af < a0) else { return nil }
        switch layers {
        case 2: return tau * Foundation.log((s - a0) / (s - af))
        case 3: return tau / (2 * s) * Foundation.log(af * (s - a0) / (a0 * (s - af)))
        default: return nil
        }
    }

    /// The time at which a reaches af, for a0 < af < s, by integrating
    /// dt/da = τ / (m a^{2−2/m} (s − a)) from a0 to af with GSL.
    /// - Throws: `LearningError.invalid` unless a0 < af < s; GSL's errors.
    public func time(to af: Double) throws -> Double {
        guard a0 < af, af < s else {
            throw LearningError.invalid("the criterion af must lie strictly between a0 = \(a0) and s = \(s), got \(af)")
        }
        let out = try integrator.solve(from: a0, 0, at: [af]) { a, _ in 1 / rate(a) }
        return out[0]
    }
}

/// One mode's a(t) walked forward in time (`ModeDynamics.trajectory()`): the closed form,
/// or one GSL integration carried on from the last time asked.
public struct ModeTrajectory {
    let dynamics: ModeDynamics
    let integration: ODEIntegration?

    /// a(t), t not before the last time asked.
    /// - Throws: GSL's errors from the integration.
    public func strength(at t: Double) throws -> Double {
        if let integration { return try integration.value(at: t) }
        return dynamics.closedForm(at: t) ?? .nan
    }
}

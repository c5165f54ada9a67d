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
    /// Written a = s / (1 + (s/a0 − 1) e^{−2st/τ}): the same function as the sigmoid
    /// s e^{2st/τ}/(e^{2st/τ} − 1 + s/a0), without overflowing e^{2st/τ} at late times.
    public func closedForm(at t: Double) -> Double? {
        switch layers {
        case 2: return s - (s - a0) * Foundation.exp(-t / tau)
        case 3: return s / (1 + (s / a0 - 1) * Foundation.exp(-2 * s * t / tau))
        default: return nil
        }
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

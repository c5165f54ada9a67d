import Foundation
import MeanFieldTheory
import Nonlinearities

/// DKS or TAT, the two families of conditions (SPEC §10.3).
public enum TransformMethod: String, Sendable, CaseIterable {
    case dks, tat
}

/// The conditions of SPEC §10.3 on φ̂(x) = δ·(φ(αx + β) + γ), each as value − target, at
/// q = 1 (z ~ N(0, 1), u = αz + β, φ̃ = φ − φ(β), g = γ + φ(β), so φ + γ = φ̃ + g):
///
///     Q(1)  = E[φ̂²]          = δ² (E φ̃² + 2g E φ̃ + g²)
///     Q′(1) = E[φ̂ φ̂′ z]      = δ² α (E[φ̃ φ′ z] + g E[φ′ z])
///     C′(1) = E[φ̂′²]         = δ² α² E[φ′²]
///     C″(1) = E[φ̂″²]         = δ² α⁴ E[φ″²]
///     C(0)  = E[φ̂]²/Q(1),    E[φ̂] = δ (E φ̃ + g)
///
/// DKS holds Q(1) = 1, C(0) = 0, Q′(1) = q_slope, C′(1) = ζ_local; TAT (smooth φ) holds
/// Q(1) = 1, Q′(1) = 1, C′(1) = 1, C″(1) = τ_local. C(0) = 0 enters as E[φ̂] = 0, whose
/// residual |E φ̂| = √C(0) is the stricter of the two.
public struct TransformConditions: Sendable {
    public let phi: Nonlinearity
    public let method: TransformMethod
    /// DKS: Q′(1); unused by TAT.
    public let qSlope: Double
    /// DKS: ζ_local, the target of C′(1); TAT: τ_local, the target of C″(1).
    public let localTarget: Double

    public init(phi: Nonlinearity, method: TransformMethod, localTarget: Double, qSlope: Double = 1) {
        self.phi = phi
        self.method = method
        self.localTarget = localTarget
        self.qSlope = qSlope
    }

    /// Every condition as value − target at (α, β, γ, δ), in the order of the doc comment
    /// (DKS: Q(1), E φ̂, Q′(1), C′(1); TAT: Q(1), Q′(1), C′(1), C″(1)).
    public func residuals(inputScale a: Double, inputShift b: Double, outputShift gamma: Double, outputScale d: Double) -> [Double] {
        let m = AffineMoments(phi: phi, scale: a, shift: b)
        return residuals(m, a, gamma + m.centre, d)
    }

    /// The largest |residual| (`residuals`).
    public func largestResidual(inputScale a: Double, inputShift b: Double, outputShift g: Double, outputScale d: Double) -> Double {
        residuals(inputScale: a, inputShift: b, outputShift: g, outputScale: d).reduce(0) { Swift.max($0, $1.magnitude) }
    }

    func residuals(_ m: AffineMoments, _ a: Double, _ g: Double, _ d: Double) -> [Double] {
        let d2 = d * d
        let q1 = d2 * (m.square + 2 * g * m.mean + g * g) - 1
        let qSlope1 = d2 * a * (m.slope + g * m.drift)
        let cSlope1 = d2 * a * a * m.gain
        switch method {
        case .dks:
            return [q1, d * (m.mean + g), qSlope1 - qSlope, cSlope1 - localTarget]
        case .tat:
            return [q1, qSlope1 - 1, cSlope1 - 1, d2 * a * a * a * a * m.curvature - localTarget]
        }
    }

    /// The square system the solver sees, with δ (and for DKS γ) eliminated in closed
    /// form: DKS in (α, β) with g = −E φ̃ and δ = 1/√Var φ(u); TAT in (α, β, g) with
    /// δ = 1/√(E φ̃² + 2g E φ̃ + g²). Returns (equations, g, δ); δ is NaN where φ(u) has
    /// no spread, which the solver treats as leaving the domain.
    func system(_ p: [Double], quadrature: GaussianQuadrature = .standard) -> (equations: [Double], g: Double, d: Double) {
        let a = p[0], b = p[1]
        let m = AffineMoments(phi: phi, scale: a, shift: b, quadrature: quadrature)
        let g = method == .dks ? -m.mean : p[2]
        let power = method == .dks ? m.variance : m.square + 2 * g * m.mean + g * g
        let d = power > 0 ? 1 / power.squareRoot() : .nan
        let r = residuals(m, a, g, d)
        return (method == .dks ? [r[2], r[3]] : [r[1], r[2], r[3]], g, d)
    }
}

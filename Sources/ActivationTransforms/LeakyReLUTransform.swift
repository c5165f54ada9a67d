import Foundation
import Numerical

/// TAT for leaky relu (Zhang et al. 2022, §4): φ̂(x) = δ·lrelu_s(x), with the negative
/// slope s chosen so that the network's largest C_f(0) over subnetworks is η, and
/// δ = √(2/(1 + s²)) so that Q(1) = E[φ̂(z)²] = δ²(1 + s²)/2 = 1.
public enum LeakyReLUTransform {
    /// The local C map of δ·lrelu_s at q = 1, in closed form (the arc-cosine kernel of
    /// Cho & Saul 2009 for its relu part):
    ///
    ///     C(c) = [(1 − s)² (√(1 − c²) + (π − arccos c)·c)/π + 2s·c] / (1 + s²).
    ///
    /// C(1) = 1; s = 0 is relu's normalised C map, s = 1 the identity.
    public static func cMap(_ c: Double, negativeSlope s: Double) -> Double {
        let cc = Swift.min(1, Swift.max(-1, c))
        let arc = ((1 - cc) * (1 + cc)).squareRoot() + (Double.pi - acos(cc)) * cc
        return ((1 - s) * (1 - s) * arc / .pi + 2 * s * cc) / (1 + s * s)
    }

    /// The negative slope s ∈ [0, 1] with max_f C_f(0) = η. The maximum falls from its
    /// relu value at s = 0 to 0 at s = 1 (the identity), so η above the relu value is
    /// out of reach for this network: dks's `_solve_increasing` then gives up with
    /// "the specified targets being unachievable for the given architecture".
    public static func negativeSlope(network: TransformNetwork, eta: Double) throws -> Double {
        let m: (Double) -> Double = { network.maximalLeakyReLUCorrelation(negativeSlope: $0) }
        let relu = m(0)
        if eta == 0 { return 1 }
        guard eta <= relu else {
            throw TransformError.unreachable(
                "--eta \(eta) is unachievable for leaky relu on \(network): its largest C_f(0) is \(relu) "
                + "(negative slope 0, relu) and falls to 0 as the slope grows to 1, so a network this shallow "
                + "cannot be made that nonlinear; use a deeper network or --eta <= \(relu)")
        }
        if eta == relu { return 0 }
        return try BracketingSolver().root(in: 0, 1) { m($0) - eta }
    }

    /// The transform for negative slope s, with its largest residual
    /// max(|max_f C_f(0) − η|, |Q(1) − 1|).
    public static func solution(network: TransformNetwork, eta: Double) throws -> TransformSolution {
        let s = try negativeSlope(network: network, eta: eta)
        let delta = (2 / (1 + s * s)).squareRoot()
        let q1 = delta * delta * (1 + s * s) / 2
        let residual = Swift.max((network.maximalLeakyReLUCorrelation(negativeSlope: s) - eta).magnitude, (q1 - 1).magnitude)
        return TransformSolution(
            inputScale: 1, inputShift: 0, outputShift: 0, outputScale: delta, negativeSlope: s, residual: residual,
            formula: TransformFormula.leakyReLU(negativeSlope: s, outputScale: delta))
    }
}

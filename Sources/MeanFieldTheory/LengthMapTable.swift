import Foundation
import Nonlinearities
import Numerical

/// E[φ(√q z)²] for q ∈ [0, top] as a piecewise Chebyshev series: the length map of
/// every (σw, σb) is V(q) = σw²·E[φ²](q) + σb², so one table serves a whole phase
/// diagram. Its convergence-time trajectories (30 starts × up to hundreds of steps per
/// point, a fifth of a 401×401 tanh diagram's time on the coarse rule) then cost a
/// Clenshaw sum per step instead of a quadrature.
///
/// Panels [0, 2⁻¹⁰], [2⁻¹⁰, 2⁻⁹], … doubling up to `top` (E[φ²] changes on the scale of q
/// itself), degree 24, halved until the series matches the standard rule within 1e-12 of
/// E[φ²]'s size between the interpolation nodes. The table is a shortcut, never the
/// answer: `meanConvergenceTime` recounts on the standard rule wherever a trajectory
/// comes within 1e-6 of the 1% band's edge or leaves the table.
public struct LengthMapTable: Sendable {
    let series: PiecewiseChebyshev
    /// The error the construction measured (relative to E[φ²]'s size on each panel).
    public var measuredError: Double { series.measuredError }
    /// The table covers [0, top].
    public var top: Double { series.upper }

    /// Agreement demanded of the series, relative to E[φ²] on each panel.
    public static let tolerance = 1e-12

    /// The table for φ up to q = `top` (at most 2²⁰; less where φ's integrals stop being
    /// smooth enough to tabulate), or `nil` when φ has a closed-form kernel (which is
    /// already exact and cheap) or no panel can be built.
    public init?(phi: Nonlinearity, top: Double) {
        guard phi.gaussianKernel == nil, top > 0,
              var unit = try? MeanFieldModel(phi: phi, sigmaW: 1, sigmaB: 0) else { return nil }
        unit.kernel = nil
        var breaks: [Double] = [0]
        var edge = 0x1p-10
        let limit = Swift.min(top, 0x1p20)
        while true {
            breaks.append(edge)
            if edge >= limit { break }
            edge *= 2
        }
        guard let series = PiecewiseChebyshev(breaks: breaks, tolerance: Self.tolerance, { q in
            unit.lengthMap(q)
        }) else { return nil }
        self.series = series
    }

    /// E[φ(√q z)²] from the table, `nil` outside [0, top].
    @inline(__always)
    public func meanSquare(_ q: Double) -> Double? { series(q) }
}

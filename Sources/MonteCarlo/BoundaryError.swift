import Model
import Numerical

/// Why a network's decision boundary has no curvature to report: one line each, exit
/// status 2. Degenerate networks are refused rather than given zeros or NaN: a
/// saturated or constant network has ∇G = 0, where the level set is not a surface.
public enum BoundaryError: ReportableError, Equatable {
    /// ∇G vanishes (or is below the smallest normal double) at a boundary point.
    case flatReadout(layer: Int)
    /// The readout, its gradient or its Hessian is not finite (overflow in the network).
    case notFinite(String)
    /// No sign change of G on any ray.
    case noPoints(rays: Int)
    /// φ″ does not exist (φ′ jumps at a kink, as for relu): the Hessian, hence every
    /// curvature, is undefined; φ″ = 0 would print zeros that mean nothing.
    case noSecondDerivative(phi: String)

    public var description: String {
        switch self {
        case .flatReadout(let l):
            return "the readout's gradient is 0 at a decision-boundary point (layer \(l)): every path through the "
                + "network is saturated (φ′(h) = 0, e.g. σw too large) or the network is constant (σw = σb = 0), "
                + "so the boundary has no curvature: use a smaller (or a non-zero) --sigma-w"
        case .notFinite(let what):
            return "\(what) is not finite (the network overflows): use a smaller --sigma-w or --depth"
        case .noSecondDerivative(let phi):
            return "--phi \(phi): φ″ does not exist (φ′ jumps at a kink), so the decision boundary's curvature is undefined: "
                + "use a smooth φ (tanh, erf, gelu, silu, softplus, ...)"
        case .noPoints(let rays):
            return "no decision-boundary point found on \(rays) rays (G = β·φ(h^D) − β0 has one sign on every ray): "
                + "try another --seed or leave --offset at its default (the median of β·φ(h^D) over the data)"
        }
    }
}

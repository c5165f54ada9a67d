import Numerical

/// Why a mean-field quantity could not be computed. The library throws these; the
/// command line turns them into one line on stderr and exit status 2.
public enum TheoryError: ReportableError, Equatable {
    /// σw, σb, q or c outside the accepted domain.
    case invalidParameter(String)
    /// The length map grows without bound: q^l → ∞ and q* does not exist.
    case diverges(String)
    /// Every q is a fixed point (V(q) = q identically), so q* is not unique.
    case notUnique(String)
    /// An iteration reached its bound without meeting its convergence test.
    case noConvergence(String)
    /// A quantity needs φ″ but φ′ jumps (χ2 and the curvature of relu, hardtanh, selu).
    case undefined(String)

    /// The same error with `context` before its message.
    public func prefixed(_ context: String) -> TheoryError {
        switch self {
        case .invalidParameter(let m): return .invalidParameter(context + m)
        case .diverges(let m): return .diverges(context + m)
        case .notUnique(let m): return .notUnique(context + m)
        case .noConvergence(let m): return .noConvergence(context + m)
        case .undefined(let m): return .undefined(context + m)
        }
    }

    public var description: String {
        switch self {
        case .invalidParameter(let m), .diverges(let m), .notUnique(let m),
             .noConvergence(let m), .undefined(let m):
            return m
        }
    }
}

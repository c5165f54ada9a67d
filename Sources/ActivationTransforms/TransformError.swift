import Numerical

/// Why no transform is printed: a refused input (naming the flag and what is accepted)
/// or targets that no φ̂ of the family reaches. Every case is a refused input (exit 2).
public enum TransformError: ReportableError, Equatable {
    case invalidNetwork(String)
    case invalidShortcutWeight(Double)
    case invalidTarget(String)
    case unsupported(String)
    case unreachable(String)
    case noSolution(String)

    public var description: String {
        switch self {
        case .invalidNetwork(let m): return "--network \(m)"
        case .invalidShortcutWeight(let w):
            return "--shortcut-weight \(w): the resnet shortcut weight w must be in [0, 1)"
        case .invalidTarget(let m), .unsupported(let m), .unreachable(let m), .noSolution(let m): return m
        }
    }
}

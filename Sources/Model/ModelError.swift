import Numerical

/// A network description the tool refuses, with the flag and the accepted values.
public enum ModelError: ReportableError, Equatable {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let m): return m
        }
    }
}

import Model
import Numerical

/// Why a simulation was refused before it started.
public enum SimulationError: ReportableError, Equatable {
    case invalid(String)
    case tooLarge(String)

    public var description: String {
        switch self {
        case .invalid(let m), .tooLarge(let m): return m
        }
    }
}

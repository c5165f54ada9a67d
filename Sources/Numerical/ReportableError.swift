/// The one error protocol of the library: every error a user can cause or act on
/// conforms, and its `description` is one line that names what was wrong and what is
/// accepted. `exitStatus` classifies the failure (refused input or a failing
/// environment); the command line prints `meanfield: error: <description>` and is the
/// one that exits, with that status.
public protocol ReportableError: Error, CustomStringConvertible {
    /// 2 for input the tool refuses (bad usage, no answer for these parameters),
    /// 1 for a failure of the environment (a full disk, a closed pipe).
    var exitStatus: Int32 { get }
}

extension ReportableError {
    public var exitStatus: Int32 { 2 }
}

/// A numerical procedure that met its bound without meeting its convergence test, or
/// was asked something it cannot answer.
public enum NumericalError: ReportableError, Equatable {
    case noConvergence(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .noConvergence(let m), .invalidArgument(let m): return m
        }
    }
}

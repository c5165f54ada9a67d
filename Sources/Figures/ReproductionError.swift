import Model
import Numerical

/// Why a reproduction stopped.
public enum ReproductionError: ReportableError {
    /// gnuplot failed on a script (exit status 1: the tables were written).
    case gnuplot(String)
    /// --out or --plots is not a usable folder (exit status 2).
    case folder(String)
    public var description: String {
        switch self { case .gnuplot(let m), .folder(let m): return m }
    }
    public var exitStatus: Int32 {
        switch self { case .gnuplot: return 1; case .folder: return 2 }
    }
}

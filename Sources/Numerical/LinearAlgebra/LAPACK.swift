/// A LAPACK routine that returned `info != 0`: a negative value names the argument at
/// fault (a bug here, or a size LAPACK cannot take), a positive one a numerical failure
/// (dsyev: that many off-diagonal elements did not converge; dgesdd: the same for the
/// bidiagonal QR), typically from non-finite input such as an overflowed network.
public struct LAPACKError: ReportableError, Equatable {
    public let routine: String
    public let info: Int32

    public var description: String {
        info < 0
            ? "LAPACK \(routine) rejected its argument \(-info) (info = \(info))"
            : "LAPACK \(routine) did not converge (info = \(info)): the matrix is not finite or is too ill-conditioned"
    }

    /// Throws unless `info == 0`.
    public static func check(_ info: Int32, _ routine: String) throws {
        if info != 0 { throw LAPACKError(routine: routine, info: info) }
    }
}

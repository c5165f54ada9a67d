import COpenBLAS

extension LinearAlgebra {
    /// Eigenvalues (ascending) and eigenvectors of a symmetric n×n matrix by LAPACK's
    /// `dsyev` (OpenBLAS): `a` (column-major, upper triangle read) is overwritten by the
    /// eigenvectors, column k belonging to eigenvalue k.
    ///
    /// - Throws: `NumericalError.invalidArgument` when `a` holds a non-finite value (dsyev
    ///   would loop on it or return garbage), `LAPACKError` when dsyev fails.
    public static func symmetricEigen(_ a: inout [Double], n: Int) throws -> [Double] {
        guard n >= 1, a.count >= n * n else {
            throw NumericalError.invalidArgument("symmetricEigen needs an n×n matrix with n >= 1, got n = \(n), \(a.count) values")
        }
        guard a.allSatisfy({ $0.isFinite }) else {
            throw NumericalError.invalidArgument("the symmetric matrix has a non-finite entry (overflow upstream)")
        }
        configure()
        var lambda = [Double](repeating: 0, count: n)
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        var m = Int32(n), lwork: Int32 = -1, info: Int32 = 0, query = 0.0
        dsyev_(&jobz, &uplo, &m, &a, &m, &lambda, &query, &lwork, &info)
        try LAPACKError.check(info, "dsyev (workspace query)")
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &m, &a, &m, &lambda, &work, &lwork, &info)
        try LAPACKError.check(info, "dsyev")
        return lambda
    }
}

import COpenBLAS

/// Eigenvalues (ascending) and eigenvectors of a symmetric n×n matrix by LAPACK's
/// `dsyev` (OpenBLAS): `a` (column-major, upper triangle read) is overwritten by the
/// eigenvectors, column k belonging to eigenvalue k.
func symmetricEigen(_ a: inout [Double], n: Int) -> [Double] {
    var lambda = [Double](repeating: 0, count: n)
    var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
    var m = Int32(n), lwork: Int32 = -1, info: Int32 = 0, query = 0.0
    dsyev_(&jobz, &uplo, &m, &a, &m, &lambda, &query, &lwork, &info)
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: Int(lwork))
    dsyev_(&jobz, &uplo, &m, &a, &m, &lambda, &work, &lwork, &info)
    precondition(info == 0, "dsyev failed with info \(info)")
    return lambda
}

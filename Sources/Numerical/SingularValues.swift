import COpenBLAS

/// Singular values (descending) of an m×n column-major matrix by LAPACK's `dgesdd`
/// (OpenBLAS), values only (jobz = "N"); `a` is destroyed.
///
/// - Throws: `NumericalError.invalidArgument` for a non-finite entry (dgesdd would loop
///   on it or return garbage) or a size beyond LAPACK's 32-bit indices, `LAPACKError`
///   when dgesdd fails.
public func singularValues(_ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int) throws -> [Double] {
    guard m >= 1, n >= 1, m * n < Int(Int32.max) else {
        throw NumericalError.invalidArgument("singularValues needs 1 <= m·n < 2^31, got \(m)×\(n)")
    }
    for i in 0..<(m * n) where !a[i].isFinite {
        throw NumericalError.invalidArgument("the matrix has a non-finite entry (overflow upstream)")
    }
    let k = Swift.min(m, n)
    var s = [Double](repeating: 0, count: k)
    var jobz = Int8(UInt8(ascii: "N"))
    var rows = Int32(m), cols = Int32(n), lda = Int32(m), one: Int32 = 1
    var lwork: Int32 = -1, info: Int32 = 0, query = 0.0, u = 0.0, vt = 0.0
    var iwork = [Int32](repeating: 0, count: 8 * k)
    dgesdd_(&jobz, &rows, &cols, a, &lda, &s, &u, &one, &vt, &one, &query, &lwork, &iwork, &info)
    try LAPACKError.check(info, "dgesdd (workspace query)")
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
    dgesdd_(&jobz, &rows, &cols, a, &lda, &s, &u, &one, &vt, &one, &work, &lwork, &iwork, &info)
    try LAPACKError.check(info, "dgesdd")
    return s
}

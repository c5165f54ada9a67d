import COpenBLAS
import Numerical

/// The thin SVD A = U diag(s) Vᵀ of an m × n column-major matrix by LAPACK's dgesdd
/// (divide and conquer, jobz = "S"): U is m × k, V is n × k (k = min(m, n)), s descending.
/// - Throws: `NumericalError.invalidArgument` for a non-finite entry, `LAPACKError`.
public func thinSVD(_ a: [Double], rows m: Int, cols n: Int) throws -> (u: [Double], s: [Double], v: [Double]) {
    guard m >= 1, n >= 1, a.count == m * n, m * n < Int(Int32.max) else {
        throw NumericalError.invalidArgument("thinSVD needs an m×n matrix with 1 <= m·n < 2^31, got \(m)×\(n), \(a.count) values")
    }
    guard a.allSatisfy({ $0.isFinite }) else {
        throw NumericalError.invalidArgument("the matrix has a non-finite entry")
    }
    let k = Swift.min(m, n)
    var a = a, s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: m * k), vt = [Double](repeating: 0, count: k * n)
    var jobz = Int8(UInt8(ascii: "S")), mm = Int32(m), nn = Int32(n), lda = Int32(m), ldu = Int32(m), ldvt = Int32(k)
    var lwork: Int32 = -1, info: Int32 = 0, query = 0.0
    var iwork = [Int32](repeating: 0, count: 8 * k)
    dgesdd_(&jobz, &mm, &nn, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info)
    try LAPACKError.check(info, "dgesdd (workspace query)")
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
    dgesdd_(&jobz, &mm, &nn, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info)
    try LAPACKError.check(info, "dgesdd")
    var v = [Double](repeating: 0, count: n * k)
    for i in 0..<n { for j in 0..<k { v[j * n + i] = vt[i * k + j] } }
    return (u, s, v)
}

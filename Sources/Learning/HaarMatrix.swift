import COpenBLAS
import MonteCarlo
import Numerical

/// A rows × cols matrix (column-major) with orthonormal columns (rows >= cols) or rows
/// (rows < cols), Haar-distributed: a Gaussian max × min matrix G = QR by LAPACK's
/// dgeqrf/dorgqr, then Q·diag(sign R_ii), which makes Q exactly Haar (Mezzadri 2007;
/// without the sign correction Q is biased towards R_ii > 0). Transposed when rows < cols.
/// The Gaussians come from `GaussianStream(seed:)`, so the matrix is fixed by the seed.
/// - Throws: `LAPACKError` when a factorisation fails.
public func haarMatrix(rows: Int, cols: Int, seed: UInt64) throws -> [Double] {
    let m = Swift.max(rows, cols), n = Swift.min(rows, cols)
    guard n >= 1 else { return [] }
    var stream = GaussianStream(seed: seed)
    var q = (0..<(m * n)).map { _ in stream.next() }
    var mm = Int32(m), nn = Int32(n), lda = Int32(m), info: Int32 = 0, lwork: Int32 = -1, query = 0.0
    var tau = [Double](repeating: 0, count: n)
    dgeqrf_(&mm, &nn, &q, &lda, &tau, &query, &lwork, &info)
    try LAPACKError.check(info, "dgeqrf (workspace query)")
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
    dgeqrf_(&mm, &nn, &q, &lda, &tau, &work, &lwork, &info)
    try LAPACKError.check(info, "dgeqrf")
    let signs = (0..<n).map { q[$0 * m + $0] < 0 ? -1.0 : 1.0 }
    lwork = -1
    dorgqr_(&mm, &nn, &nn, &q, &lda, &tau, &query, &lwork, &info)
    try LAPACKError.check(info, "dorgqr (workspace query)")
    lwork = Int32(query)
    work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
    dorgqr_(&mm, &nn, &nn, &q, &lda, &tau, &work, &lwork, &info)
    try LAPACKError.check(info, "dorgqr")
    for j in 0..<n where signs[j] < 0 {
        for i in 0..<m { q[j * m + i] = -q[j * m + i] }
    }
    guard rows < cols else { return q }
    // Transpose the cols × rows Q into rows × cols.
    var t = [Double](repeating: 0, count: m * n)
    for j in 0..<n { for i in 0..<m { t[i * n + j] = q[j * m + i] } }
    return t
}

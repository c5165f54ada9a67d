import COpenBLAS

/// LAPACK's scratch for the QR of one size, sized by its workspace query once and reused
/// (a simulation orthogonalises one N×N matrix per layer). A final class because it owns
/// the memory, freed in `deinit`.
public final class QRScratch {
    private var tau: UnsafeMutablePointer<Double>?
    private var tauCount = 0
    private var work: UnsafeMutablePointer<Double>?
    private var workCount = 0

    public init() {}

    deinit {
        tau?.deallocate()
        work?.deallocate()
    }

    func tau(_ count: Int) -> UnsafeMutablePointer<Double> {
        Self.grow(&tau, &tauCount, to: count)
    }

    func work(_ count: Int) -> UnsafeMutablePointer<Double> {
        Self.grow(&work, &workCount, to: count)
    }

    private static func grow(_ buffer: inout UnsafeMutablePointer<Double>?, _ count: inout Int,
                             to wanted: Int) -> UnsafeMutablePointer<Double> {
        if let b = buffer, wanted <= count { return b }
        buffer?.deallocate()
        let b = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(wanted, 1))
        buffer = b
        count = Swift.max(wanted, 1)
        return b
    }
}

extension LinearAlgebra {
    /// Turns the m×n (m ≥ n, column-major) Gaussian matrix `a` into a Haar-distributed
    /// matrix with orthonormal columns, scaled: a ← scale·Q·diag(sign R_ii) where a = QR
    /// (LAPACK's dgeqrf, then dorgqr). The sign correction makes Q exactly Haar
    /// (Mezzadri 2007); without it Q is biased towards R_ii > 0. Single-threaded
    /// OpenBLAS (`configure()`), so the rounding does not depend on the thread count.
    ///
    /// - Throws: `NumericalError.invalidArgument` for sizes LAPACK cannot index,
    ///   `LAPACKError` when a factorisation fails.
    public static func haarOrthonormalize(_ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int,
                                          scale: Double = 1, scratch: QRScratch) throws {
        guard n >= 1, m >= n, m * n < Int(Int32.max) else {
            throw NumericalError.invalidArgument("haarOrthonormalize needs m >= n >= 1 and m·n < 2^31, got \(m)×\(n)")
        }
        configure()
        var mm = Int32(m), nn = Int32(n), lda = Int32(m), info: Int32 = 0
        let tau = scratch.tau(n)
        // Workspace query, then the factorisation; dorgqr overwrites a with Q.
        var query = 0.0, lwork: Int32 = -1
        dgeqrf_(&mm, &nn, a, &lda, tau, &query, &lwork, &info)
        try LAPACKError.check(info, "dgeqrf (workspace query)")
        lwork = Int32(query)
        dgeqrf_(&mm, &nn, a, &lda, tau, scratch.work(Int(lwork)), &lwork, &info)
        try LAPACKError.check(info, "dgeqrf")
        let signs = (0..<n).map { a[$0 * m + $0] < 0 ? -1.0 : 1.0 }
        var k = nn
        lwork = -1
        dorgqr_(&mm, &nn, &k, a, &lda, tau, &query, &lwork, &info)
        try LAPACKError.check(info, "dorgqr (workspace query)")
        lwork = Int32(query)
        dorgqr_(&mm, &nn, &k, a, &lda, tau, scratch.work(Int(lwork)), &lwork, &info)
        try LAPACKError.check(info, "dorgqr")
        for j in 0..<n {
            let s = signs[j] * scale
            for i in 0..<m { a[j * m + i] *= s }
        }
    }

    /// A rows × cols Haar matrix (orthonormal columns when rows >= cols, else orthonormal
    /// rows) from `gaussians`, the max × min Gaussian matrix (column-major) it is made
    /// from: `haarOrthonormalize`, transposed when rows < cols.
    public static func haarMatrix(rows: Int, cols: Int, gaussians: [Double]) throws -> [Double] {
        let m = Swift.max(rows, cols), n = Swift.min(rows, cols)
        guard n >= 1 else { return [] }
        guard gaussians.count == m * n else {
            throw NumericalError.invalidArgument("haarMatrix needs \(m * n) Gaussians, got \(gaussians.count)")
        }
        var q = gaussians
        try q.withUnsafeMutableBufferPointer { p in
            try haarOrthonormalize(p.baseAddress!, rows: m, columns: n, scratch: QRScratch())
        }
        guard rows < cols else { return q }
        var t = [Double](repeating: 0, count: m * n)
        for j in 0..<n { for i in 0..<m { t[i * n + j] = q[j * m + i] } }
        return t
    }
}

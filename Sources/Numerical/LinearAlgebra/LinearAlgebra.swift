import COpenBLAS
import Dispatch

/// The door to BLAS and LAPACK: products (this file), the Haar QR (`HaarQR.swift`),
/// singular values and the thin SVD (`SingularValues.swift`) and symmetric eigenproblems
/// (`SymmetricEigen.swift`). No other module imports COpenBLAS, and every function here
/// calls `configure()` first, because results must not depend on the number of threads.
///
/// OpenBLAS splits a product among its threads by the thread count (from
/// `OPENBLAS_NUM_THREADS` or the cores), and the split changes the rounding: with one
/// thread `simulate` differed from two in 249 values (up to 6e-13; 1.6e-11 through the
/// QR of orthogonal weights). So OpenBLAS runs single-threaded (`configure()`, before
/// any BLAS call) and the parallelism is ours: `dgemm` cuts C into blocks of a FIXED
/// number of columns, whatever the core count, each block one single-threaded product,
/// run on every core. Each entry of C is then computed by the same kernel calls in every
/// run, whatever the thread count. LAPACK (QR, dsyev) runs single-threaded, hence
/// deterministically. Across CPU types the bytes may differ: OpenBLAS picks its kernels by
/// the CPU, and another kernel rounds differently (`OPENBLAS_CORETYPE=Prescott` moves ~40
/// simulation tables of `reproduce --quick` by ~1e-16).
public enum LinearAlgebra {
    /// Columns of C per block of `dgemm`: independent of the core count, which is what
    /// makes the bytes independent of it; 128 keeps each block's product large enough
    /// for OpenBLAS's kernels (a 1000-wide layer of 1500 columns is 12 blocks).
    public static let columnBlock = 128

    /// Workers that run the blocks of `dgemm`: `nil` is every core (Dispatch decides),
    /// 1 runs them one after another. Only for tests: results are the same for every value.
    public static var workers: Int?

    /// One OpenBLAS thread, and its pool (started when the library loaded, before main)
    /// stopped: its idle threads spin on sched_yield for ~0.1 s, 70 ms of CPU in a
    /// 1-second shard of a phase diagram that calls no BLAS at all. With one thread
    /// OpenBLAS never restarts the pool.
    private static let configured: Void = {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
    }()

    /// Makes OpenBLAS single-threaded; idempotent and cheap after the first call. Every
    /// function of `LinearAlgebra` calls it.
    public static func configure() { _ = configured }

    /// C = α·op(A)·op(B) + β·C (column-major; op(A) is m×k, op(B) k×n, C m×n), in blocks of
    /// `columnBlock` columns of C on every core. Column j of C depends only on column j of
    /// op(B), so the blocks are independent products.
    public static func dgemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Double = 1, _ a: UnsafePointer<Double>, lda: Int,
                             _ b: UnsafePointer<Double>, ldb: Int, beta: Double = 0,
                             _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        configure()
        guard m > 0, n > 0 else { return }
        let blocks = (n + columnBlock - 1) / columnBlock
        let ta = transposeA ? CblasTrans : CblasNoTrans, tb = transposeB ? CblasTrans : CblasNoTrans
        func block(_ i: Int) {
            let first = i * columnBlock, count = Swift.min(columnBlock, n - first)
            // Column j of op(B) is column j of B, or row j of B when B is transposed.
            let bj = transposeB ? b + first : b + first * ldb
            cblas_dgemm(CblasColMajor, ta, tb, Int32(m), Int32(count), Int32(k), alpha, a, Int32(lda),
                        bj, Int32(ldb), beta, c + first * ldc, Int32(ldc))
        }
        forEachBlock(blocks, block)
    }

    /// Runs `body(0…count−1)` on `workers` workers (all cores when nil).
    static func forEachBlock(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 { return body(0) }
        if let w = workers, w >= 1 {
            let w = Swift.min(w, count)
            if w == 1 { for i in 0..<count { body(i) }; return }
            DispatchQueue.concurrentPerform(iterations: w) { s in
                for i in stride(from: s, to: count, by: w) { body(i) }
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// y = α·op(A)·x + β·y, single-threaded (a matrix-vector product is memory-bound).
    public static func dgemv(transpose: Bool = false, m: Int, n: Int, alpha: Double = 1,
                             _ a: UnsafePointer<Double>, lda: Int, _ x: UnsafePointer<Double>,
                             beta: Double = 0, _ y: UnsafeMutablePointer<Double>) {
        configure()
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha,
                    a, Int32(lda), x, 1, beta, y, 1)
    }

    /// C = α·AᵀA + β·C (upper triangle; A is k×n, C n×n), single-threaded.
    public static func dsyrkTransposed(n: Int, k: Int, alpha: Double = 1, _ a: UnsafePointer<Double>, lda: Int,
                                       beta: Double = 0, _ c: UnsafeMutablePointer<Double>, ldc: Int) {
        configure()
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(lda),
                    beta, c, Int32(ldc))
    }

    /// xᵀy over n contiguous values (level-1 BLAS, single-threaded).
    public static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        configure()
        return cblas_ddot(Int32(n), x, 1, y, 1)
    }

    /// y ← αx + y over n contiguous values (level-1 BLAS, single-threaded).
    public static func axpy(_ n: Int, alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        configure()
        cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
    }
}

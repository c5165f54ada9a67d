import COpenBLAS
import Dispatch
import Foundation
import Numerical

/// How W^l is drawn (SPEC.md §1).
public enum WeightEnsemble: String, Sendable, CaseIterable {
    /// W_ij ~ N(0, σw²/N).
    case gaussian
    /// W = σw·O with O Haar-distributed on O(N) (Saxe et al.'s dynamical isometry).
    case orthogonal
}

/// Columns of W drawn from one random stream: the unit of parallel, thread-count-
/// independent randomness (column block b of layer l of network k always comes from
/// its own stream, `RandomStream.weightBlock`, whichever thread draws it).
let columnBlock = 64

extension WeightEnsemble {
    /// Draws an N×N matrix (column-major) into `w` for network `network`, layer `layer`.
    ///
    /// Gaussian: entries in blocks of 64 columns, each block from its own stream, filled
    /// on all cores. Orthogonal: a Gaussian matrix G = QR by LAPACK's dgeqrf/dorgqr (from
    /// OpenBLAS), then O = Q·diag(sign R_ii), which makes O exactly Haar-distributed
    /// (Mezzadri 2007); finally W = σw·O.
    ///
    /// - Throws: `LAPACKError` when dgeqrf or dorgqr reports a failure.
    func draw(into w: UnsafeMutablePointer<Double>, width n: Int, sigmaW: Double,
              seed: UInt64, network: Int, layer: Int, workspace: Workspace) throws {
        let sigma = self == .gaussian ? sigmaW / Double(n).squareRoot() : 1
        let blocks = (n + columnBlock - 1) / columnBlock
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            let first = b * columnBlock, count = Swift.min(columnBlock, n - first)
            var stream = GaussianStream(seed: RandomStream.weightBlock(network: network, layer: layer, block: b).seed(seed))
            stream.fill(w + first * n, count: count * n, sigma: sigma)
        }
        guard self == .orthogonal else { return }
        // Single-threaded LAPACK: the QR's rounding does not depend on the thread count.
        BLASThreads.configure()
        var m = Int32(n), lda = Int32(n), info: Int32 = 0
        let tau = workspace.tau(n)
        // Workspace query, then the factorisation; dorgqr overwrites w with Q.
        var query = 0.0, lwork: Int32 = -1
        dgeqrf_(&m, &m, w, &lda, tau, &query, &lwork, &info)
        try LAPACKError.check(info, "dgeqrf (workspace query)")
        lwork = Int32(query)
        let work = workspace.lapack(Int(lwork))
        dgeqrf_(&m, &m, w, &lda, tau, work, &lwork, &info)
        try LAPACKError.check(info, "dgeqrf")
        var signs = [Double](repeating: 1, count: n)
        for i in 0..<n where w[i * n + i] < 0 { signs[i] = -1 }
        var k = m
        lwork = -1
        dorgqr_(&m, &m, &k, w, &lda, tau, &query, &lwork, &info)
        try LAPACKError.check(info, "dorgqr (workspace query)")
        lwork = Int32(query)
        let work2 = workspace.lapack(Int(lwork))
        dorgqr_(&m, &m, &k, w, &lda, tau, work2, &lwork, &info)
        try LAPACKError.check(info, "dorgqr")
        for j in 0..<n {
            let s = signs[j] * sigmaW
            for i in 0..<n { w[j * n + i] *= s }
        }
    }
}

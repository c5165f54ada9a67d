import Dispatch
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
    /// Draws W^layer of network `network` (N×N, column-major) into `w`.
    ///
    /// Gaussian: entries in blocks of 64 columns, each block from its own stream, filled
    /// on all cores. Orthogonal: the same Gaussian matrix made Haar-orthogonal and scaled
    /// by σw (`LinearAlgebra.haarOrthonormalize`).
    ///
    /// - Throws: `LAPACKError` when the QR of the orthogonal ensemble fails.
    public func draw(into w: UnsafeMutablePointer<Double>, width n: Int, sigmaW: Double,
                     seed: UInt64, network: Int, layer: Int, scratch: QRScratch) throws {
        let sigma = self == .gaussian ? sigmaW / Double(n).squareRoot() : 1
        Self.fill(w, width: n, sigma: sigma, seed: seed, network: network, layer: layer)
        guard self == .orthogonal else { return }
        try LinearAlgebra.haarOrthonormalize(w, rows: n, columns: n, scale: sigmaW, scratch: scratch)
    }

    /// The orthogonal W^layer of network `network` as Householder reflections (W itself is
    /// never formed): the Gaussian matrix of `draw`, from the same streams, turned into
    /// `HaarReflections` (Haar-distributed, but not the same matrix as `draw`'s QR makes
    /// of it).
    public static func drawReflections(into r: HaarReflections, sigmaW: Double, seed: UInt64,
                                       network: Int, layer: Int) {
        fill(r.gaussians, width: r.size, sigma: 1, seed: seed, network: network, layer: layer)
        r.build(scale: sigmaW)
    }

    /// The standard Gaussians of the Gaussian W^layer of network `network`: `draw` of the
    /// Gaussian ensemble gives these times σw/√N, entry by entry (`GaussianStream.fill`
    /// multiplies each draw by σ), so scaling them so gives the same bits.
    public static func drawStandard(into w: UnsafeMutablePointer<Double>, width n: Int, seed: UInt64,
                                    network: Int, layer: Int) {
        fill(w, width: n, sigma: 1, seed: seed, network: network, layer: layer)
    }

    /// N×N standard Gaussians times `sigma`, in blocks of 64 columns, each block from its
    /// own stream, on all cores.
    private static func fill(_ w: UnsafeMutablePointer<Double>, width n: Int, sigma: Double,
                             seed: UInt64, network: Int, layer: Int) {
        let blocks = (n + columnBlock - 1) / columnBlock
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            let first = b * columnBlock, count = Swift.min(columnBlock, n - first)
            var stream = GaussianStream(seed: RandomStream.weightBlock(network: network, layer: layer, block: b).seed(seed))
            stream.fill(w + first * n, count: count * n, sigma: sigma)
        }
    }

    /// Bytes of LAPACK scratch the orthogonal ensemble needs at width N (τ and dgeqrf's
    /// blocked work, 64 columns' worth), for memory checks made before anything runs.
    public func scratchBytes(width n: Int) -> Double { self == .orthogonal ? 8 * 65 * Double(n) : 0 }

    /// A rows × cols Haar matrix (orthonormal columns when rows >= cols, else rows), made
    /// from max × min Gaussians of the stream `seed` (`LinearAlgebra.haarMatrix`).
    /// - Throws: `LAPACKError` when the QR fails.
    public static func haarMatrix(rows: Int, cols: Int, seed: UInt64) throws -> [Double] {
        var stream = GaussianStream(seed: seed)
        let gaussians = (0..<(Swift.max(rows, cols) * Swift.min(rows, cols))).map { _ in stream.next() }
        return try LinearAlgebra.haarMatrix(rows: rows, cols: cols, gaussians: gaussians)
    }
}

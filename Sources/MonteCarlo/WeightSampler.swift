/// One layer's weights at a time, from the same seeded streams as `simulate`: for code
/// outside this module that multiplies its own matrices (the Jacobian's spectrum).
/// A final class because it owns the LAPACK scratch that the orthogonal ensemble needs.
public final class WeightSampler {
    public let width: Int
    public let ensemble: WeightEnsemble
    private let workspace: Workspace

    public init(width: Int, ensemble: WeightEnsemble) {
        self.width = width
        self.ensemble = ensemble
        workspace = Workspace(width: width, columns: 1, weights: false)
    }

    /// W^layer of network `network` (N×N, column-major) into `w`: entries N(0, σw²/N), or
    /// σw·O with O Haar-orthogonal.
    /// - Throws: `LAPACKError` when the QR of the orthogonal ensemble fails.
    public func draw(into w: UnsafeMutablePointer<Double>, sigmaW: Double, seed: UInt64, network: Int, layer: Int) throws {
        try ensemble.draw(into: w, width: width, sigmaW: sigmaW, seed: seed, network: network, layer: layer,
                      workspace: workspace)
    }
}

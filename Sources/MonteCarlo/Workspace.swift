import Numerical
/// Memory for one simulation, allocated once and reused across layers and networks:
/// W′ = [W | b], N×(N+1), and two (N+1)×M buffers that take turns as input and output
/// of the layer product (M = 3P + extra columns), plus LAPACK scratch for the orthogonal
/// ensemble. A final class because it owns raw memory, freed in `deinit`.
///
/// The bias rides in the product: row N of the buffers holds 1 under every h column
/// and 0 under the v and a columns, so W′·[X; 1ᵀ] = W X + b for h and W X for v and a,
/// with no separate pass over the matrix. Columns are `ld` apart: N + 1 rounded up to a
/// multiple of 8, so every column starts 64-byte aligned (with ld = 1001 the product ran
/// 15% slower than with an aligned one: measured by `meanfield bench`).
public final class Workspace {
    public let width: Int
    public let columns: Int
    /// Distance between columns of `current` and `next`: N + 1 rounded up to 8.
    let ld: Int
    /// W′ = [W | b]: W in the first N columns (leading dimension N), b in column N.
    let weights: UnsafeMutablePointer<Double>
    var current: UnsafeMutablePointer<Double>
    var next: UnsafeMutablePointer<Double>
    var bias: UnsafeMutablePointer<Double> { weights + width * width }
    /// LAPACK's scratch for the orthogonal ensemble's QR.
    let qr = QRScratch()
    /// Standard Gaussian weights shared with other runs of the same networks (nil: each
    /// layer draws its own; see `SimulationRequest.runSharingWeights`).
    var standardWeights: StandardWeights?

    /// Bytes a simulation of this size needs (what `init` allocates, LAPACK aside; W only
    /// when `weights`, as in `init`).
    public static func bytes(width n: Int, columns m: Int, weights: Bool = true) -> Double {
        8 * ((weights ? Double(n) * Double(n + 1) : 0) + 2 * Double(leadingDimension(n)) * Double(m))
    }

    /// `weights: false` for one-layer runs, which never multiply (no N² allocation).
    public init(width n: Int, columns m: Int, weights needed: Bool = true) {
        width = n
        columns = m
        ld = Workspace.leadingDimension(n)
        weights = .allocate(capacity: needed ? n * (n + 1) : 1)
        current = .allocate(capacity: ld * m)
        next = .allocate(capacity: ld * m)
    }

    static func leadingDimension(_ n: Int) -> Int { (n + 1 + 7) / 8 * 8 }

    /// Row N of both buffers: 1 under h columns (bias on), 0 under v and a (off).
    func setBiasRow(circlePoints p: Int) {
        for j in 0..<columns {
            let on: Double = (j < p || j >= 3 * p) ? 1 : 0
            current[j * ld + width] = on
            next[j * ld + width] = on
        }
    }

    deinit {
        weights.deallocate()
        current.deallocate()
        next.deallocate()
    }

    func swap() { Swift.swap(&current, &next) }
}

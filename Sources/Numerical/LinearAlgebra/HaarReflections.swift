import COpenBLAS

/// W = scale·Q·S, Q = H_0 H_1 ⋯ H_{N−1} Haar-distributed on O(N), kept as its Householder
/// reflections H_k = I − τ_k v_k v_kᵀ and applied to matrices without being formed
/// (Stewart 1980).
///
/// Construction: column k of an N×N standard Gaussian matrix G, rows k…N−1, is the vector
/// x_k that LAPACK's `dlarfg` turns into β_k e_1 by the reflection H_k (v_k zero above
/// row k); S = diag(sign β_k). Why this is exactly Haar: the Householder QR of G
/// (`haarOrthonormalize`, Mezzadri 2007) builds H_k from rows k… of column k of
/// H_{k−1}⋯H_0 G. Given G's first k columns, that column is H_{k−1}⋯H_0 times a fresh
/// N(0, I) vector, hence itself N(0, I) and independent of them. So the vectors the QR
/// feeds to `dlarfg` are independent standard Gaussians of sizes N, N−1, …, 1, exactly
/// as here, and Q·diag(sign R_kk) is the same function of them: the same law, Haar. The
/// QR's trailing updates (4/3·N³ flops) and the forming of Q (4/3·N³) are skipped;
/// building the reflections costs O(N²).
///
/// Cost of `apply` to an N×m matrix: 2N²m flops, as a product with a formed W, in
/// blocked form (`block` reflections per `dlarfb`, their triangular factors T computed
/// once by `dlarft`), on every core in blocks of `LinearAlgebra.columnBlock` columns:
/// column j of the result depends only on column j of the input, each block is one
/// single-threaded sequence of LAPACK calls, so the bytes do not depend on the thread
/// count. A final class because it owns the memory.
public final class HaarReflections {
    /// N.
    public let size: Int
    /// G (column-major, N×N), filled by the caller through `gaussians`, then the
    /// reflections: v_k below the diagonal of column k (v_k's leading 1 implied).
    private let v: UnsafeMutablePointer<Double>
    private let tau: UnsafeMutablePointer<Double>
    /// scale·sign β_k, the factor of row k before the reflections act.
    private let rowScale: UnsafeMutablePointer<Double>
    /// T of reflection block b at t + b·block², block × block (upper triangular).
    private let t: UnsafeMutablePointer<Double>
    private var built = false

    /// Reflections per `dlarfb`: the inner dimension of its two products. Fixed, so the
    /// rounding is the same on every machine.
    public static let block = 32

    public init(size n: Int) throws {
        guard n >= 1, n * n < Int(Int32.max) else {
            throw NumericalError.invalidArgument("HaarReflections needs 1 <= N and N² < 2^31, got N = \(n)")
        }
        size = n
        v = .allocate(capacity: n * n)
        tau = .allocate(capacity: n)
        rowScale = .allocate(capacity: n)
        let blocks = (n + Self.block - 1) / Self.block
        t = .allocate(capacity: blocks * Self.block * Self.block)
        t.initialize(repeating: 0, count: blocks * Self.block * Self.block)
    }

    deinit {
        v.deallocate()
        tau.deallocate()
        rowScale.deallocate()
        t.deallocate()
    }

    /// Bytes held at size N: G and the block factors, for memory checks made before
    /// anything runs.
    public static func bytes(size n: Int) -> Double {
        let d = Double(n)
        return 8 * (d * d + 2 * d + (d + Double(block)) * Double(block))
    }

    /// The N×N matrix (column-major) to fill with standard Gaussians before `build`.
    public var gaussians: UnsafeMutablePointer<Double> { v }

    /// Turns the Gaussians into the reflections of W = scale·Q·S.
    public func build(scale: Double) {
        LinearAlgebra.configure()
        let n = size
        var one: Int32 = 1
        for k in 0..<n {
            var len = Int32(n - k)
            let diagonal = v + k * n + k
            dlarfg_(&len, diagonal, diagonal + 1, &one, tau + k)
            rowScale[k] = diagonal.pointee < 0 ? -scale : scale
        }
        var nn = Int32(n), ldt = Int32(Self.block)
        var direct = Int8(UInt8(ascii: "F")), storev = Int8(UInt8(ascii: "C"))
        for first in stride(from: 0, to: n, by: Self.block) {
            var rows = Int32(n - first), count = Int32(Swift.min(Self.block, n - first))
            dlarft_(&direct, &storev, &rows, &count, v + first * n + first, &nn, tau + first,
                    t + (first / Self.block) * Self.block * Self.block, &ldt, 1, 1)
        }
        built = true
    }

    /// C ← W·C for the N×m column-major matrix `c` (leading dimension `ldc`).
    public func apply(to c: UnsafeMutablePointer<Double>, columns m: Int, ldc: Int) {
        precondition(built, "HaarReflections.apply before build")
        guard m > 0 else { return }
        let blocks = (m + LinearAlgebra.columnBlock - 1) / LinearAlgebra.columnBlock
        LinearAlgebra.forEachBlock(blocks) { b in
            let first = b * LinearAlgebra.columnBlock
            applyBlock(c + first * ldc, columns: Swift.min(LinearAlgebra.columnBlock, m - first), ldc: ldc)
        }
    }

    /// y ← W·y for one vector of N values.
    public func apply(to y: UnsafeMutablePointer<Double>) {
        precondition(built, "HaarReflections.apply before build")
        applyBlock(y, columns: 1, ldc: size)
    }

    /// Q·S·scale on columns one block wide: the rows scaled, then the reflection blocks
    /// from the last to the first (Q C = H_0(H_1(⋯ H_{N−1} C))), each as I − V T Vᵀ.
    private func applyBlock(_ c: UnsafeMutablePointer<Double>, columns m: Int, ldc: Int) {
        let n = size
        for j in 0..<m {
            let col = c + j * ldc
            for i in 0..<n { col[i] *= rowScale[i] }
        }
        let work = UnsafeMutablePointer<Double>.allocate(capacity: m * Self.block)
        defer { work.deallocate() }
        var side = Int8(UInt8(ascii: "L")), trans = Int8(UInt8(ascii: "N"))
        var direct = Int8(UInt8(ascii: "F")), storev = Int8(UInt8(ascii: "C"))
        var cols = Int32(m), nn = Int32(n), lc = Int32(ldc), ldt = Int32(Self.block), ldwork = Int32(m)
        let lastBlock = (n - 1) / Self.block
        for b in stride(from: lastBlock, through: 0, by: -1) {
            let first = b * Self.block
            var rows = Int32(n - first), count = Int32(Swift.min(Self.block, n - first))
            dlarfb_(&side, &trans, &direct, &storev, &rows, &cols, &count, v + first * n + first, &nn,
                    t + b * Self.block * Self.block, &ldt, c + first, &lc, work, &ldwork, 1, 1, 1, 1)
        }
    }
}

/// Memory for one simulation, allocated once and reused across layers and networks:
/// the weight matrix W (N²), two N×M buffers that take turns as input and output of
/// the layer product (M = 3P + extra columns), the bias, and LAPACK scratch for the
/// orthogonal ensemble. A final class because it owns raw memory, freed in `deinit`.
public final class Workspace {
    public let width: Int
    public let columns: Int
    let weights: UnsafeMutablePointer<Double>
    var current: UnsafeMutablePointer<Double>
    var next: UnsafeMutablePointer<Double>
    let bias: UnsafeMutablePointer<Double>
    private var tauBuffer: UnsafeMutablePointer<Double>?
    private var lapackBuffer: UnsafeMutablePointer<Double>?
    private var lapackCount = 0

    /// Bytes a simulation of this size needs (what `init` allocates, LAPACK aside).
    public static func bytes(width n: Int, columns m: Int) -> Double {
        8 * (Double(n) * Double(n) + 2 * Double(n) * Double(m) + Double(n))
    }

    public init(width n: Int, columns m: Int) {
        width = n
        columns = m
        weights = .allocate(capacity: n * n)
        current = .allocate(capacity: n * m)
        next = .allocate(capacity: n * m)
        bias = .allocate(capacity: n)
    }

    deinit {
        weights.deallocate()
        current.deallocate()
        next.deallocate()
        bias.deallocate()
        tauBuffer?.deallocate()
        lapackBuffer?.deallocate()
    }

    func swap() { Swift.swap(&current, &next) }

    func tau(_ n: Int) -> UnsafeMutablePointer<Double> {
        if tauBuffer == nil { tauBuffer = .allocate(capacity: n) }
        return tauBuffer!
    }

    func lapack(_ count: Int) -> UnsafeMutablePointer<Double> {
        if count > lapackCount {
            lapackBuffer?.deallocate()
            lapackBuffer = .allocate(capacity: count)
            lapackCount = count
        }
        return lapackBuffer!
    }
}

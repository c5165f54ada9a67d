import Model
import Foundation
import Nonlinearities
import Numerical

/// A random network kept in memory, with a random readout G(x) = β·φ(h^D(x)) − β0, for
/// the curvature of its decision boundary G = 0 (Poole et al. 2016, §5).
/// h^1 = W^1 x + b^1, h^l = W^l φ(h^{l−1}) + b^l; all layers N wide (x ∈ R^N).
public final class ReadoutNetwork {
    public let description: FiniteNetwork
    let weights: [[Double]]   // W^1…W^D, column-major N×N
    let biases: [[Double]]
    let beta: [Double]
    /// φ″, which exists (kinked φ are refused by `init`).
    let secondDerivative: @Sendable (Double) -> Double
    /// β0: the given offset, or the median of β·φ(h^D) over `offsetSamples` inputs.
    public private(set) var offset: Double

    /// Inputs x = √N u (u uniform on the sphere, |x|²/N = 1, like the rays' starts) whose
    /// median readout is the default offset.
    public static let offsetSamples = 101

    /// `readoutOffset: nil` puts the boundary through the data: β0 = the median of
    /// β·φ(h^D(x)) over `offsetSamples` random inputs, so that G changes sign between
    /// them. With β0 = 0 an ordered network (whose h^D hardly depends on x) can keep
    /// one sign everywhere and have no boundary at all.
    ///
    /// - Throws: `BoundaryError.noSecondDerivative` for a φ without φ″ (relu, hardtanh, …),
    ///   `LAPACKError` from the orthogonal ensemble's QR, `BoundaryError.notFinite` when
    ///   the sampled readouts overflow.
    public init(_ d: FiniteNetwork, seed: UInt64, readoutOffset: Double? = 0) throws {
        guard let second = d.phi.secondDerivative else { throw BoundaryError.noSecondDerivative(phi: d.phi.name) }
        secondDerivative = second
        description = d
        let n = d.width
        var ws: [[Double]] = [], bs: [[Double]] = []
        let scratch = Workspace(width: n, columns: 1)
        for l in 1...d.depth {
            try d.weights.draw(into: scratch.weights, width: n, sigmaW: d.sigmaW, seed: seed, network: 0, layer: l, scratch: scratch.qr)
            ws.append(Array(UnsafeBufferPointer(start: scratch.weights, count: n * n)))
            var g = GaussianStream(seed: RandomStream.bias(network: 0, layer: l).seed(seed))
            bs.append((0..<n).map { _ in d.sigmaB * g.next() })
        }
        var g = GaussianStream(seed: RandomStream.readoutDirection.seed(seed))
        let raw = (0..<n).map { _ in g.next() }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        weights = ws
        biases = bs
        beta = raw.map { $0 / norm }
        offset = 0
        if let readoutOffset {
            offset = readoutOffset
        } else {
            var s = GaussianStream(seed: RandomStream.offsetInputs.seed(seed))
            let scale = Double(n).squareRoot()
            let values = (0..<Self.offsetSamples).map { _ -> Double in
                let v = (0..<n).map { _ in s.next() }
                let r = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return readout(v.map { scale * $0 / r })
            }
            guard values.allSatisfy({ $0.isFinite }) else { throw BoundaryError.notFinite("the readout β·φ(h^D)") }
            offset = values.sorted()[Self.offsetSamples / 2]
        }
    }

    var n: Int { description.width }

    /// y = W^l x (l = 1…D) or y = (W^l)ᵀ x.
    func apply(_ l: Int, _ x: [Double], transpose: Bool = false) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        LinearAlgebra.dgemv(transpose: transpose, m: n, n: n, weights[l - 1], lda: n, x, &y)
        return y
    }

    /// Pre-activations h^l(x) for l = from…D, starting from h^{from−1} = `input` taken as
    /// the representation at layer from−1 (x itself when from = 1).
    func forward(_ input: [Double], from: Int = 1) -> [[Double]] {
        var h: [[Double]] = []
        var x = input
        for l in from...description.depth {
            let pre = l == 1 ? x : x.map(description.phi.value)
            var y = apply(l, pre)
            for i in 0..<n { y[i] += biases[l - 1][i] }
            h.append(y)
            x = y
        }
        return h
    }

    /// G(x) = β·φ(h^D(x)) − β0.
    public func readout(_ x: [Double]) -> Double {
        readout(top: forward(x)[description.depth - 1])
    }

    func readout(top h: [Double]) -> Double {
        zip(beta, h).reduce(0) { $0 + $1.0 * description.phi.value($1.1) } - offset
    }

    /// G as a function of layer l's representation h^l (l = 0: the input x).
    public func readout(fromLayer l: Int, _ h: [Double]) -> Double {
        l == description.depth ? readout(top: h) : readout(top: forward(h, from: l + 1)[description.depth - l - 1])
    }

    /// ∇G and the Hessian of G with respect to h^l at the input x, for l = 0…D, by the
    /// exact backward recursion (SPEC.md §4):
    /// g_D = φ′(h^D) ⊙ β, H_D = diag(φ″(h^D) ⊙ β);
    /// g_l = φ′(h^l) ⊙ (W^{l+1})ᵀ g_{l+1},
    /// H_l = diag(φ′(h^l)) (W^{l+1})ᵀ H_{l+1} W^{l+1} diag(φ′(h^l)) + diag(φ″(h^l) ⊙ (W^{l+1})ᵀ g_{l+1});
    /// layer 0 (the input): g_0 = (W^1)ᵀ g_1, H_0 = (W^1)ᵀ H_1 W^1.
    public func derivatives(at x: [Double]) -> [(gradient: [Double], hessian: [Double])] {
        let phi = description.phi, d = description.depth
        let h = forward(x)
        let dd = secondDerivative
        var g = zip(beta, h[d - 1]).map { $0 * phi.derivative($1) }
        var hess = [Double](repeating: 0, count: n * n)
        for i in 0..<n { hess[i * n + i] = beta[i] * dd(h[d - 1][i]) }
        var out = [(g, hess)]
        for l in stride(from: d - 1, through: 0, by: -1) {
            let u = apply(l + 1, g, transpose: true)
            let m = sandwich(l + 1, hess)   // (W^{l+1})ᵀ H W^{l+1}
            if l == 0 {
                g = u
                hess = m
            } else {
                let p1 = h[l - 1].map(phi.derivative), p2 = h[l - 1].map(dd)
                g = zip(p1, u).map { $0 * $1 }
                hess = m
                for j in 0..<n {
                    for i in 0..<n { hess[j * n + i] *= p1[i] * p1[j] }
                    hess[j * n + j] += p2[j] * u[j]
                }
            }
            out.append((g, hess))
        }
        return out.reversed()
    }

    /// Wᵀ H W for layer l's W (two products, in fixed column blocks: `LinearAlgebra`).
    func sandwich(_ l: Int, _ h: [Double]) -> [Double] {
        var t = [Double](repeating: 0, count: n * n), r = [Double](repeating: 0, count: n * n)
        let w = weights[l - 1]
        LinearAlgebra.dgemm(m: n, n: n, k: n, h, lda: n, w, ldb: n, &t, ldc: n)
        LinearAlgebra.dgemm(transposeA: true, m: n, n: n, k: n, w, lda: n, t, ldb: n, &r, ldc: n)
        return r
    }
}

/// Principal curvatures of the level set of G through a point: the eigenvalues of
/// ‖∇G‖⁻¹ P H P on the tangent space, P = I − ĝĝᵀ (the eigenvalue of the normal direction
/// ĝ, which P sends to 0, is removed). Sorted from largest to smallest. `hessian` is
/// column-major n×n and symmetric.
///
/// - Throws: `BoundaryError.flatReadout` when ‖∇G‖ is 0 or subnormal (no tangent plane),
///   `BoundaryError.notFinite` when ∇G, H or the curvatures overflow.
public func principalCurvatures(gradient g: [Double], hessian h: [Double], layer: Int = 0) throws -> [Double] {
    let n = g.count
    guard n >= 2, h.count == n * n else {
        throw NumericalError.invalidArgument("principal curvatures need n >= 2 and an n×n Hessian, got n = \(n), \(h.count) values")
    }
    guard g.allSatisfy({ $0.isFinite }) else { throw BoundaryError.notFinite("the readout's gradient at layer \(layer)") }
    guard h.allSatisfy({ $0.isFinite }) else { throw BoundaryError.notFinite("the readout's Hessian at layer \(layer)") }
    let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm.isFinite else { throw BoundaryError.notFinite("the readout's gradient at layer \(layer)") }
    guard norm.isNormal else { throw BoundaryError.flatReadout(layer: layer) }
    let u = g.map { $0 / norm }
    var hu = [Double](repeating: 0, count: n)
    for j in 0..<n { for i in 0..<n { hu[i] += h[j * n + i] * u[j] } }
    let uhu = zip(u, hu).reduce(0) { $0 + $1.0 * $1.1 }
    var a = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
        for i in 0..<n {
            a[j * n + i] = (h[j * n + i] - u[i] * hu[j] - hu[i] * u[j] + uhu * u[i] * u[j]) / norm
        }
    }
    guard a.allSatisfy({ $0.isFinite }) else {
        throw BoundaryError.notFinite("the principal curvatures at layer \(layer) (H/‖∇G‖ with ‖∇G‖ = \(norm))")
    }
    let lambda = try LinearAlgebra.symmetricEigen(&a, n: n)
    // The normal direction: the eigenvector most aligned with ĝ.
    let alignment = (0..<n).map { i in abs((0..<n).reduce(0) { $0 + a[i * n + $1] * u[$1] }) }
    var normal = 0
    for i in 1..<n where alignment[i] > alignment[normal] { normal = i }
    return (0..<n).filter { $0 != normal }.map { lambda[$0] }.sorted(by: >)
}

import Foundation
import Model
import Nonlinearities
import Numerical

/// The squared singular values of the end-to-end Jacobian J = D^L W^L ⋯ D^1 W^1 of
/// simulated networks (SPEC.md §7), at an input on the length fixed point.
///
/// Per network: a random input x⁰ with |x⁰|²/N = (q* − σb²)/σw², so that h^l ~ N(0, q*)
/// at every layer; per layer, W^l from the same seeded Gaussian streams as `simulate`,
/// b^l ~ N(0, σb²), h^l = W^l x^{l−1} + b^l, D^l = diag φ′(h^l); J is multiplied out
/// with one product per layer (J ← D^l (W^l J)) and its singular values come from
/// LAPACK's `dgesdd` (values only, single-threaded OpenBLAS). The eigenvalues of JJᵀ are
/// their squares. Gaussian W^l: `LinearAlgebra.dgemm`. Orthogonal W^l: the Householder
/// reflections of its Gaussian matrix (`HaarReflections`: exactly Haar, but not the
/// matrix `simulate`'s QR makes of the same Gaussians), applied to J without forming W,
/// at the cost of one product instead of a QR, the forming of Q and a product. Both
/// run in fixed column blocks on every core, so the bytes do not depend on the thread
/// count.
///
/// Memory: three N×N matrices (W or its reflections, J and the product) and dgesdd's
/// O(N) scratch: `bytes(width:)`.
public struct SpectrumSimulation: Sendable {
    /// φ, σw, σb, the weight ensemble, L and N.
    public let network: FiniteNetwork
    public let seed: UInt64
    /// The length of every layer's pre-activations, h^l ~ N(0, q).
    public let q: Double
    var phi: Nonlinearity { network.phi }
    var sigmaW: Double { network.sigmaW }
    var sigmaB: Double { network.sigmaB }
    var depth: Int { network.depth }
    var width: Int { network.width }

    /// - Parameter q: h^l's length; the theory's q* (any q > 0 for positively homogeneous
    ///   φ, whose spectrum does not depend on it).
    /// - Throws: `NumericalError.invalidArgument` at σw = 0 (J = 0).
    public init(network: FiniteNetwork, seed: UInt64, q: Double) throws {
        guard network.sigmaW > 0 else { throw NumericalError.invalidArgument("a spectrum needs sigma-w > 0 (J = 0 at sigma-w = 0)") }
        self.network = network
        self.seed = seed
        self.q = q
    }

    /// The same from loose parameters (validated as a `Network` of width `width`).
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, depth: Int, weights: WeightEnsemble,
                width: Int, seed: UInt64, q: Double) throws {
        let network = try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth)
        try self.init(network: FiniteNetwork(network, width: width), seed: seed, q: q)
    }

    /// Bytes one network needs: W (or its reflections with their block factors), J and
    /// the product, and dgesdd's work with values only (3N + max(N, 7N) doubles, 8N
    /// integers).
    public static func bytes(width n: Int) -> Double {
        let d = Double(n)
        return 8 * (2 * d * d) + HaarReflections.bytes(size: n) + 8 * 10 * d + 4 * 8 * d
    }

    /// The N eigenvalues of JJᵀ for network `network`, descending.
    ///
    /// - Throws: `NumericalError.invalidArgument` when the Jacobian overflows (a chaotic
    ///   net at great depth), `LAPACKError` when dgesdd fails.
    public func eigenvalues(network k: Int) throws -> [Double] {
        try eigenvalues(network: k, depths: [depth])[0]
    }

    /// The eigenvalues of JJᵀ of the first l layers, for each l of `depths` (in 1…depth),
    /// from one pass through the `depth` layers: a network of depth l is the first l
    /// layers of a deeper one (each layer's weights and biases come from its own streams),
    /// so each set equals `eigenvalues(network:)` at depth l bit for bit, for the cost of
    /// the deepest alone.
    public func eigenvalues(network k: Int, depths: [Int]) throws -> [[Double]] {
        precondition(depths.allSatisfy { (1...depth).contains($0) }, "depths must lie in 1...\(depth)")
        var found: [Int: [Double]] = [:]
        let n = width
        let scratch = QRScratch()
        // Orthogonal W^l is kept as reflections and J is updated in place: no W, no product.
        let reflections = network.weights == .orthogonal ? try HaarReflections(size: n) : nil
        // The product buffer is also dgesdd's copy of J at each depth asked for, whichever
        // the weights: N² cells in both cases.
        let w = UnsafeMutablePointer<Double>.allocate(capacity: reflections == nil ? n * n : 1)
        var jacobian = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        var product = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        defer { w.deallocate(); jacobian.deallocate(); product.deallocate() }

        // x⁰ on the sphere |x|²/N = (q − σb²)/σw². q ≤ σb² means E[φ(√q u)²] = 0: q = 0
        // at σb = 0, where the fixed point is x = 0 itself and φ′(0) need not exist (a
        // kink). The network is then run as its limit q → 0, the limit the theory takes:
        // pre-activations εh see φ only through its one-sided slopes at 0,
        // φ(εh)/ε → φ′(0^{sign h}) h, so x = D h with D = diag φ′(0^{sign h}), each unit
        // on the side of 0 its h is (half of them each way, as E[φ′(√q z)²] →
        // (φ′(0−)² + φ′(0+)²)/2 averages), and the scale is free: |x⁰|²/N = 1/σw².
        // Positively homogeneous φ take that scale at any q, since their D does not
        // depend on it.
        let limit = q - sigmaB * sigmaB <= 0 && !phi.isPositivelyHomogeneous
        var stream = GaussianStream(seed: RandomStream.spectrumInput(network: k).seed(seed))
        var x = (0..<n).map { _ in stream.next() }
        let norm2 = x.reduce(0) { $0 + $1 * $1 }
        let excess = q - sigmaB * sigmaB
        let target = excess > 0 ? excess / (sigmaW * sigmaW) : 1 / (sigmaW * sigmaW)
        let scale = norm2 > 0 ? (Double(n) * target / norm2).squareRoot() : 0
        for i in 0..<n { x[i] *= scale }

        var h = [Double](repeating: 0, count: n)
        for l in 1...depth {
            var biasStream = GaussianStream(seed: RandomStream.spectrumBias(network: k, layer: l).seed(seed))
            for i in 0..<n { h[i] = sigmaB * biasStream.next() }
            if let reflections {
                WeightEnsemble.drawReflections(into: reflections, sigmaW: sigmaW, seed: seed, network: k, layer: l)
                // h = W x + b
                var y = x
                y.withUnsafeMutableBufferPointer { reflections.apply(to: $0.baseAddress!) }
                for i in 0..<n { h[i] += y[i] }
            } else {
                try network.weights.draw(into: w, width: n, sigmaW: sigmaW, seed: seed, network: k, layer: l, scratch: scratch)
                x.withUnsafeBufferPointer { xs in
                    h.withUnsafeMutableBufferPointer { hs in
                        guard let xp = xs.baseAddress, let hp = hs.baseAddress else { return }
                        LinearAlgebra.dgemv(m: n, n: n, w, lda: n, xp, beta: 1, hp)
                    }
                }
            }
            // φ′(0±) as φ′(±1e-323): the theory's q = 0 integrals take the same values.
            let tiny = Double.leastNonzeroMagnitude
            let d = limit ? h.map { phi.derivative($0.sign == .minus ? -tiny : tiny) } : h.map(phi.derivative)
            if let reflections {
                // J ← D W J, or J = D W (W applied to the identity) at the first layer.
                if l == 1 {
                    jacobian.initialize(repeating: 0, count: n * n)
                    for i in 0..<n { jacobian[i * n + i] = 1 }
                }
                reflections.apply(to: jacobian, columns: n, ldc: n)
                for j in 0..<n { for i in 0..<n { jacobian[j * n + i] *= d[i] } }
            } else if l == 1 {
                for j in 0..<n { for i in 0..<n { jacobian[j * n + i] = d[i] * w[j * n + i] } }
            } else {
                LinearAlgebra.dgemm(m: n, n: n, k: n, w, lda: n, jacobian, ldb: n, product, ldc: n)
                for j in 0..<n { for i in 0..<n { product[j * n + i] *= d[i] } }
                swap(&jacobian, &product)
            }
            if l < depth { x = limit ? zip(d, h).map(*) : h.map(phi.value) }
            if depths.contains(l) {
                // dgesdd destroys its input: it gets a copy in the product's buffer, which
                // the next layer overwrites anyway.
                product.update(from: jacobian, count: n * n)
                found[l] = try LinearAlgebra.singularValues(product, rows: n, columns: n).map { $0 * $0 }
            }
        }
        return depths.map { found[$0] ?? [] }
    }
}

/// Statistics of the simulated spectrum over networks: the histogram density on a grid
/// and the spectral mean and variance, each with its standard error over networks.
public struct SpectrumSample: Sendable {
    /// Density at each grid point: the fraction of eigenvalues in the bin centred there
    /// (width = the grid spacing), divided by the width; mean over networks.
    public var density: [Statistic]
    /// (1/N) Σ λ per network, then the mean over networks.
    public var mean: Statistic
    /// (1/N) Σ (λ − mean)² per network, then the mean over networks.
    public var variance: Statistic
    /// Every eigenvalue of every network (network by network).
    public var eigenvalues: [[Double]]

    /// - Parameter grid: evenly spaced λ values (at least 2); eigenvalues outside the
    ///   bins are not counted in the histogram, but are in the mean and variance.
    public init(eigenvalues: [[Double]], grid: [Double]) {
        self.eigenvalues = eigenvalues
        let delta = grid.count >= 2 ? (grid[grid.count - 1] - grid[0]) / Double(grid.count - 1) : 0
        var perNetwork: [[Double]] = []
        var means: [Double] = [], variances: [Double] = []
        for lambdas in eigenvalues {
            let n = Double(lambdas.count)
            var counts = [Double](repeating: 0, count: grid.count)
            if delta > 0 {
                for lambda in lambdas {
                    let bin = ((lambda - grid[0]) / delta).rounded()
                    guard bin >= 0, bin < Double(grid.count) else { continue }
                    counts[Int(bin)] += 1
                }
            }
            perNetwork.append(counts.map { delta > 0 ? $0 / (n * delta) : 0 })
            let m = lambdas.reduce(0, +) / n
            means.append(m)
            variances.append(lambdas.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n)
        }
        density = grid.indices.map { i in Statistic(perNetwork.map { $0[i] }) }
        mean = Statistic(means)
        variance = Statistic(variances)
    }
}

import Foundation
import Model
import Nonlinearities
import Numerical

/// How a network's layers are drawn when only fluctuations are measured.
public enum FluctuationPath: String, Sendable, CaseIterable {
    /// O(N) per layer: layer l meets W^l only through a = φ(h^{l−1}) and d = D^{l−1} v,
    /// and their images are drawn exactly from the Gram matrix of (a, d). Gaussian W: the
    /// rows of (Wa, Wd) are independent bivariate N(0, σw²/N · Gram), so each unit's
    /// (h_i, v_i) is drawn from its 2×2 covariance, the bias in it, and only sums over
    /// units pass to the next layer (`runGaussianUnits`). Haar W = σw O: (Oa, Od) is the Gram-consistent pair of a random rotation,
    /// Oa = |a| e1, Od = α e1 + β e2 with (e1, e2) a uniformly random orthonormal pair
    /// (Gram–Schmidt of g1, g2). No N×N matrix is drawn.
    case projected
    /// The reference: W^l drawn in full (`WeightEnsemble.draw`, O(N²) numbers and a QR for
    /// Haar), images by BLAS (`LinearAlgebra.dgemm`).
    case full
}

/// Buffers of one network's pass (N each; the full path adds W, N×N), owned here and
/// freed in deinit; one per worker.
final class FluctuationWorkspace {
    let n: Int
    let h, v, g1, g2, bias: UnsafeMutablePointer<Double>
    /// The second input's h_b, φ(h_b), and the third Gaussian direction of its image.
    let hb, b, g3: UnsafeMutablePointer<Double>
    /// a = φ(h) and d = D v side by side: the N×2 block [a d] that the full path multiplies.
    let pair: UnsafeMutablePointer<Double>
    var a: UnsafeMutablePointer<Double> { pair }
    var d: UnsafeMutablePointer<Double> { pair + n }
    /// W^l, column-major, and the products W·[a d] (full path only).
    let w: UnsafeMutablePointer<Double>?
    let images: UnsafeMutablePointer<Double>?
    /// W·b (full path only).
    let imagesB: UnsafeMutablePointer<Double>?
    let scratch = QRScratch()

    init(width n: Int, full: Bool) {
        self.n = n
        // Rounded up to whole SIMD8 blocks, the tail zero: the unit path reads N mod 8
        // lanes past the end (`unitSums`).
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let capacity = (count + 7) / 8 * 8
            let p = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
            p.initialize(repeating: 0, count: capacity)
            return p
        }
        h = buffer(n); v = buffer(n); pair = buffer(2 * n)
        g1 = buffer(n); g2 = buffer(n); bias = buffer(n)
        hb = buffer(n); b = buffer(n); g3 = buffer(n)
        w = full ? buffer(n * n) : nil
        images = full ? buffer(2 * n) : nil
        imagesB = full ? buffer(n) : nil
    }

    deinit {
        for p in [h, v, pair, g1, g2, bias, hb, b, g3] { p.deallocate() }
        w?.deallocate()
        images?.deallocate()
        imagesB?.deallocate()
    }
}

/// One network's q̂^l = |h^l|²/N and log|J^l u|², l = 1…depth, from an input with
/// |x|²/N = q0 (so h^1 = W^1 x + b^1) and a unit u (v^1 = u, v^{l+1} = W^{l+1} D^l v^l).
/// v is kept of unit length and log|v|² summed, so deep gains neither overflow nor
/// underflow. Beside it a second input x_b (|x_b|²/N = q0, correlation c0 with x: the
/// input correlation that gives c^1 its value) goes through the same network:
/// ĉ^l = ⟨h, h_b⟩/(|h| |h_b|). Its numbers come from their own streams
/// (`fluctuationPair`), so h and v are those of the one-input run.
struct FluctuationSampler {
    let network: FiniteNetwork
    let q0: Double
    /// The correlation of the inputs x and x_b.
    let c0: Double
    let seed: UInt64
    /// Whether x_b is run (ĉ^l); without it c[l − 1] is NaN and q̂, log-gains are unchanged.
    var correlation = true

    /// Fills q[l−1], logGain[l−1] and c[l−1] for network k.
    /// - Throws: `LAPACKError` from the Haar QR of the full path.
    func run(_ k: Int, path: FluctuationPath, _ ws: FluctuationWorkspace,
             q: UnsafeMutablePointer<Double>, logGain: UnsafeMutablePointer<Double>,
             c: UnsafeMutablePointer<Double>) throws {
        if path == .projected && network.weights == .gaussian {
            return runGaussianUnits(k, ws, correlation: correlation, q: q, logGain: logGain, c: c)
        }
        let n = ws.n, nd = Double(n)
        var input = GaussianStream(seed: RandomStream.fluctuationInput(network: k).seed(seed))
        input.fill(ws.v, count: n, sigma: 1)
        scale(ws.v, n, 1 / norm2(ws.v, n).squareRoot())
        var log = 0.0
        for l in 1...network.depth {
            switch path {
            case .projected: layerProjected(k, l, ws)
            case .full: try layerFull(k, l, ws, input: &input)
            }
            if l > 1 {
                let vv = norm2(ws.v, n)
                log += Foundation.log(vv)
                scale(ws.v, n, 1 / vv.squareRoot())
            }
            q[l - 1] = norm2(ws.h, n) / nd
            logGain[l - 1] = log
            c[l - 1] = correlation ? LinearAlgebra.dot(n, ws.h, ws.hb) / (norm2(ws.h, n).squareRoot() * norm2(ws.hb, n).squareRoot()) : .nan
        }
    }

    /// a = φ(h), d = φ′(h)·v and the Gram matrix (|a|², a·d, |d|²), from layer l − 1.
    private func activations(_ ws: FluctuationWorkspace) -> (aa: Double, ad: Double, dd: Double) {
        let phi = network.phi
        var aa = 0.0, ad = 0.0, dd = 0.0
        var start = 0
        if let vector = phi.vectorSecondJet {
            // Eight at a time where φ has a vectorised jet (tanh): the jet is most of the
            // O(N) path's time. Sums in a fixed order, so the bytes stay the same.
            var saa = SIMD8<Double>(), sad = SIMD8<Double>(), sdd = SIMD8<Double>()
            while start + 8 <= ws.n {
                let h = SIMD8<Double>(UnsafeBufferPointer(start: ws.h + start, count: 8))
                let v = SIMD8<Double>(UnsafeBufferPointer(start: ws.v + start, count: 8))
                let (p, dp, _) = vector(h)
                let di = dp * v
                for j in 0..<8 { ws.a[start + j] = p[j]; ws.d[start + j] = di[j] }
                saa += p * p; sad += p * di; sdd += di * di
                start += 8
            }
            aa = saa.sum(); ad = sad.sum(); dd = sdd.sum()
        }
        for i in start..<ws.n {
            let j = phi.jet(ws.h[i])
            let di = j[1] * ws.v[i]
            ws.a[i] = j[0]; ws.d[i] = di
            aa += j[0] * j[0]; ad += j[0] * di; dd += di * di
        }
        return (aa, ad, dd)
    }

    /// b = φ(h_b) and its products (a·b, d·b, |b|²) with a and d of `activations`.
    private func secondActivations(_ ws: FluctuationWorkspace) -> (ab: Double, db: Double, bb: Double) {
        let phi = network.phi
        var ab = 0.0, db = 0.0, bb = 0.0
        var start = 0
        if let vector = phi.vectorSecondJet {
            var sab = SIMD8<Double>(), sdb = SIMD8<Double>(), sbb = SIMD8<Double>()
            while start + 8 <= ws.n {
                let h = SIMD8<Double>(UnsafeBufferPointer(start: ws.hb + start, count: 8))
                let a = SIMD8<Double>(UnsafeBufferPointer(start: ws.a + start, count: 8))
                let d = SIMD8<Double>(UnsafeBufferPointer(start: ws.d + start, count: 8))
                let p = vector(h).0
                for j in 0..<8 { ws.b[start + j] = p[j] }
                sab += a * p; sdb += d * p; sbb += p * p
                start += 8
            }
            ab = sab.sum(); db = sdb.sum(); bb = sbb.sum()
        }
        for i in start..<ws.n {
            let p = phi.jet(ws.hb[i])[0]
            ws.b[i] = p
            ab += ws.a[i] * p; db += ws.d[i] * p; bb += p * p
        }
        return (ab, db, bb)
    }

    /// x_b's image at layer 1 from e1 (the direction of x's image) and g3: the part of g3
    /// orthogonal to e1, normalised, is e3, and W x_b = r (c0 e1 + √(1 − c0²) e3).
    private func secondInputImage(_ ws: FluctuationWorkspace, e1: UnsafeMutablePointer<Double>, radius r: Double) {
        let n = ws.n
        let p = LinearAlgebra.dot(n, e1, ws.g3)
        LinearAlgebra.axpy(n, alpha: -p, e1, ws.g3)
        scale(ws.g3, n, 1 / norm2(ws.g3, n).squareRoot())
        let s = Swift.max((1 - c0) * (1 + c0), 0).squareRoot()
        for i in 0..<n { ws.hb[i] = r * (c0 * e1[i] + s * ws.g3[i]) + ws.bias[i] }
    }

    /// Layer l of the O(N) path for Haar W = σw O: h ← image of a plus bias, v ← image of d
    /// (unnormalised), h_b ← image of b plus bias, from the random orthonormal frame
    /// (e1, e2, e3) made from g1, g2, g3 (Gaussian W: `runGaussianUnits`).
    private func layerProjected(_ k: Int, _ l: Int, _ ws: FluctuationWorkspace) {
        let n = ws.n, nd = Double(n)
        let sw = network.sigmaW, sb = network.sigmaB
        var stream = GaussianStream(seed: RandomStream.fluctuationLayer(network: k, layer: l).seed(seed))
        stream.fill(ws.g1, count: n, sigma: 1)
        if l == 1 {
            stream.fill(ws.bias, count: n, sigma: sb)
            // The input x (|x|² = N q0) meets W^1 alone: σw O x is uniform on the sphere
            // of radius σw √(N q0); x_b's image is the Gram-consistent point of it.
            let c = sw * (nd * q0 / norm2(ws.g1, n)).squareRoot()
            for i in 0..<n { ws.h[i] = c * ws.g1[i] + ws.bias[i] }
            var pair = GaussianStream(seed: RandomStream.fluctuationPair(network: k, layer: l).seed(seed))
            pair.fill(ws.g3, count: n, sigma: 1)
            scale(ws.g1, n, 1 / norm2(ws.g1, n).squareRoot())
            secondInputImage(ws, e1: ws.g1, radius: sw * (nd * q0).squareRoot())
            return
        }
        stream.fill(ws.g2, count: n, sigma: 1)
        stream.fill(ws.bias, count: n, sigma: sb)
        let (aa, ad, dd) = activations(ws)
        let (ab, db, bb) = secondActivations(ws)
        let lengthA = aa.squareRoot()
        let alpha = lengthA > 0 ? ad / lengthA : 0
        let beta = Swift.max(dd - alpha * alpha, 0).squareRoot()
        // e1 = g1/|g1|, e2 = the part of g2 orthogonal to e1, normalised.
        scale(ws.g1, n, 1 / norm2(ws.g1, n).squareRoot())
        let p = LinearAlgebra.dot(n, ws.g1, ws.g2)
        LinearAlgebra.axpy(n, alpha: -p, ws.g1, ws.g2)
        scale(ws.g2, n, 1 / norm2(ws.g2, n).squareRoot())
        for i in 0..<n {
            ws.h[i] = sw * lengthA * ws.g1[i] + ws.bias[i]
            ws.v[i] = sw * (alpha * ws.g1[i] + beta * ws.g2[i])
        }
        // b = φ(h_b) enters as the third column of the Cholesky factor of the Gram of
        // (a, d, b): O b = γ1 e1 + γ2 e2 + γ3 e3, e3 the part of g3 orthonormal to e1, e2.
        var pair = GaussianStream(seed: RandomStream.fluctuationPair(network: k, layer: l).seed(seed))
        pair.fill(ws.g3, count: n, sigma: 1)
        let gamma1 = lengthA > 0 ? ab / lengthA : 0
        let gamma2 = beta > 0 ? (db - alpha * gamma1) / beta : 0
        let gamma3 = Swift.max(bb - gamma1 * gamma1 - gamma2 * gamma2, 0).squareRoot()
        for e in [ws.g1, ws.g2] {
            LinearAlgebra.axpy(n, alpha: -LinearAlgebra.dot(n, e, ws.g3), e, ws.g3)
        }
        scale(ws.g3, n, 1 / norm2(ws.g3, n).squareRoot())
        for i in 0..<n {
            ws.hb[i] = sw * (gamma1 * ws.g1[i] + gamma2 * ws.g2[i] + gamma3 * ws.g3[i]) + ws.bias[i]
        }
    }

    /// Layer l of the full path: W^l drawn, h = W^l a + b, v = W^l d (layer 1: h = W^1 x + b,
    /// x the next N numbers of the input stream scaled to |x|² = N q0).
    private func layerFull(_ k: Int, _ l: Int, _ ws: FluctuationWorkspace, input: inout GaussianStream) throws {
        let n = ws.n, nd = Double(n)
        guard let w = ws.w, let images = ws.images else { preconditionFailure("full path without its buffers") }
        try network.weights.draw(into: w, width: n, sigmaW: network.sigmaW, seed: seed, network: k, layer: l,
                                 scratch: ws.scratch)
        var biasStream = GaussianStream(seed: RandomStream.bias(network: k, layer: l).seed(seed))
        biasStream.fill(ws.bias, count: n, sigma: network.sigmaB)
        guard let imagesB = ws.imagesB else { preconditionFailure("full path without its buffers") }
        if l == 1 {
            input.fill(ws.a, count: n, sigma: 1)
            scale(ws.a, n, (nd * q0 / norm2(ws.a, n)).squareRoot())
            LinearAlgebra.dgemm(m: n, n: 1, k: n, w, lda: n, ws.a, ldb: n, images, ldc: n)
            for i in 0..<n { ws.h[i] = images[i] + ws.bias[i] }
            // x_b = c0 x + √(1 − c0²) x⊥, x⊥ ⟂ x with |x⊥|² = N q0: exactly the correlation c0.
            var pair = GaussianStream(seed: RandomStream.fluctuationPair(network: k, layer: 0).seed(seed))
            pair.fill(ws.b, count: n, sigma: 1)
            let along = LinearAlgebra.dot(n, ws.a, ws.b) / norm2(ws.a, n)
            LinearAlgebra.axpy(n, alpha: -along, ws.a, ws.b)
            scale(ws.b, n, (nd * q0 / norm2(ws.b, n)).squareRoot())
            let s = Swift.max((1 - c0) * (1 + c0), 0).squareRoot()
            for i in 0..<n { ws.b[i] = c0 * ws.a[i] + s * ws.b[i] }
        } else {
            _ = activations(ws)
            LinearAlgebra.dgemm(m: n, n: 2, k: n, w, lda: n, ws.pair, ldb: n, images, ldc: n)
            for i in 0..<n {
                ws.h[i] = images[i] + ws.bias[i]
                ws.v[i] = images[n + i]
            }
            _ = secondActivations(ws)
        }
        LinearAlgebra.dgemm(m: n, n: 1, k: n, w, lda: n, ws.b, ldb: n, imagesB, ldc: n)
        for i in 0..<n { ws.hb[i] = imagesB[i] + ws.bias[i] }
    }
}

/// |x|² over n values.
@inline(__always)
func norm2(_ x: UnsafePointer<Double>, _ n: Int) -> Double { LinearAlgebra.dot(n, x, x) }

@inline(__always)
func scale(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ c: Double) {
    for i in 0..<n { x[i] *= c }
}

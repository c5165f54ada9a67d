import Foundation
import Model
import Nonlinearities

/// Gaussian W by the O(N) path with no vector kept from one layer to the next.
///
/// Given layer l − 1, the rows of W^l·[a d b] (a = φ(h), d = D v with |v| = 1, b = φ(h_b))
/// are iid N(0, σw²/N · G), G the Gram matrix of (a, d, b), and the bias vector is shared
/// by both inputs, so the units i of layer l are iid triples (h_i, v_i, h_b,i) ~ N(0, C):
///
///     C = σw²/N · G + σb² [[1, 0, 1], [0, 0, 0], [1, 0, 1]].
///
/// A unit is drawn as L z, L the Cholesky factor of C and z three standard normals
/// (z1, z2 from `fluctuationLayer`, z3 from `fluctuationPair`): two normals per unit
/// instead of three (two images and a bias), and every measurement and the next layer's G
/// are sums over units, accumulated in the same pass. Layer 1: h = W x + b and h_b are
/// N(0, σw² q0 + σb²) with covariance σw² q0 c_x + σb², and v^1 = u = z2/|z2| with z2 from
/// `fluctuationInput` (independent of W). The Haar ensemble is not a sum of independent
/// units (its frame is orthonormal) and keeps the vector path (`layerProjected`).
extension FluctuationSampler {
    /// The Gram sums of one layer's units, and the sums its measurements need.
    struct UnitSums {
        var hh = 0.0, vv = 0.0, hhb = 0.0, hbhb = 0.0
        var aa = 0.0, ad = 0.0, dd = 0.0, ab = 0.0, db = 0.0, bb = 0.0
    }

    /// The lower Cholesky factor of C, entries that do not exist (a zero pivot) set to 0.
    struct UnitFactor {
        var l11 = 0.0, l21 = 0.0, l22 = 0.0, l31 = 0.0, l32 = 0.0, l33 = 0.0

        init(hh: Double, hv: Double, vv: Double, hb: Double, vb: Double, bb: Double) {
            l11 = Swift.max(hh, 0).squareRoot()
            l21 = l11 > 0 ? hv / l11 : 0
            l22 = Swift.max(vv - l21 * l21, 0).squareRoot()
            l31 = l11 > 0 ? hb / l11 : 0
            l32 = l22 > 0 ? (vb - l31 * l21) / l22 : 0
            l33 = Swift.max(bb - l31 * l31 - l32 * l32, 0).squareRoot()
        }
    }

    /// Network k by the Gaussian unit path; `correlation` false skips the second input
    /// (c[l − 1] is then NaN, and q, logGain are the same numbers).
    func runGaussianUnits(_ k: Int, _ ws: FluctuationWorkspace, correlation: Bool,
                          q: UnsafeMutablePointer<Double>, logGain: UnsafeMutablePointer<Double>,
                          c: UnsafeMutablePointer<Double>) {
        let n = ws.n, nd = Double(n)
        let sw2 = network.sigmaW * network.sigmaW, sb2 = network.sigmaB * network.sigmaB
        var input = GaussianStream(seed: RandomStream.fluctuationInput(network: k).seed(seed))
        input.fill(ws.g2, count: n, sigma: 1)
        let q1 = sw2 * q0 + sb2, cross = sw2 * q0 * c0 + sb2
        // v^1 = u = z2 (normalised below): l22 = 1, and u is independent of h.
        var factor = UnitFactor(hh: q1, hv: 0, vv: 1, hb: cross, vb: 0, bb: q1)
        var log = 0.0
        for l in 1...network.depth {
            var stream = GaussianStream(seed: RandomStream.fluctuationLayer(network: k, layer: l).seed(seed))
            stream.fill(ws.g1, count: n, sigma: 1)
            if l > 1 { stream.fill(ws.g2, count: n, sigma: 1) }
            if correlation {
                var pair = GaussianStream(seed: RandomStream.fluctuationPair(network: k, layer: l).seed(seed))
                pair.fill(ws.g3, count: n, sigma: 1)
            }
            let s = unitSums(factor, ws, correlation: correlation)
            if l > 1 { log += Foundation.log(s.vv) }
            q[l - 1] = s.hh / nd
            logGain[l - 1] = log
            c[l - 1] = correlation ? s.hhb / (s.hh.squareRoot() * s.hbhb.squareRoot()) : .nan
            // The next layer meets d = D v/|v|; once v = 0 it stays 0 (log|J u|² = −∞).
            let inverse = s.vv > 0 ? 1 / s.vv : 0, root = inverse.squareRoot()
            let w = sw2 / nd
            factor = UnitFactor(hh: w * s.aa + sb2, hv: w * s.ad * root, vv: w * s.dd * inverse,
                                hb: w * s.ab + sb2, vb: w * s.db * root, bb: w * s.bb + sb2)
        }
    }

    /// One pass over the units: (h, v, h_b) = L z, then φ and φ′ and every sum, eight
    /// units at a time in a fixed order (the lanes past N, where the buffers hold zeros,
    /// masked out), so the bytes do not depend on N mod 8 or the machine.
    private func unitSums(_ f: UnitFactor, _ ws: FluctuationWorkspace, correlation: Bool) -> UnitSums {
        typealias V = SIMD8<Double>
        let phi = network.phi, vector = phi.vectorSecondJet
        @inline(__always) func jet(_ x: V) -> (V, V) {
            if let vector { let (p, dp, _) = vector(x); return (p, dp) }
            var p = V(), dp = V()
            for j in 0..<8 { let s = phi.jet(x[j]); p[j] = s[0]; dp[j] = s[1] }
            return (p, dp)
        }
        @inline(__always) func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> V {
            UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
        }
        var hh = V(), vv = V(), hhb = V(), hbhb = V(), aa = V(), ad = V(), dd = V(), ab = V(), db = V(), bb = V()
        let lanes = V(0, 1, 2, 3, 4, 5, 6, 7)
        var i = 0
        while i < ws.n {
            let z1 = load(ws.g1, i), z2 = load(ws.g2, i)
            let h = f.l11 * z1, v = f.l21 * z1 + f.l22 * z2
            var (p, dp) = jet(h)
            let partial = i + 8 > ws.n, live = lanes .< V(repeating: Double(ws.n - i))
            if partial { p.replace(with: 0, where: .!live); dp.replace(with: 0, where: .!live) }
            let d = dp * v
            hh += h * h; vv += v * v
            aa += p * p; ad += p * d; dd += d * d
            if correlation {
                let hb = f.l31 * z1 + f.l32 * z2 + f.l33 * load(ws.g3, i)
                var pb = jet(hb).0
                if partial { pb.replace(with: 0, where: .!live) }
                hhb += h * hb; hbhb += hb * hb
                ab += p * pb; db += d * pb; bb += pb * pb
            }
            i += 8
        }
        return UnitSums(hh: hh.sum(), vv: vv.sum(), hhb: hhb.sum(), hbhb: hbhb.sum(),
                        aa: aa.sum(), ad: ad.sum(), dd: dd.sum(), ab: ab.sum(), db: db.sum(), bb: bb.sum())
    }
}

import Foundation
import Model
import Nonlinearities
import Numerical

/// One layer of the finite-width theory of two inputs (SPEC §12): the mean-field c^l and
/// Var ĉ^l across networks of width N at order 1/N, ĉ^l = ⟨h_a, h_b⟩/(|h_a| |h_b|).
public struct CorrelationFluctuationLayer: Sendable, Equatable {
    public var layer: Int
    /// The mean-field c^l (N = ∞).
    public var c: Double
    /// Var ĉ^l.
    public var cVariance: Double
}

/// The correlation of two inputs at order 1/N, Gaussian and Haar-orthogonal weights.
///
/// **The kernel.** Both inputs have |x|²/N = q0, and their correlation c_x is the one that
/// makes c^1 = c0: layer 1's 2×2 kernel is K^1 = (K_aa, K_ab, K_bb) = (q^1, c0 q^1, q^1),
/// q^1 = σw² q0 + σb², exactly, with σw² q0 c_x + σb² = c0 q^1 (when σw² q0 = 0 the
/// inputs do not reach layer 1 and c^l = 1 whatever c0).
/// Given layer l, the rows (h_a,i, h_b,i) of layer l are iid bivariate N(0, K^l) (the
/// bias is shared, so it adds σb² to all three entries), and the next kernel is
///   K^{l+1} = σw² Â^l + σb²,  Â^l = (1/N) Σ_i (φ_a², φ_a φ_b, φ_b²)_i,
/// a sample mean: Â^l = M(K^l) + ξ_l, Cov ξ_l = C(K^l)/N, C the covariance of
/// (φ_a², φ_a φ_b, φ_b²) under N(0, K^l). Linearised about the mean-field k^l, with
/// Cov K^1 = 0:
///   δK^{l+1} = σw² (J_l δK^l + ξ_l),  Σ_{l+1} = σw⁴ (J_l Σ_l J_lᵀ + C/N),
/// J_l = ∂M/∂K at k^l. M_aa = m(K_aa) = E φ², so ∂M_aa/∂K_aa = m′ = E[φφ′x]/K. For
/// M_ab = E[φ(x)φ(y)], Price's theorem gives ∂/∂K_ab = E[φ′(x)φ′(y)], and at fixed K_ab
/// (x = √K_aa u, the correlation ρ moving with K_aa)
///   ∂M_ab/∂K_aa = (E[φ′(x) x φ(y)] − K_ab E[φ′(x)φ′(y)])/(2 K_aa),
/// first derivatives only, so kinked φ need no φ″.
///
/// **The measured correlation.** ĉ^l is that of the empirical Gram Ĝ^l = (1/N) Σ_i
/// (h_a², h_a h_b, h_b²)_i, which is K^l plus its own sampling noise S/N (Isserlis:
/// Var h_a² = 2K_aa², Var h_a h_b = K_aa K_bb + K_ab², Cov(h_a², h_a h_b) = 2K_aa K_ab,
/// Cov(h_a², h_b²) = 2K_ab², …), independent of δK^l at this order. The delta method on
/// c = K_ab/√(K_aa K_bb), ∇c = (−c/(2K_aa), 1/√(K_aa K_bb), −c/(2K_bb)):
///   Var ĉ^l = ∇cᵀ (Σ_l + S/N) ∇c.
/// One layer alone gives (1 − c²)²/N, the variance of a sample correlation; linear φ
/// with σb = 0 has J = I and C = S, so Var ĉ^l = l (1 − c²)²/N.
///
/// **Orthogonal W = σw O.** A Gaussian pair of images is the Haar one times an independent
/// 2×2 Wishart factor: Z = U (ZᵀZ)^{1/2} with U uniform on the N×2 frames and independent
/// of ZᵀZ. So the Haar pair is the Gaussian one with the Gram of the weight part,
/// S_w = K − σb² (all three entries), kept exactly, and at order 1/N the covariance of
/// sample means over a Haar layer is the Gaussian one minus the part the Wishart noise
/// of S_w explains, S(S_w)/N (the two-input form of the one-input sphere's radial term):
///   Cov ξ = (C − J S(S_w) Jᵀ)/N,  Var ĉ^l = ∇cᵀ (Σ_l + (S(K) − S(S_w))/N) ∇c.
/// Linear φ with σb = 0 keeps every Gram exactly: Var ĉ^l = 0.
extension MeanFieldModel {
    /// The per-layer c^l and Var ĉ^l for depth layers of width N, weights of `weights`,
    /// from two inputs with |x|²/N = q0 and c^1 = c0.
    ///
    /// - Throws: `TheoryError.invalidParameter` when q^1 = 0 or no input correlation gives
    ///   c^1 = c0 (`FiniteNetwork.inputCorrelation`),
    ///   `TheoryError.diverges` when φ grows faster than linearly or a moment is not
    ///   finite, `TheoryError.undefined` when q^l underflows or overflows.
    public func correlationFluctuations(q0: Double, c0: Double, depth: Int, width: Int,
                                        weights: WeightEnsemble) throws -> [CorrelationFluctuationLayer] {
        guard phi.asymptoticGrowth.isFinite else {
            throw TheoryError.diverges("--phi \(phi.name) grows faster than linearly: the fourth moments E[phi(h)^4] "
                + "the fluctuations need are not finite or not resolved; accepted: a phi of at most linear growth")
        }
        let k1 = w2 * q0 + b2
        guard k1 > 0 else {
            throw TheoryError.invalidParameter("--q0 0 with --sigma-b 0 gives q^1 = 0: every layer has zero length; accepted: q^1 = sigma-w^2 q0 + sigma-b^2 > 0")
        }
        do {
            _ = try FiniteNetwork.inputCorrelation(c1: c0, q0: q0, sigmaW: sigmaW, sigmaB: sigmaB)
        } catch let e as ModelError {
            throw TheoryError.invalidParameter(e.description)
        }
        let n = Double(width)
        let orthogonal = weights == .orthogonal
        var k = k1, kab = FiniteNetwork.effectiveC1(c0, q0: q0, sigmaW: sigmaW) * k1
        var sigma = Symmetric3()
        var layers: [CorrelationFluctuationLayer] = []
        for l in 1...depth {
            guard k > 0, k.isFinite else {
                throw TheoryError.undefined("q^\(l) = \(k): the mean-field length \(k > 0 ? "overflows" : "underflows to 0") at layer \(l); accepted: a depth that keeps q^l positive and finite")
            }
            let c = Swift.min(Swift.max(kab / k, -1), 1)
            let s = Symmetric3.isserlis(k, kab)
            // The weight part's Wishart noise, which a Haar layer does not have.
            let radial = orthogonal ? Symmetric3.isserlis(Swift.max(k - b2, 0), kab - b2) : Symmetric3()
            let grad = SIMD3(-c / (2 * k), 1 / k, -c / (2 * k))
            let variance = sigma.quadratic(grad) + (s.quadratic(grad) - radial.quadratic(grad)) / n
            layers.append(CorrelationFluctuationLayer(layer: l, c: c, cVariance: Swift.max(variance, 0)))
            if l == depth { break }
            let m = try fluctuationMoments(k)
            let p = try pairMoments(k, c: c)
            let dab = (p.dphiXPhi - kab * p.dphiDphi) / (2 * k)
            // Rows of J (ordering aa, ab, bb); the two inputs are exchangeable.
            let j = (SIMD3(m.phi2Slope, 0, 0), SIMD3(dab, p.dphiDphi, dab), SIMD3(0, 0, m.phi2Slope))
            let mab = p.phiPhi
            let cov = Symmetric3(aa: m.phi4 - m.phi2 * m.phi2, ab: p.phi3Phi - m.phi2 * mab,
                                 bb: p.phi2Phi2 - m.phi2 * m.phi2, abab: p.phi2Phi2 - mab * mab,
                                 abbb: p.phi3Phi - mab * m.phi2, bbbb: m.phi4 - m.phi2 * m.phi2)
            let noise = cov.adding(radial.transformed(by: j), scaledBy: -1)
            sigma = sigma.transformed(by: j).adding(noise, scaledBy: 1 / n).scaled(by: w2 * w2)
            kab = w2 * mab + b2
            k = w2 * m.phi2 + b2
        }
        return layers
    }

    /// The bivariate means at K_aa = K_bb = k, correlation c: x = √k z1, y = √k (c z1 + √(1−c²) z2).
    func pairMoments(_ k: Double, c: Double) throws -> PairMoments {
        let phi = self.phi
        let sk = k.squareRoot()
        // The two-dimensional rule sums two integrands at once: three passes.
        func pair(_ f: @escaping (SIMD2<Double>, Double) -> SIMD2<Double>,
                  _ g: @escaping (SIMD2<Double>) -> SIMD2<Double>) -> SIMD2<Double> {
            integrals.mean(q1: k, q2: k, c: c, even: symmetric,
                           { x in let j = phi.jet(x); return f(SIMD2(j[0], j[1]), x) },
                           { y in let j = phi.jet(y); return g(SIMD2(j[0], j[1])) })
        }
        let v1 = pair({ j, _ in SIMD2(j[0], j[0] * j[0] * j[0]) }, { j in SIMD2(j[0], j[0]) })
        let v2 = pair({ j, _ in SIMD2(j[0] * j[0], j[1]) }, { j in SIMD2(j[0] * j[0], j[1]) })
        let v3 = pair({ j, x in SIMD2(j[1] * x / sk, 0) }, { j in SIMD2(j[0], 0) })
        let p = PairMoments(phiPhi: v1[0], phi3Phi: v1[1], phi2Phi2: v2[0], dphiDphi: v2[1], dphiXPhi: v3[0] * sk)
        guard [p.phiPhi, p.phi3Phi, p.phi2Phi2, p.dphiDphi, p.dphiXPhi].allSatisfy(\.isFinite) else {
            throw TheoryError.diverges("a bivariate Gaussian moment of --phi \(phi.name) at q = \(k), c = \(c) is not finite; accepted: a phi whose fourth moments are finite along the path")
        }
        return p
    }
}

/// E over (x, y) bivariate normal with K_aa = K_bb: E[φφ], E[φ(x)³φ(y)] (= E[φ(x)φ(y)³]
/// by exchangeability), E[φ(x)²φ(y)²], E[φ′φ′], E[φ′(x) x φ(y)].
struct PairMoments {
    var phiPhi, phi3Phi, phi2Phi2, dphiDphi, dphiXPhi: Double
}

/// A symmetric 3×3 matrix over the kernel entries (aa, ab, bb); `ab` is the (aa, ab)
/// entry, `bb` the (aa, bb) entry, `abab`, `abbb`, `bbbb` the rest.
struct Symmetric3 {
    var aa = 0.0, ab = 0.0, bb = 0.0, abab = 0.0, abbb = 0.0, bbbb = 0.0

    /// Isserlis: the covariance of (x², xy, y²) under N(0, K), K_aa = K_bb = k, K_ab = kab.
    static func isserlis(_ k: Double, _ kab: Double) -> Symmetric3 {
        Symmetric3(aa: 2 * k * k, ab: 2 * k * kab, bb: 2 * kab * kab,
                   abab: k * k + kab * kab, abbb: 2 * k * kab, bbbb: 2 * k * k)
    }

    var rows: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>) {
        (SIMD3(aa, ab, bb), SIMD3(ab, abab, abbb), SIMD3(bb, abbb, bbbb))
    }

    func quadratic(_ v: SIMD3<Double>) -> Double {
        let r = rows
        return v.x * (r.0 * v).sum() + v.y * (r.1 * v).sum() + v.z * (r.2 * v).sum()
    }

    /// J Σ Jᵀ, J given by rows.
    func transformed(by j: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)) -> Symmetric3 {
        let r = rows
        // Σ Jᵀ's column i is Σ · (row i of J).
        func times(_ v: SIMD3<Double>) -> SIMD3<Double> { SIMD3((r.0 * v).sum(), (r.1 * v).sum(), (r.2 * v).sum()) }
        let c0 = times(j.0), c1 = times(j.1), c2 = times(j.2)
        return Symmetric3(aa: (j.0 * c0).sum(), ab: (j.0 * c1).sum(), bb: (j.0 * c2).sum(),
                          abab: (j.1 * c1).sum(), abbb: (j.1 * c2).sum(), bbbb: (j.2 * c2).sum())
    }

    func adding(_ o: Symmetric3, scaledBy s: Double) -> Symmetric3 {
        Symmetric3(aa: aa + s * o.aa, ab: ab + s * o.ab, bb: bb + s * o.bb,
                   abab: abab + s * o.abab, abbb: abbb + s * o.abbb, bbbb: bbbb + s * o.bbbb)
    }

    func scaled(by s: Double) -> Symmetric3 { Symmetric3().adding(self, scaledBy: s) }
}

import Foundation
import Model
import Nonlinearities
import Numerical

/// One layer of the finite-width theory (SPEC §12): the mean-field q^l beside the
/// fluctuations across networks of width N, at order 1/N.
public struct FluctuationLayer: Sendable, Equatable {
    public var layer: Int
    /// The mean-field q^l (N = ∞).
    public var q: Double
    /// Var q̂^l, q̂^l = |h^l|²/N.
    public var qVariance: Double
    /// E log|J^l u|² (J^l = ∂h^l/∂h^1, u a random unit vector; 0 at layer 1).
    public var logGainMean: Double
    /// Var log|J^l u|².
    public var logGainVariance: Double
}

/// Fluctuations across networks at order 1/N, Gaussian and Haar-orthogonal weights.
///
/// **The layer variance.** Write a = φ(h^{l−1}), A = |a|²/N, and K^l = σw² A + σb², the
/// variance of h^l_i given the layer below. Gaussian W: given a, the h^l_i are independent
/// N(0, K^l). Orthogonal W = σw O: σw O a is uniform on the sphere of radius σw√(NA), so
/// h^l = σw√(NA) ŝ + b. A Gaussian image is the orthogonal one with A replaced by A·r,
/// r = χ²_N/N independent of ŝ. Hence for any f, the mean over i of f(h^l_i) has
///   Var = C(f, f)/N,  C(f, g) = Cov_z(f, g) − [orth] 2 s⁴ f̄′(K) ḡ′(K),
/// with z ~ N(0, K), f̄(K) = E f(√K z), s² = K − σb² (the weight part's variance): the
/// sphere removes the radial component (Var r = 2/N) of the Gaussian fluctuation.
/// Likewise the orthogonal mean is f̄(K) − s⁴ f̄″(K)/N (second order in r).
/// K^{l+1} = V(K^l) + η_l, Var η_l = σw⁴ C(φ², φ²)/N, E η_l = 0 (Gaussian) or
/// −σw² s⁴ m″/N (orthogonal; m(K) = E φ²). Linearised, with Var K^1 = 0 (the input fixes it):
///   δK^{l+1} = V′(k^l) δK^l + η_l,  E K^{l+1} − k^{l+1} = V′ ΔK^l + ½ V″ Var K^l + E η_l,
///   Var q̂^l = Var K^l + C(h², h²)/N = Var K^l + 2(k² − [orth] s⁴)/N.
///
/// **The gain.** v^1 = u, v^{l+1} = W^{l+1} D^l v^l, D^l = diag φ′(h^l); G^l = |v^l|².
/// The factor F_l = G^{l+1}/G^l = σw² S_l R_l with S_l = Σ_i φ′(h^l_i)² v̂_i² (v̂ = v^l/|v^l|)
/// and R_l = χ²_N/N (Gaussian, independent of the rest; exactly E log R = ψ(N/2) − log(N/2),
/// Var log R = ψ′(N/2)) or 1 (orthogonal: |O d| = |d|). With v̂ uniform and independent
/// of h, E[S | K] = m1(K) = E φ′² (orthogonal: m1 − s⁴ m1″/N) and the relative variance of S
/// is (2 E φ′⁴/m1² − 2)/N (the v̂ components) + C(φ′², φ′²)/(N m1²) (the h^l sample). So
///   δ log F_l = c_l δK^l + ε_l,  c = d log χ1/dK,
///   Var ε = the two parts above + Var log R (Gaussian: (3 E φ′⁴/m1² − 1)/N at leading
///   order, 5/N for relu, 2/N for linear), Cov(η, ε) = σw² C(φ², φ′²)/(N m1),
/// and the sums over layers carry the coupling through Cov(δK^l, δ log G^l).
///
/// **Means at order 1/N.** E log F_l = log χ1(k) + c ΔK + ½ (d²log χ1/dK²) Var K
/// − ½ Var(S)/m1² + E log R + [orth] sphere shift + the tilt term: v̂^l is not exactly
/// independent of h^l. Its cosine with h^l's weight part has E[N cos²] = τ_l, and
/// E S = m1 + (β − m1)(τ − 1)/N with β = E[φ′² z_w²] (z_w the standardised weight part),
/// β/m1 − 1 = (s²/K)(E[φ′² ẑ²]/m1 − 1). τ_1 = 1 (u is independent of the input); the cosine
/// at layer l+1 is that of a^l and D^l v^l (kept exactly by O; Gaussian W adds the 1/N of
/// a Gaussian sample's cosine): N ρ² = (E[φ²φ′²] + (τ_l − 1) s² m′²)/(m m1), and
/// τ_{l+1} = N ρ² + 1 (Gaussian) or N ρ² (orthogonal).
///
/// **The correlation c^l of two inputs** is `correlationFluctuations` (Gaussian W).
///
/// **Numerics.** The K-derivatives of Gaussian means are Hermite identities,
/// d^n/dK^n E f(√K z) = E[He_{2n}(z) f(√K z)]/(2K)^n, so kinked φ need no φ″; they
/// lose digits like ulp/K for K → 0 (deep ordered nets with σb = 0), where the path is
/// refused once K underflows. Integrals by `GaussianIntegrals` (panels at φ's kinks).
/// Linear Gaussian nets come out exact: S = 1, so E log|J^l u|² = (l−1)(log σw² + ψ(N/2)
/// − log(N/2)) and Var = (l−1) ψ′(N/2).
extension MeanFieldModel {
    /// The per-layer theory for depth layers of width N from an input with |x|²/N = q0
    /// (so q^1 = σw² q0 + σb²), weights of `weights`.
    ///
    /// - Throws: `TheoryError.invalidParameter` when q^1 = 0 (every layer would be 0),
    ///   `TheoryError.diverges` when φ grows faster than linearly (its Gaussian moments
    ///   E φ⁴ are not resolved by a cut-off rule) or when a moment along the path is not
    ///   finite, `TheoryError.undefined` when q^l underflows to 0 or overflows, or χ1 = 0
    ///   before the last layer.
    public func fluctuations(q0: Double, depth: Int, width: Int, weights: WeightEnsemble) throws -> [FluctuationLayer] {
        guard phi.asymptoticGrowth.isFinite else {
            throw TheoryError.diverges("--phi \(phi.name) grows faster than linearly: the fourth moments E[phi(h)^4] "
                + "the fluctuations need are not finite or not resolved; accepted: a phi of at most linear growth")
        }
        let k1 = w2 * q0 + b2
        guard k1 > 0 else {
            throw TheoryError.invalidParameter("--sigma-w \(sigmaW), --q0 \(q0) and --sigma-b \(sigmaB) give q^1 = sigma-w^2 q0 + sigma-b^2 = 0 "
                + "(in double precision): every layer has zero length; accepted: q^1 > 0")
        }
        let n = Double(width)
        let orthogonal = weights == .orthogonal
        let logR = orthogonal ? (mean: 0.0, variance: 0.0)
                              : (mean: try Digamma.psi(n / 2) - log(n / 2), variance: try Digamma.psi1(n / 2))
        var k = k1
        var varK = 0.0, shiftK = 0.0, covKG = 0.0, varG = 0.0, meanG = 0.0, tau = 1.0
        var layers: [FluctuationLayer] = []
        for l in 1...depth {
            guard k > 0, k.isFinite else {
                throw TheoryError.undefined("q^\(l) = \(k): the mean-field length \(k > 0 ? "overflows" : "underflows to 0") at layer \(l); accepted: a depth that keeps q^l positive and finite")
            }
            let m = try fluctuationMoments(k)
            let s2 = Swift.max(k - b2, 0)
            let radial = orthogonal ? 2 * s2 * s2 : 0
            layers.append(FluctuationLayer(layer: l, q: k, qVariance: varK + (2 * k * k - radial) / n,
                                           logGainMean: meanG, logGainVariance: varG))
            if l == depth { break }
            guard w2 * m.dphi2 > 0 else {
                throw TheoryError.undefined("chi1 = sigma-w^2 E[phi'(h)^2] = 0 at layer \(l) (--sigma-w \(sigmaW), --phi \(phi.name)): J u = 0 and log|J u|^2 = -infinity beyond layer \(l); accepted: a sigma-w whose square is not 0 in double precision and a phi with phi' not 0 almost everywhere (or --depth \(l))")
            }
            let mu = m.dphi2
            // C(f, g)/N of sample means over one layer (orthogonal: radial part removed).
            func sample(_ cov: Double, _ df: Double, _ dg: Double) -> Double { (cov - radial * df * dg) / n }
            let slope = w2 * m.phi2Slope, curvature = w2 * m.phi2Curvature
            let c = m.dphi2Slope / mu, c2 = m.dphi2Curvature / mu - c * c
            let varEta = w2 * w2 * sample(m.phi4 - m.phi2 * m.phi2, m.phi2Slope, m.phi2Slope)
            let varS = sample(m.dphi4 - mu * mu, m.dphi2Slope, m.dphi2Slope) / (mu * mu) + (2 * m.dphi4 / (mu * mu) - 2) / n
            let covEtaEps = w2 * sample(m.phi2dphi2 - m.phi2 * mu, m.phi2Slope, m.dphi2Slope) / mu
            let tilt = (tau - 1) / n * (s2 / k) * (m.dphi2z2 / mu - 1)
            let sphere = orthogonal ? -s2 * s2 * m.dphi2Curvature / (n * mu) : 0
            let etaMean = orthogonal ? -w2 * s2 * s2 * m.phi2Curvature / n : 0

            meanG += log(w2 * mu) + c * shiftK + 0.5 * c2 * varK - 0.5 * varS + logR.mean + tilt + sphere
            varG += c * c * varK + 2 * c * covKG + varS + logR.variance
            covKG = slope * covKG + slope * c * varK + covEtaEps
            shiftK = slope * shiftK + 0.5 * curvature * varK + etaMean
            varK = slope * slope * varK + varEta
            tau = (m.phi2dphi2 + (tau - 1) * s2 * m.phi2Slope * m.phi2Slope) / (m.phi2 * mu) + (orthogonal ? 0 : 1)
            k = w2 * m.phi2 + b2
        }
        return layers
    }

    /// The Gaussian means of `fluctuations` at K > 0, z ~ N(0, 1), x = √K z.
    func fluctuationMoments(_ k: Double) throws -> FluctuationMoments {
        let phi = self.phi
        let v: SIMD16<Double> = integrals.mean(q: k, even: symmetric) { x in
            let j = phi.jet(x)
            let p2 = j[0] * j[0], d2 = j[1] * j[1]
            let z2 = x * x / k
            let he2 = z2 - 1, he4 = z2 * z2 - 6 * z2 + 3
            return SIMD16(p2, p2 * p2, j[0] * j[1] * x / k, he4 * p2,
                          d2, d2 * d2, he2 * d2, he4 * d2,
                          p2 * d2, d2 * z2, 0, 0, 0, 0, 0, 0)
        }
        let m = FluctuationMoments(
            phi2: v[0], phi4: v[1], phi2Slope: v[2], phi2Curvature: v[3] / (4 * k * k),
            dphi2: v[4], dphi4: v[5], dphi2Slope: v[6] / (2 * k), dphi2Curvature: v[7] / (4 * k * k),
            phi2dphi2: v[8], dphi2z2: v[9])
        guard m.all.allSatisfy(\.isFinite) else {
            // φ grows at most linearly (checked first), so the moments are finite: their
            // doubles are not where q² or 1/q² leaves the range of a double.
            throw TheoryError.undefined("the Gaussian moments of --phi \(phi.name) at q = \(k) are beyond double precision "
                + "(E[phi^4] scales like q^2, the curvatures like 1/q^2); accepted: sigma-w, sigma-b, q0 and depth that keep "
                + "q^l between about 1e-150 and 1e150")
        }
        return m
    }
}

/// E over z ~ N(0, 1) at one K, x = √K z, ẑ = z; primes are d/dK.
struct FluctuationMoments {
    /// m = E φ², E φ⁴, m′ = E[φφ′x]/K, m″.
    var phi2, phi4, phi2Slope, phi2Curvature: Double
    /// m1 = E φ′², E φ′⁴, m1′, m1″.
    var dphi2, dphi4, dphi2Slope, dphi2Curvature: Double
    /// E[φ²φ′²], E[φ′² z²].
    var phi2dphi2, dphi2z2: Double

    var all: [Double] { [phi2, phi4, phi2Slope, phi2Curvature, dphi2, dphi4, dphi2Slope, dphi2Curvature, phi2dphi2, dphi2z2] }
}

extension SIMD16: Summand where Scalar == Double {}

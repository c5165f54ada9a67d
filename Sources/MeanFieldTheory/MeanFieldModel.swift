import Foundation
import Model
import Nonlinearities
import Numerical

/// A deep random network in the mean-field limit: h^l = W^l φ(h^{l−1}) + b^l with
/// W_ij ~ N(0, σw²/N) and b_i ~ N(0, σb²) (Poole et al. 2016, §2). Built from the
/// validated `Network` (its depth and weight ensemble do not enter the maps).
public struct MeanFieldModel: Sendable {
    public let network: Network
    public var phi: Nonlinearity { network.phi }
    /// σw and σb are standard deviations, not variances.
    public var sigmaW: Double { network.sigmaW }
    public var sigmaB: Double { network.sigmaB }
    public var integrals: GaussianIntegrals
    /// φ's closed-form Gaussian integrals, used instead of `integrals` wherever they
    /// exist (exact at every q; see `GaussianKernel`). Set to `nil` to force quadrature
    /// (the tests of the quadrature against the same closed forms do).
    public var kernel: GaussianKernel?

    public init(network: Network, quadrature: GaussianQuadrature = .standard) {
        self.network = network
        self.integrals = GaussianIntegrals(phi: network.phi, quadrature: quadrature)
        self.kernel = network.phi.gaussianKernel
    }

    /// - Throws: `ModelError` when σw or σb is refused (`Network`'s limits).
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double,
                quadrature: GaussianQuadrature = .standard) throws {
        self.init(network: try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB), quadrature: quadrature)
    }

    var w2: Double { sigmaW * sigmaW }
    /// φ odd or even: every integrand of the maps (φ², φ′², φφ′z, products of jets) is
    /// then even, and the integrals need only half the nodes.
    var symmetric: Bool { phi.parity != .neither }
    var b2: Double { sigmaB * sigmaB }

    /// The same model integrated with the companion rule (error estimates).
    var companion: MeanFieldModel {
        var m = self
        m.integrals = integrals.companion
        return m
    }
}

// MARK: - One-dimensional maps

/// The four one-dimensional Gaussian integrals at a length q, from one pass over the nodes.
public struct LengthMoments: Sendable, Equatable {
    /// E[φ(√q z)²]
    public var phi2: Double
    /// E[φ′(√q z)²]
    public var dphi2: Double
    /// E[φ″(√q z)²], `nil` when φ′ jumps.
    public var ddphi2: Double?
    /// dE[φ²]/dq = E[φ′² + φφ″] = E[φ(√q z) φ′(√q z) z]/√q (Stein's lemma).
    public var slope: Double
}

extension MeanFieldModel {
    /// V(q) = σw² ∫Dz φ(√q z)² + σb²   (Poole et al. 2016, eq. 3)
    public func lengthMap(_ q: Double) -> Double {
        if let kernel { return w2 * kernel.moments(q)[0] + b2 }
        return w2 * integrals.mean(q: q, even: symmetric) { x in let p = phi.value(x); return p * p } + b2
    }

    /// V(q) with the error estimate of its quadrature.
    ///
    /// Where the quadrature's panel cap leaves φ(√q z) unresolved (an oscillating φ
    /// without closed form at large q), the error is the whole σw² E[φ²] term: the
    /// value is then an order of magnitude, and says so.
    public func lengthMapEstimate(_ q: Double) -> Estimate {
        let v = lengthMap(q)
        var error = (v - companion.lengthMap(q)).magnitude
        if kernel == nil && integrals.isUnderResolved(q: q) { error = Swift.max(error, (v - b2).magnitude) }
        return Estimate(value: v, error: error)
    }

    /// E[φ²], E[φ′²], E[φ″²] and dE[φ²]/dq at q, in one pass.
    ///
    /// dE[φ²]/dq = E[φ′² + φφ″] (the spec's form) is computed as E[φ φ′ z]/√q, equal by
    /// Stein's lemma: for odd monotone φ its integrand is ≥ 0, whereas φ′² and φφ″
    /// cancel to 1 part in √q (erf at q = 1000 loses three digits that way), and it
    /// needs no φ″, so it holds for kinked φ too. At q = 0 the limit is the mean of the
    /// one-sided φ′(0)² plus φ(0)φ″(0).
    public func moments(_ q: Double) -> LengthMoments {
        let phi = self.phi
        let d2 = phi.secondDerivative
        if let kernel {
            let k = kernel.moments(q)
            return LengthMoments(phi2: k[0], dphi2: k[1], ddphi2: d2 == nil ? nil : k[2], slope: k[3])
        }
        let m: SIMD4<Double> = integrals.mean(q: q, even: symmetric) { x in
            let p = phi.value(x), d = phi.derivative(x)
            let dd = d2?(x) ?? 0
            // x/q = z/√q
            return SIMD4(p * p, d * d, dd * dd, q > 0 ? p * d * x / q : 0)
        }
        var slope = m[3]
        if q == 0 {
            let tiny = Double.leastNonzeroMagnitude
            let l = phi.derivative(-tiny), r = phi.derivative(tiny)
            slope = 0.5 * (l * l + r * r) + phi.value(0) * (d2?(0) ?? 0)
        }
        return LengthMoments(phi2: m[0], dphi2: m[1], ddphi2: d2 == nil ? nil : m[2], slope: slope)
    }
}

extension MeanFieldModel {
    /// χ1 = σw² E[φ′(√q z)²] (SPEC.md §2), from E[φ′²] however it was integrated: the
    /// slope of the correlation map at c = 1 and the mean squared singular value of one
    /// layer's Jacobian. The one place the formula is written (the summary, the
    /// boundary search and the spectrum's theory all call it).
    public static func chi1(sigmaW: Double, meanSquaredDerivative: Double) -> Double {
        sigmaW * sigmaW * meanSquaredDerivative
    }

    /// χ1 at the length whose moments these are.
    func chi1(_ m: LengthMoments) -> Double { Self.chi1(sigmaW: sigmaW, meanSquaredDerivative: m.dphi2) }
}

// MARK: - Two-dimensional maps

extension MeanFieldModel {
    /// C(c; q1, q2) = σw² ∫Dz1 Dz2 φ(u1) φ(u2) + σb²,
    /// u1 = √q1 z1, u2 = √q2 (c z1 + √(1−c²) z2)   (Poole et al. 2016, eq. 5)
    public func covarianceMap(_ c: Double, q1: Double, q2: Double) -> Double {
        let split = asymptoticCovariance(c, q1: q1, q2: q2)
        if let split, split.holds(0) { return w2 * split.value.x + b2 }
        return covarianceAndSlope(c, q1: q1, q2: q2, split: split).x
    }

    /// (C(c; q1, q2), ∂C/∂c). By Price's theorem ∂E[φ(u1)φ(u2)]/∂q12 = E[φ′(u1)φ′(u2)]
    /// with q12 = c√(q1 q2), so ∂C/∂c = σw² √(q1 q2) E[φ′(u1) φ′(u2)]. One pass computes
    /// both; Newton's method for c* uses them together.
    ///
    /// √(q1 q2) is formed as √q1·√q2: q1·q2 underflows at q ~ 1e-160, long before q does.
    public func covarianceAndSlope(_ c: Double, q1: Double, q2: Double) -> SIMD2<Double> {
        covarianceAndSlope(c, q1: q1, q2: q2, split: asymptoticCovariance(c, q1: q1, q2: q2))
    }

    /// `covarianceAndSlope` with the split at (q1, q2, c) already tried: its value where
    /// it holds for both integrals, else the closed form or the two-dimensional rule.
    func covarianceAndSlope(_ c: Double, q1: Double, q2: Double, split: AsymptoticCovariance.Split?) -> SIMD2<Double> {
        let m = kernel?.covariance(q1, q2, c)
            ?? split.flatMap { $0.holds(0) && $0.holds(1) ? $0.value : nil }
            ?? integrals.mean(q1: q1, q2: q2, c: c, even: symmetric, phi.jet, phi.jet)
        return SIMD2(w2 * m.x + b2, w2 * (q1.squareRoot() * q2.squareRoot()) * m.y)
    }

    /// C(c; q1, q2) with the error estimate of its quadrature.
    /// Unresolved by the panel cap (see `lengthMapEstimate`): the error is the whole
    /// σw² E[φφ] term. Split at large q (`AsymptoticCovariance`): plus the bound on the
    /// part left out.
    public func covarianceMapEstimate(_ c: Double, q1: Double, q2: Double) -> Estimate {
        let v = covarianceMap(c, q1: q1, q2: q2)
        var error = (v - companion.covarianceMap(c, q1: q1, q2: q2)).magnitude
        if let split = asymptoticCovariance(c, q1: q1, q2: q2), split.holds(0) { error += w2 * split.bound.x }
        if kernel == nil && (integrals.isUnderResolved(q: q1) || integrals.isUnderResolved(q: q2)) {
            error = Swift.max(error, (v - b2).magnitude)
        }
        return Estimate(value: v, error: error)
    }

    /// σw² E[φ′(u1) φ′(u2)] at (q1, q2, c): the slope of the correlation map.
    public func derivativeCovariance(_ c: Double, q1: Double, q2: Double) -> Double {
        if let kernel { return w2 * kernel.covariance(q1, q2, c).y }
        if let split = asymptoticCovariance(c, q1: q1, q2: q2), split.holds(1) { return w2 * split.value.y }
        let d = phi.derivative
        let pair: (Double) -> SIMD2<Double> = { x in SIMD2(d(x), 0) }
        return w2 * integrals.mean(q1: q1, q2: q2, c: c, even: symmetric, pair, pair).x
    }

    /// (E[φ(u1)φ(u2)], E[φ′(u1)φ′(u2)]) by `AsymptoticCovariance` with the bounds on
    /// what it leaves out, where it can apply: no closed form, both lengths at least
    /// `AsymptoticCovariance.smallestLength`, 0 < |c| < 1 (c = 0 and ±1 are 1-D
    /// integrals anyway). Each caller uses the integrals for which it `holds`.
    func asymptoticCovariance(_ c: Double, q1: Double, q2: Double) -> AsymptoticCovariance.Split? {
        guard kernel == nil, Swift.min(q1, q2) >= AsymptoticCovariance.smallestLength, q1.isFinite, q2.isFinite,
              c != 0, c.magnitude < 1, let split = AsymptoticCovariance(phi: phi) else { return nil }
        return split.covariance(c, q1: q1, q2: q2, integrals: integrals)
    }
}

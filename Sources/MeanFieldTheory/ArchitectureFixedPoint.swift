import Foundation
import Model
import Numerical

/// The fixed point of a network with an architecture (SPEC §11) and its slopes, the
/// counterpart of `FixedPointSummary` for every `Architecture`.
public struct ArchitectureSummary: Sendable {
    /// q* of the layer's length map (mlp: h^l; resnet: the stream x^l).
    public var qStar: Estimate
    /// Slope of the length map at q*: 0 where a normalisation fixes the length.
    public var chiQ: Estimate
    /// Slope of the correlation map at c = 1 (σw² E[φ′²] for the plain mlp; with dropout
    /// c = 1 is no longer a fixed point, but the slope still sets the phase).
    public var chi1: Estimate
    /// The stable fixed point of the correlation map: < 1 with dropout, always.
    public var cStar: Estimate
    /// Slope of the correlation map at c*.
    public var chiC: Estimate
    public var phase: Phase
    /// Θ(x, x) as l → ∞: S11/(1 − A11), `nil` when A11 ≥ 1 (Θ grows without bound).
    public var ntkLimit: Double?
    /// Θ(x, x′) as l → ∞ at c*: S12/(1 − χ_c), `nil` when χ_c ≥ 1.
    public var ntk12Limit: Double?
    /// A11: the factor by which Θ(x, x) grows per layer once q = q*.
    public var ntkGrowth: Double

    public var xiQ: Double? { depthScale(chiQ.value) }
    public var xiC: Double? { depthScale(chiC.value) }
    public var xiGrad: Double? { gradientDepthScale(chi1.value) }
}

extension MeanFieldModel {
    /// The plain model whose length map is this architecture's mlp length map:
    /// V_ρ(q) = σw²/ρ E[φ²] + σb² is the plain V at σw/√ρ, so every fixed point, χ_q and
    /// the attractors come from `lengthFixedPoints` unchanged.
    ///
    /// - Throws: `ModelError` naming `--dropout` when σw/√ρ passes `Network.sigmaLimit`
    ///   (σw²/ρ ≥ 1e150): σw itself passed its check.
    public func lengthModel() throws -> MeanFieldModel {
        let effective = sigmaW / architecture.keep.squareRoot()
        guard effective < Network.sigmaLimit else {
            throw ModelError.invalid("--dropout \(architecture.keep) with --sigma-w \(sigmaW) gives sigma-w/sqrt(dropout) = \(effective), "
                + "whose square overflows the length map; accepted: sigma-w/sqrt(dropout) below \(Network.sigmaLimitText)")
        }
        let n = try Network(phi: phi, sigmaW: effective, sigmaB: sigmaB)
        var m = MeanFieldModel(network: n, quadrature: integrals.quadrature)
        m.kernel = kernel
        return m
    }

    /// q* and χ_q of the architecture's length map.
    ///
    /// - mlp: q* of V_ρ (`lengthModel`); with `--norm layer` every h^l after the first has
    ///   length V_ρ(1) whatever h^{l−1}'s, so q* = V_ρ(1), χ_q = 0.
    /// - resnet: q^{l+1} = w² q^l + (1−w²) K_B(q^l); post-norm fixes q = 1 (χ_q = 0),
    ///   pre-norm gives q* = K_B(1) (χ_q = w²), no norm the fixed point of K_B, found by
    ///   iterating the stream's own map (bounded; it is what the network does).
    ///
    /// - Throws: `TheoryError.diverges` where q^l grows without a fixed point.
    public func architectureLengthFixedPoint() throws -> (qStar: Double, chiQ: Double) {
        let a = architecture
        switch (a.kind, a.norm) {
        case (.mlp, .layer):
            return (w2 / a.keep * meanSquare(1) + b2, 0)
        case (.mlp, _):
            let m = try lengthModel()
            // The plain map's reasons speak of its own σw, here σw/√ρ.
            let scaled = a.keep == 1 ? "" : "with dropout it is the plain length map at sigma-w/sqrt(dropout) = \(m.sigmaW) "
                + "(sigma-w below means that): "
            let all: LengthFixedPoints
            do { all = try m.lengthFixedPoints() } catch let e as TheoryError {
                throw e.prefixed("(phi=\(phi.name), sigma-w=\(sigmaW), \(a.description)) " + scaled)
            }
            guard let q = all.qStar else {
                throw TheoryError.diverges("no stable fixed point of the length map (phi=\(phi.name), sigma-w=\(sigmaW), "
                                           + "\(a.description)): " + scaled + m.noStableFixedPoint(all))
            }
            return (q, all.points.first { $0.q == q }?.chiQ ?? w2 / a.keep * moments(q).slope)
        case (.resnet, .post):
            return (1, 0)
        case (.resnet, .pre):
            let one = KernelState(q11: 1, q22: 1, c: 1)
            var b = dense(one)
            for _ in 0..<a.branchDepth { b = phiDense(b, ntk: false) }
            return (b.q11, a.shortcutWeight * a.shortcutWeight)
        case (.resnet, _):
            return try residualLengthFixedPoint()
        }
    }

    /// The stream length q ↦ w² q + (1−w²) K_B(q) and its slope, K_B by the chain rule
    /// (σw² per dense layer, σw²/ρ E[φ′² + φφ″] per φ).
    func residualLengthMap(_ q: Double) -> (value: Double, slope: Double) {
        let a = architecture
        var k = w2 * q + b2, slope = w2
        let w2rho = w2 / a.keep
        for _ in 0..<a.branchDepth {
            let m = moments(k)
            slope *= w2rho * m.slope
            k = w2rho * m.phi2 + b2
        }
        let s2 = a.shortcutWeight * a.shortcutWeight
        return (s2 * q + (1 - s2) * k, s2 + (1 - s2) * slope)
    }

    /// q* of the plain residual stream: Newton's method on R(q) − q from q = 1 with the
    /// chain-rule slope (quadratic; a handful of steps where iterating the map, which
    /// contracts by w² + (1−w²)K_B′ per step, takes hundreds at w = 0.8), and where a
    /// Newton step leaves q > 0 or the slope reaches 1, the stream's own iteration from
    /// q = 1, at most 100 000 steps, until a step is below 4ε·q.
    func residualLengthFixedPoint() throws -> (qStar: Double, chiQ: Double) {
        var q = 1.0
        for _ in 0..<100 {
            let (value, slope) = residualLengthMap(q)
            guard value.isFinite, slope.isFinite, slope < 1 else { break }
            let next = q - (value - q) / (slope - 1)
            guard next > 0, next.isFinite else { break }
            if (next - q).magnitude <= 4 * .ulpOfOne * Swift.max(q, next) {
                let at = residualLengthMap(next)
                if at.slope < 1 { return (next, at.slope) }
                break
            }
            q = next
        }
        q = 1
        for _ in 0..<100_000 {
            let next = residualLengthMap(q).value
            guard next.isFinite, next < 1e250 else {
                throw TheoryError.diverges(
                    "the residual stream's length grows without a fixed point (phi=\(phi.name), sigma-w=\(sigmaW), "
                    + "\(architecture.description)): q* does not exist")
            }
            if (next - q).magnitude <= 4 * .ulpOfOne * Swift.max(q, next) {
                let slope = residualLengthMap(next).slope
                guard slope < 1 else { break }
                return (next, slope)
            }
            q = next
        }
        throw TheoryError.noConvergence(
            "the residual stream's length did not settle in 100000 blocks (phi=\(phi.name), sigma-w=\(sigmaW), "
            + "\(architecture.description)): no stable q*")
    }

    /// The correlation map at q*: c ↦ c′ of one layer from (q*, q*, c), with its slope.
    func correlationStep(_ c: Double, qStar: Double) throws -> (value: Double, slope: Double) {
        let s = KernelState(q11: qStar, q22: qStar, c: c, theta11: 1, theta22: 1, theta12: 1)
        let next = try nextLayer(s, ntk: true, source: 0)
        // Where the lengths vanish (q* = 0: σb = 0 and φ(0) = 0, in order) they stay 0
        // and q*/q′ is 0/0: the slope is the tangent's gain alone, as the plain network's
        // χ1 = σw² φ′(0)² there (the ratio read as 0/0 made χ1 null and the phase chaotic).
        return (next.c, next.theta12 * (next.q11 > 0 ? qStar / next.q11 : 1))
    }

    /// c*, χ_c of the architecture at q*: c* = 1 where c = 1 is fixed (no dropout) and
    /// χ1 ≤ 1; otherwise Newton from c = 0 on F(c) = c′(c) − c. Every map of an
    /// architecture is a composition of maps with non-negative Mehler coefficients and
    /// positive scalings, so F is convex on [0, 1] with F(0) ≥ 0, and Newton rises to the
    /// smallest root without overshoot (as in `correlationFixedPoint`).
    func architectureCorrelationFixedPoint(qStar: Double, chi1: Double) throws -> (cStar: Double, chiC: Double) {
        // Without dropout every layer keeps c = 1 fixed; it attracts while χ1 ≤ 1 (up to
        // the phase's tolerance, where Newton would crawl towards a double root).
        if architecture.keep == 1 && chi1 <= 1 + Self.criticalTolerance { return (1, chi1) }
        if phi.parity == .odd && sigmaB == 0 {
            // Every layer maps K12 = 0 to 0 (σb = 0, E[φ(u1)φ(u2)] = 0 at c = 0): c* = 0 exactly.
            return (0, try correlationStep(0, qStar: qStar).slope)
        }
        var c = 0.0
        for _ in 0..<200 {
            let m = try correlationStep(c, qStar: qStar)
            let f = m.value - c, slope = m.slope - 1
            if f == 0 { return (c, m.slope) }
            guard slope < 0 else {
                throw TheoryError.noConvergence("c* search: the correlation map has slope \(m.slope) >= 1 at c=\(c) below its fixed point")
            }
            let next = Swift.max(0, Swift.min(1, c - f / slope))
            if (next - c).magnitude <= Swift.max(4 * .ulpOfOne * Swift.max(c, 0.01), 16 * .ulpOfOne / slope.magnitude) {
                return (next, try correlationStep(next, qStar: qStar).slope)
            }
            c = next
        }
        throw TheoryError.noConvergence("c* search: Newton's method did not converge in 200 steps")
    }

    /// q*, c*, the slopes, the phase and Θ's depth limits of the architecture, each value
    /// with the difference from the companion quadrature as its error.
    ///
    /// Θ's limits (Xiao, Pennington & Schoenholz 2020): once K = K*, each layer maps
    /// Θ ↦ S + A·Θ, so Θ(x, x) → S11/(1 − A11) where A11 < 1 and grows like A11^l
    /// otherwise, and Θ(x, x′) → S12/(1 − χ_c). In order (plain mlp, χ1 < 1: c* = 1,
    /// χ_c = χ1) both limits agree, Θ tends to a constant matrix and the network cannot be
    /// trained beyond a few ξ_1; in chaos Θ(x, x) explodes while Θ(x, x′) stays finite,
    /// Θ/Θ(x, x) → the identity: trainable, but it memorises.
    public func architectureSummary(errorEstimates: Bool = true) throws -> ArchitectureSummary {
        let values = try architectureValues()
        guard errorEstimates else { return values.summary(errors: SIMD8(repeating: 0)) }
        let other = try companion.architectureValues()
        let d = values.vector - other.vector
        return values.summary(errors: d.replacing(with: -d, where: d .< 0))
    }

    struct ArchitectureValues {
        var qStar, chiQ, chi1, cStar, chiC, growth: Double
        var ntkLimit, ntk12Limit: Double?
        var vector: SIMD8<Double> { SIMD8(qStar, chiQ, chi1, cStar, chiC, growth, ntkLimit ?? 0, ntk12Limit ?? 0) }

        func summary(errors e: SIMD8<Double>) -> ArchitectureSummary {
            let phase: Phase = (chi1 - 1).magnitude <= Swift.max(MeanFieldModel.criticalTolerance, e[2])
                ? .critical : (chi1 < 1 ? .ordered : .chaotic)
            return ArchitectureSummary(
                qStar: Estimate(value: qStar, error: e[0]), chiQ: Estimate(value: chiQ, error: e[1]),
                chi1: Estimate(value: chi1, error: e[2]), cStar: Estimate(value: cStar, error: e[3]),
                chiC: Estimate(value: chiC, error: e[4]), phase: phase,
                ntkLimit: ntkLimit, ntk12Limit: ntk12Limit, ntkGrowth: growth)
        }
    }

    /// χ1 at q*: the slope of the correlation map at c = 1 (the boundary's χ1 = 1).
    public func architectureChi1() throws -> Double {
        try correlationStep(1, qStar: architectureLengthFixedPoint().qStar).slope
    }

    func architectureValues() throws -> ArchitectureValues {
        let (q, chiQ) = try architectureLengthFixedPoint()
        let chi1 = try correlationStep(1, qStar: q).slope
        let (c, chiC) = try architectureCorrelationFixedPoint(qStar: q, chi1: chi1)
        let t = try transfer(at: KernelState(q11: q, q22: q, c: c))
        let limit11: Double? = t.slope.x < 1 ? t.source.x / (1 - t.slope.x) : nil
        let limit12: Double? = t.slope.z < 1 ? t.source.z / (1 - t.slope.z) : nil
        return ArchitectureValues(qStar: q, chiQ: chiQ, chi1: chi1, cStar: c, chiC: chiC, growth: t.slope.x,
                                  ntkLimit: limit11, ntk12Limit: limit12)
    }
}

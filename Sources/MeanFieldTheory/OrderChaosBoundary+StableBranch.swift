import Foundation
import Nonlinearities
import Numerical

/// The order-to-chaos boundary at one σb, read on the branch of fixed points.
public struct BoundaryPoint: Sendable, Equatable {
    /// A fixed point of the length map on the curve of fixed points at this σb.
    public struct CurvePoint: Sendable, Equatable {
        public var sigmaW: Double
        public var q: Double
        /// χ_q = V′(q): < 1 stable, > 1 unstable.
        public var chiQ: Double
        public var chi1: Double
    }

    public var sigmaB: Double
    /// σw with χ1 = 1 at a stable fixed point (χ_q < 1); `nil` when χ1 = 1 happens only on
    /// an unstable one (`unstableCritical`), or nowhere.
    public var sigmaWCritical: Double?
    /// Where the stable branch that starts at σw = 0 ends: a stable and an unstable fixed
    /// point meet (χ_q = 1) and vanish. `nil` when that branch goes on up to the σw where
    /// large q^1 start to diverge (or for ever).
    public var saddleNode: CurvePoint?
    /// χ1 = 1 on an unstable fixed point, where there is none on a stable one.
    public var unstableCritical: CurvePoint?
    /// Why `sigmaWCritical` is `nil`.
    public var why: String?

    public var sigmaWSaddleNode: Double? { saddleNode?.sigmaW }
}

/// The fixed points at fixed σb as one curve in q (SPEC §10.1).
///
/// For q > σb², V(q) = q holds at exactly one σw:
///
///     σw²(q) = (q − σb²) / P(q),   P(q) = E[φ(√q z)²],
///
/// so every fixed point at every σw lies on this curve, which a scan in q reads without
/// any root finding in σw. Along it
///
///     dσw²/dq = (1 − χ_q) / P(q),   χ_q = σw² P′(q),
///     χ1(q)  = (q − σb²) E[φ′(√q z)²] / P(q),
///
/// so σw rises where the fixed point is stable and falls where it is unstable: a local
/// maximum of σw(q) is a saddle-node (the stable branch below it meets the unstable one
/// above; g(q) = P − (q − σb²)P′ changes sign from + to −), and χ1 = 1 where h(q) =
/// (q − σb²)E[φ′²] − P changes sign. The stable branch starts at q = σb² (σw = 0,
/// g = P > 0, h = −P < 0).
///
/// The critical line (χ1 = 1 at a fixed point, `CriticalLine`) has χ_q = 1 + E[φφ″]/E[φ′²]:
/// the edge of chaos is stable exactly where E[φ(√q z)φ″(√q z)] < 0. For silu and gelu,
/// φ(x) = x/2 + e(x) with e even (x·(σ(x) − 1/2), x·(Φ(x) − 1/2)), e ≈ c x² (c = 1/4 for
/// silu, 1/√(2π) for gelu), so near q = 0: E[φ²] ≈ q/4 + 3c²q², E[φ′²] ≈ 1/4 + 4c²q and
/// E[φφ″] = E[e e″] ≈ 2c²q > 0. The critical point at small σb sits at q ≈ σb/(2c),
/// σw ≈ 2 − 8cσb, χ_q ≈ 1 + 4cσb > 1 (silu: q ≈ 2σb, σw ≈ 2 − 2σb, χ_q ≈ 1 + σb), on the
/// unstable branch; the stable branch ends first, in a saddle-node at q ≈ σb/(2√3 c),
/// σw ≈ 2 − 4√3 cσb (silu: 2 − √3σb). E[φφ″] stays positive up to q = 14.320 (silu) and
/// q = 3.5616 (gelu), where the critical line reaches σb = 0.74508 (silu) and 0.41584
/// (gelu), and is negative at every larger q (φ″ < 0 at |x| > 2.4 takes over there); σb²
/// rises with q along the line. So for 0 < σb < 0.74508 (silu) and 0 < σb < 0.41584
/// (gelu) there is no stable edge of chaos: the net goes from order straight to
/// divergence at the saddle-node, and χ1 = 1 happens only on the unstable branch. At
/// larger σb the edge of chaos is stable. (mpmath at 25 digits, the sign of E[φφ″]
/// checked at 8 points per decade of q from 1e-8 to 1e8:
/// `Tests/MeanFieldTheoryTests/Fixtures/make_stable_branch_reference.py`.)
///
/// The scan: q = σb² + u on u = 10⁻³σb²·2^k (10⁻⁶·2^k at σb = 0) up to the length where
/// φ is in its asymptotic regime and u ≥ 10⁸σb² (σw² then within 10⁻⁸ of its limit), and
/// GSL's Brent solver on each sign change of g and h. Two roots of g closer than a
/// factor 2 in u (a fold pair just before it vanishes at a cusp) are not seen.
extension OrderChaosBoundary {
    /// The boundary at σb: χ1 = 1 on the stable branch, the saddle-node, and χ1 = 1 on an
    /// unstable branch where it is not on a stable one.
    ///
    /// φ that grow like |x| (silu, gelu, elu, softplus: lim E[φ²]/q > 0) are read off the
    /// curve of fixed points; for the others (tanh, erf, …), for σb = 0 with φ(0) = 0 and
    /// for the piecewise-linear family, q* moves continuously with σw and χ1 = 1 is solved
    /// in σw at q* (`criticalSigmaWAtQStar`), with the saddle-node from the curve.
    public func point(sigmaB: Double) throws -> BoundaryPoint {
        guard sigmaB.isFinite, sigmaB >= 0 else {
            throw TheoryError.invalidParameter("sigma-b must be a finite number >= 0, got \(sigmaB)")
        }
        guard architecture.keep == 1 else {
            throw TheoryError.undefined(
                "with dropout (keep probability \(architecture.keep) < 1) there is no order-to-chaos boundary: c* < 1 and "
                + "xi_c is finite at every sigma-w (Schoenholz et al. 2017 §5)")
        }
        var p = BoundaryPoint(sigmaB: sigmaB)
        if !architecture.isPlain {
            // A residual stream or a normalised net: χ1 at its own q*, solved in σw; the
            // fixed-point curve (and so the saddle-node) is the plain MLP's.
            do {
                p.sigmaWCritical = try criticalSigmaWAtQStar(sigmaB: sigmaB)
            } catch TheoryError.noConvergence(let why) {
                p.why = why
            }
            return p
        }
        let zeroAtZero = sigmaB * sigmaB == 0 && phi.value(0) == 0
        let curve = phi.isPositivelyHomogeneous || zeroAtZero ? nil : try FixedPointCurve(boundary: self, sigmaB: sigmaB)
        p.saddleNode = try curve?.saddleNode()
        guard let curve, phi.asymptoticGrowth > 0 else {
            do {
                p.sigmaWCritical = try criticalSigmaWAtQStar(sigmaB: sigmaB)
            } catch TheoryError.noConvergence(let why) {
                p.why = why
            }
            return p
        }
        let critical = try curve.criticalPoints()
        if let stable = critical.first(where: { $0.chiQ < 1 }) {
            p.sigmaWCritical = stable.sigmaW
        } else if let unstable = critical.first {
            p.unstableCritical = unstable
            let sn = p.saddleNode.map { "the stable branch ends in a saddle-node at sigma-w=\($0.sigmaW) (chi1=\($0.chi1)), and " } ?? ""
            p.why = "no stable edge of chaos for phi=\(phi.name) at sigma-b=\(sigmaB): \(sn)chi1 = 1 only on an unstable "
                + "fixed point, at sigma-w=\(unstable.sigmaW) (q=\(unstable.q), chi_q=\(unstable.chiQ))"
        } else {
            let growth = phi.asymptoticGrowth
            p.why = growth.isFinite
                ? "chi1 stays below 1 for every sigma-w below \(1 / growth.squareRoot()) at sigma-b=\(sigmaB) (phi=\(phi.name)), "
                    + "the sigma-w where large q^1 start to diverge (sigma-w^2 * \(growth) = 1): no boundary"
                : "chi1 stays below 1 at every fixed point of phi=\(phi.name) at sigma-b=\(sigmaB): no boundary"
        }
        return p
    }
}

/// σw²(q) = (q − σb²)/P(q) sampled on a log grid of u = q − σb² (`OrderChaosBoundary.point`).
struct FixedPointCurve {
    let model: MeanFieldModel
    let b2: Double
    /// (u, g = P − uP′, h = uE[φ′²] − P, P), ascending in u.
    var samples: [(u: Double, g: Double, h: Double, p: Double)] = []
    /// Below this size relative to P, g and h are rounding (far out, where σw² has settled
    /// on its limit and both are differences of numbers ~q/2): a sign change there is not
    /// counted (a formula like x·σ(1.6x) showed a spurious saddle-node at q ~ 1e16).
    static let resolvable = 1e-9

    init(boundary: OrderChaosBoundary, sigmaB: Double) throws {
        // The moments do not depend on σw or σb.
        model = try MeanFieldModel(phi: boundary.phi, sigmaW: 1, sigmaB: 0, quadrature: boundary.quadrature)
        b2 = sigmaB * sigmaB
        let phi = boundary.phi
        let settled = Nonlinearity.named(phi.name)?.formula == phi.formula
            ? MeanFieldModel.settledLengthBuiltIn : MeanFieldModel.settledLength
        let top = Swift.min(1e250, Swift.max(settled, 1e8 * b2))
        var u = b2 > 0 ? 1e-3 * b2 : 1e-6
        while u <= top {
            let m = model.moments(b2 + u)
            guard m.phi2 > 0, m.phi2.isFinite, m.slope.isFinite, m.dphi2.isFinite else { break }
            samples.append((u, m.phi2 - u * m.slope, u * m.dphi2 - m.phi2, m.phi2))
            u *= 2
        }
    }

    func resolved(_ i: Int, _ value: KeyPath<(u: Double, g: Double, h: Double, p: Double), Double>) -> Bool {
        samples[i][keyPath: value].magnitude > Self.resolvable * samples[i].p
    }

    func point(u: Double) -> BoundaryPoint.CurvePoint {
        let m = model.moments(b2 + u)
        let w2 = u / m.phi2
        return .init(sigmaW: w2.squareRoot(), q: b2 + u, chiQ: w2 * m.slope, chi1: w2 * m.dphi2)
    }

    /// The first local maximum of σw(q) above σb²: g changes sign from + to −.
    func saddleNode() throws -> BoundaryPoint.CurvePoint? {
        guard let i = samples.indices.dropLast().first(where: {
            samples[$0].g > 0 && !(samples[$0 + 1].g > 0) && resolved($0, \.g) && resolved($0 + 1, \.g)
        }) else { return nil }
        let u = try BracketingSolver().root(in: samples[i].u, samples[i + 1].u) { u in
            let m = model.moments(b2 + u)
            return m.phi2 - u * m.slope
        }
        return point(u: u)
    }

    /// Every point with χ1 = 1 (h changes sign), ascending in q.
    func criticalPoints() throws -> [BoundaryPoint.CurvePoint] {
        let solver = BracketingSolver()
        return try samples.indices.dropLast().filter {
            (samples[$0].h > 0) != (samples[$0 + 1].h > 0) && resolved($0, \.h) && resolved($0 + 1, \.h)
        }.map { i in
            let u = try solver.root(in: samples[i].u, samples[i + 1].u) { u in
                let m = model.moments(b2 + u)
                return u * m.dphi2 - m.phi2
            }
            return point(u: u)
        }
    }
}

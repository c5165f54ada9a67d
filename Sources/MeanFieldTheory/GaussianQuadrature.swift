import Foundation
import Nonlinearities
import Numerical

/// ∫Dz f(z) = ∫ f(z) e^{−z²/2} dz/√(2π) by composite Gauss–Legendre on [−L, L], with
/// panels placed from what is known about f's singularities.
///
/// Why this rule. The integrands are φ(√q z)-type functions. tanh has poles at
/// z = ±iπ/(2√q): for q = 2 they sit 1.1 from the real axis, for q = 1000 only 0.05, and
/// a Gauss–Hermite rule (one polynomial over the whole line) converges like
/// exp(−c·dist·√n): 64 nodes leave 2e-6 at q = 2. Composite Gauss–Legendre converges
/// geometrically on every panel whose Bernstein ellipse avoids the singularities, so:
///
/// - at a kink (relu at 0, hardtanh at ±1) the line is split, and each piece is analytic;
/// - towards the real part p of a pair of poles p ± iδ the panels are graded
///   geometrically, [p, p+δ/2], [p+δ/2, p+3δ/2], [p+3δ/2, p+7δ/2], …: every panel then
///   sees the pole at ≥ 2.3 half-widths, its Bernstein-ellipse parameter is ρ ≥ 4.4, and
///   12 nodes leave ~ρ^{−24} ≈ 3e-16 of the panel's integral. Starting at δ (not δ/2)
///   is not enough for E[φ″²] of tanh (poles of order 6): 2e-11 against mpmath, 4e-14
///   with δ/2, 1e-16 with δ/4 (measured; see ReferenceValueTests);
/// - elsewhere panels are at most `maxPanelWidth` wide (2 in z: the Gaussian weight is
///   entire and 12 nodes on a width-2 panel resolve it to ~1e-18).
/// - the cut at |z| = L = 9 drops a Gaussian mass of 2·Φ(−9) = 2.3e-19 (times z² for
///   integrands that grow like relu²).
///
/// Error estimate: the same panels with 10 nodes instead of 12. The difference is the
/// error of the 10-point result, ≈ ρ⁴ ≥ 300 times the error of the 12-point value that
/// is returned, so it is a conservative bound rather than a guess.
///
/// Cost: about 12·(2L/2 + 2·log₂(1/δ)) evaluations, 108 for smooth f at small q,
/// ~250 for tanh at q = 1000. No allocation per call beyond the anchor list.
public struct GaussianQuadrature: Sendable {
    /// Half-width L of the integration range in z.
    public var cutoff: Double
    /// Widest panel, in z.
    public var maxPanelWidth: Double
    /// First graded panel width, in units of the singularity's distance.
    public var firstPanel: Double = 0.5
    let rule: GaussLegendre

    public init(points: Int = 12, cutoff: Double = 9, maxPanelWidth: Double = 2) {
        switch points {
        case 12: rule = .twelve
        case 10: rule = .ten
        case 8: rule = .eight
        default: rule = GaussLegendre(points: points)
        }
        self.cutoff = cutoff
        self.maxPanelWidth = maxPanelWidth
    }

    /// Most panels of one uniform stretch (one segment between anchors). Smooth φ need
    /// ≤ 9, tanh at q = 1000 ~20; only an oscillating φ at q ≳ 3000 reaches it. With
    /// 12 nodes and a few segments that bounds a one-dimensional integral to ~10⁵
    /// evaluations and a two-dimensional one to ~10⁹ (seconds, not hours).
    public static let maxPanels = 1024

    /// The rule every value is computed with.
    public static let standard = GaussianQuadrature(points: 12)
    /// The companion rule whose difference from `standard` is the error estimate.
    public static let companion = GaussianQuadrature(points: 10)
    /// A cheap rule (~1e-9) for the early steps of iterations that end on `standard`.
    public static let coarse: GaussianQuadrature = {
        var q = GaussianQuadrature(points: 8, cutoff: 8, maxPanelWidth: 2.5)
        q.firstPanel = 1
        return q
    }()

    /// ∫Dz f(z). `anchors` are f's singularities in z, sorted by location; `panelWidth`
    /// caps panel widths further (for oscillating f).
    /// f may return several integrands at once (`SIMD2`, `SIMD4`), sharing the nodes.
    @inline(__always)
    ///
    /// `evenIntegrand`: f(−z) = f(z) is promised and 0 is among the anchors, so the
    /// panels are mirror images about 0: only z ≥ 0 is evaluated, and doubled.
    public func integrate<V: Summand>(
        anchors: UnsafeBufferPointer<Singularity>,
        panelWidth: Double = .infinity,
        evenIntegrand: Bool = false,
        _ f: (Double) -> V
    ) -> V {
        let hmax = Swift.min(maxPanelWidth, panelWidth)
        var sum = V.zero
        rule.nodes.withUnsafeBufferPointer { x in
            rule.weights.withUnsafeBufferPointer { w in
                forEachPanel(anchors: anchors, hmax: hmax) { a, b in
                    if evenIntegrand && a < 0 { return }
                    let mid = 0.5 * (a + b), half = 0.5 * (b - a)
                    var panel = V.zero
                    for i in 0..<x.count {
                        let z = mid + half * x[i]
                        panel += f(z) * (w[i] * exp(-0.5 * z * z))
                    }
                    sum += panel * half
                }
            }
        }
        return sum * (evenIntegrand ? 2 : 1) * 0.398_942_280_401_432_677_939_946_059_934  // 1/√(2π)
    }

    /// Calls `body(a, b)` for consecutive panels covering [−L, L], split at kinks and
    /// graded towards complex singularities.
    @inline(__always)
    func forEachPanel(
        anchors: UnsafeBufferPointer<Singularity>, hmax: Double,
        _ body: (Double, Double) -> Void
    ) {
        let L = cutoff
        var left = Singularity(location: -L, distance: .infinity)
        // The anchor whose segment is not yet emitted: anchors at one location merge into
        // it (keeping the smallest distance) before the segment towards it is drawn.
        var pending: Singularity?
        for raw in anchors {
            // A singularity beyond the range still shapes the end panel: move it to the
            // end point, keeping its true distance from there.
            var s = raw
            if s.location <= -L || s.location >= L {
                if s.distance == 0 { continue }
                let end = s.location <= -L ? -L : L
                s = Singularity(location: end, distance: (s.location - end).magnitude + s.distance)
                if s.distance * firstPanel >= hmax { continue }
            }
            if let p = pending {
                if s.location == p.location {
                    pending!.distance = gradingScale(p.distance, s.distance)
                    continue
                }
                segment(from: left, to: p, hmax: hmax, body)
                left = p
            }
            pending = s
        }
        var right = Singularity(location: L, distance: .infinity)
        if let p = pending {
            if p.location == L {
                right.distance = p.distance
            } else if p.location == -L {
                left.distance = gradingScale(left.distance, p.distance)
            } else {
                segment(from: left, to: p, hmax: hmax, body)
                left = p
            }
        }
        segment(from: left, to: right, hmax: hmax, body)
    }

    /// Two anchors at one point: the line is split there anyway, so a kink (distance 0)
    /// adds nothing, and the finer of two grading scales wins.
    @inline(__always)
    func gradingScale(_ a: Double, _ b: Double) -> Double {
        a == 0 ? b : (b == 0 ? a : Swift.min(a, b))
    }

    @inline(__always)
    func segment(
        from a: Singularity, to b: Singularity, hmax: Double,
        _ body: (Double, Double) -> Void
    ) {
        // Grade whenever the first graded panel would be narrower than a uniform one: a
        // pole at distance δ < 2·hmax still limits the uniform panels around it
        // (tanh at q = 0.6: poles at 2.0i, 7e-12 in E[φ″²] without grading).
        let gradeA = a.distance > 0 && a.distance * firstPanel < hmax
        let gradeB = b.distance > 0 && b.distance * firstPanel < hmax
        switch (gradeA, gradeB) {
        case (false, false):
            uniform(a.location, b.location, hmax, body)
        case (true, false):
            graded(from: a.location, scale: a.distance, to: b.location, hmax: hmax, body)
        case (false, true):
            graded(from: b.location, scale: b.distance, to: a.location, hmax: hmax, body)
        case (true, true):
            let mid = 0.5 * (a.location + b.location)
            graded(from: a.location, scale: a.distance, to: mid, hmax: hmax, body)
            graded(from: b.location, scale: b.distance, to: mid, hmax: hmax, body)
        }
    }

    /// Panels of equal width ≤ hmax on [a, b].
    @inline(__always)
    func uniform(_ a: Double, _ b: Double, _ hmax: Double, _ body: (Double, Double) -> Void) {
        let length = b - a
        guard length > 0 else { return }
        // Bounded work: an oscillating φ at large q asks for ~√q panels (sin at q = 1e50:
        // 1e26, past Int.max). Beyond the cap the panels are wider than asked, the result
        // is unresolved and `GaussianIntegrals.isUnderResolved` says so.
        let ratio = length / hmax
        let count = ratio < Double(Self.maxPanels) ? Swift.max(1, Int(ratio.rounded(.up))) : Self.maxPanels
        let width = length / Double(count)
        var x = a
        for k in 1...count {
            let next = k == count ? b : a + Double(k) * width
            body(x, next)
            x = next
        }
    }

    /// Panels from p towards e (either side) of widths δ, 2δ, 4δ, … until they reach
    /// hmax, then uniform. A remainder shorter than 1.5 widths becomes one panel, which
    /// still sees the singularity at ≥ 2.3 half-widths (ρ ≥ 4.4).
    @inline(__always)
    func graded(
        from p: Double, scale: Double, to e: Double, hmax: Double,
        _ body: (Double, Double) -> Void
    ) {
        let direction: Double = e > p ? 1 : -1
        let total = (e - p).magnitude
        var done = 0.0
        var width = scale * firstPanel
        while width < hmax && total - done > 1.5 * width {
            let a = p + direction * done, b = p + direction * (done + width)
            if direction > 0 { body(a, b) } else { body(b, a) }
            done += width
            width *= 2
        }
        let rest0 = p + direction * done
        if direction > 0 { uniform(rest0, e, hmax, body) } else { uniform(e, rest0, hmax, body) }
    }
}

/// What a quadrature can sum: a Double, or several integrands sharing the nodes.
public protocol Summand {
    static var zero: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func += (a: inout Self, b: Self)
    static func * (a: Self, b: Double) -> Self
}

extension Double: Summand {}
extension SIMD2: Summand where Scalar == Double {}
extension SIMD3: Summand where Scalar == Double {}
extension SIMD4: Summand where Scalar == Double {}

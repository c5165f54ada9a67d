import Foundation
import Nonlinearities
import Numerical

/// Gaussian expectations of functions built from one nonlinearity φ, the integrals
/// behind every map of the theory. The integrand functions take x = √q z (a
/// pre-activation) and must be analytic wherever φ is (φ², φ′², φφ″, … all are).
public struct GaussianIntegrals: Sendable {
    public let phi: Nonlinearity
    public var quadrature: GaussianQuadrature

    public init(phi: Nonlinearity, quadrature: GaussianQuadrature = .standard) {
        self.phi = phi
        self.quadrature = quadrature
    }

    /// The same integrals with the companion rule, for error estimates.
    public var companion: GaussianIntegrals {
        GaussianIntegrals(phi: phi, quadrature: .companion)
    }

    /// True when E[f(√q z)] needs more than `GaussianQuadrature.maxPanels` panels on
    /// [−L, L] to resolve φ's oscillation (width `phi.maxPanelWidth` in x, so
    /// 2L√q/width panels): the value computed is then bounded work but not accurate.
    public func isUnderResolved(q: Double) -> Bool {
        guard phi.maxPanelWidth.isFinite, q > 0 else { return false }
        let panels = 2 * quadrature.cutoff * q.squareRoot() / phi.maxPanelWidth
        return !(panels <= Double(GaussianQuadrature.maxPanels))
    }

    /// E[f(√q z)], z ~ N(0, 1).
    ///
    /// q = 0 is exact, not a limit taken by luck: the pre-activation is then 0 with the
    /// sign of z, so a kinked f contributes the mean of its one-sided values
    /// (E[relu′(0·z)²] = 1/2), and a smooth f simply f(0).
    ///
    /// `even`: f(−x) = f(x) (φ² and φ′² of an odd or even φ): half the nodes.
    public func mean<V: Summand>(q: Double, even: Bool = false, _ f: (Double) -> V) -> V {
        let s = q.squareRoot()
        if s == 0 {
            let tiny = Double.leastNonzeroMagnitude
            return (f(-tiny) + f(tiny)) * 0.5
        }
        var anchors = phi.singularities.map {
            Singularity(location: $0.location / s, distance: $0.distance / s)
        }
        if even { anchors = withNeighbourScales(anchors + [.kink(at: 0)]) }
        return anchors.withUnsafeBufferPointer { a in
            quadrature.integrate(anchors: a, panelWidth: phi.maxPanelWidth / s, evenIntegrand: even) { z in f(s * z) }
        }
    }

    /// E[f(z)], z ~ N(0, 1), for an f(z) built from φ(√q z) and from functions whose
    /// own singularities (in z) are `extra`: panels split and graded at both.
    func mean<V: Summand>(q: Double, anchors extra: [Singularity], _ f: (Double) -> V) -> V {
        let s = q.squareRoot()
        let anchors = withNeighbourScales(scaled(phi.singularities, by: s) + extra)
        return anchors.withUnsafeBufferPointer { a in
            quadrature.integrate(anchors: a, panelWidth: phi.maxPanelWidth / s, f)
        }
    }

    /// E[f(u1) g(u2)] (componentwise for SIMD integrands), with
    /// u1 = √q1 z1, u2 = √q2 (c z1 + √(1−c²) z2), z1, z2 independent N(0, 1).
    ///
    /// Outer integral over z1, inner over z2 at each outer node. The inner integrand
    /// g(√q2 c z1 + √q2 s z2) has φ's singularities at z2 = (x_k − √q2 c z1)/(√q2 s), so
    /// the inner panels move with z1. The outer integrand f(√q1 z1)·inner(z1) has φ's
    /// singularities at x_k/√q1 and, from the inner Gaussian smoothing of width √q2 s,
    /// near-singularities at x_k/(√q2 c) at distance (δ_k + √q2 s)/(√q2 |c|).
    /// c = ±1 (s = 0) is the one-dimensional integral E[f(√q1 z) g(±√q2 z)], exactly.
    ///
    /// `even`: f(−x)g(−y) = f(x)g(y) (f, g both odd or both even, as the jets of an odd
    /// φ are componentwise): the outer integral runs over z1 ≥ 0 only, and is doubled.
    public func mean<V: Summand>(
        q1: Double, q2: Double, c: Double, even: Bool = false,
        _ f: (Double) -> V, _ g: (Double) -> V
    ) -> V where V: SIMD, V.Scalar == Double {
        let s1 = q1.squareRoot(), s2 = q2.squareRoot()
        let sc = Swift.max(0, (1 - c) * (1 + c)).squareRoot()
        let x = phi.singularities
        if c == 0 {
            // Independent pre-activations: the integral factorises.
            return mean(q: q1, f) * mean(q: q2, g)
        }
        let zero: [Singularity] = even ? [.kink(at: 0)] : []
        if sc == 0 || s2 == 0 {
            // u2 = ±√q2 z1: one integral over z1 with both sets of singularities.
            let b = c >= 0 ? s2 : -s2
            let anchors = withNeighbourScales(scaled(x, by: s1) + scaled(x, by: b) + zero)
            return anchors.withUnsafeBufferPointer { a in
                quadrature.integrate(anchors: a, panelWidth: width(s1, b.magnitude), evenIntegrand: even) { z in
                    f(preactivation(s1, z)) * g(preactivation(b, z))
                }
            }
        }
        var outer = scaled(x, by: s1)
        if c != 0 {
            let b = s2 * c
            for k in x {
                let d = (k.distance + s2 * sc) / b.magnitude
                outer.append(Singularity(location: k.location / b, distance: d))
            }
        }
        outer = withNeighbourScales(outer + zero)
        let outerWidth = width(s1, (s2 * c).magnitude)
        if sc >= Self.gridThreshold {
            let b = s2 * c
            // The outer nodes z1 ∈ [−L, L] ([0, L] when even) ask for the means b·z1.
            let far = quadrature.cutoff * b
            let reach = even ? Swift.min(0, far)...Swift.max(0, far) : -far.magnitude...far.magnitude
            let grid = PreactivationGrid(
                phi: phi, sigma: s2 * sc, range: quadrature.cutoff * (b.magnitude + s2 * sc), reach: reach,
                quadrature: quadrature, g)
            return outer.withUnsafeBufferPointer { a in
                quadrature.integrate(anchors: a, panelWidth: outerWidth, evenIntegrand: even) { z1 in
                    f(preactivation(s1, z1)) * grid.mean(at: b * z1)
                }
            }
        }
        let innerScale = s2 * sc
        let innerWidth = phi.maxPanelWidth / innerScale
        let inner = UnsafeMutableBufferPointer<Singularity>.allocate(capacity: Swift.max(1, x.count))
        defer { inner.deallocate() }
        let innerCount = x.count
        return outer.withUnsafeBufferPointer { a in
            quadrature.integrate(anchors: a, panelWidth: outerWidth, evenIntegrand: even) { z1 in
                let mean2 = s2 * c * z1
                for (i, k) in x.enumerated() {
                    inner[i] = Singularity(
                        location: (k.location - mean2) / innerScale, distance: k.distance / innerScale)
                }
                let innerMean = quadrature.integrate(
                    anchors: UnsafeBufferPointer(rebasing: inner[0..<innerCount]),
                    panelWidth: innerWidth
                ) { z2 in g(mean2 + innerScale * z2) }
                return f(preactivation(s1, z1)) * innerMean
            }
        }
    }

    /// Sorts anchors and gives each the grading scale its neighbours impose: a complex
    /// singularity at x_j ± iδ_j lies within |x_i − x_j| + δ_j of anchor i, so panels
    /// next to i must be graded to that scale even if i itself is a kink. (hardtanh
    /// near c = 1: its kink at 1/√q1 sits 1e-7 from the inner smoothing's
    /// near-singularity at 1/(√q2 c), of width √(1−c²)/c.)
    private func withNeighbourScales(_ anchors: [Singularity]) -> [Singularity] {
        var a = anchors.sorted { $0.location < $1.location }
        for i in a.indices {
            for j in a.indices where j != i && a[j].distance > 0 {
                let reach = (a[i].location - a[j].location).magnitude + a[j].distance
                if a[i].distance == 0 || reach < a[i].distance { a[i].distance = reach }
            }
        }
        return a
    }

    /// √(1−c²) from which the inner integrals run on one pre-activation grid
    /// (`PreactivationGrid`, |c| ≤ 0.9987); closer to c = ±1 the grid would need ~1/√(1−c²)
    /// panels, and the inner rule follows the moving singularities in z2 instead.
    static let gridThreshold = 0.05

    /// x_k/scale, keeping only singularities that stay finite (a kink at 0 stays at 0
    /// when scale = 0, so one-sided values are taken on each side of z = 0).
    private func scaled(_ x: [Singularity], by scale: Double) -> [Singularity] {
        if scale == 0 { return x.filter { $0.location == 0 }.map { _ in .kink(at: 0) } }
        let m = scale.magnitude
        return x.map { Singularity(location: $0.location / scale, distance: $0.distance / m) }
    }

    private func width(_ a: Double, _ b: Double) -> Double {
        phi.maxPanelWidth / Swift.max(a, b, .leastNonzeroMagnitude)
    }
}

/// √q·z, or 0 carrying the sign of z when q = 0 (so kinks are approached from a side).
@inline(__always)
func preactivation(_ s: Double, _ z: Double) -> Double {
    s == 0 ? Double(sign: z.sign, exponentBitPattern: 0, significandBitPattern: 1) : s * z
}

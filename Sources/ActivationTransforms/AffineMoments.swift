import Foundation
import MeanFieldTheory
import Nonlinearities

/// The Gaussian moments of φ at the pre-activation u = αz + β, z ~ N(0, 1), from which
/// every DKS and TAT condition is built (SPEC §10.3):
///
///     mean = E[φ̃(u)],  square = E[φ̃(u)²],  slope = E[φ̃(u) φ′(u) z],
///     drift = E[φ′(u) z],  gain = E[φ′(u)²],  curvature = E[φ″(u)²],
///
/// with φ̃ = φ − φ(β), φ centred at its value in the middle of the input distribution:
/// E[φ²] − E[φ]² of a nearly flat φ̃ (α ≪ 1, as every transform found has) then loses
/// no digits to cancellation, as it would with φ itself (softplus at α = 0.19: E[φ]² is
/// 66 times the variance).
///
/// Rule: `GaussianQuadrature.standard` (composite 12-point Gauss–Legendre on [−9, 9])
/// with φ's singularities moved to z = (x_k − β)/α at distance δ_k/α, so panels split
/// at a kink (selu at z = −β/α) and are graded towards complex singularities (tanh's
/// poles, 0.05 from the line at α = 30). The integrals are then accurate to ~1e-15
/// relative (ReferenceValueTests measure 1e-16 for E[φ″²] of tanh on the same rule),
/// well inside the 1e-10 the conditions are held to.
struct AffineMoments {
    var mean = 0.0, square = 0.0, slope = 0.0, drift = 0.0, gain = 0.0, curvature = 0.0
    /// φ(β), the centre taken off φ.
    var centre = 0.0

    init(phi: Nonlinearity, scale alpha: Double, shift beta: Double, quadrature: GaussianQuadrature = .standard) {
        let a = alpha.magnitude
        centre = phi.value(beta)
        let anchors = phi.singularities
            .map { Singularity(location: ($0.location - beta) / a, distance: $0.distance / a) }
            .sorted { $0.location < $1.location }
        let c = centre, jet = phi.secondJet
        let m: Sums = anchors.withUnsafeBufferPointer { buffer in
            quadrature.integrate(anchors: buffer, panelWidth: phi.maxPanelWidth / a) { z in
                let j = jet(a * z + beta)
                let f = j[0] - c
                return Sums(f, f * f, f * j[1] * z, j[1] * z, j[1] * j[1], j[2] * j[2])
            }
        }
        mean = m.a; square = m.b; slope = m.c; drift = m.d; gain = m.e; curvature = m.f
        // α → −α with z → −z leaves u, and every condition, unchanged; the moments odd in
        // z carry α's sign, so that they are those of φ(αz + β) for either sign.
        if alpha < 0 { slope = -slope; drift = -drift }
    }

    /// Var φ(u) = E[φ̃²] − E[φ̃]².
    var variance: Double { square - mean * mean }
}

/// The six integrands summed at once on shared nodes: plain fields rather than a SIMD8,
/// whose lane operations are generic calls in a debug build (5 times slower there;
/// the same code in a release build).
struct Sums: Summand {
    var a, b, c, d, e, f: Double
    init(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }
    static var zero: Sums { Sums(0, 0, 0, 0, 0, 0) }
    static func + (x: Sums, y: Sums) -> Sums { Sums(x.a + y.a, x.b + y.b, x.c + y.c, x.d + y.d, x.e + y.e, x.f + y.f) }
    static func += (x: inout Sums, y: Sums) { x = x + y }
    static func * (x: Sums, w: Double) -> Sums { Sums(x.a * w, x.b * w, x.c * w, x.d * w, x.e * w, x.f * w) }
}

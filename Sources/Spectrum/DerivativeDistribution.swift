import MeanFieldTheory
import Nonlinearities

/// The distribution of g = φ′(√q u)², u ~ N(0, 1): the squared diagonal of D^l at the
/// length fixed point, as a discrete measure Σ_i w_i δ(g − g_i) on the nodes of the
/// project's Gaussian quadrature rule (`GaussianIntegrals`), so that every expectation
/// E[F(g)] the spectrum needs, at any complex argument, is one weighted sum.
///
/// Why nodes instead of calling the integrator: the free-probability solver evaluates
/// E[g/(y − g)] and E[g/(y − g)²] at thousands of complex y for one q*, always with the
/// same g_i; extracting the rule once turns each evaluation into ~200 multiply-adds.
/// The rule is the one every other integral uses (split at kinks, graded towards complex
/// singularities), so its accuracy carries over wherever F(g) is smooth in x, which
/// holds for y off the real range of g (Im y ≠ 0 or y > max g).
///
/// Atoms of g: where φ′ is constant on an interval (relu: 0 for x < 0, 1 for x > 0),
/// g takes that value with positive probability; `mass(at:)` reads it off the nodes.
struct DerivativeDistribution: Sendable {
    var values: [Double] = []
    var weights: [Double] = []

    init(phi: Nonlinearity, q: Double, quadrature: GaussianQuadrature = .standard) {
        let integrals = GaussianIntegrals(phi: phi, quadrature: quadrature)
        let nodes: NodeRecorder = integrals.mean(q: q) { x in NodeRecorder(x: x) }
        for (x, w) in nodes.entries where w != 0 {
            let d = phi.derivative(x)
            values.append(d * d)
            weights.append(w)
        }
    }

    /// E[F(g)] for a function of g.
    func mean(_ f: (Double) -> Double) -> Double {
        var s = 0.0
        for i in values.indices { s += weights[i] * f(values[i]) }
        return s
    }

    /// P(g = value), to rounding.
    func mass(at value: Double) -> Double {
        mean { $0 == value ? 1 : 0 }
    }

    var maximum: Double { values.max() ?? 0 }
}

/// A summand that records where an integrator evaluates its integrand and with which
/// weight: integrating x ↦ (x, 1) returns Σ_i w_i (x_i, 1) as a list.
struct NodeRecorder: Summand {
    var entries: [(x: Double, w: Double)]

    init(x: Double) { entries = [(x, 1)] }
    init(entries: [(x: Double, w: Double)]) { self.entries = entries }

    static var zero: NodeRecorder { NodeRecorder(entries: []) }
    static func + (a: NodeRecorder, b: NodeRecorder) -> NodeRecorder { NodeRecorder(entries: a.entries + b.entries) }
    static func += (a: inout NodeRecorder, b: NodeRecorder) { a.entries += b.entries }
    static func * (a: NodeRecorder, b: Double) -> NodeRecorder {
        NodeRecorder(entries: a.entries.map { ($0.x, $0.w * b) })
    }
}

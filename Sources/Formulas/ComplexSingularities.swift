import ComplexModule
import Foundation

/// The complex singularities of a formula nearest to the real line, and the scales on
/// which its entire parts vary, found from the formula: what the Gaussian integrator
/// grades its panels towards (`Singularity` in Nonlinearities), so that a formula gets
/// the same accuracy as the built-in φ it spells (tanh written with exp has tanh's
/// poles at ±iπ/2).
///
/// Each operation that is not entire is singular where its argument u takes certain
/// values: tanh at u = ±iπ/2, ±3iπ/2 (poles); sigmoid and softplus at u = ±iπ, ±3iπ;
/// atan at u = ±i; log, sqrt and fractional powers at u = 0, log1p at u = −1 (branch
/// points); a division where its denominator is 0. Each equation u(z) = t is solved by
/// Newton's method in the complex plane (u and u′ by complex forward mode, from
/// swift-numerics' `Complex`), started from a grid over [−12, 12] × {0.3i, 1.5i}; roots
/// with Im z > 0 give singularities at Re z with distance Im z (their conjugates are
/// the mirror images). Entire parts still set scales: erf/erfc of u vary on 1/(2|u′|)
/// around a root of u (as the built-in erf, graded like a singularity at distance ½),
/// exp-type functions of a u with a stationary point x₀ on a width 1/√|u″(x₀)|
/// (a Gaussian bump), and sin/cos oscillate with period 2π/|u′|, which caps panel widths.
///
/// When an argument contains abs, max or min (not analytic), the search for that part
/// is skipped and `complete` is false: the integrator's error estimate then says how
/// well it did.
struct ComplexSingularities {
    typealias C = Complex<Double>

    /// (location, distance) pairs, distance > 0, nearest first, at most 16.
    var singularities: [(location: Double, distance: Double)] = []
    /// Widest panel in x that resolves the oscillating parts (sin, cos), or ∞.
    var maxPanelWidth = Double.infinity
    var complete = true

    init(_ root: Node) {
        var found: [(Double, Double)] = []
        for n in root.postorder {
            guard let u = n.children.first else { continue }
            switch n.op {
            case .tanh: found += roots(of: u, at: [0.5, -0.5, 1.5, -1.5].map { C(0, $0 * .pi) })
            case .sigmoid, .softplus: found += roots(of: u, at: [1.0, -1, 3, -3].map { C(0, $0 * .pi) })
            case .atan: found += roots(of: u, at: [C(0, 1), C(0, -1)])
            case .log, .sqrt: found += roots(of: u, at: [.zero])
            case .log1p: found += roots(of: u, at: [C(-1, 0)])
            case .divide: found += roots(of: n.children[1], at: [.zero])
            case .power where !(n.children[1].op == .constant && n.children[1].constant.rounded() == n.children[1].constant
                                && n.children[1].constant >= 0):
                found += roots(of: n.children[0], at: [.zero])
            case .erf, .erfc:
                // Built-in erf: graded like a singularity at distance ½ around u = 0.
                for x in realRoots(of: u) {
                    if let j = jet(u, C(x, 0)), j.d.length > 0 { found.append((x, 0.5 / j.d.length)) }
                }
            case .exp, .expm1, .sinh, .cosh:
                // A Gaussian-like bump e^{u} around a stationary point of u.
                for x in stationaryPoints(of: u) {
                    let curvature = secondDerivative(u, x)
                    if curvature.isFinite, curvature != 0 { found.append((x, 0.5 / curvature.magnitude.squareRoot())) }
                }
            case .sin, .cos:
                let slope = Program(u).maxSlope(upTo: 16)
                if slope > 0 { maxPanelWidth = Swift.min(maxPanelWidth, 1 / slope) }
            default: break
            }
        }
        found.sort { $0.1 < $1.1 }
        var unique: [(location: Double, distance: Double)] = []
        for (x, d) in found where !unique.contains(where: { ($0.location - x).magnitude < 1e-8 * Swift.max(1, x.magnitude) }) {
            unique.append((x, d))
        }
        singularities = Array(unique.prefix(16))
    }

    /// Complex jet (u, u′) of a node at z; nil when the node uses erf or erfc, which have
    /// no complex form here. abs, max and min continue the analytic piece that holds
    /// at Re z (|u| = ±u by the sign of Re u; max(a, b) = a where Re a ≥ Re b): near
    /// the real line that is the piece whose singularities matter there.
    func jet(_ n: Node, _ z: C) -> (v: C, d: C)? {
        switch n.op {
        case .variable: return (z, .one)
        case .constant: return (C(n.constant, 0), .zero)
        default: break
        }
        guard let a = jet(n.children[0], z) else { return nil }
        func chain(_ h: C, _ h1: C) -> (C, C) { (h, h1 * a.d) }
        switch n.op {
        case .negate: return (-a.v, -a.d)
        case .abs: return a.v.real < 0 ? (-a.v, -a.d) : a
        case .max, .min:
            guard let b = jet(n.children[1], z) else { return nil }
            return (a.v.real >= b.v.real) == (n.op == .max) ? a : b
        case .add, .subtract, .multiply, .divide, .power:
            guard let b = jet(n.children[1], z) else { return nil }
            switch n.op {
            case .add: return (a.v + b.v, a.d + b.d)
            case .subtract: return (a.v - b.v, a.d - b.d)
            case .multiply: return (a.v * b.v, a.d * b.v + a.v * b.d)
            case .divide: let q = a.v / b.v; return (q, (a.d - q * b.d) / b.v)
            default:
                // u^v = exp(v log u); (u^v)′ = u^v (v′ log u + v u′/u).
                let l = C.log(a.v), p = C.exp(b.v * l)
                return (p, p * (b.d * l + b.v * a.d / a.v))
            }
        case .exp: let e = C.exp(a.v); return chain(e, e)
        case .expm1: return chain(C.expMinusOne(a.v), C.exp(a.v))
        case .log: return chain(C.log(a.v), 1 / a.v)
        case .log1p: return chain(C.log(onePlus: a.v), 1 / (1 + a.v))
        case .sqrt: let s = C.sqrt(a.v); return chain(s, 1 / (2 * s))
        case .tanh: let t = C.tanh(a.v); return chain(t, 1 - t * t)
        case .sinh: return chain(C.sinh(a.v), C.cosh(a.v))
        case .cosh: return chain(C.cosh(a.v), C.sinh(a.v))
        case .sin: return chain(C.sin(a.v), C.cos(a.v))
        case .cos: return chain(C.cos(a.v), -C.sin(a.v))
        case .atan: return chain(C.atan(a.v), 1 / (1 + a.v * a.v))
        case .sigmoid: let s = 1 / (1 + C.exp(-a.v)); return chain(s, s * (1 - s))
        case .softplus: let e = C.exp(a.v); return chain(C.log(onePlus: e), e / (1 + e))
        default: return nil
        }
    }

    /// Solutions z (Im z > 0) of u(z) = t for each t, as (Re z, Im z).
    mutating func roots(of u: Node, at targets: [C]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for t in targets {
            for x0 in stride(from: -12.0, through: 12, by: 0.5) {
                for y0 in [0.3, 1.5] {
                    var z = C(x0, y0)
                    var converged = false
                    for _ in 0..<60 {
                        guard let j = jet(u, z) else { complete = false; return out }
                        let f = j.v - t
                        guard j.d.isFinite, j.d.length > 0 else { break }
                        let step = f / j.d
                        z = z - step
                        guard z.isFinite, z.length < 1e4 else { break }
                        if step.length <= 1e-14 * (1 + z.length) { converged = true; break }
                    }
                    guard converged, z.imaginary > 1e-9, let j = jet(u, z),
                          (j.v - t).length <= 1e-9 * (1 + t.length) else { continue }
                    out.append((z.real, z.imaginary))
                }
            }
        }
        return out
    }

    /// Real roots (sign changes) of u on the analysis scan.
    mutating func realRoots(of u: Node) -> [Double] {
        let p = Program(u)
        return solved { try FormulaAnalysis.signChanges { p.value($0) } }
    }

    /// Real x where u′ changes sign (stationary points of u).
    mutating func stationaryPoints(of u: Node) -> [Double] {
        let p = Program(u)
        return solved { try FormulaAnalysis.signChanges { p.jet($0).first } }
    }

    /// The roots, or none (and `complete = false`) when the solver failed.
    mutating func solved(_ search: () throws -> [Double]) -> [Double] {
        do { return try search() } catch {
            complete = false
            return []
        }
    }

    func secondDerivative(_ u: Node, _ x: Double) -> Double { Program(u).jet(x).second }
}

extension Program {
    /// max |u′(x)| over the scan points with |x| ≤ bound.
    func maxSlope(upTo bound: Double) -> Double {
        FormulaAnalysis.scan.filter { $0.magnitude <= bound }.map { jet($0).first.magnitude }
            .filter(\.isFinite).max() ?? 0
    }
}

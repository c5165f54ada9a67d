import Foundation
import Numerical

extension MeanFieldModel {
    /// The correlation map at the length fixed point, c ↦ C(c; q*, q*)/q*.
    public func correlationMap(_ c: Double, qStar: Double) -> Double {
        qStar == 0 ? c : covarianceMap(c, q1: qStar, q2: qStar) / qStar
    }

    /// c*, the stable fixed point of the correlation map on [0, 1], and the map's slope
    /// there, χ_c = σw² ∫Dz1Dz2 φ′(u1)φ′(u2) at c = c*.
    ///
    /// c* = 1 and χ_c = χ1 when χ1 ≤ 1. Otherwise c* is the smallest root of
    /// F(c) = C(c)/q* − c on [0, 1). By Mehler's expansion C(c) = σw² Σ_k a_k² c^k/k! + σb²
    /// has non-negative coefficients, so F is convex on [0, 1] with F(0) ≥ 0, F(1) = 0 and
    /// F′(1) = χ1 − 1 > 0. Newton's method from c = 0 therefore increases monotonically to
    /// c* without overshoot, converging quadratically (linearly, ratio ½, only while c*
    /// is nearly a double root close to criticality); from a point just right of c* (where
    /// F < 0 and F′ < 0) one tangent step lands left of c*, and the same holds from there.
    /// F′(c) = χ_c(c) − 1 and F″(c) come from the same quadrature pass as F (Price's
    /// theorem), and the steps go to the root of the quadratic model (`newtonCorrelation`).
    ///
    /// Cost: the steps far from c* use `GaussianQuadrature.coarse` (about a quarter of
    /// the work, ~1e-9 accurate): one from Mehler's start, mostly; then one step on the
    /// model's own rule, whose successor is known to be below rounding (more near
    /// criticality, and all of them, from c = 0, when the coarse start falls beyond F's
    /// minimum there). The third integrand (φ″φ″) adds about a quarter to each pass;
    /// the phase diagram's passes fell from 4.1 to 2.2 per chaotic point (41×41 tanh).
    /// For odd φ with σb = 0, C(0) = 0 and c* = 0 exactly.
    public func correlationFixedPoint(qStar: Double, chi1: Double) throws -> (cStar: Double, chiC: Double) {
        if chi1 <= 1 || qStar == 0 { return (1, chi1) }
        if phi.parity == .odd && sigmaB == 0 {
            // C(0) = σw² E[φ(u1)] E[φ(u2)] = 0 by symmetry: c* = 0, exactly.
            return (0, derivativeCovariance(0, q1: qStar, q2: qStar))
        }
        var coarse = self
        coarse.integrals = GaussianIntegrals(phi: phi, quadrature: .coarse)
        let mehler = kernel == nil ? mehlerStart(qStar: qStar) : nil
        let start = mehler.flatMap { try? coarse.newtonCorrelation(from: $0, qStar: qStar, tolerance: 1e-5, reach: 1e-3) }?.cStar
            ?? (try? coarse.newtonCorrelation(from: 0, qStar: qStar, tolerance: 1e-5, reach: 1e-3))?.cStar ?? 0
        if let result = try? newtonCorrelation(from: start, qStar: qStar, tolerance: 4 * .ulpOfOne), result.cStar < 1 {
            return result
        }
        // Near criticality c* and 1 are nearly a double root and F′(c*) → 0, so the coarse
        // rule's root can sit right of F's minimum, or the coarse F have no root below 1
        // at all and its iterates end at the trivial root c = 1 (σw = 1.76, σb = 0.83:
        // c* = 1 − 1.3e-5, F's minimum 2e-11 deep).
        // From c = 0 the full rule's Newton iteration is safe by convexity.
        return try newtonCorrelation(from: 0, qStar: qStar, tolerance: 4 * .ulpOfOne)
    }

    /// A start for c* from Mehler's expansion truncated at degree K = 24:
    /// C(c)/q* ≈ (σw² Σ_{k≤K} b_k² c^k + σb²)/q* with b_k = E[φ(√q* z) h_k(z)], h_k the
    /// normalised Hermite polynomials, by a 160-point Gauss–Hermite rule (`MehlerRule`: 160
    /// values of φ and a 25×160 matrix–vector product, ~1% of one two-dimensional integral).
    /// With exact b_k the dropped terms are ≥ 0, the truncated F lies below F, and its
    /// smallest root (Newton from 0 on a convex polynomial) lies left of c*; the rule's own
    /// error can move it a little either way, which Newton on F absorbs (and a start past
    /// F's minimum makes `correlationFixedPoint` fall back to c = 0). The start is close
    /// where c*^{K+1} times the missing energy is small (deep chaos: one or two coarse
    /// steps from it instead of four or five from c = 0). `nil` if the truncated map has
    /// no root left of its minimum.
    func mehlerStart(qStar: Double) -> Double? {
        let s = qStar.squareRoot()
        guard s > 0, let rule = MehlerRule.shared else { return nil }
        let n = MehlerRule.degree
        var values = [Double](repeating: 0, count: rule.points)
        for i in 0..<rule.points {
            let v = phi.value(s * rule.nodes[i])
            guard v.isFinite else { return nil }
            values[i] = v
        }
        var energy = [Double](repeating: 0, count: n + 1)
        for k in 0...n {
            var bk = 0.0
            let row = k * rule.points
            for i in 0..<rule.points { bk += rule.matrix[row + i] * values[i] }
            energy[k] = w2 * bk * bk / qStar
        }
        let offset = b2 / qStar
        var c = 0.0
        for _ in 0..<100 {
            var value = 0.0, slope = 0.0
            for k in stride(from: n, through: 1, by: -1) {
                slope = slope * c + Double(k) * energy[k]
                value = value * c + energy[k]
            }
            value = value * c + energy[0] + offset - c
            slope -= 1
            guard value.isFinite, slope < 0 else { return nil }
            let next = Swift.min(1, Swift.max(0, c - value / slope))
            if (next - c).magnitude <= 1e-12 { return next }
            c = next
        }
        return nil
    }

    /// Newton's method on F(c) = C(c)/q* − c from `c0`, until a step is below
    /// `tolerance`·max(c, 0.01) or the noise ε/|F′|; returns the last iterate c_{k+1} and
    /// the slope χ_c there.
    ///
    /// Where F″ comes with F and F′ (`correlationJet`), each step goes to the root of the
    /// quadratic model (`correlationStep`), and the iteration also stops as soon as the
    /// step after c_{k+1} is known to be below that bound: even Newton's error is
    /// c_{k+1} − c* = F″/(2F′)·(c_k − c*)² to leading order, so the next step would be at
    /// most |F″ δ²/(2F′)|, δ = c_{k+1} − c_k (asked four times below the bound). From a coarse
    /// start (~1e-9) that is one two-dimensional integral instead of two. χ_c at c_{k+1}
    /// is then χ_c(c_k) + F″ δ (the Taylor remainder χ_c″ δ²/2 is below rounding for
    /// δ ≲ 1e-7, the largest step the prediction may end on). Without F″ (closed-form kernels, kinked φ) χ_c is evaluated
    /// at c_{k+1} once more.
    ///
    /// The prediction uses F″ at c_k, so it is trusted only for steps up to `reach`
    /// (1e-7 for the result: F″ then moves by a negligible F‴δ; a far step from c = 0,
    /// where F″ = 0 for odd φ, would predict nothing). The coarse steps, which only
    /// prepare a start, take `reach` = 1e-3.
    func newtonCorrelation(from c0: Double, qStar: Double, tolerance: Double,
                           reach: Double = 1e-7) throws -> (cStar: Double, chiC: Double) {
        var c = c0
        for _ in 0..<200 {
            let jet = correlationJet(c, qStar: qStar)
            let f = jet.x - c, slope = jet.y - 1
            if f == 0 { return (c, jet.y) }
            guard slope < 0 else {
                throw TheoryError.noConvergence(
                    "c* search: the correlation map has slope \(jet.y) >= 1 at c=\(c) below its fixed point (phi=\(phi.name))")
            }
            let next = Swift.max(0, Swift.min(1, c + correlationStep(f, slope, jet.z)))
            let step = next - c
            // F is known to ~ε times the size of its integrand, C(1)/q* = 1, whatever
            // F itself is (c* = 1.5e-4 at σb = 0.01): steps below ε/|F′| are noise.
            let noise = 16 * .ulpOfOne / slope.magnitude
            let bound = Swift.max(tolerance * Swift.max(c, 0.01), noise)
            let curvature = jet.z
            let predicted = curvature.map { 4 * ($0 * step * step / (2 * slope)).magnitude } ?? .infinity
            let trusted = next > 0 && next < 1 && step.magnitude <= reach
            if step.magnitude <= bound || (trusted && predicted <= bound) {
                if let curvature { return (next, jet.y + curvature * step) }
                return (next, step == 0 ? jet.y : covarianceAndSlope(next, q1: qStar, q2: qStar).y / qStar)
            }
            c = next
        }
        throw TheoryError.noConvergence("c* search: Newton's method did not converge in 200 steps")
    }

    /// The step δ to the root of F's Taylor model at c: Newton's −F/F′, or with F″ the
    /// nearer root of F + F′δ + F″δ²/2, 2F/(−F′ + √(F′² − 2FF″)). F is convex with F‴ ≥ 0
    /// on [0, 1] (Mehler: every coefficient ≥ 0), so the quadratic model lies below F
    /// right of c and above it left of c: its root, like Newton's, never crosses c*, and
    /// lies nearer to it. Near criticality, where c* and 1 are nearly a double root and
    /// Newton's ratio is ½, it keeps converging quadratically.
    func correlationStep(_ f: Double, _ slope: Double, _ curvature: Double?) -> Double {
        guard let h = curvature, h > 0 else { return -f / slope }
        let d = slope * slope - 2 * f * h
        guard d >= 0 else { return -f / slope }
        return 2 * f / (-slope + d.squareRoot())
    }

    /// (C(c)/q*, χ_c(c), dχ_c/dc) at q1 = q2 = q*, from one pass of the two-dimensional
    /// rule: χ_c = σw² E[φ′(u1)φ′(u2)] and dχ_c/dc = σw² q* E[φ″(u1)φ″(u2)] (Price's
    /// theorem, ∂/∂q12 E[φ′φ′] = E[φ″φ″] with q12 = c q*). The third is `nil` where φ″ is
    /// not a function (kinks), from a closed-form kernel (cheap anyway) and at lengths
    /// where `AsymptoticCovariance` may stand for the integral.
    func correlationJet(_ c: Double, qStar: Double) -> (x: Double, y: Double, z: Double?) {
        if kernel == nil, phi.secondDerivative != nil, qStar < AsymptoticCovariance.smallestLength {
            let jet = phi.secondJet
            let m = integrals.mean(q1: qStar, q2: qStar, c: c, even: symmetric, jet, jet)
            // As `covarianceAndSlope` forms them (√q*·√q*, not q*), so C and χ_c are the same bits.
            let s = qStar.squareRoot()
            return ((w2 * m.x + b2) / qStar, w2 * (s * s) * m.y / qStar, w2 * qStar * m.z)
        }
        let m = covarianceAndSlope(c, q1: qStar, q2: qStar) / qStar
        return (m.x, m.y, nil)
    }
}

/// The Gauss–Hermite nodes and the matrix wᵢ h_k(xᵢ) behind `mehlerStart`.
struct MehlerRule: Sendable {
    static let degree = 24
    let points: Int
    let nodes: [Double]
    /// Row k: wᵢ h_k(xᵢ), h_k normalised (E[h_k²] = 1): h_{k+1} = (z h_k − √k h_{k−1})/√(k+1).
    let matrix: [Double]

    /// 160 points: the nodes reach |z| ≈ 17, and tanh(√q z) at the q* of a σw ≤ 5 grid
    /// is resolved to ~1e-6, enough for a start one or two coarse Newton steps from c*.
    static let shared: MehlerRule? = {
        guard let rule = GaussHermite(points: 160) else { return nil }
        let m = rule.nodes.count
        var matrix = [Double](repeating: 0, count: (degree + 1) * m)
        for i in 0..<m {
            let z = rule.nodes[i]
            var previous = 0.0, current = 1.0
            matrix[i] = rule.weights[i]
            for k in 0..<degree {
                let next = (z * current - Double(k).squareRoot() * previous) / Double(k + 1).squareRoot()
                previous = current
                current = next
                matrix[(k + 1) * m + i] = rule.weights[i] * current
            }
        }
        return MehlerRule(points: m, nodes: rule.nodes, matrix: matrix)
    }()
}

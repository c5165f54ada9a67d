import ComplexModule
import Foundation
import Numerical

/// The density ρ(λ) and the right edge of the spectrum (see `SpectrumTheory`).
extension SpectrumTheory {
    typealias C = Complex<Double>

    /// ρ(λ) of the continuous part at each λ > 0, with an error estimate; atoms
    /// (`atoms`) are not included, and λ ≤ 0 gives 0.
    ///
    /// Error estimate: the difference from the same solution on the companion rule's
    /// nodes (quadrature) plus the change of ρ between Im z = 10η and η (ρ at Im z = η is
    /// ρ smoothed by a Cauchy kernel of width η, so the change over the last decade
    /// bounds the remaining smoothing error).
    ///
    /// Method: eliminate y. For a given m, z = ((1+m)/m)(σw² m y k(m))^L gives
    /// y(m) = (z m/(1+m))^{1/L} / (σw² m k(m)), the L-th root on the branch followed
    /// continuously from the start; then h(m) = E[g/(y(m) − g)] − m = 0 is one complex
    /// equation, solved by Newton's method with h′ = −E[g/(y − g)²] y′ − 1,
    /// y′/y = (1/L)/(m(1+m)) − 1/m − k′/k. Continuation in Im z: at z = λ + iη with η
    /// large, M(z) ≈ m1/z (m1 = χ1^L), so m ≈ m1/z and the root's branch is the
    /// principal one; η then shrinks by a factor 0.6 per step down to 1e-10·max(λ, 1),
    /// each step starting from the last solution, so the iterate stays on the branch
    /// with M ~ m1/z. Steps that fail to converge are retried with a gentler factor.
    ///
    /// - Throws: `NumericalError.noConvergence` when continuation fails at some λ.
    public func density(at lambda: Double) throws -> Estimate {
        guard lambda > 0 else { return Estimate(value: 0, error: 0) }
        // All of the spectrum in atoms (linear, orthogonal: every λ = σw^{2L}).
        if atoms.reduce(0, { $0 + $1.mass }) >= 1 - 1e-14 { return Estimate(value: 0, error: 0) }
        let (value, m, theta, coarser) = try solve(lambda: lambda, on: g)
        let z = C(lambda, Self.finalEta(lambda))
        var state = (m: m, theta: theta)
        let other = try newton(z: z, from: &state, on: companion).map { rho(m: $0, z: z) } ?? value
        return Estimate(value: value, error: (value - other).magnitude + (value - coarser).magnitude)
    }

    /// The last Im z of the continuation: 1e-13 λ, so that the Cauchy smoothing changes
    /// ρ by ~1e-13 relative even where ρ varies on the scale of λ itself (near λ = 0,
    /// where the Fuss–Catalan density diverges like λ^{−L/(L+1)}).
    static func finalEta(_ lambda: Double) -> Double { 1e-13 * lambda }

    /// ρ from m at z: −Im((1+m)/z)/π, never negative.
    func rho(m: C, z: C) -> Double { Swift.max(0, -((1 + m) / z).imaginary / .pi) }

    /// Continuation from large Im z down to the real axis; returns ρ, m and the
    /// unwrapped argument of z m/(1+m) at the end, and ρ at Im z ≈ 10η.
    func solve(lambda: Double, on measure: DerivativeDistribution) throws -> (Double, C, Double, Double) {
        var eta = 4 * Swift.max(lambda, mean, 1)
        var z = C(lambda, eta)
        var m = C(mean, 0) / z
        var state = (m: m, theta: Self.argument(z * m / (1 + m)))
        guard let first = try newton(z: z, from: &state, on: measure) else {
            throw NumericalError.noConvergence("spectrum: no solution at λ = \(lambda) far from the real axis")
        }
        m = first
        let target = Self.finalEta(lambda)
        var factor = 0.6
        var steps = 0
        var coarser: Double?
        while eta > target {
            steps += 1
            guard steps < 2000 else {
                throw NumericalError.noConvergence("spectrum: continuation to the real axis did not finish at λ = \(lambda)")
            }
            let next = Swift.max(target, eta * factor)
            var trial = state
            if let solved = try newton(z: C(lambda, next), from: &trial, on: measure) {
                if coarser == nil && next <= 10 * target { coarser = rho(m: solved, z: C(lambda, next)) }
                eta = next
                z = C(lambda, eta)
                m = solved
                state = trial
                factor = Swift.max(0.6, factor * 0.9)
            } else {
                factor = 1 - (1 - factor) / 2
                guard factor < 0.999 else {
                    throw NumericalError.noConvergence("spectrum: Newton's method lost the branch at λ = \(lambda)")
                }
            }
        }
        let value = rho(m: m, z: z)
        return (value, m, state.theta, coarser ?? value)
    }

    /// Principal argument of w.
    static func argument(_ w: C) -> Double { Foundation.atan2(w.imaginary, w.real) }

    /// y(m) on the branch whose arg(z m/(1+m)) is nearest `theta` (updated), and
    /// d log y/dm.
    func y(_ m: C, z: C, theta: inout Double) -> (y: C, dlog: C) {
        let a = z * m / (1 + m)
        let principal = Self.argument(a)
        let turns = ((theta - principal) / (2 * .pi)).rounded()
        theta = principal + 2 * .pi * turns
        let l = Double(depth)
        let root = C.exp(C(Foundation.log(a.length) / l, theta / l))
        let w2 = sigmaW * sigmaW
        let k: C = weights == .gaussian ? 1 : 1 / (1 + m)
        let y = root / (C(w2, 0) * m * k)
        var dlog = (1 / C(l, 0)) / (m * (1 + m)) - 1 / m
        if weights == .orthogonal { dlog = dlog + 1 / (1 + m) }
        return (y, dlog)
    }

    /// Newton's method on h(m) = E[g/(y(m) − g)] − m at z; nil when it does not
    /// converge in 40 steps (the caller then takes a smaller continuation step).
    ///
    /// Converged: a step below 1e-14 (1 + |m|), or, at the floor that rounding puts
    /// under h (h = E[…] − m cancels), a step below 1e-10 (1 + |m|) that is no longer
    /// shrinking quadratically (more than a quarter of the one before).
    func newton(z: C, from state: inout (m: C, theta: Double), on measure: DerivativeDistribution) throws -> C? {
        var m = state.m, theta = state.theta
        var previous = Double.infinity
        for _ in 0..<40 {
            let (y, dlog) = self.y(m, z: z, theta: &theta)
            var s1 = C.zero, s2 = C.zero
            for i in measure.values.indices {
                let gi = measure.values[i], w = measure.weights[i]
                let r = 1 / (y - C(gi, 0))
                s1 = s1 + C(w * gi, 0) * r
                s2 = s2 + C(w * gi, 0) * r * r
            }
            let h = s1 - m
            let dh = -s2 * y * dlog - 1
            guard h.isFinite, dh.isFinite, dh.length > 0 else { return nil }
            let step = h / dh
            m = m - step
            guard m.isFinite, (1 + m).length > 0 else { return nil }
            let size = step.length, scale = 1 + m.length
            defer { previous = size }
            if size <= 1e-14 * scale || (size <= 1e-10 * scale && size > 0.25 * previous) {
                _ = self.y(m, z: z, theta: &theta)
                state = (m, theta)
                return m
            }
        }
        return nil
    }

    /// The right edge λ_max: on the real axis beyond the spectrum m is real and
    /// positive, y real above max g, and z(m) = ((1+m)/m)(σw² m y k(m))^L; the edge is
    /// its minimum over m > 0 (dz/dm = 0), found by Brent's method on d log z/dm, with
    /// y(m) from E[g/(y − g)] = m (Brent again) and y′ = −1/E[g/(y − g)²]. Where z(m)
    /// decreases for every m (all of the spectrum in an atom: linear, orthogonal), the
    /// edge is its limit, the atom.
    public func largestEigenvalue() throws -> Double {
        let top = g.maximum
        let l = Double(depth), w2 = sigmaW * sigmaW
        func y(_ m: Double) throws -> Double {
            // E[g/(y − g)] decreases from +∞ (or its value at y = max g) to 0.
            var hi = top + Swift.max(1, top)
            while g.mean({ $0 / (hi - $0) }) > m { hi *= 2; if hi > 1e300 { break } }
            let lo = top * (1 + 1e-15) + 1e-300
            if g.mean({ $0 / (lo - $0) }) < m { return lo }
            return try BracketingSolver().root(in: lo, hi) { yy in g.mean { $0 / (yy - $0) } - m }
        }
        func k(_ m: Double) -> Double { weights == .gaussian ? 1 : 1 / (1 + m) }
        func logZ(_ m: Double) throws -> Double {
            Foundation.log((1 + m) / m) + l * Foundation.log(w2 * m * (try y(m)) * k(m))
        }
        func slope(_ m: Double) throws -> Double {
            let yy = try y(m)
            let s2 = g.mean { $0 / ((yy - $0) * (yy - $0)) }
            let kk = weights == .gaussian ? 0 : -1 / (1 + m)
            return -1 / (m * (1 + m)) + l * (1 / m + kk + (-1 / s2) / yy)
        }
        var previous = (m: 1e-8, s: try slope(1e-8))
        for e in stride(from: -7.75, through: 8, by: 0.25) {
            let m = Foundation.pow(10, e)
            let s = try slope(m)
            if previous.s < 0 && s >= 0 {
                let edge = try BracketingSolver().root(in: previous.m, m) { try slope($0) }
                return Foundation.exp(try logZ(edge))
            }
            previous = (m, s)
        }
        return Foundation.exp(try logZ(1e8))
    }
}

import Formulas
import Foundation

extension Nonlinearity {
    /// φ given as a formula in x (`Formula`): φ, φ′, φ″ from one compiled program by
    /// forward-mode differentiation, kinks and complex singularities found from the
    /// formula for the integrator, parity and growth at ±∞ for the theory. φ″ is `nil`
    /// when φ′ jumps at a kink (χ2 does not exist), as for the built-in relu.
    ///
    /// - Throws: `FormulaError` (the column at fault) when the text does not parse, names
    ///   an unknown function, or is not finite on the real line.
    public init(formula text: String) throws {
        try self.init(formula: Formula(text))
    }

    /// φ from a parsed formula (see `init(formula:)` with a text).
    public init(formula f: Formula) throws {
        let p = f
        let smooth = !f.derivativeJumps
        let parity: Parity
        switch f.parity {
        case .odd: parity = .odd
        case .even: parity = .even
        case .neither: parity = .neither
        }
        let value: @Sendable (Double) -> Double = { p.value($0) }
        let derivative: @Sendable (Double) -> Double = { p.jet($0).first }
        var second: (@Sendable (Double) -> Double)?
        if smooth { second = { x in p.jet(x).second } }
        let jet: @Sendable (Double) -> SIMD2<Double> = { let j = p.jet($0); return SIMD2(j.value, j.first) }
        let secondJet: @Sendable (Double) -> SIMD3<Double> = {
            let j = p.jet($0)
            return SIMD3(j.value, j.first, smooth ? j.second : 0)
        }
        let vector: @Sendable (SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>) = { x in
            let j = p.jets(x)
            return (j.0, j.1, smooth ? j.2 : SIMD8<Double>.zero)
        }
        var anchors: [Singularity] = f.kinks.map { Singularity.kink(at: $0) }
        for k in f.kinks { if let scale = Self.branchScale(f, at: k) { anchors.append(.poles(at: k, distance: scale)) } }
        for s in f.complexSingularities { anchors.append(.poles(at: s.location, distance: s.distance)) }
        if let (left, right) = Self.homogeneousSlopes(f) {
            // max(x,0), 0.5*(x+abs(x)), 3*x, …: the piecewise-linear family, with its
            // closed-form kernel and exact length map (as the built-in relu has).
            let zero: @Sendable (Double) -> Double = { _ in 0 }
            let kinks: [Singularity] = left == right ? [] : [Singularity.kink(at: 0)]
            let kernel: GaussianKernel = GaussianKernel.piecewiseLinear(left: left, right: right)
            self.init(
                name: f.text, formula: f.text, value: value, derivative: derivative,
                secondDerivative: left == right ? zero : nil,
                jet: jet, secondJet: secondJet, vectorSecondJet: vector, singularities: kinks,
                parity: parity, asymptoticGrowth: (left * left + right * right) / 2, dynamicRange: nil,
                isPositivelyHomogeneous: true, gaussianKernel: kernel)
            return
        }
        self.init(
            name: f.text, formula: f.text, value: value, derivative: derivative, secondDerivative: second,
            jet: jet, secondJet: secondJet, vectorSecondJet: vector, singularities: anchors,
            maxPanelWidth: f.maxPanelWidth, parity: parity, asymptoticGrowth: f.asymptoticGrowth, dynamicRange: nil)
    }

    /// The scale on which φ's branches change next to the kink k, ½·min |φ′/φ″| over
    /// the two sides (where φ″ ≠ 0), for the integrator to grade towards k: a branch
    /// cut off at the kink, as min(exp(x) − 1, 0) is, varies there on that scale, and
    /// panels of width 2 in z = x/√q do not resolve e^{2x} once √q ≫ 1 (elu's formula
    /// at q* = 160 had χ1 off by 3e-5). `nil` where both branches are straight (relu).
    static func branchScale(_ f: Formula, at k: Double) -> Double? {
        let delta = 1e-9 * Swift.max(1, k.magnitude)
        var rate = 0.0
        for x in [k - delta, k + delta] {
            let j = f.jet(x)
            guard j.first.isFinite, j.second.isFinite, j.second != 0 else { continue }
            rate = Swift.max(rate, j.first == 0 ? .infinity : (j.second / j.first).magnitude)
        }
        guard rate > 0, rate.isFinite else { return nil }
        return 0.5 / rate
    }

    /// (left, right) when the formula is x·(x > 0 ? right : left), as max(x,0) or
    /// 0.5*(x+abs(x)) are: built (`isHomogeneous`) only from x, constant multiples and
    /// quotients, sums, differences, abs, max and min of such terms, so φ(λx) = λφ(x) for
    /// λ > 0 by construction (min(max(x,0),1e10) is not: a sampled check on 2⁻³⁰ … 2³⁰
    /// once let it through). The slopes are φ(1) and −φ(−1); `nil` otherwise or when a
    /// slope is not a finite double.
    static func homogeneousSlopes(_ f: Formula) -> (left: Double, right: Double)? {
        guard isHomogeneous(f.root) else { return nil }
        let right = f.value(1), left = 0 - f.value(-1)
        guard right.isFinite, left.isFinite else { return nil }
        return (left, right)
    }

    /// Positively homogeneous of degree 1 by construction: x; 0; −h; h ± h; c·h, h·c and
    /// h/c for a finite constant c (≠ 0 to divide); abs(h); max(h, h), min(h, h).
    static func isHomogeneous(_ n: Node) -> Bool {
        func constant(_ m: Node) -> Bool { m.op == .constant && m.constant.isFinite }
        switch n.op {
        case .variable: return true
        case .constant: return n.constant == 0
        case .negate, .abs: return isHomogeneous(n.children[0])
        case .add, .subtract, .max, .min: return isHomogeneous(n.children[0]) && isHomogeneous(n.children[1])
        case .multiply:
            let (a, b) = (n.children[0], n.children[1])
            return (constant(a) && isHomogeneous(b)) || (isHomogeneous(a) && constant(b))
        case .divide:
            let (a, b) = (n.children[0], n.children[1])
            return isHomogeneous(a) && constant(b) && b.constant != 0
        default: return false
        }
    }

    /// A built-in φ by name (`tanh`, `relu`, … and the alias `swish`), or else φ from a
    /// formula in x.
    public static func parse(_ text: String) throws -> Nonlinearity {
        if let builtIn = named(text.trimmingCharacters(in: .whitespaces)) { return builtIn }
        return try Nonlinearity(formula: text)
    }
}

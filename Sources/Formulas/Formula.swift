import Foundation
import Numerical

/// An activation φ given as a formula in x (`--phi 'x*tanh(log(1+exp(x)))'`), parsed,
/// checked and compiled once, with everything the Gaussian integrator and the
/// simulation need to know found from the formula itself:
///
/// - φ, φ′, φ″ by forward-mode automatic differentiation (`Jet`), never by finite
///   differences, from one compiled `Program`;
/// - kinks: the roots of the arguments of abs, and the points where the two arguments
///   of max or min are equal, bracketed on a scan and solved by GSL's Brent solver;
/// - whether φ′ jumps at a kink (then φ″ is a distribution and χ2 does not exist);
/// - growth at ±∞: lim E[φ(√q z)²]/q = (a₊² + a₋²)/2 for φ(x) ≈ a_± x, or +∞ when φ
///   grows faster than linearly (the length map then has no finite limit from large q);
/// - parity, to halve the integrals;
/// - finiteness on the real line: a division by a function that crosses 0, log, sqrt
///   or a fractional power of a function that goes negative, or any non-finite φ, φ′,
///   φ″ is refused with the column of the part at fault.
public struct Formula: Sendable {
    /// The formula as the user wrote it, trimmed.
    public let text: String
    public let root: Node
    public let program: Program
    /// Real x where φ is not differentiable, sorted.
    public let kinks: [Double]
    /// True when φ′ jumps at some kink (relu-like), so φ″ does not exist as a function.
    public let derivativeJumps: Bool
    /// lim E[φ(√q z)²]/q as q → ∞; `.infinity` for superlinear φ.
    public let asymptoticGrowth: Double
    public let parity: FormulaParity
    /// Where the formula overflows although φ is a straight line there (see
    /// `FormulaAnalysis`): φ is continued beyond by its tangent; nil on a side where φ
    /// is finite to 1e8.
    public let lower: Saturation?
    public let upper: Saturation?
    /// Complex singularities nearest the real line and the scales of φ's entire parts,
    /// as (location, distance) with distance > 0 (see `ComplexSingularities`).
    public let complexSingularities: [(location: Double, distance: Double)]
    /// Widest panel in x that resolves φ's oscillating parts (sin, cos), or ∞.
    public let maxPanelWidth: Double
    /// False when part of φ could not be searched for singularities (an argument with
    /// abs, max or min inside a singular function, or erf inside one).
    public let singularitiesComplete: Bool

    public enum FormulaParity: Sendable { case odd, even, neither }

    /// Parses, folds constants, compiles and analyses `text`.
    /// - Throws: `FormulaError` with the column of the fault.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = trimmed
        root = try Formula.fold(Parser.parse(text))
        program = Program(root)
        let analysis = try FormulaAnalysis(root: root, program: program)
        kinks = analysis.kinks
        derivativeJumps = analysis.derivativeJumps
        asymptoticGrowth = analysis.asymptoticGrowth
        parity = analysis.parity
        lower = analysis.lower
        upper = analysis.upper
        let complex = ComplexSingularities(root)
        complexSingularities = complex.singularities
        maxPanelWidth = complex.maxPanelWidth
        singularitiesComplete = complex.complete
    }

    /// φ(x), continued beyond a saturation bound by its tangent there.
    public func value(_ x: Double) -> Double {
        if let u = upper, x > u.bound { return u.value(at: x) }
        if let l = lower, x < l.bound { return l.value(at: x) }
        return program.value(x)
    }

    /// (φ, φ′, φ″) at x, continued beyond a saturation bound by its tangent.
    public func jet(_ x: Double) -> Jet {
        if let u = upper, x > u.bound { return Jet(u.value(at: x), u.slope, 0) }
        if let l = lower, x < l.bound { return Jet(l.value(at: x), l.slope, 0) }
        return program.jet(x)
    }

    /// `jet` for eight arguments (the simulation's elementwise pass).
    public func jets(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>) {
        guard lower != nil || upper != nil else { return program.jets(x) }
        let hi = upper?.bound ?? .infinity, lo = lower?.bound ?? -.infinity
        var (v, d, dd) = program.jets(x.clamped(lowerBound: SIMD8(repeating: lo), upperBound: SIMD8(repeating: hi)))
        for (end, beyond) in [(upper, x .> SIMD8(repeating: hi)), (lower, x .< SIMD8(repeating: lo))] {
            guard let e = end else { continue }
            v.replace(with: e.value + e.slope * (x - e.bound), where: beyond)
            d.replace(with: SIMD8(repeating: e.slope), where: beyond)
            dd.replace(with: 0, where: beyond)
        }
        return (v, d, dd)
    }

    /// Replaces every subtree without x by its value; a constant subtree that is not
    /// finite (log(0), 1/0) is refused at its column.
    static func fold(_ node: Node) throws -> Node {
        var n = node
        n.children = try node.children.map(fold)
        guard n.op != .variable, n.op != .constant, n.children.allSatisfy({ $0.op == .constant }) else { return n }
        let value = Program(n).value(0)
        guard value.isFinite else {
            throw FormulaError("the constant part '\(n.key)' is not finite (\(value))", column: n.column)
        }
        return Node(.constant, constant: value, column: n.column)
    }
}

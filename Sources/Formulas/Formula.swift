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
    /// φ, φ′, φ″ are finite for |x| ≤ finiteBound (≥ 16; ∞ when finite up to 1e8).
    public let finiteBound: Double
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
        finiteBound = analysis.finiteBound
        let complex = ComplexSingularities(root)
        complexSingularities = complex.singularities
        maxPanelWidth = complex.maxPanelWidth
        singularitiesComplete = complex.complete
    }

    public func value(_ x: Double) -> Double { program.value(x) }
    public func jet(_ x: Double) -> Jet { program.jet(x) }

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

import Foundation
import Model
import Numerical

/// A training set with whitened inputs (Σ¹¹ = Σ_μ x^μ x^μᵀ = I, SPEC §8): P examples
/// whose inputs are the P columns of the identity (one-hot items, or orthonormal inputs
/// written in their own basis), so that everything gradient descent sees is
/// Σ³¹ = Σ_μ y^μ x^μᵀ = U S Vᵀ, and the training error is
/// ½ Σ_μ ‖y^μ − W^tot x^μ‖² = ½ ‖Σ³¹ − W^tot‖²_F.
///
/// The modes (u_α, s_α, v_α) come from LAPACK's dgesdd on the sampled Σ³¹; only those
/// with s_α > 1e-10 s_1 count (the rest are rounding of zero).
public struct LearningData: Sendable {
    /// n_in (= P) and n_out.
    public let inputs: Int
    public let outputs: Int
    /// Σ³¹, outputs × inputs, column-major.
    public let correlation: [Double]
    /// Singular values, descending, and the singular vectors as columns (U: outputs × r, V: inputs × r).
    public let s: [Double]
    public let u: [Double]
    public let v: [Double]
    /// The tree level of each mode for hierarchical data (modes grouped by rank in the
    /// multiplicities of eq. 13), nil for synthetic modes.
    public let levels: [Int]?
    /// The eq. 13 description for hierarchical data.
    public let hierarchy: HierarchyTheory?

    /// The number of modes r.
    public var modes: Int { s.count }

    init(inputs: Int, outputs: Int, correlation: [Double], hierarchy: HierarchyTheory?) throws {
        let svd = try LinearAlgebra.thinSVD(correlation, rows: outputs, cols: inputs)
        let top = svd.s.first ?? 0
        let r = svd.s.prefix { $0 > 1e-10 * top }.count
        guard r >= 1 else { throw LearningError.invalid("the data set's input–output correlation Σ³¹ is zero: nothing to learn") }
        self.inputs = inputs
        self.outputs = outputs
        self.correlation = correlation
        self.s = Array(svd.s.prefix(r))
        self.u = Array(svd.u.prefix(outputs * r))
        self.v = Array(svd.v.prefix(inputs * r))
        self.hierarchy = hierarchy
        if let h = hierarchy {
            var levels: [Int] = []
            for l in 0..<h.levels { levels += Array(repeating: l, count: h.multiplicity(level: l)) }
            self.levels = Array(levels.prefix(r))
        } else {
            self.levels = nil
        }
    }

    /// The largest synthetic singular value: with s_α and a0 at most 1e150, the initial
    /// error ½ Σ_α (s_α − a0)² of up to 512 modes stays below 1e303.
    public static let largestSingularValue = 1e150

    /// Synthetic modes: Σ³¹ = U S Vᵀ with U, V Haar-orthogonal n × n (n = the number of
    /// singular values, drawn from streams (seed, 0) and (seed, 1)) and S the given values.
    /// - Throws: `LearningError.invalid` unless every value is in (0, `largestSingularValue`].
    public static func modes(singularValues: [Double], seed: UInt64) throws -> LearningData {
        guard !singularValues.isEmpty,
              singularValues.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= largestSingularValue }) else {
            throw LearningError.invalid("--singular-values must be a comma-separated list of numbers in (0, 1e150] "
                + "(the training error ½ Σ s_α² must be a finite double), got "
                + singularValues.map { "\($0)" }.joined(separator: ","))
        }
        guard singularValues.count <= 512 else {
            throw LearningError.invalid("--singular-values takes at most 512 values (Σ³¹ is built as an n × n product), got \(singularValues.count)")
        }
        let n = singularValues.count
        let u = try WeightEnsemble.haarMatrix(rows: n, cols: n, seed: RandomStream.learningModes(side: 0).seed(seed))
        let v = try WeightEnsemble.haarMatrix(rows: n, cols: n, seed: RandomStream.learningModes(side: 1).seed(seed))
        var c = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n {
            var sum = 0.0
            for a in 0..<n { sum += u[a * n + i] * singularValues[a] * v[a * n + j] }
            c[j * n + i] = sum
        } }
        return try LearningData(inputs: n, outputs: n, correlation: c, hierarchy: nil)
    }

    /// The branching diffusion (SPEC §8, source paper): for each of N features, the root
    /// takes ±1 with probability ½ and each edge down the tree flips the sign with
    /// probability ε; the leaves' values are that feature on the P items. Inputs one-hot,
    /// so Σ³¹ = Y (N × P). Feature f is drawn from stream (seed, 2, f), so the data set
    /// is fixed by the seed, whatever N.
    public static func hierarchy(_ h: HierarchyTheory, seed: UInt64) throws -> LearningData {
        let p = h.items, n = h.features
        guard n * p <= 50_000_000 else {
            throw LearningError.invalid("--features \(n) with \(p) items makes a data set of more than 5e7 values; use fewer")
        }
        var y = [Double](repeating: 0, count: n * p)
        var values = [Double](repeating: 0, count: p), next = [Double](repeating: 0, count: p)
        for f in 0..<n {
            var g = SplitMix64(seed: RandomStream.hierarchyFeature(f).seed(seed))
            values[0] = Double.random(in: 0..<1, using: &g) < 0.5 ? 1 : -1
            var count = 1
            for _ in 1..<h.levels {
                for node in 0..<count {
                    for c in 0..<h.branching {
                        let flip = Double.random(in: 0..<1, using: &g) < h.epsilon
                        next[node * h.branching + c] = flip ? -values[node] : values[node]
                    }
                }
                count *= h.branching
                swap(&values, &next)
            }
            // Column-major N × P: item (column) i, feature (row) f.
            for i in 0..<p { y[i * n + f] = values[i] }
        }
        return try LearningData(inputs: p, outputs: n, correlation: y, hierarchy: h)
    }

    /// The sampled singular values of each level (hierarchical data; nil otherwise): their
    /// mean (nil when the level has none) and how many there are. A level has fewer than
    /// its multiplicity when Σ³¹ has fewer than P modes (rank below the items: fewer
    /// features than items, or ε = 0), the finest levels first, since modes are taken
    /// by rank.
    public var singularValuesByLevel: [(mean: Double?, modes: Int)]? {
        guard let levels, let h = hierarchy else { return nil }
        return (0..<h.levels).map { l in
            let of = zip(s, levels).filter { $0.1 == l }.map(\.0)
            return (of.isEmpty ? nil : of.reduce(0, +) / Double(of.count), of.count)
        }
    }
}

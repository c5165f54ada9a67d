import Foundation

/// The singular values of the branching-diffusion data set (SPEC §8; Saxe, McClelland &
/// Ganguli 2013, eq. 13), one per level of the tree, generalised to branching factor B:
///
///     s_l = √( N P Σ_{k=l}^{D−1} Δ_k / M_k ),   M_k = B^k nodes at level k, P = M_{D−1} items,
///     q_k = (1 − 4ε(1 − ε))^{D−1−k} = (1 − 2ε)^{2(D−1−k)},   Δ_k = q_k − q_{k−1},  q_{−1} = 0.
///
/// q_k is the correlation of one feature on two items whose nearest common ancestor is
/// at level k (2(D−1−k) edges apart, each flip keeping the sign with correlation 1 − 2ε),
/// so the expected item–item matrix YᵀY is N Σ_k Δ_k (I_{M_k} ⊗ J_{P/M_k}); a vector
/// constant on level-l subtrees and summing to zero within each level-(l−1) subtree is
/// annihilated by the blocks k < l and multiplied by P/M_k by the blocks k >= l, which
/// gives s_l², with multiplicity M_l − M_{l−1} (1 at the root: the mean over all items).
public struct HierarchyTheory: Sendable, Equatable {
    public let levels: Int
    public let branching: Int
    public let epsilon: Double
    public let features: Int

    /// The largest number of items accepted (P = B^{D−1}): the sampled data set is
    /// N × P and its SVD O(N P²).
    public static let maxItems = 1 << 14

    /// - Throws: `LearningError.invalid` naming the flag unless D >= 1, B >= 2,
    ///   0 <= ε <= 1/2, N >= 1 and B^{D−1} <= `maxItems`.
    public init(levels: Int, branching: Int = 2, epsilon: Double, features: Int) throws {
        guard levels >= 1 else { throw LearningError.invalid("--levels must be an integer >= 1, got \(levels)") }
        guard branching >= 2 else { throw LearningError.invalid("--branching must be an integer >= 2, got \(branching)") }
        guard epsilon.isFinite, epsilon >= 0, epsilon <= 0.5 else {
            throw LearningError.invalid("--epsilon must be a flip probability in [0, 0.5], got \(epsilon)")
        }
        guard features >= 1 else { throw LearningError.invalid("--features must be an integer >= 1, got \(features)") }
        var items = 1
        for _ in 1..<levels {
            items *= branching
            guard items <= Self.maxItems else {
                throw LearningError.invalid("--branching \(branching) with --levels \(levels) makes more than "
                    + "\(Self.maxItems) items (B^{D−1}); use fewer levels")
            }
        }
        self.levels = levels
        self.branching = branching
        self.epsilon = epsilon
        self.features = features
    }

    /// M_k = B^k.
    public func nodes(level k: Int) -> Int {
        (0..<k).reduce(1) { p, _ in p * branching }
    }

    /// P = M_{D−1}.
    public var items: Int { nodes(level: levels - 1) }

    /// q_k, the correlation of items whose common ancestor is at level k.
    public func correlation(level k: Int) -> Double {
        Foundation.pow(1 - 2 * epsilon, Double(2 * (levels - 1 - k)))
    }

    /// The number of modes at level l: 1 at the root, M_l − M_{l−1} below.
    public func multiplicity(level l: Int) -> Int {
        l == 0 ? 1 : nodes(level: l) - nodes(level: l - 1)
    }

    /// s_l (eq. 13).
    public func singularValue(level l: Int) -> Double {
        var sum = 0.0
        for k in l..<levels {
            let delta = correlation(level: k) - (k > 0 ? correlation(level: k - 1) : 0)
            sum += delta / Double(nodes(level: k))
        }
        return (Double(features) * Double(items) * sum).squareRoot()
    }

    /// s_0 … s_{D−1}.
    public var singularValues: [Double] { (0..<levels).map(singularValue(level:)) }
}

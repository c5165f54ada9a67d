import Foundation
import Numerical

/// The network an activation transform is shaped for, as DKS and TAT see it: which
/// compositions of local C maps its subnetworks are (Martens et al. 2021, "Summary of
/// our method"; Zhang et al. 2022, appendix "Additional details and pseudocode").
///
/// - `mlp(layers: L)`: L nonlinear layers in a chain. The largest subnetwork is the whole
///   chain, so the subnetwork maximizing function is r composed L times: M(ζ) = ζ^L for
///   slopes, M(τ) = L·τ for curvatures.
/// - `resnet(blocks:shortcutWeight:)`: the modified ResNet of the DKS paper. Groups of
///   residual blocks (`resnet:3,4,23,3` is ResNet-101); a block mixes its input x with
///   a branch of 3 nonlinear layers, w²·s + (1 − w²)·r(r(r(x))), where the shortcut s is
///   x, or r(x) (a projection with one nonlinear layer) in each group's first block;
///   one final nonlinear layer follows. The maximum is taken with the branch alone,
///   r(r(r(x))), which a shallow network can exceed. This is dks's
///   `tests/test_activation_transform.py` `_subnet_max_func`, for any groups and w.
public enum TransformNetwork: Sendable, Equatable, CustomStringConvertible {
    case mlp(layers: Int)
    case resnet(blocks: [Int], shortcutWeight: Double)

    /// dks's modified ResNet shortcut weight (`shortcut_weight=0.6`).
    public static let defaultShortcutWeight = 0.6
    /// Bounds that keep M cheap to evaluate (it walks every layer): far beyond any
    /// network trained, far below a second of work for the inversions.
    public static let maximumLayers = 1_000_000
    public static let maximumBlocks = 100_000

    /// `mlp:L` or `resnet:B1,B2,…` (CLI.md `transform --network`).
    public var description: String {
        switch self {
        case .mlp(let l): return "mlp:\(l)"
        case .resnet(let b, _): return "resnet:" + b.map(String.init).joined(separator: ",")
        }
    }

    /// Reads `mlp:L` (L ≥ 1 nonlinear layers) or `resnet:B1,B2,…` (blocks per group,
    /// each ≥ 1), with the shortcut weight w (0 ≤ w < 1) for the resnet.
    public static func parse(_ text: String, shortcutWeight: Double = defaultShortcutWeight) throws -> TransformNetwork {
        let accepted = "accepted: mlp:L (L >= 1 nonlinear layers) or resnet:B1,B2,... (blocks per group, each >= 1, e.g. resnet:3,4,23,3)"
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw TransformError.invalidNetwork("'\(text)': \(accepted)") }
        let kind = parts[0], body = parts[1]
        func count(_ s: Substring, what: String, limit: Int) throws -> Int {
            guard let n = Int(s) else {
                // Digits too many for Int are an integer out of range, not a non-integer.
                let digits = s.drop { $0 == "+" || $0 == "-" }
                if !digits.isEmpty && s.count - digits.count <= 1 && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw TransformError.invalidNetwork("'\(text)': \(what) must be \(s.hasPrefix("-") ? ">= 1" : "<= \(limit)"), got \(s)")
                }
                throw TransformError.invalidNetwork("'\(text)': '\(s)' is not an integer; \(accepted)")
            }
            guard n >= 1 else { throw TransformError.invalidNetwork("'\(text)': \(what) must be >= 1, got \(n); \(accepted)") }
            guard n <= limit else { throw TransformError.invalidNetwork("'\(text)': \(what) must be <= \(limit), got \(n)") }
            return n
        }
        switch kind {
        case "mlp":
            return .mlp(layers: try count(body, what: "the number of layers", limit: maximumLayers))
        case "resnet":
            let groups = try body.split(separator: ",", omittingEmptySubsequences: false).map {
                try count($0, what: "the blocks of a group", limit: maximumBlocks)
            }
            guard groups.reduce(0, +) <= maximumBlocks else {
                throw TransformError.invalidNetwork("'\(text)': at most \(maximumBlocks) blocks in all")
            }
            guard shortcutWeight.isFinite, shortcutWeight >= 0, shortcutWeight < 1 else {
                throw TransformError.invalidShortcutWeight(shortcutWeight)
            }
            return .resnet(blocks: groups, shortcutWeight: shortcutWeight)
        default:
            throw TransformError.invalidNetwork("'\(text)': unknown network '\(kind)'; \(accepted)")
        }
    }

    /// The subnetwork maximizing function M_{f,r}(x): the largest value, over the
    /// network's subnetworks f, of f's kernel map built by composing the per-layer map r
    /// along f's paths and mixing at each block with weights w² and 1 − w².
    public func subnetMaximum(_ x: Double, _ r: (Double) -> Double) -> Double {
        switch self {
        case .mlp(let layers):
            var y = x
            for _ in 0..<layers { y = r(y) }
            return y
        case .resnet(let blocks, let w):
            let branchAlone = r(r(r(x)))
            let w2 = w * w
            var y = x
            for group in blocks {
                for j in 0..<group {
                    let residual = r(r(r(y)))
                    let shortcut = j == 0 ? r(y) : y
                    y = w2 * shortcut + (1 - w2) * residual
                }
            }
            return Swift.max(r(y), branchAlone)
        }
    }

    /// The maximal slope function: C′_f(1) of the steepest subnetwork when every local
    /// C map has slope ζ at 1 (composition becomes multiplication).
    public func maximalSlope(_ zeta: Double) -> Double { subnetMaximum(1) { zeta * $0 } }

    /// The maximal curvature function: C″_f(1) of the most curved subnetwork when every
    /// local C map has C′(1) = 1 and C″(1) = τ (composition becomes addition).
    public func maximalCurvature(_ tau: Double) -> Double { subnetMaximum(0) { tau + $0 } }

    /// The largest C_f(0) over subnetworks of a leaky-relu network with negative slope s
    /// (its local C map in closed form: `LeakyReLUTransform.cMap`).
    public func maximalLeakyReLUCorrelation(negativeSlope s: Double) -> Double {
        subnetMaximum(0) { LeakyReLUTransform.cMap($0, negativeSlope: s) }
    }

    /// ζ_local with M(ζ_local) = ζ: ζ^(1/L) for an MLP; for a resnet M increases from
    /// M(1) = 1 without bound, so the root is bracketed by doubling and found by Brent's
    /// method to rounding.
    public func localSlope(forNetworkSlope zeta: Double) throws -> Double {
        if case .mlp(let layers) = self { return pow(zeta, 1 / Double(layers)) }
        return try invert(maximalSlope, target: zeta, from: 1)
    }

    /// τ_local with M(τ_local) = τ: τ/L for an MLP; for a resnet by Brent's method as the
    /// slope (M(0) = 0, increasing without bound).
    public func localCurvature(forNetworkCurvature tau: Double) throws -> Double {
        if case .mlp(let layers) = self { return tau / Double(layers) }
        return try invert(maximalCurvature, target: tau, from: 0)
    }

    /// The x > lower with m(x) = target, m increasing from m(lower) < target. The bracket
    /// grows by doubling; where m overflows (a deep resnet's M at 2 is inf for 100000
    /// blocks) its upper end moves back towards the last point below the target, so the
    /// root finder only ever sees finite values.
    private func invert(_ m: (Double) -> Double, target: Double, from lower: Double) throws -> Double {
        var low = lower, high = lower + 1
        var steps = 0
        while true {
            let v = m(high)
            if v.isFinite && v >= target { break }
            steps += 1
            guard steps < 2200, high.isFinite, high > low else {
                throw TransformError.unreachable("no local value reaches the network target \(target) for \(self)")
            }
            if v.isFinite {
                low = high
                high = lower + 2 * (high - lower)
            } else {
                high = low + (high - low) / 2
            }
        }
        return try BracketingSolver().root(in: low, high) { m($0) - target }
    }
}

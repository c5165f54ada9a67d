/// What stands between one dense layer and the next (SPEC §11): dropout on φ's output,
/// residual blocks, layer normalisation. Validated once, here; the theory and the
/// simulation are built from the same value.
///
/// - `mlp`: h^{l+1} = W^{l+1} (m^l ⊙ φ(N(h^l)))/ρ + b^{l+1}, N the layer normalisation
///   when `norm == .layer` (else the identity), m^l_i ~ Bernoulli(ρ) independent per
///   unit, layer and input.
/// - `resnet`: x^{l+1} = w·x^l + √(1−w²)·B(x^l), B = dense, then K times (φ, dropout,
///   dense); `norm == .pre` normalises the branch's input, `.post` the block's output.
public struct Architecture: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case mlp, resnet }
    public enum Norm: String, Sendable, CaseIterable { case none, layer, pre, post }

    public let kind: Kind
    /// Keep probability ρ of dropout, in (0, 1]; 1 is no dropout.
    public let keep: Double
    /// Shortcut weight w of a residual block, in [0, 1) (0 for mlp).
    public let shortcutWeight: Double
    /// Dense layers after the first in a residual branch, K ≥ 1 (1 for mlp).
    public let branchDepth: Int
    public let norm: Norm

    /// The plain fully connected network: no dropout, no normalisation.
    public static let plain = Architecture(uncheckedKind: .mlp, keep: 1, shortcutWeight: 0, branchDepth: 1, norm: .none)

    /// Branch depths any command accepts.
    public static let branchDepths = 1...10_000

    /// - Throws: `ModelError` naming the flag: ρ outside (0, 1], w outside [0, 1), K < 1,
    ///   `--norm layer` on a resnet or `pre`/`post` on an mlp.
    public init(kind: Kind = .mlp, keep: Double = 1, shortcutWeight: Double = 0, branchDepth: Int = 1,
                norm: Norm = .none) throws {
        guard keep.isFinite, keep > 0, keep <= 1 else {
            throw ModelError.invalid("--dropout must be a keep probability in (0, 1], got \(keep)")
        }
        guard shortcutWeight.isFinite, shortcutWeight >= 0, shortcutWeight < 1 else {
            throw ModelError.invalid("--shortcut-weight must lie in [0, 1), got \(shortcutWeight)")
        }
        guard Self.branchDepths.contains(branchDepth) else {
            throw ModelError.invalid(
                "--branch-depth must be an integer in [\(Self.branchDepths.lowerBound), \(Self.branchDepths.upperBound)], got \(branchDepth)")
        }
        switch (kind, norm) {
        case (.mlp, .pre), (.mlp, .post):
            throw ModelError.invalid("--norm \(norm.rawValue) needs --architecture resnet; an mlp takes --norm none or layer")
        case (.resnet, .layer):
            throw ModelError.invalid("--norm layer is for --architecture mlp; a resnet takes --norm none, pre or post")
        default: break
        }
        if kind == .mlp && (shortcutWeight != 0 || branchDepth != 1) {
            throw ModelError.invalid("--shortcut-weight and --branch-depth need --architecture resnet")
        }
        self.init(uncheckedKind: kind, keep: keep, shortcutWeight: shortcutWeight, branchDepth: branchDepth, norm: norm)
    }

    private init(uncheckedKind kind: Kind, keep: Double, shortcutWeight: Double, branchDepth: Int, norm: Norm) {
        self.kind = kind
        self.keep = keep
        self.shortcutWeight = shortcutWeight
        self.branchDepth = branchDepth
        self.norm = norm
    }

    /// The plain MLP: every map is the one of SPEC §2, and every output is that of a
    /// network without the architecture flags.
    public var isPlain: Bool { self == .plain }

    /// A description for titles and notes, e.g. `resnet(w=0.5, K=2, rho=0.9, norm=pre)`.
    public var description: String {
        var parts: [String] = []
        if kind == .resnet { parts += ["w=\(shortcutWeight)", "K=\(branchDepth)"] }
        if keep != 1 { parts.append("rho=\(keep)") }
        if norm != .none { parts.append("norm=\(norm.rawValue)") }
        return parts.isEmpty ? kind.rawValue : "\(kind.rawValue)(\(parts.joined(separator: ", ")))"
    }
}

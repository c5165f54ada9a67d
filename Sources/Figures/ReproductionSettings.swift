/// Sizes of one reproduction: the paper's (N = 1000, P = 500, 41×41 grid, depth 30)
/// or a quick one for tests and CI.
public struct ReproductionSettings: Sendable {
    public var quick: Bool
    public var seed: UInt64
    public init(quick: Bool, seed: UInt64 = 1) {
        self.quick = quick
        self.seed = seed
    }

    var width: Int { quick ? 120 : 1000 }
    var points: Int { quick ? 40 : 500 }
    var networks: Int { quick ? 2 : 4 }
    var depth: Int { quick ? 8 : 30 }
    var grid: Int { quick ? 9 : 41 }
    /// The paper's featured points: σw ∈ {1.3, 2.5, 4.0} at σb = 0.3 (SPEC.md §5).
    static let featuredSigmaW = [1.3, 2.5, 4.0]
    static let sigmaB = 0.3
}

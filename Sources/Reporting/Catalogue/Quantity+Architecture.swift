// Architectures and the neural tangent kernel (SPEC §11).
extension Quantity {
    public static let architecture = Quantity("architecture", "arch", "network architecture: mlp or resnet")
    public static let dropout = Quantity("dropout", "ρ", "dropout keep probability on φ's output (1: none)")
    public static let shortcutWeight = Quantity("shortcut_weight", "w", "resnet shortcut weight: x' = w x + √(1−w²) B(x)")
    public static let branchDepth = Quantity("branch_depth", "K", "nonlinear layers of each residual branch", unit: "layers")
    public static let norm = Quantity("norm", "norm", "layer normalisation: none, layer (mlp), pre or post (resnet)")
    public static let ntk = Quantity("ntk", "Θ^l", "neural tangent kernel Θ(x, x) (NTK parameterisation)")
    public static let ntk12 = Quantity("ntk_12", "Θ^l_12", "neural tangent kernel Θ(x, x') of the two inputs")
    public static let ntkLimit = Quantity(
        "ntk_limit", "Θ*", "Θ(x, x) as depth → ∞ (null where it grows without bound: chaos, or order with dropout past ρ = χ1)")
    public static let ntk12Limit = Quantity(
        "ntk_12_limit", "Θ*_12", "Θ(x, x') as depth → ∞ at c*; equal to Θ* in order (Θ → constant: untrainable, Xiao et al. 2020)")
    public static let ntkGrowth = Quantity("ntk_growth", "A", "factor by which Θ(x, x) grows per layer at q*; > 1 it explodes")

    static let architectures: [Quantity] = [
        architecture, dropout, shortcutWeight, branchDepth, norm, ntk, ntk12, ntkLimit, ntk12Limit, ntkGrowth,
    ]
}

// Figure 9.
extension Quantity {
    public static let xiCSim = Quantity(
        "xi_c_sim", "ξ_c(sim)", "ξ_c = −1/ln χ_c from simulated pairs started 0.1 below c*: χ_c by least squares of d^{l+1} = χ_c d^l, d^l = c^l − c*",
        unit: "layers")
    public static let xiCSimStderr = Quantity("xi_c_sim_stderr", "δξ_c", "standard error of ξ_c(sim) over networks", unit: "layers")
    public static let ntkCorrelation = Quantity(
        "ntk_correlation", "Θ_12/Θ", "Θ(x, x')/√(Θ(x, x) Θ(x', x')): → 1 in order (a constant kernel: untrainable), → 0 in chaos")

    static let architectureFigures: [Quantity] = [xiCSim, xiCSimStderr, ntkCorrelation]
}

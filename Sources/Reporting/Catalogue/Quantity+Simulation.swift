// Simulated quantities beside their theory (`simulate`, Figures 1–5).
extension Quantity {
    public static let qTheory = Quantity("q_theory", "q^l(theory)", "mean-field theory of q^l")
    public static let qStderr = Quantity("q_stderr", "δq^l", "standard error of q^l over networks")
    public static let cTheory = Quantity("c_theory", "c^l(theory)", "mean-field theory of c^l (the correlation map iterated)")
    public static let cStderr = Quantity("c_stderr", "δc^l", "standard error of c^l over networks")
    public static let gETheory = Quantity("g_e_theory", "ḡ^E(theory)", "mean-field theory of ḡ^E")
    public static let gEStderr = Quantity("g_e_stderr", "δḡ^E", "standard error of ḡ^E over networks")
    public static let kappa2Theory = Quantity("kappa2_theory", "κ̄²(theory)", "mean-field theory of κ̄²")
    public static let kappa2Stderr = Quantity("kappa2_stderr", "δκ̄²", "standard error of κ̄² over networks")
    public static let lengthEOverSqrtNTheory = Quantity("length_e_over_sqrt_n_theory", "L^E/√N(theory)", "mean-field theory of L^E/√N")
    public static let lengthEOverSqrtNStderr = Quantity("length_e_over_sqrt_n_stderr", "δL^E/√N", "standard error of L^E/√N over networks")
    public static let lengthGTheory = Quantity("length_g_theory", "L^G(theory)", "mean-field theory of L^G")
    public static let lengthGStderr = Quantity("length_g_stderr", "δL^G", "standard error of L^G over networks")
    public static let deltaTheta = Quantity("delta_theta", "Δθ", "angle between two points of the circle", unit: "rad")

    // Figures' simulation columns (Figs. 1B, 2B, 3A, 4).
    public static let q1 = Quantity("q1", "q^1", "starting length")
    public static let c1 = Quantity("c1", "c^1", "starting correlation")
    public static let qSim = Quantity("q_sim", "q^l(sim)", "simulated q^l, mean over networks")
    public static let qSimStderr = Quantity("q_sim_stderr", "δq^l", "standard error of the simulated q^l over networks")
    public static let cSim = Quantity("c_sim", "c^l(sim)", "simulated c^l, mean over networks")
    public static let cSimStderr = Quantity("c_sim_stderr", "δc^l", "standard error of the simulated c^l over networks")
    public static let dtheta = Quantity("dtheta", "Δθ", "angle between points of the circle", unit: "rad")
    public static let theta = Quantity("theta", "θ", "angle on the input circle", unit: "rad")
    public static let pc1 = Quantity("pc1", "PC1", "coordinate on the first principal component")
    public static let pc2 = Quantity("pc2", "PC2", "coordinate on the second principal component")
    public static let pc3 = Quantity("pc3", "PC3", "coordinate on the third principal component")
    public static let kappaBar = Quantity("kappa_bar", "κ̄", "simulated √(mean κ̄²)")
    public static let kappaBarTheory = Quantity("kappa_bar_theory", "κ̄(theory)", "mean-field theory of κ̄")
    public static let kappaBarStderr = Quantity("kappa_bar_stderr", "δκ̄", "standard error of κ̄ by the delta method")

    // Decision-boundary curvature and expressivity (Figs. 4G, 5).
    public static let kappaMax = Quantity("kappa_max", "κ_max", "largest principal curvature")
    public static let kappaMin = Quantity("kappa_min", "κ_min", "smallest principal curvature")
    public static let kappaAbsMean = Quantity("kappa_abs_mean", "<|κ|>", "mean |κ| over the N−1 principal directions")
    public static let kappaTop = Quantity("kappa_top", "κ_top", "the 4 largest principal curvatures, descending", count: 4)
    public static let kappaBottom = Quantity("kappa_bottom", "κ_bottom", "the 4 smallest principal curvatures, ascending", count: 4)
    public static let lengthE = Quantity("length_e", "L^E", "Euclidean length of the circle's image")
    public static let bound = Quantity("bound", "N1(1+s)R", "Theorem 1 bound on L^E, s = 2")

    /// The theory column beside a simulated one (`q` → `q_theory`).
    public var theory: Quantity { derived("_theory") }
    /// The standard-error column beside a simulated one (`q` → `q_stderr`).
    public var stderr: Quantity { derived("_stderr") }

    private func derived(_ suffix: String) -> Quantity {
        guard let q = Quantity.named(key + suffix) else { preconditionFailure("the catalogue has no \(key + suffix)") }
        return q
    }

    static let simulation: [Quantity] = [
        qTheory, qStderr, cTheory, cStderr, gETheory, gEStderr, kappa2Theory, kappa2Stderr,
        lengthEOverSqrtNTheory, lengthEOverSqrtNStderr, lengthGTheory, lengthGStderr, deltaTheta,
        q1, c1, qSim, qSimStderr, cSim, cSimStderr, dtheta, theta, pc1, pc2, pc3, kappaBar, kappaBarTheory,
        kappaBarStderr, kappaMax, kappaMin, kappaAbsMean, kappaTop, kappaBottom, lengthE, bound,
    ]
}

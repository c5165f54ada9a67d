// The mean-field theory: maps, fixed points, slopes and depth scales (SPEC §2–3).
extension Quantity {
    public static let qStar = Quantity("q_star", "q*", "length fixed point q* = V(q*)")
    public static let qStarError = Quantity("q_star_error", "δq*", "error estimate of q*")
    public static let chi1 = Quantity("chi1", "χ1", "σw² ∫Dz φ'(√q z)² at q* (or at each fixed point q): slope of the correlation map at c = 1; <1 ordered, >1 chaotic")
    public static let chi1Error = Quantity("chi1_error", "δχ1", "error estimate of χ1")
    public static let chi2 = Quantity("chi2", "χ2", "σw² ∫Dz φ''(√q* z)² (null when φ' jumps)")
    public static let chi2Error = Quantity("chi2_error", "δχ2", "error estimate of χ2")
    public static let cStar = Quantity("c_star", "c*", "stable fixed point of the correlation map")
    public static let cStarError = Quantity("c_star_error", "δc*", "error estimate of c*")
    public static let chiC = Quantity("chi_c", "χ_c", "slope of the correlation map at c*")
    public static let chiCError = Quantity("chi_c_error", "δχ_c", "error estimate of χ_c")
    public static let chiQ = Quantity("chi_q", "χ_q", "slope dV/dq of the length map at q* (or at each fixed point q); < 1 stable")
    public static let chiQError = Quantity("chi_q_error", "δχ_q", "error estimate of χ_q")
    public static let xiQ = Quantity("xi_q", "ξ_q", "-1/ln χ_q (null when infinite)", unit: "layers")
    public static let xiC = Quantity("xi_c", "ξ_c", "-1/ln χ_c (null when infinite)", unit: "layers")
    public static let xiGrad = Quantity("xi_grad", "ξ_∇", "-1/ln χ1: depth scale of gradients (null at χ1 = 1; < 0: they explode)", unit: "layers")
    public static let phase = Quantity("phase", "phase", "ordered, chaotic, critical, or divergent where no fixed point is stable (null where q* is not defined)")
    public static let divergesAbove = Quantity("diverges_above", "q¹_∞", "q^1 above which q^l grows without bound (null when none)")
    public static let stable = Quantity("stable", "stable", "true where the fixed point attracts the q^1 next to it (χ_q < 1)")
    public static let convergenceTime = Quantity("convergence_time", "T", "mean steps of q ← V(q) to within 1% of q* from q^1 = 0.5, 1, …, 15", unit: "steps")
    public static let sigmaWCritical = Quantity("sigma_w_critical", "σw*", "weight standard deviation with χ1 = 1 at a stable fixed point (null when χ1 = 1 only on an unstable one)")
    public static let sigmaWCriticalUnstable = Quantity("sigma_w_critical_unstable", "σw*_u", "weight standard deviation with χ1 = 1 on an unstable fixed point, where there is none on a stable one (null otherwise)")
    public static let region = Quantity("region", "region", "0 ordered, 1 chaotic (every q^1 converges to q*), 2 bistable (q^1 above an unstable fixed point diverge), 3 divergent (no stable fixed point)")
    public static let sigmaWSaddleNode = Quantity("sigma_w_saddle_node", "σw_sn", "weight standard deviation where the stable branch of fixed points ends in a saddle-node (χ_q = 1; null when it does not)")

    public static let qIn = Quantity("q_in", "q^{l-1}", "input length q^{l-1}")
    public static let qOut = Quantity("q_out", "V(q)", "output length q^l = V(q^{l-1})")
    public static let qOutError = Quantity("q_out_error", "δV", "error estimate of V(q)")
    public static let qOutSd = Quantity("q_out_sd", "sd", "spread of q^l over networks and inputs (standard deviation)")
    public static let cIn = Quantity("c_in", "c^{l-1}", "input correlation c^{l-1}")
    public static let cOut = Quantity("c_out", "c^l", "output correlation c^l = C(c^{l-1}; q*, q*)/q*")
    public static let cOutError = Quantity("c_out_error", "δc", "error estimate of c_out")
    public static let cOutSd = Quantity("c_out_sd", "sd", "spread of c^l over networks and pairs (standard deviation)")

    public static let q = Quantity("q", "q^l", "length q^l = |h^l|²/N")
    public static let c = Quantity("c", "c^l", "correlation c^l of two inputs")
    public static let gE = Quantity("g_e", "ḡ^E", "Euclidean metric per neuron g^E/N")
    public static let kappa2 = Quantity("kappa2", "κ̄²", "N κ² (null when φ' jumps)")
    public static let gG = Quantity("g_g", "ḡ^G", "Grassmannian metric κ̄² ḡ^E")
    public static let lengthEOverSqrtN = Quantity("length_e_over_sqrt_n", "L^E/√N", "Euclidean length 2π√ḡ^E")
    public static let lengthG = Quantity("length_g", "L^G", "Grassmannian length 2π√ḡ^G")

    static let theory: [Quantity] = [
        qStar, qStarError, chi1, chi1Error, chi2, chi2Error, cStar, cStarError, chiC, chiCError, chiQ, chiQError,
        xiQ, xiC, xiGrad, phase, divergesAbove, stable, convergenceTime, sigmaWCritical, sigmaWSaddleNode, sigmaWCriticalUnstable, region, qIn, qOut, qOutError, qOutSd, cIn, cOut,
        cOutError, cOutSd, q, c, gE, kappa2, gG, lengthEOverSqrtN, lengthG,
    ]
}

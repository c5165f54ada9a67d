// The end-to-end Jacobian's spectrum (SPEC §7, Fig. 6).
extension Quantity {
    public static let lambda = Quantity("lambda", "λ", "eigenvalue of JJᵀ (squared singular value of J)")
    public static let density = Quantity("density", "ρ̂(λ)", "simulated histogram of λ (bin centred at λ), mean over networks")
    public static let densityStderr = Quantity("density_stderr", "δρ̂", "standard error of the histogram over networks")
    public static let densityTheory = Quantity("density_theory", "ρ(λ)", "free-probability density of λ, continuous part (atoms apart)")
    public static let densityTheoryError = Quantity("density_theory_error", "δρ", "error estimate of density_theory")
    public static let meanTheory = Quantity("mean_theory", "E λ(theory)", "free-probability mean of λ")
    public static let varianceTheory = Quantity("variance_theory", "Var λ(theory)", "free-probability variance of λ")
    public static let lambdaMaxTheory = Quantity("lambda_max_theory", "λ_max(theory)", "right edge of the theory's support")
    public static let atomsLambda = Quantity("atoms_lambda", "λ_atom", "positions of the spectrum's atoms")
    public static let atomsMass = Quantity("atoms_mass", "mass", "masses of the spectrum's atoms")
    public static let mean = Quantity("mean", "E λ", "simulated mean of λ over networks")
    public static let meanStderr = Quantity("mean_stderr", "δE λ", "standard error of the simulated mean of λ")
    public static let variance = Quantity("variance", "Var λ", "simulated variance of λ, mean over networks")
    public static let varianceStderr = Quantity("variance_stderr", "δVar λ", "standard error of the simulated variance of λ")
    public static let varianceOverDepth = Quantity("variance_over_depth", "Var λ / L", "μ2/μ1² − 1 at χ1 = 1")
    public static let log10Lambda = Quantity("log10_lambda", "log10 λ", "decimal logarithm of λ")
    public static let densityLog10 = Quantity("density_log10", "ρ_u", "simulated histogram of u = log10 λ, mean over networks")
    public static let densityLog10Theory = Quantity("density_log10_theory", "ρ_u(theory)", "ln10·λ·ρ(λ): free-probability density of u = log10 λ")
    public static let densityLog10Stderr = Quantity("density_log10_stderr", "δρ_u", "standard error of the histogram of u over networks")
    public static let lambdaMax = Quantity("lambda_max", "λ_max", "largest simulated λ")
    public static let lambdaMin = Quantity("lambda_min", "λ_min", "smallest simulated λ")

    static let spectrum: [Quantity] = [
        lambda, density, densityStderr, densityTheory, densityTheoryError, meanTheory, varianceTheory,
        lambdaMaxTheory, atomsLambda, atomsMass, mean, meanStderr, variance, varianceStderr, varianceOverDepth,
        log10Lambda, densityLog10, densityLog10Theory, densityLog10Stderr, lambdaMax, lambdaMin,
    ]
}

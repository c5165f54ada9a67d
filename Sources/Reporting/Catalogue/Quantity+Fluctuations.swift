// Finite-width fluctuations across networks (`fluctuations`, SPEC §12, Figure 10).
extension Quantity {
    public static let qVar = Quantity("q_var", "Var q̂^l", "variance over networks of q̂^l = |h^l|²/N")
    public static let qVarStderr = Quantity("q_var_stderr", "δVar q̂^l", "standard error of q_var (fourth moment)")
    public static let qVarTheory = Quantity("q_var_theory", "Var q̂^l(theory)", "order-1/N theory of Var q̂^l")
    public static let logGainMean = Quantity("log_gain_mean", "E log|J^l u|²", "mean over networks of log|J^l u|² (J^l = ∂h^l/∂h^1, |u| = 1)")
    public static let logGainMeanStderr = Quantity("log_gain_mean_stderr", "δE log|J^l u|²", "standard error of log_gain_mean")
    public static let logGainMeanTheory = Quantity("log_gain_mean_theory", "E log|J^l u|²(theory)", "order-1/N theory of E log|J^l u|²")
    public static let logGainVar = Quantity("log_gain_var", "Var log|J^l u|²", "variance over networks of log|J^l u|²")
    public static let logGainVarStderr = Quantity("log_gain_var_stderr", "δVar log|J^l u|²", "standard error of log_gain_var (fourth moment)")
    public static let logGainVarTheory = Quantity("log_gain_var_theory", "Var log|J^l u|²(theory)", "order-1/N theory of Var log|J^l u|²")
    public static let nQVar = Quantity("n_q_var", "N·Var q̂^l", "width times q_var")
    public static let nQVarStderr = Quantity("n_q_var_stderr", "δ(N·Var q̂^l)", "width times q_var_stderr")
    public static let nQVarTheory = Quantity("n_q_var_theory", "N·Var q̂^l(theory)", "width times q_var_theory")
    public static let nLogGainVar = Quantity("n_log_gain_var", "N·Var log|J^l u|²", "width times log_gain_var")
    public static let nLogGainVarStderr = Quantity("n_log_gain_var_stderr", "δ(N·Var log|J^l u|²)", "width times log_gain_var_stderr")
    public static let nLogGainVarTheory = Quantity("n_log_gain_var_theory", "N·Var log|J^l u|²(theory)", "width times log_gain_var_theory")
    public static let cVar = Quantity("c_var", "Var ĉ^l", "variance over networks of ĉ^l = ⟨h_a, h_b⟩/(|h_a| |h_b|), two inputs")
    public static let cVarStderr = Quantity("c_var_stderr", "δVar ĉ^l", "standard error of c_var (fourth moment)")
    public static let cVarTheory = Quantity("c_var_theory", "Var ĉ^l(theory)", "order-1/N theory of Var ĉ^l")
    public static let path = Quantity("path", "path", "how the networks were drawn: projected (O(N) per layer) or full (N×N matrices)")

    static let fluctuations: [Quantity] = [
        qVar, qVarStderr, qVarTheory, logGainMean, logGainMeanStderr, logGainMeanTheory,
        logGainVar, logGainVarStderr, logGainVarTheory, nQVar, nQVarStderr, nQVarTheory,
        nLogGainVar, nLogGainVarStderr, nLogGainVarTheory, cVar, cVarStderr, cVarTheory, path,
    ]
}

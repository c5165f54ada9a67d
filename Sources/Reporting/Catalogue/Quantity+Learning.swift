// Learning in deep linear networks and the hierarchical data (SPEC §8, Fig. 7).
extension Quantity {
    public static let epoch = Quantity("epoch", "t", "epochs of full-batch gradient descent", unit: "epochs")
    public static let mode = Quantity("mode", "α", "mode index (0 = strongest)")
    public static let s = Quantity("s", "s_α", "singular value of the input-output correlation Σ³¹ (per level: the level's mean)")
    public static let a = Quantity("a", "a_α", "mode strength u_αᵀ W^tot v_α under gradient descent")
    public static let aTheory = Quantity("a_theory", "a_α(t)", "exact gradient-flow solution (decoupled start), else null")
    public static let level = Quantity("level", "l", "tree level of the mode (0 = root; null without hierarchy data)")
    public static let error = Quantity("error", "E", "training error ½ Σ_μ ‖y^μ − ŷ^μ‖² at this epoch")
    public static let layers = Quantity("layers", "N_l", "layers counting input and output")
    public static let initialCondition = Quantity("init", "init", "initial condition of the weights")
    public static let learningRate = Quantity("learning_rate", "λ*", "learning rate (learning-time: the best of the grid, null when none reached the criterion)")
    public static let epochsToCriterion = Quantity("epochs_to_criterion", "t*", "epochs until E < criterion × E(0) at λ*", unit: "epochs")
    public static let rateFactor = Quantity("rate_factor", "c*", "λ* (N_l − 1) s_1")
    public static let divergedRates = Quantity("diverged_rates", "n_div", "rates of the grid that the search tried and that diverged")
    public static let multiplicity = Quantity("multiplicity", "mult", "modes at this level")
    public static let sTheory = Quantity("s_theory", "s_l", "eq. 13: √(N P Σ_{k>=l} Δ_k / M_k)")
    public static let sSampled = Quantity("s_sampled", "ŝ_l", "sampled data: mean singular value of the level's modes")
    public static let sTheoryOverSqrtN = Quantity("s_theory_over_sqrt_n", "s_l/√N", "eq. 13 per √feature")
    public static let sSampledOverSqrtN = Quantity("s_sampled_over_sqrt_n", "ŝ_α/√N", "sampled data per √feature (dgesdd)")
    public static let aOverS = Quantity("a_over_s", "ā_l/s̄_l", "gradient descent, mean |a| over the level's modes over s̄_l")
    public static let aTheoryOverS = Quantity("a_theory_over_s", "a(t)/s", "decoupled solution from the level's mean |a(0)|, over s̄_l")
    public static let features = Quantity("features", "N", "features per item of the hierarchical data")
    public static let data = Quantity("data", "data", "training data: modes or hierarchy")
    public static let singularValues = Quantity("singular_values", "s", "singular values of the synthetic modes")
    public static let levels = Quantity("levels", "levels", "levels of the hierarchy's tree")
    public static let branching = Quantity("branching", "B", "children per node of the hierarchy's tree")
    public static let epsilon = Quantity("epsilon", "ε", "flip probability per tree edge")
    public static let items = Quantity("items", "P", "items (leaves of the tree)")
    public static let hidden = Quantity("hidden", "N_h", "width of the hidden layers", unit: "neurons")
    public static let criterion = Quantity("criterion", "criterion", "training error, as a fraction of E(0), that ends a run")
    public static let maxEpochs = Quantity("max_epochs", "t_max", "epochs at most per run", unit: "epochs")
    public static let rateGrid = Quantity("rate_grid", "λ grid", "learning rates tried: START:STOP:COUNT, log-spaced")
    public static let a0 = Quantity("a0", "a0", "initial mode strength (decoupled start)")
    public static let smallStd = Quantity("small_std", "σ_small", "standard deviation of the small random start")

    static let learning: [Quantity] = [
        epoch, mode, s, a, aTheory, level, error, layers, initialCondition, learningRate, epochsToCriterion,
        rateFactor, divergedRates, multiplicity, sTheory, sSampled, sTheoryOverSqrtN, sSampledOverSqrtN, aOverS,
        aTheoryOverS, features, data, singularValues, levels, branching, epsilon, items, hidden, criterion,
        maxEpochs, rateGrid, a0, smallStd,
    ]
}

/// How the weights of a deep linear network start (SPEC §8).
public enum InitialCondition: String, Sendable, CaseIterable {
    /// Aligned with the data's modes: W^l = R_l diag(w) R_{l−1}ᵀ with R_0 = V, R_{N_l−1} = U,
    /// hidden R_l the first r coordinate axes, and w = a0^{1/(N_l−1)} on every mode, so
    /// a_α(0) = a0 and each mode follows `ModeDynamics` exactly. (Any orthonormal hidden
    /// R_l gives the same W^tot(t); the coordinate axes cost nothing to build.)
    case decoupled
    /// Haar-orthogonal W^l (orthonormal rows or columns when rectangular): every partial
    /// product an isometry when the hidden layers are at least as wide as input and output.
    case orthogonal
    /// W^l_ij ~ N(0, 1/n_{l−1}): the scaled Gaussian, norm-preserving on average.
    case gaussian
    /// W^l_ij ~ N(0, σ²) with a small σ (`smallStd`): the plateau-then-sigmoid regime.
    case small
}

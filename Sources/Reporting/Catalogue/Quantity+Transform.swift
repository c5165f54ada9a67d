// Activation transforms: DKS and TAT (SPEC §10.3), φ̂(x) = δ·(φ(αx + β) + γ).
extension Quantity {
    public static let method = Quantity("method", "method", "activation transform: dks or tat")
    public static let transformNetwork = Quantity("network", "network", "network the transform is shaped for: mlp:L or resnet:B1,B2,...")
    public static let localTarget = Quantity("local_target", "target", "per-layer target: ζ_local = C′(1) (dks) or τ_local = C″(1) (tat) whose network maximum is ζ or τ (null for leaky-relu tat)")
    public static let inputScale = Quantity("input_scale", "α", "input scale α of φ̂(x) = δ(φ(αx+β)+γ)")
    public static let inputShift = Quantity("input_shift", "β", "input shift β of φ̂")
    public static let outputShift = Quantity("output_shift", "γ", "output shift γ of φ̂")
    public static let outputScale = Quantity("output_scale", "δ", "output scale δ of φ̂")
    public static let negativeSlope = Quantity("negative_slope", "s", "negative slope of the leaky relu (leaky-relu tat; null otherwise)")
    public static let residual = Quantity("residual", "|r|", "largest |value − target| over the transform's conditions")
    public static let formula = Quantity("formula", "φ̂", "the transformed activation as a formula that --phi accepts")

    static let transform: [Quantity] = [
        method, transformNetwork, localTarget, inputScale, inputShift, outputShift, outputScale, negativeSlope, residual, formula,
    ]
}

/// One transform φ̂(x) = δ·(φ(αx + β) + γ) (dks's names: input_scale α, input_shift β,
/// output_shift γ, output_scale δ; leaky-relu TAT adds its negative slope), with its
/// largest condition residual and φ̂ as a formula that `--phi` reads.
public struct TransformSolution: Sendable, Equatable {
    public var inputScale: Double
    public var inputShift: Double
    public var outputShift: Double
    public var outputScale: Double
    /// Leaky-relu TAT only.
    public var negativeSlope: Double?
    /// max |value − target| over the method's conditions (`TransformConditions`).
    public var residual: Double
    public var formula: String

    public init(inputScale: Double, inputShift: Double, outputShift: Double, outputScale: Double,
                negativeSlope: Double? = nil, residual: Double, formula: String) {
        self.inputScale = inputScale
        self.inputShift = inputShift
        self.outputShift = outputShift
        self.outputScale = outputScale
        self.negativeSlope = negativeSlope
        self.residual = residual
        self.formula = formula
    }

    /// dks's acceptance test for smooth TAT (`reject_condition`): α·δ < 2. Solutions
    /// beyond it were seen to have unstable Q maps and larger kernel approximation error.
    public var passesDKSAcceptance: Bool { inputScale * outputScale < 2 }
}

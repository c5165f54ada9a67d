/// What one network shows at one layer.
public struct LayerMeasurement: Sendable, Equatable {
    /// mean_θ |h|²/N
    public var q: Double
    /// ḡ^E = mean_θ |∂θh|²/N
    public var gE: Double
    /// κ̄² = N mean_θ κ², κ = √((v·v)(a·a) − (v·a)²)/(v·v)^{3/2}
    public var kappa2: Double
    /// L^E/√N = (2π/P) Σ_θ |v| / √N
    public var lengthEOverSqrtN: Double
    /// L^G = (2π/P) Σ_θ κ |v|
    public var lengthG: Double
    /// |h|²/N of each single input.
    public var pointQ: [Double]
    /// h_a·h_b/(|h_a||h_b|) of each pair.
    public var pairC: [Double]
    /// c^l(Δθ) for Δθ = 2πk/P, k = 0…P−1 (empty unless requested).
    public var autocorrelation: [Double]
    /// L^E of x^l = φ(h^l): (2π/P) Σ_θ |φ′(h) ⊙ v| (0 unless requested).
    public var activationLengthE = 0.0

    public init(q: Double, gE: Double, kappa2: Double, lengthEOverSqrtN: Double, lengthG: Double,
                pointQ: [Double], pairC: [Double], autocorrelation: [Double], activationLengthE: Double = 0) {
        self.q = q
        self.gE = gE
        self.kappa2 = kappa2
        self.lengthEOverSqrtN = lengthEOverSqrtN
        self.lengthG = lengthG
        self.pointQ = pointQ
        self.pairC = pairC
        self.autocorrelation = autocorrelation
        self.activationLengthE = activationLengthE
    }
}

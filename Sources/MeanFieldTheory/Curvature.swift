import Foundation
import Numerical

/// One layer of the curvature recursions for a great circle started at q*
/// (Poole et al. 2016, §4; ḡ = g/N, κ̄ = √N κ).
public struct CurvatureLayer: Sendable, Equatable {
    public var layer: Int
    /// ḡ^E: squared Euclidean speed per neuron.
    public var gE: Double
    /// κ̄²; `nil` when χ2 does not exist (φ′ jumps).
    public var kappa2: Double?
    /// ḡ^G = κ̄² ḡ^E.
    public var gG: Double?
    /// L^E/√N = 2π √ḡ^E.
    public var lengthEOverSqrtN: Double
    /// L^G = 2π √ḡ^G.
    public var lengthG: Double?
}

extension MeanFieldModel {
    /// ḡ^{E,1} = q*, ḡ^{E,l} = χ1 ḡ^{E,l−1};
    /// (κ̄¹)² = 1/q*, (κ̄^l)² = 3χ2/χ1² + (κ̄^{l−1})²/χ1;  ḡ^G = κ̄² ḡ^E.
    ///
    /// χ1 = σw² E[φ′(h)²] = 0 (φ constant wherever h ~ N(0, q*) lives, e.g. `0*x+1`, or
    /// σw = 0): from layer 2 on the circle's image is one point, the same h^l for every
    /// θ. Its speed is 0 (ḡ^E = 0, L^E = 0) and its curvature, which needs a nonzero speed,
    /// does not exist: κ̄², ḡ^G and L^G are nil there (3χ2/χ1² would divide by zero). A χ1
    /// that is 0 only because σw² underflows (σw = 1e-200) is no point: its κ̄² overflows.
    public func curvature(depth: Int, summary given: FixedPointSummary? = nil) throws -> [CurvatureLayer] {
        guard depth >= 1 else { throw TheoryError.invalidParameter("depth must be >= 1, got \(depth)") }
        let s = try given ?? summary()
        let q = s.qStar.value, chi1 = s.chi1.value
        guard q > 0 else {
            throw TheoryError.undefined(
                "the curvature recursion starts at q* = 0 (phi=\(phi.name), sigma-w=\(sigmaW), sigma-b=0): "
                + "the circle has zero radius and kappa^1 = 1/sqrt(q*) is infinite")
        }
        let point = chi1 == 0 && (sigmaW == 0 || sigmaW * sigmaW > 0)
        var gE = q
        var kappa2: Double? = s.chi2 == nil ? nil : 1 / q
        var layers: [CurvatureLayer] = []
        for l in 1...depth {
            if l > 1 {
                gE *= chi1
                if point {
                    kappa2 = nil
                } else if let k = kappa2, let chi2 = s.chi2?.value {
                    kappa2 = 3 * chi2 / (chi1 * chi1) + k / chi1
                }
            }
            let gG = kappa2.map { $0 * gE }
            guard gE.isFinite, gG?.isFinite ?? true else {
                throw TheoryError.diverges("the curvature recursion overflows at layer \(l); ask for a smaller depth")
            }
            layers.append(CurvatureLayer(
                layer: l, gE: gE, kappa2: kappa2, gG: gG,
                lengthEOverSqrtN: 2 * .pi * gE.squareRoot(),
                lengthG: gG.map { 2 * .pi * $0.squareRoot() }))
        }
        return layers
    }
}

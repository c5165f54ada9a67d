import ComplexModule
import Foundation
import MeanFieldTheory
import Model
import Nonlinearities
import Numerical

/// The spectrum of JJᵀ for the end-to-end Jacobian J = D^L W^L ⋯ D^1 W^1 of a deep
/// random network at its length fixed point (SPEC.md §7; Pennington, Schoenholz &
/// Ganguli 2017, 2018): the squared singular values λ of J, their density ρ(λ), exact
/// moments, the right edge and the atoms.
///
/// Free probability: with M(z) = zG(z) − 1 and S(m) = (1+m)/(m M⁻¹(m)), the S-transform
/// of a product of free elements is the product of theirs, S_{JJᵀ} = (S_{WWᵀ} S_{D²})^L,
/// S_{WWᵀ}(m) = 1/(σw²(1+m)) (Gaussian) or 1/σw² (orthogonal). Writing y for the
/// solution of E[g/(y − g)] = m, g = φ′(√q* u)², this gives
///     z = ((1+m)/m) (σw² m y k(m))^L,   k = 1 (Gaussian), 1/(1+m) (orthogonal),
/// and ρ(λ) = −Im G(λ + i0)/π with G = (1+m)/z.
public struct SpectrumTheory: Sendable {
    /// φ, σw, σb, the weight ensemble and L.
    public let network: Network
    public var phi: Nonlinearity { network.phi }
    public var sigmaW: Double { network.sigmaW }
    public var sigmaB: Double { network.sigmaB }
    public var depth: Int { network.depth }
    public var weights: WeightEnsemble { network.weights }
    /// The length q* = V(q*) of every layer's pre-activations; `nil` where it does not
    /// exist (`qStarFailure` says why).
    public let qStar: Double?
    /// Why q* does not exist, where it does not.
    public let qStarFailure: TheoryError?
    /// The length the spectrum is evaluated at: q*, or 1 for a positively homogeneous φ
    /// without q* (its spectrum is the same at every q).
    public let q: Double
    /// χ1 = σw² μ1.
    public let chi1: Double
    /// μk = E[φ′(√q* u)^{2k}].
    public let mu1: Double
    public let mu2: Double
    let g: DerivativeDistribution
    /// The same measure on the companion rule's nodes (error estimates).
    let companion: DerivativeDistribution

    /// - Throws: `ModelError` for a network the tool refuses, `TheoryError` when q* does
    ///   not exist (the length map diverges) and φ is not positively homogeneous.
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, depth: Int, weights: WeightEnsemble) throws {
        try self.init(network: Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth))
    }

    /// The theory of `network`'s Jacobian (see `init(phi:sigmaW:sigmaB:depth:weights:)`).
    public init(network: Network) throws {
        let model = MeanFieldModel(network: network)
        self.network = network
        let phi = network.phi, sigmaW = network.sigmaW
        do {
            qStar = try model.lengthFixedPoint()
            qStarFailure = nil
        } catch let error as TheoryError where phi.isPositivelyHomogeneous {
            // For φ(λx) = λφ(x) (linear, relu, leaky relu, abs), φ′ depends on the sign of
            // x only, so g and the spectrum are the same at every q: the spectrum exists
            // even where q* does not (σw² E[φ²] ≥ 1, the slides' W^tot with σw > 1).
            qStar = nil
            qStarFailure = error
        }
        q = qStar ?? 1
        g = DerivativeDistribution(phi: phi, q: q)
        companion = DerivativeDistribution(phi: phi, q: q, quadrature: .companion)
        mu1 = g.mean { $0 }
        mu2 = g.mean { $0 * $0 }
        chi1 = MeanFieldModel.chi1(sigmaW: sigmaW, meanSquaredDerivative: mu1)
        guard mu1 > 0 else {
            throw TheoryError.undefined(
                "phi'(x) = 0 almost surely at q = \(q) (phi=\(phi.name)): the Jacobian is 0 and has no spectrum")
        }
    }

    /// s1 of the variance formula: the slope of log S_{WWᵀ} at m = 0 relative to
    /// −log σw²: −1 for Gaussian weights (Marchenko–Pastur), 0 for orthogonal ones.
    var s1: Double { weights == .gaussian ? -1 : 0 }

    /// E[λ] = χ1^L (each layer multiplies the mean squared singular value by χ1).
    public var mean: Double { Foundation.pow(chi1, Double(depth)) }

    /// Var[λ] = χ1^{2L} L (μ2/μ1² − 1 − s1).
    ///
    /// Derivation: log S(m) = −log m1 + (1 − m2/m1²) m + O(m²) for any measure with
    /// moments m1, m2. For D²: −log μ1 + (1 − μ2/μ1²) m; for WWᵀ: −log σw² + s1 m. The
    /// product over L layers adds the logs: m1 = (σw² μ1)^L = χ1^L and
    /// 1 − m2/m1² = L(1 − μ2/μ1² + s1), so m2 − m1² = χ1^{2L} L (μ2/μ1² − 1 − s1); at
    /// χ1 = 1 this is SPEC's L (μ2/μ1² − 1 − s1). Checked against simulation.
    public var variance: Double {
        Foundation.pow(chi1, 2 * Double(depth)) * Double(depth) * (mu2 / (mu1 * mu1) - 1 - s1)
    }

    /// At L = 1 with orthogonal weights JJᵀ = σw² D² exactly: the spectrum is the
    /// distribution of σw² φ′(h)² itself, which the free-probability solver, working on
    /// the quadrature's nodes (a discrete measure), cannot resolve into a density unless
    /// it is all atoms (linear, relu, hardtanh). The density is then not given.
    public var densityResolved: Bool {
        !(weights == .orthogonal && depth == 1 && Set(g.values).count > 2)
    }

    /// Point masses of the spectrum: at 0 with mass P(g = 0) (relu, hardtanh: rank of J
    /// is that of the product of the D's), and, for orthogonal weights with g taking only
    /// the values 0 and a (relu, hardtanh, linear), at (σw² a)^L with mass
    /// max(0, 1 − L P(g = 0)): the directions that every projection D^l keeps are scaled
    /// by σw a^{1/2} per layer (hardtanh at χ1 = 1: p^{−L}).
    public var atoms: [(lambda: Double, mass: Double)] {
        var out: [(Double, Double)] = []
        // φ′ vanishes on an interval only where φ is piecewise flat, which needs kinks
        // (relu, hardtanh, their formulas). A smooth φ such as tanh has φ′ > 0 but may
        // round φ′² to 0 far out (1 − tanh² at |x| > 19): that is no atom.
        let zeroMass = phi.hasKinks ? g.mass(at: 0) : 0
        if zeroMass > 1e-14 { out.append((0, zeroMass)) }
        let nonzero = Set(g.values.filter { $0 != 0 })
        if weights == .orthogonal, phi.hasKinks || nonzero.count == 1, nonzero.count == 1, let a = nonzero.first {
            let mass = 1 - Double(depth) * zeroMass
            if mass > 1e-14 { out.append((Foundation.pow(sigmaW * sigmaW * a, Double(depth)), mass)) }
        }
        return out
    }
}

import Foundation
import Model
import Numerical

/// The NNGP kernel K and the neural tangent kernel Θ of two inputs at one layer (SPEC §11).
/// c is carried, never K12 = c√(q11 q22), as in `TwoPointState`.
public struct KernelState: Sendable, Equatable {
    public var q11: Double
    public var q22: Double
    public var c: Double
    /// Θ(x1, x1), Θ(x2, x2), Θ(x1, x2).
    public var theta11: Double
    public var theta22: Double
    public var theta12: Double

    public init(q11: Double, q22: Double, c: Double, theta11: Double, theta22: Double, theta12: Double) {
        self.q11 = q11
        self.q22 = q22
        self.c = c
        self.theta11 = theta11
        self.theta22 = theta22
        self.theta12 = theta12
    }

    /// The first layer, a dense layer on the inputs: Θ¹ = K¹.
    public init(q11: Double, q22: Double, c: Double) {
        self.init(q11: q11, q22: q22, c: c, theta11: q11, theta22: q22, theta12: 0)
        theta12 = q12
    }

    /// Two equal inputs: c = 1 and q11 = q22. Their images stay equal, and the maps keep
    /// them so exactly: c = 1 is a fixed point that chaos (χ1 > 1) repels, so one ulp
    /// of rounding in K12 grows by χ1 per layer and a deep branch (K = 100) lost c = 1,
    /// and χ1 with it.
    var isDiagonal: Bool { c == 1 && q11 == q22 }

    /// K12 = c·√q11·√q22 (never √(q11 q22), which underflows at q ~ 1e-160); q11
    /// itself for two equal inputs (√q·√q need not round to q).
    var q12: Double { isDiagonal ? q11 : c * q11.squareRoot() * q22.squareRoot() }

    /// The state with K12 given instead of c; c = K12/(√q11 √q22), clamped to [−1, 1]
    /// (rounding), carried over from `previous` where both lengths are 0; exactly 1
    /// where K12 = K11 = K22.
    init(q11: Double, q22: Double, q12: Double, theta: SIMD3<Double>, previous c: Double) {
        let norm = q11.squareRoot() * q22.squareRoot()
        let cNext = q11 == q22 && q12 == q11 && q11 > 0 ? 1 : norm > 0 ? Swift.max(-1, Swift.min(1, q12 / norm)) : c
        self.init(q11: q11, q22: q22, c: cNext, theta11: theta.x, theta22: theta.y, theta12: theta.z)
    }

    var theta: SIMD3<Double> { SIMD3(theta11, theta22, theta12) }
}

/// The layer maps of SPEC §11, each on K and Θ together. In the NTK parameterisation
/// (neural-tangents' default) every layer maps Θ as Θ′ = S + A·Θ entrywise, A = ∂K′/∂K
/// of that entry (Price's theorem for φ; 1/ρ on the diagonal for dropout; w² and 1 − w²
/// for the residual sum; 1/√(K11 K22) for normalisation) and S = K′ for a dense layer,
/// 0 for every other. The maps here apply exactly that, so with Θ replaced by a tangent
/// t (S = 0) the same code gives the slopes of the correlation map (`transfer`).
extension MeanFieldModel {
    public var architecture: Architecture { network.architecture }

    /// E[φ(√q z)²], by the closed form where φ has one: V(q) = σw² E[φ²] + σb².
    func meanSquare(_ q: Double) -> Double {
        if let kernel { return kernel.moments(q)[0] }
        return integrals.mean(q: q, even: symmetric) { x in let p = phi.value(x); return p * p }
    }

    /// E[φ′(√q z)²], the diagonal's Θ slope before σw².
    func meanSquaredDerivative(_ q: Double) -> Double {
        if let kernel { return kernel.moments(q)[1] }
        let d = phi.derivative
        return integrals.mean(q: q, even: symmetric) { x in let v = d(x); return v * v }
    }

    /// φ, dropout (keep ρ), then a dense layer:
    /// K11′ = σw²/ρ E[φ(u1)²] + σb², K12′ = σw² E[φ(u1)φ(u2)] + σb² (the masks of two
    /// inputs are independent, so dropout leaves the off-diagonal alone; Schoenholz et al.
    /// 2017 §5); Θ11′ = K11′ + σw²/ρ E[φ′(u1)²] Θ11, Θ12′ = K12′ + σw² E[φ′(u1)φ′(u2)] Θ12.
    /// At ρ = 1 K′ is computed exactly as `twoPointRecursion` does (σw²/1 = σw²), so a
    /// plain network's q and c are the same bytes. `source` 0 maps a tangent instead of Θ.
    func phiDense(_ s: KernelState, ntk: Bool, source: Double = 1) -> KernelState {
        let w2rho = w2 / architecture.keep
        let k11 = w2rho * meanSquare(s.q11) + b2
        let k22 = s.q22 == s.q11 ? k11 : w2rho * meanSquare(s.q22) + b2
        // Without dropout two equal inputs stay equal (`isDiagonal`): K12′ = K11′, Θ alike.
        let same = s.isDiagonal && architecture.keep == 1
        guard ntk else {
            let k12 = same ? k11 : covarianceMap(s.c, q1: s.q11, q2: s.q22)
            return KernelState(q11: k11, q22: k22, q12: k12, theta: SIMD3(0, 0, 0), previous: s.c)
        }
        // K12′ and its slope σw² E[φ′φ′] from one two-dimensional pass where the
        // quadrature runs (Price's theorem, `covarianceAndSlope`); K12′ is the value
        // `covarianceMap` takes on every path, so q and c keep their bytes.
        let a11 = w2rho * meanSquaredDerivative(s.q11)
        let a22 = s.q22 == s.q11 ? a11 : w2rho * meanSquaredDerivative(s.q22)
        let k12: Double, a12: Double
        let split = same ? nil : asymptoticCovariance(s.c, q1: s.q11, q2: s.q22)
        if same {
            k12 = k11
            a12 = a11
        } else if let split, split.holds(0) {
            k12 = w2 * split.value.x + b2
            a12 = derivativeCovariance(s.c, q1: s.q11, q2: s.q22)
        } else {
            let m = covarianceAndSlope(s.c, q1: s.q11, q2: s.q22, split: split)
            let root = s.q11.squareRoot() * s.q22.squareRoot()
            k12 = m.x
            a12 = root > 0 ? m.y / root : derivativeCovariance(s.c, q1: s.q11, q2: s.q22)
        }
        let theta = source * SIMD3(k11, k22, k12) + SIMD3(a11, a22, a12) * s.theta
        return KernelState(q11: k11, q22: k22, q12: k12, theta: theta, previous: s.c)
    }

    /// A dense layer on a linear stream (the first of a residual branch):
    /// K′ = σw² K + σb², Θ′ = K′ + σw² Θ.
    func dense(_ s: KernelState, source: Double = 1) -> KernelState {
        let k = SIMD3(w2 * s.q11 + b2, w2 * s.q22 + b2, w2 * s.q12 + b2)
        return KernelState(q11: k.x, q22: k.y, q12: k.z, theta: source * k + w2 * s.theta, previous: s.c)
    }

    /// Layer normalisation at infinite width: K(x, x′) ↦ K(x, x′)/√(K(x,x) K(x′,x′)),
    /// and Θ alike (neural-tangents' `LayerNorm`).
    ///
    /// - Throws: `TheoryError.undefined` when a length is 0 (a zero vector has no norm).
    func normalised(_ s: KernelState) throws -> KernelState {
        guard s.q11 > 0, s.q22 > 0 else {
            throw TheoryError.undefined("layer normalisation of a zero vector (q = 0) is undefined; accepted: sigma-b > 0, or sigma-w > 0 with q0 > 0, so that q = sigma-w^2 q0 + sigma-b^2 is not 0 in double precision")
        }
        let r1 = s.q11.squareRoot(), r2 = s.q22.squareRoot()
        return KernelState(q11: 1, q22: 1, c: s.c, theta11: s.theta11 / s.q11, theta22: s.theta22 / s.q22,
                           theta12: s.theta12 / r1 / r2)
    }

    /// One layer of the architecture: for an mlp h^l ↦ h^{l+1} (normalised before φ with
    /// `--norm layer`); for a resnet x^l ↦ x^{l+1} = w x^l + √(1−w²) B(x^l),
    /// K^{l+1} = w² K^l + (1−w²) K_B(K^l), Θ likewise, with the normalisation before B
    /// (`pre`) or after the sum (`post`).
    public func nextLayer(_ s: KernelState, ntk: Bool, source: Double = 1) throws -> KernelState {
        let a = architecture
        switch a.kind {
        case .mlp:
            return phiDense(a.norm == .layer ? try normalised(s) : s, ntk: ntk, source: source)
        case .resnet:
            var branch = dense(a.norm == .pre ? try normalised(s) : s, source: source)
            for _ in 0..<a.branchDepth { branch = phiDense(branch, ntk: ntk, source: source) }
            let w2 = a.shortcutWeight * a.shortcutWeight, v2 = 1 - w2
            let k = w2 * SIMD3(s.q11, s.q22, s.q12) + v2 * SIMD3(branch.q11, branch.q22, branch.q12)
            let theta = ntk ? w2 * s.theta + v2 * branch.theta : SIMD3<Double>(0, 0, 0)
            let out = KernelState(q11: k.x, q22: k.y, q12: k.z, theta: theta, previous: s.c)
            return a.norm == .post ? try normalised(out) : out
        }
    }

    /// K and Θ layer by layer from `start` (row 1), up to `depth` rows or to the last one
    /// before a length passes 1e250 (`overflow` then says where).
    public func kernelTrajectory(from start: KernelState, depth: Int, ntk: Bool) throws
        -> (layers: [KernelState], overflow: TheoryError?)
    {
        guard depth >= 1 else { throw TheoryError.invalidParameter("depth must be >= 1, got \(depth)") }
        guard start.q11 >= 0, start.q22 >= 0, start.q11.isFinite, start.q22.isFinite else {
            throw TheoryError.invalidParameter("q must be a finite number >= 0, got \(start.q11), \(start.q22)")
        }
        guard start.c >= -1, start.c <= 1 else { throw TheoryError.invalidParameter("c must lie in [-1, 1], got \(start.c)") }
        var state = start
        var layers = [state]
        layers.reserveCapacity(depth)
        for _ in 1..<depth {
            let next = try nextLayer(state, ntk: ntk)
            let values = [next.q11, next.q22] + (ntk ? [next.theta11, next.theta22] : [])
            guard values.allSatisfy({ $0.isFinite && $0 < 1e250 }) else {
                let arch = architecture.isPlain ? "" : ", \(architecture.description)"
                let lengths = [next.q11, next.q22].allSatisfy { $0.isFinite && $0 < 1e250 }
                // Θ can pass the limit first: in chaos a bounded φ keeps q finite while Θ
                // grows by ntk_growth per layer.
                return (layers, TheoryError.diverges(lengths
                    ? "Θ(x, x) (ntk) overflows by layer \(layers.count + 1) (phi=\(phi.name), sigma-w=\(sigmaW)\(arch)) "
                        + "before q^l does (q^\(layers.count + 1) = \(next.q11)): Θ grows by ntk_growth per layer "
                        + "(fixed-point --ntk); without --ntk the rows of q and c go on"
                    : "q^l overflows by layer \(layers.count + 1) (phi=\(phi.name), sigma-w=\(sigmaW)\(arch)): the length map diverges"))
            }
            state = next
            layers.append(state)
        }
        return (layers, nil)
    }

    /// Θ′ = S + A·Θ of one layer at `s`: the sources S (Θ′ at Θ = 0) and the slopes A
    /// (the tangent map, S = 0, from Θ = 1). A12 at equal lengths q11 = q22 = q′ is the
    /// slope of the correlation map; A11 is the diagonal's Θ growth per layer.
    public func transfer(at s: KernelState) throws -> (source: SIMD3<Double>, slope: SIMD3<Double>) {
        var zero = s, one = s
        zero.theta11 = 0; zero.theta22 = 0; zero.theta12 = 0
        one.theta11 = 1; one.theta22 = 1; one.theta12 = 1
        return (try nextLayer(zero, ntk: true).theta, try nextLayer(one, ntk: true, source: 0).theta)
    }
}

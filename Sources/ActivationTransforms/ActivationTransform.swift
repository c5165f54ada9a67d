import Foundation
import Nonlinearities
import Numerical

/// The network-level targets of DKS and TAT (dks's defaults): ζ = max_f C′_f(1),
/// Q′(1) per layer, τ = max_f C″_f(1), η = max_f C_f(0) (leaky relu).
public struct TransformTargets: Sendable, Equatable {
    public var zeta = 1.5
    public var qSlope = 1.0
    public var tau = 0.3
    public var eta = 0.9
    public init() {}
}

/// Every DKS or TAT transform of φ for one network (SPEC §10.3), found by a multi-start
/// root search, polished, deduplicated and ordered.
///
/// **Search region.** α ∈ (0, 4], β ∈ [−4, 4], and for TAT g = γ + φ(β) ∈ [−4, 4] (the
/// output shift measured from φ's value at the centre of its input, so that the region
/// does not move when a constant is added to φ). Starts: α ∈ {0.03, 0.1, 0.3, 1, 3} ×
/// β ∈ {−3, −2, −1, −0.5, 0, 0.5, 1, 2, 3} (× g ∈ {−1, −0.2, 0, 0.2, 1} for TAT): 45
/// starts for DKS, 225 for TAT. α and −α give the same conditions (z → −z), so a root
/// with α < 0 is folded to |α|. Roots that leave the region are dropped.
///
/// **Solver.** GSL's hybrids (Powell's hybrid method with a finite-difference Jacobian,
/// what scipy's `root(method="hybr")` in dks runs) on the reduced system of
/// `TransformConditions.system`, iterated until every equation is below 1e-14; a root
/// is kept when its largest residual over all of the method's conditions is ≤ 1e-12.
/// Two roots are one when α, β, γ agree to 1e-7 relative.
///
/// **Order.** The solution to use comes first:
/// 1. those that pass dks's acceptance test for smooth TAT (α·δ < 2; every DKS root);
/// 2. then by |β|, the least shifted input first (φ used nearest its own centre, as the
///    solution dks's starts at β = 0, ±1 converge to);
/// 3. a tie in |β| (the mirror pair (α, β, γ), (α, −β, −γ) of an odd φ) puts β > 0 first.
/// For every case of dks's tests (ResNet-101: softplus, tanh DKS and TAT) the first
/// solution is the one dks returns.
public struct ActivationTransform: Sendable {
    public let phi: Nonlinearity
    public let method: TransformMethod
    public let network: TransformNetwork
    /// ζ_local (DKS) or τ_local (smooth TAT); nil for leaky-relu TAT, whose target is
    /// the network-level η.
    public let localTarget: Double?
    public let solutions: [TransformSolution]

    public static let maxInputScale = 4.0
    public static let maxShift = 4.0
    static let startScales: [Double] = [0.03, 0.1, 0.3, 1, 3]
    static let startShifts: [Double] = [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3]
    static let startOutputShifts: [Double] = [-1, -0.2, 0, 0.2, 1]
    /// A root is kept when all of its conditions hold to this.
    public static let acceptedResidual = 1e-12

    public init(phi: Nonlinearity, method: TransformMethod, network: TransformNetwork, targets: TransformTargets = .init()) throws {
        self.phi = phi
        self.method = method
        self.network = network
        try Self.check(targets, method: method)
        if method == .tat && phi.name == Nonlinearity.leakyReLU.name {
            localTarget = nil
            solutions = [try LeakyReLUTransform.solution(network: network, eta: targets.eta)]
            return
        }
        try Self.checkSupported(phi, method: method)
        let local = method == .dks
            ? try network.localSlope(forNetworkSlope: targets.zeta)
            : try network.localCurvature(forNetworkCurvature: targets.tau)
        if method == .dks && !(local > 1) {
            throw TransformError.invalidTarget(
                "--zeta \(targets.zeta) on \(network) gives the local target ζ_local = \(local), not above 1 in double precision "
                + "(C′(1) = 1 is a linear φ̂); accepted: a larger --zeta or a shallower network")
        }
        localTarget = local
        let conditions = TransformConditions(phi: phi, method: method, localTarget: local, qSlope: targets.qSlope)
        solutions = try Self.search(conditions)
        guard !solutions.isEmpty else {
            let what = method == .dks
                ? "C′(1) = ζ_local = \(local) with Q′(1) = \(targets.qSlope)"
                : "C″(1) = τ_local = \(local) with Q′(1) = C′(1) = 1"
            throw TransformError.noSolution(
                "no \(method.rawValue.uppercased()) transform of \(phi.name) for \(network) with \(what) was found in the search region "
                + "α in (0, \(Self.maxInputScale)], |β| <= \(Self.maxShift)\(method == .tat ? ", |γ + φ(β)| <= \(Self.maxShift)" : ""); "
                + "the targets may be unreachable with this φ (try a --zeta or --tau nearer its default, 1.5 or 0.3, or another φ)")
        }
    }

    static func check(_ t: TransformTargets, method: TransformMethod) throws {
        guard t.zeta.isFinite, t.zeta > 1 else {
            throw TransformError.invalidTarget("--zeta \(t.zeta): the network's C′_f(1) target must be a finite number > 1")
        }
        guard t.qSlope.isFinite, t.qSlope > 0 else {
            throw TransformError.invalidTarget("--q-slope \(t.qSlope): the local Q′(1) target must be a finite number > 0")
        }
        guard t.tau.isFinite, t.tau > 0 else {
            throw TransformError.invalidTarget("--tau \(t.tau): the network's C″_f(1) target must be a finite number > 0")
        }
        guard t.eta >= 0, t.eta <= 1 else {
            throw TransformError.invalidTarget("--eta \(t.eta): the network's C_f(0) target must be in [0, 1]")
        }
    }

    /// TAT's C″(1) = E[φ̂″²] needs φ″ as a function: φ′ must not jump. Both methods need
    /// two free parameters in φ(αx + β), which a positively homogeneous φ (relu-like)
    /// does not have: φ(αx + β) = α·φ(x + β/α).
    static func checkSupported(_ phi: Nonlinearity, method: TransformMethod) throws {
        if method == .tat && phi.secondDerivative == nil {
            throw TransformError.unsupported(
                "--phi \(phi.name) with --method tat: φ′ jumps at a kink, so C″(1) = E[φ̂″²] does not exist; "
                + "TAT takes a smooth φ, or leaky relu through its C map (--phi leaky-relu --method tat)")
        }
        if phi.isPositivelyHomogeneous {
            throw TransformError.unsupported(
                "--phi \(phi.name) with --method \(method.rawValue): φ(λx) = λφ(x) leaves one free parameter in φ(αx + β) "
                + "where \(method.rawValue.uppercased()) needs two; use --phi leaky-relu --method tat, or a smooth φ")
        }
    }

    /// Every root from the start grid, kept, deduplicated and ordered as documented.
    ///
    /// Each start runs on `GaussianQuadrature.coarse` (~1e-9, a third of the nodes) to a
    /// residual of 1e-8 or until it leaves 4 times the search region; a root not yet
    /// found is then polished on the standard rule to 1e-14 and kept at ≤ 1e-12.
    static func search(_ conditions: TransformConditions) throws -> [TransformSolution] {
        let dks = conditions.method == .dks
        var starts: [[Double]] = []
        for a in startScales {
            for b in startShifts {
                if dks { starts.append([a, b]) } else { for g in startOutputShifts { starts.append([a, b, g]) } }
            }
        }
        var rough = MultirootSolver()
        rough.residualTolerance = 1e-8
        rough.maxIterations = 60
        var polish = MultirootSolver()
        polish.residualTolerance = 1e-14
        polish.maxIterations = 30
        var found: [TransformSolution] = []
        var seen: [[Double]] = []
        for start in starts {
            let r: MultirootSolver.Result
            do {
                r = try rough.solve(from: start) { p in
                    guard p[0].magnitude <= 4 * maxInputScale, p.dropFirst().allSatisfy({ $0.magnitude <= 4 * maxShift }) else {
                        throw LeftRegion()
                    }
                    return conditions.system(p, quadrature: .coarse).equations
                }
            } catch is LeftRegion { continue }
            guard r.converged else { continue }
            let x = [r.x[0].magnitude] + r.x.dropFirst()
            if seen.contains(where: { zip($0, x).allSatisfy { ($0 - $1).magnitude <= 1e-6 * Swift.max(1, $0.magnitude) } }) {
                continue
            }
            seen.append(x)
            let p = try polish.solve(from: x) { conditions.system($0).equations }
            guard p.residual <= acceptedResidual, let s = solution(conditions, p.x) else { continue }
            if let i = found.firstIndex(where: { same($0, s) }) {
                if s.residual < found[i].residual { found[i] = s }
            } else {
                found.append(s)
            }
        }
        return found.sorted { precedes($0, $1, acceptance: !dks) }
    }

    /// A start that wandered out of the region: abandoned without further evaluations.
    private struct LeftRegion: Error {}

    /// The transform at a root of the reduced system, if it lies in the search region
    /// and every condition holds to `acceptedResidual`.
    static func solution(_ conditions: TransformConditions, _ x: [Double]) -> TransformSolution? {
        let a = x[0].magnitude, b = x[1]
        let (_, g, d) = conditions.system([a, b] + x.dropFirst(2))
        // |g| = |γ + φ(β)| bounds TAT's third unknown only: DKS's g = −E φ̃ is whatever
        // φ's scale makes it (1000·tanh has tanh's α, β and a g 1000 times as large).
        guard a > 0, a <= maxInputScale, b.magnitude <= maxShift, conditions.method == .dks || g.magnitude <= maxShift,
              d.isFinite else { return nil }
        let gamma = g - conditions.phi.value(b)
        let residual = conditions.largestResidual(inputScale: a, inputShift: b, outputShift: gamma, outputScale: d)
        guard residual <= acceptedResidual else { return nil }
        return TransformSolution(
            inputScale: a, inputShift: b, outputShift: gamma, outputScale: d, residual: residual,
            formula: TransformFormula.transformed(conditions.phi, inputScale: a, inputShift: b, outputShift: gamma, outputScale: d))
    }

    static func same(_ x: TransformSolution, _ y: TransformSolution) -> Bool {
        func close(_ u: Double, _ v: Double) -> Bool { (u - v).magnitude <= 1e-7 * Swift.max(1, u.magnitude, v.magnitude) }
        return close(x.inputScale, y.inputScale) && close(x.inputShift, y.inputShift) && close(x.outputShift, y.outputShift)
    }

    /// The documented order: dks's acceptance test (TAT), then |β|, then β > 0.
    static func precedes(_ x: TransformSolution, _ y: TransformSolution, acceptance: Bool) -> Bool {
        if acceptance && x.passesDKSAcceptance != y.passesDKSAcceptance { return x.passesDKSAcceptance }
        let bx = x.inputShift.magnitude, by = y.inputShift.magnitude
        if (bx - by).magnitude > 1e-9 * Swift.max(1, bx) { return bx < by }
        if x.inputShift.sign != y.inputShift.sign { return x.inputShift > 0 }
        return x.inputScale < y.inputScale
    }
}

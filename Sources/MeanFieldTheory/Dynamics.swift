import Foundation
import Numerical

/// One layer of the joint two-point recursion.
public struct TwoPointState: Sendable, Equatable {
    public var q11: Double
    public var q22: Double
    /// c = q12/√(q11 q22)
    public var c: Double

    public init(q11: Double, q22: Double, c: Double) {
        self.q11 = q11
        self.q22 = q22
        self.c = c
    }
}

extension MeanFieldModel {
    /// The joint two-point recursion from (q11, q22, c) at layer 1:
    /// q11 ← V(q11), q22 ← V(q22), q12 ← C(c; q11, q22), c = q12/√(q11 q22).
    /// c itself is carried (never q12), and every product of lengths is formed from
    /// square roots, so c keeps its digits down to q ~ 1e-300.
    /// Returns `depth` states, the first being the start.
    ///
    /// - Throws: `TheoryError.diverges` when q^l passes 1e250 before `depth` (the
    ///   states up to there: `twoPointTrajectory`).
    public func twoPointRecursion(q11: Double, q22: Double, c: Double, depth: Int) throws -> [TwoPointState] {
        let trajectory = try twoPointTrajectory(q11: q11, q22: q22, c: c, depth: depth)
        if let stop = trajectory.overflow { throw stop }
        return trajectory.layers
    }

    /// The joint two-point recursion as `twoPointRecursion`, up to `depth` states or to
    /// the last state before q^l passes 1e250 (a length map that diverges), whichever
    /// comes first; `overflow` says at which layer it stopped, `nil` when it did not.
    public func twoPointTrajectory(q11: Double, q22: Double, c: Double, depth: Int) throws
        -> (layers: [TwoPointState], overflow: TheoryError?)
    {
        guard depth >= 1 else { throw TheoryError.invalidParameter("depth must be >= 1, got \(depth)") }
        guard q11 >= 0, q22 >= 0, q11.isFinite, q22.isFinite else {
            throw TheoryError.invalidParameter("q must be a finite number >= 0, got \(q11), \(q22)")
        }
        guard c >= -1, c <= 1 else { throw TheoryError.invalidParameter("c must lie in [-1, 1], got \(c)") }
        var state = TwoPointState(q11: q11, q22: q22, c: c)
        var layers = [state]
        for _ in 1..<depth {
            let q12 = covarianceMap(state.c, q1: state.q11, q2: state.q22)
            let n11 = lengthMap(state.q11), n22 = state.q22 == state.q11 ? n11 : lengthMap(state.q22)
            guard n11.isFinite, n22.isFinite, n11 < 1e250, n22 < 1e250 else {
                return (layers, TheoryError.diverges(
                    "q^l overflows by layer \(layers.count + 1) (phi=\(phi.name), sigma-w=\(sigmaW)): the length map diverges"))
            }
            // √n11·√n22, not √(n11·n22): the product underflows once q ~ 1e-160 (relu at
            // σw = 0.5 reaches it by layer 181, and c froze there), long before q itself.
            let norm = n11.squareRoot() * n22.squareRoot()
            // With both lengths 0 (σb = 0, q = 0) the correlation is carried over unchanged.
            let cNext = norm > 0 ? Swift.max(-1, Swift.min(1, q12 / norm)) : state.c
            state = TwoPointState(q11: n11, q22: n22, c: cNext)
            layers.append(state)
        }
        return (layers, nil)
    }

    /// Number of length-map applications until |q^l − q*| ≤ tolerance·q*, starting at q^1
    /// = start (0 if the start is already that close); `nil` when q* = 0 (no relative
    /// criterion) or when `maxIterations` do not suffice.
    public func convergenceTime(from start: Double, qStar: Double,
                                tolerance: Double = 0.01, maxIterations: Int = 10_000) -> Int? {
        convergenceTime(from: start, qStar: qStar, tolerance: tolerance, maxIterations: maxIterations, edgeMargin: 0)
    }

    /// `convergenceTime`, returning −1 when some q^l lies within `edgeMargin`·q* of the
    /// band's edge or `map` has no value (the caller then recounts with the standard rule).
    func convergenceTime(from start: Double, qStar: Double, tolerance: Double = 0.01,
                         maxIterations: Int = 10_000, edgeMargin: Double,
                         map: (Double) -> Double?) -> Int? {
        guard qStar > 0 else { return nil }
        var q = start
        for t in 0...maxIterations {
            let distance = (q - qStar).magnitude
            if edgeMargin > 0, (distance - tolerance * qStar).magnitude <= edgeMargin * qStar { return -1 }
            if distance <= tolerance * qStar { return t }
            guard let next = map(q) else { return -1 }
            q = next
        }
        return nil
    }

    func convergenceTime(from start: Double, qStar: Double, tolerance: Double = 0.01,
                         maxIterations: Int = 10_000, edgeMargin: Double) -> Int? {
        convergenceTime(from: start, qStar: qStar, tolerance: tolerance, maxIterations: maxIterations,
                        edgeMargin: edgeMargin) { lengthMap($0) }
    }

    /// The paper's Fig. 1D: the convergence time averaged over starts q^1 evenly spaced
    /// on (0, 15], 0.5, 1, …, 15 (30 of them; q^1 = 0 is left out because with σb = 0 it
    /// is itself a fixed point and never converges); `nil` if any start fails.
    ///
    /// Speed: only which side of the 1% band each q^l falls on matters, so the steps run
    /// on a cheap V: σw²·`table`(q) + σb² where a `LengthMapTable` is given (E[φ²] as a
    /// Chebyshev series, ~1e-12; a phase diagram builds one for all its points), else the
    /// coarse rule (~1e-9 relative, a quarter of the nodes). Where a cheap trajectory
    /// comes within 1e-6 of the band's edge (where it and the standard rule could
    /// disagree) or leaves the table, that start is recounted on the standard rule, so the
    /// count is the standard rule's. Where q* lies beyond the table (σ far beyond the
    /// diagram's range) the coarse rule is used from the start.
    public func meanConvergenceTime(qStar: Double, starts: Int = 30, upTo top: Double = 15,
                                    table: LengthMapTable? = nil) -> Double? {
        var coarse = self
        if kernel == nil { coarse.integrals = GaussianIntegrals(phi: phi, quadrature: .coarse) }
        let w2 = self.w2, b2 = self.b2
        var total = 0
        for k in 1...starts {
            let start = top * Double(k) / Double(starts)
            var t: Int?
            if kernel == nil, let table, qStar <= table.top, start <= table.top {
                t = convergenceTime(from: start, qStar: qStar, edgeMargin: 1e-6) { q in
                    table.meanSquare(q).map { w2 * $0 + b2 }
                }
            } else {
                t = coarse.convergenceTime(from: start, qStar: qStar, edgeMargin: 1e-6)
            }
            if t == nil || t == -1 { t = convergenceTime(from: start, qStar: qStar) }
            guard let steps = t, steps >= 0 else { return nil }
            total += steps
        }
        return Double(total) / Double(starts)
    }
}

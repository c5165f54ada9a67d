import Model
import Foundation
import Learning
import Numerical
import TestSupport
import XCTest

/// Gradient descent on deep linear networks against the mode theory (SPEC §8).
///
/// GD from decoupled initial conditions is forward Euler on the per-layer mode ODE:
/// with T = λt (t in epochs, so T = t/τ) and each of the m = N_l − 1 layers of strength
/// w (a = w^m), the flow is dw/dT = g(w) = w^{m−1}(s − w^m) and one epoch is
/// w ← w + λ g(w). Euler's global error at fixed T is λ e(T) + O(λ²), where
/// e' = g'(w) e − ½ g'(w) g(w), e(0) = 0 (the local error is ½λ² w'' = ½λ² g' g,
/// propagated by the linearised flow). So a_GD(n) − a(T_n) = λ m w^{m−1} e(T_n) + O(λ²).
final class GradientDescentTests: XCTestCase {
    func mode(_ w: Double, _ m: Double, _ s: Double) -> Double { pow(w, m - 1) * (s - pow(w, m)) }

    func testDecoupledGradientDescentIsEulerOnEachMode() throws {
        let s = [3.0, 2, 1], a0 = 0.01, lambda = 0.01
        let data = try LearningData.modes(singularValues: s, seed: 5)
        for layers in [2, 3, 5] {
            let net = try DeepLinearNetwork(layers: layers, hidden: 4, data: data, initial: .decoupled, a0: a0, seed: 1)
            let run = try GradientDescent(learningRate: lambda, epochs: 400).run(net, on: data)
            let m = Double(layers - 1)
            for (alpha, sa) in s.enumerated() {
                var w = pow(a0, 1 / m)
                for n in 0...400 {
                    // u_αᵀ W^tot v_α is defined up to the signs LAPACK gives u_α, v_α: take |a|.
                    assertClose(abs(run.strengths[n][alpha]), pow(w, m), relative: 1e-10, floor: sa,
                                "N_l=\(layers) mode \(alpha) epoch \(n)")
                    w += lambda * mode(w, m, sa)
                }
            }
        }
    }

    func testGradientDescentFollowsTheModeSolutionWithinTheEulerError() throws {
        let s = 3.0, a0 = 0.01
        let data = try LearningData.modes(singularValues: [s], seed: 2)
        for (layers, lambda, epochs) in [(3, 0.004, 1200), (3, 0.002, 2400), (6, 0.004, 1200)] {
            let m = Double(layers - 1)
            let net = try DeepLinearNetwork(layers: layers, hidden: 2, data: data, initial: .decoupled, a0: a0, seed: 1)
            let run = try GradientDescent(learningRate: lambda, epochs: epochs).run(net, on: data)
            let theory = try ModeDynamics(s: s, a0: a0, tau: 1 / lambda, layers: layers)
            let exact = try theory.strength(at: (0...epochs).map(Double.init))
            // e(T) by RK4 on (w, e), 10 substeps per epoch (error ~ (λ/10)^4, negligible).
            var w = pow(a0, 1 / m), e = 0.0, predicted = [0.0]
            let h = lambda / 10
            func f(_ w: Double, _ e: Double) -> (Double, Double) {
                let g = mode(w, m, s)
                let gp = (m - 1) * pow(w, m - 2) * (s - pow(w, m)) - m * pow(w, 2 * m - 2)
                return (g, gp * e - 0.5 * gp * g)
            }
            for _ in 0..<epochs {
                for _ in 0..<10 {
                    let k1 = f(w, e), k2 = f(w + 0.5 * h * k1.0, e + 0.5 * h * k1.1)
                    let k3 = f(w + 0.5 * h * k2.0, e + 0.5 * h * k2.1), k4 = f(w + h * k3.0, e + h * k3.1)
                    w += h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
                    e += h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
                }
                predicted.append(lambda * m * pow(w, m - 1) * e)
            }
            let scale = predicted.map(abs).max() ?? 0
            var worst = 0.0, worstRemainder = 0.0
            for n in 0...epochs {
                let diff = abs(run.strengths[n][0]) - exact[n]
                worst = max(worst, abs(diff))
                worstRemainder = max(worstRemainder, abs(diff - predicted[n]))
            }
            // The first-order prediction explains the difference up to O(λ²): the
            // remainder is below 10% of the prediction's size at these λ s ≤ 0.012.
            XCTAssertLessThan(worstRemainder, 0.1 * scale, "N_l=\(layers) λ=\(lambda): max |a_GD − a| = \(worst), λ max|α| = \(scale)")
            XCTAssertLessThan(worst, 1.1 * scale, "N_l=\(layers) λ=\(lambda)")
            // And it is O(λ): below (N_l − 1) λ s² for these runs.
            // Measured: 0.46 λ s² at three layers (λ = 0.004 and 0.002: first order), 2.8 λ s² at six.
            XCTAssertLessThan(worst, m * lambda * s * s, "N_l=\(layers) λ=\(lambda)")
        }
    }

    /// d/dt (W¹W¹ᵀ − W²ᵀW²) = 0 under the three-layer gradient flow; one GD step changes
    /// it by exactly λ² (W²ᵀE EᵀW² − W¹ᵀ… ) = λ²(G₁G₁ᵀ − G₂ᵀG₂) with G₁ = W²ᵀE, G₂ = E W¹ᵀ
    /// (E = Σ³¹ − W^tot), so the drift after n steps is at most λ² Σ (‖G₁‖²_F + ‖G₂‖²_F).
    func testBalanceIsConservedUpToTheSecondOrderDrift() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 4)
        let lambda = 0.01
        let net = try DeepLinearNetwork(layers: 3, hidden: 5, data: data, initial: .small, smallStd: 0.1, seed: 2)
        var first: [Double]?, bound = 0.0, drift = 0.0
        let run = try GradientDescent(learningRate: lambda, epochs: 500).run(net, on: data) { _, n in
            let (h, d) = (5, 3)
            let w1 = n.weights[0], w2 = n.weights[1]   // 5×3, 3×5
            var q = [Double](repeating: 0, count: h * h)
            for i in 0..<h { for j in 0..<h {
                var x = 0.0
                for k in 0..<d { x += w1[k * h + i] * w1[k * h + j] - w2[i * d + k] * w2[j * d + k] }
                q[j * h + i] = x
            } }
            if first == nil { first = q }
            drift = max(drift, zip(q, first!).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot())
            // E = Σ³¹ − W²W¹, G₁ = W²ᵀE (5×3), G₂ = E W¹ᵀ (3×5).
            var e = data.correlation
            for i in 0..<d { for j in 0..<d { for k in 0..<h { e[j * d + i] -= w2[k * d + i] * w1[j * h + k] } } }
            var g1 = 0.0, g2 = 0.0
            for k in 0..<h { for j in 0..<d {
                var a = 0.0, b = 0.0
                for i in 0..<d { a += w2[k * d + i] * e[j * d + i] }
                for i in 0..<d { b += e[i * d + j] * w1[i * h + k] }
                g1 += a * a; g2 += b * b
            } }
            bound += lambda * lambda * (g1 + g2)
        }
        XCTAssertLessThanOrEqual(drift, bound * (1 + 1e-9))
        // The drift is small beside the weights, which grow until W^tot ≈ Σ³¹ (a_1 → 3).
        XCTAssertLessThan(drift, 0.05 * 3)
        XCTAssertGreaterThan(abs(run.strengths.last![0]), 2.9)
    }

    /// The mode form: decoupled but unbalanced (W¹ doubled, W² halved), c_α² − b_α² of
    /// each mode stays at its start, up to the same O(λ²) per step, while a = b c grows.
    func testModeBalanceDifferenceIsConserved() throws {
        let data = try LearningData.modes(singularValues: [2, 1], seed: 9)
        var net = try DeepLinearNetwork(layers: 3, hidden: 2, data: data, initial: .decoupled, a0: 0.04, seed: 1)
        net.weights[0] = net.weights[0].map { 2 * $0 }
        net.weights[1] = net.weights[1].map { 0.5 * $0 }
        let lambda = 0.005
        var history: [[Double]] = []
        let run = try GradientDescent(learningRate: lambda, epochs: 2000).run(net, on: data) { _, n in
            // c_α = e_αᵀ W¹ v_α, b_α = u_αᵀ W² e_α.
            history.append((0..<2).map { alpha in
                var c = 0.0, b = 0.0
                for j in 0..<2 { c += n.weights[0][j * 2 + alpha] * data.v[alpha * 2 + j] }
                for i in 0..<2 { b += data.u[alpha * 2 + i] * n.weights[1][alpha * 2 + i] }
                return c * c - b * b
            })
        }
        // Start: c = 2·√0.04 = 0.4, b = 0.1: c² − b² = 0.15.
        for h in history { for x in h { XCTAssertEqual(x, 0.15, accuracy: 0.15 * 20 * lambda) } }
        XCTAssertGreaterThan(abs(run.strengths.last![0]), 1.9)
    }

    func testHierarchyModesAreLearnedInOrderOfLevel() throws {
        let h = try HierarchyTheory(levels: 4, branching: 2, epsilon: 0.1, features: 100)
        let data = try LearningData.hierarchy(h, seed: 1)
        let lambda = 0.05 / data.s[0]
        let net = try DeepLinearNetwork(layers: 3, hidden: 16, data: data, initial: .small, smallStd: 1e-3, seed: 1)
        let run = try GradientDescent(learningRate: lambda, epochs: 3000).run(net, on: data)
        let levels = try XCTUnwrap(data.levels)
        // The first epoch at which each level's mean |a| passes half of its mean s.
        let halfway: [Int] = (0..<4).map { l in
            let members = levels.indices.filter { levels[$0] == l }
            let target = 0.5 * members.map { data.s[$0] }.reduce(0, +) / Double(members.count)
            return run.strengths.firstIndex { a in
                members.map { abs(a[$0]) }.reduce(0, +) / Double(members.count) > target
            } ?? Int.max
        }
        XCTAssertEqual(halfway, halfway.sorted(), "coarse before fine: \(halfway)")
        XCTAssertEqual(Set(halfway).count, 4, "\(halfway)")
        XCTAssertLessThan(halfway[3], 3000)
    }

    func testDivergingLearningRateIsAnError() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 1)
        let net = try DeepLinearNetwork(layers: 3, hidden: 3, data: data, initial: .gaussian, seed: 1)
        XCTAssertThrowsError(try GradientDescent(learningRate: 5, epochs: 200).run(net, on: data)) { e in
            guard case .diverged = e as? LearningError else { return XCTFail("\(e)") }
            XCTAssertTrue("\(e)".contains("--learning-rate"))
        }
    }

    /// An initial error that overflows is the start's fault (epoch 0, before any step),
    /// and a divergence carries the stability edge of the data's strongest mode.
    func testOverflowingStartAndDivergenceAreToldApart() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 1)
        let huge = try DeepLinearNetwork(layers: 3, hidden: 3, data: data, initial: .small, smallStd: 1e300, seed: 1)
        XCTAssertThrowsError(try GradientDescent(learningRate: 0.01, epochs: 5).run(huge, on: data)) { e in
            XCTAssertEqual(e as? LearningError, .startOverflows)
        }
        let net = try DeepLinearNetwork(layers: 3, hidden: 3, data: data, initial: .gaussian, seed: 1)
        XCTAssertThrowsError(try GradientDescent(learningRate: 5, epochs: 200).run(net, on: data)) { e in
            guard case .diverged(_, _, let edge)? = e as? LearningError else { return XCTFail("\(e)") }
            XCTAssertEqual(edge, 2 / (2 * data.s[0]), accuracy: 1e-15)   // 2/((N_l − 1) s_1^{2 − 2/(N_l − 1)})
            XCTAssertTrue("\(e)".contains("past the stability edge"), "\(e)")
        }
        XCTAssertThrowsError(try LearningData.modes(singularValues: [1e300], seed: 1)) { e in
            XCTAssertTrue("\(e)".hasPrefix("--singular-values"), "\(e)")
        }
        XCTAssertThrowsError(try DeepLinearNetwork(layers: 3, hidden: 3, data: data, initial: .decoupled, a0: 1e300, seed: 1)) { e in
            XCTAssertTrue("\(e)".hasPrefix("--a0"), "\(e)")
        }
    }

    /// `stream` hands over the epochs `run` records, bit for bit.
    func testStreamedEpochsEqualTheRecordedTrajectory() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 3)
        let net = try DeepLinearNetwork(layers: 4, hidden: 5, data: data, initial: .orthogonal, seed: 2)
        let gd = GradientDescent(learningRate: 0.02, epochs: 300)
        let run = try gd.run(net, on: data)
        var errors: [Double] = [], strengths: [[Double]] = []
        let end = try gd.stream(net, on: data) { epoch, e, a in
            XCTAssertEqual(epoch, errors.count)
            errors.append(e)
            if epoch % 7 == 0 { strengths.append(a()) }
        }
        XCTAssertEqual(errors, run.error)
        XCTAssertEqual(strengths, stride(from: 0, through: 300, by: 7).map { run.strengths[$0] })
        XCTAssertEqual(end.network, run.network)
    }

    func testTooNarrowAndTooShallowNetworksAreErrors() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 1)
        XCTAssertThrowsError(try DeepLinearNetwork(layers: 3, hidden: 2, data: data, initial: .gaussian, seed: 1)) { e in
            XCTAssertEqual(e as? LearningError, .hiddenTooNarrow(hidden: 2, modes: 3))
        }
        XCTAssertThrowsError(try DeepLinearNetwork(layers: 1, hidden: 3, data: data, initial: .gaussian, seed: 1)) { e in
            XCTAssertEqual(e as? LearningError, .tooFewLayers(1))
        }
    }

    func testOrthogonalInitialWeightsAreIsometries() throws {
        let q = try WeightEnsemble.haarMatrix(rows: 7, cols: 4, seed: 3)   // orthonormal columns
        for a in 0..<4 { for b in 0..<4 {
            let dot = (0..<7).map { q[a * 7 + $0] * q[b * 7 + $0] }.reduce(0, +)
            XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-13)
        } }
        let t = try WeightEnsemble.haarMatrix(rows: 3, cols: 6, seed: 3)   // orthonormal rows
        for a in 0..<3 { for b in 0..<3 {
            let dot = (0..<6).map { t[$0 * 3 + a] * t[$0 * 3 + b] }.reduce(0, +)
            XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-13)
        } }
    }
}

import Foundation
import Learning
import Numerical
import TestSupport
import XCTest

/// Classical fourth-order Runge–Kutta at a fixed step, written here so that the GSL
/// integration is checked against code that shares nothing with it.
func rk4(_ f: (Double) -> Double, from y0: Double, step h: Double, steps: Int) -> [Double] {
    var y = y0, out = [y0]
    for _ in 0..<steps {
        let k1 = f(y), k2 = f(y + 0.5 * h * k1), k3 = f(y + 0.5 * h * k2), k4 = f(y + h * k3)
        y += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(y)
    }
    return out
}

/// The exact mode solutions (SPEC §8) against the GSL ODE integration and an
/// independent RK4; times to criterion in closed form against the t-as-dependent ODE.
final class ModeDynamicsTests: XCTestCase {
    func testThreeLayerClosedFormMatchesGSLIntegration() throws {
        for (s, a0, tau) in [(3.0, 1e-3, 10.0), (1.0, 0.5, 1.0), (0.2, 1e-6, 100.0)] {
            let mode = try ModeDynamics(s: s, a0: a0, tau: tau, layers: 3)
            let times = (0...40).map { Double($0) * 4 * tau / s * 0.05 * 10 }
            let ode = try mode.integrated(at: times)
            for (t, a) in zip(times, ode) {
                // rk8pd at relative tolerance 1e-12 per step: 1e-9 relative over the run.
                assertClose(a, mode.closedForm(at: t)!, relative: 1e-9, "s=\(s) a0=\(a0) t=\(t)")
            }
        }
    }

    func testClosedFormAgreesWithIndependentRK4() throws {
        // τ da/dt = 2a(s − a): RK4 at h = τ/2000 has error ~ (h s/τ)^4, far below 1e-9.
        let s = 2.0, a0 = 0.01, tau = 5.0, h = tau / 2000
        let mode = try ModeDynamics(s: s, a0: a0, tau: tau, layers: 3)
        let path = rk4({ 2 * $0 * (s - $0) / tau }, from: a0, step: h, steps: 20000)
        for n in stride(from: 0, through: 20000, by: 1000) {
            assertClose(mode.closedForm(at: Double(n) * h)!, path[n], relative: 1e-9, floor: 1e-12, "n=\(n)")
        }
    }

    func testDeepModeODEAgreesWithIndependentRK4() throws {
        for layers in [4, 6, 11] {
            let s = 1.5, a0 = 0.05, tau = 2.0, h = 1e-3
            let m = Double(layers - 1)
            let mode = try ModeDynamics(s: s, a0: a0, tau: tau, layers: layers)
            let path = rk4({ m * pow($0, 2 - 2 / m) * (s - $0) / tau }, from: a0, step: h, steps: 10000)
            let times = stride(from: 0, through: 10000, by: 500).map { Double($0) * h }
            let ode = try mode.integrated(at: times)
            for (k, n) in stride(from: 0, through: 10000, by: 500).enumerated() {
                assertClose(ode[k], path[n], relative: 1e-8, "N_l=\(layers) t=\(times[k])")
            }
        }
    }

    func testTimeToCriterionClosedFormMatchesODEWithTimeAsDependentVariable() throws {
        for (s, a0, af) in [(3.0, 1e-3, 2.7), (0.5, 1e-4, 0.25), (10.0, 1.0, 9.99)] {
            let mode = try ModeDynamics(s: s, a0: a0, tau: 7, layers: 3)
            // t = (τ/2s) ln(af(s − a0)/(a0(s − af))), written out here.
            let expected = 7 / (2 * s) * log(af * (s - a0) / (a0 * (s - af)))
            assertClose(try mode.time(to: af), expected, relative: 1e-9)
            assertClose(mode.closedFormTime(to: af)!, expected, relative: 1e-14)
            // And the closed-form a(t) reaches af then.
            assertClose(mode.closedForm(at: expected)!, af, relative: 1e-10)
        }
        let two = try ModeDynamics(s: 2, a0: 0.1, tau: 3, layers: 2)
        assertClose(try two.time(to: 1.9), 3 * log(1.9 / 0.1), relative: 1e-9)
    }

    func testDeepTimeToCriterionLandsOnTheCriterion() throws {
        // Integrate the deep ODE (RK4, here) to the GSL time and find a = af there.
        let s = 2.0, a0 = 0.01, af = 1.8, tau = 1.0, layers = 8, m = 7.0
        let mode = try ModeDynamics(s: s, a0: a0, tau: tau, layers: layers)
        let t = try mode.time(to: af)
        let steps = 200_000, h = t / Double(steps)
        let path = rk4({ m * pow($0, 2 - 2 / m) * (s - $0) / tau }, from: a0, step: h, steps: steps)
        assertClose(path[steps], af, relative: 1e-8)
    }

    func testDeeperNetworksHaveSharperTransitionsFromSmallA0() throws {
        // With a0 ≪ s the plateau lengthens with depth like a0^{−(1−2/m)}: a known
        // qualitative property (Saxe et al. 2014, Fig. 3), checked on the times.
        let times = try [3, 5, 9].map { try ModeDynamics(s: 1, a0: 1e-3, tau: 1, layers: $0).time(to: 0.5) }
        XCTAssertLessThan(times[0], times[1])
        XCTAssertLessThan(times[1], times[2])
    }

    /// s < a0, where 1 + (s/a0 − 1) e^{−2st/τ} cancels (to 0 at s = 1e-300: a_theory was
    /// null). Values from `Tests/References/make_mode_reference.py` (mpmath, 800 digits).
    func testThreeLayerClosedFormHoldsBelowA0() throws {
        let reference: [(s: Double, a0: Double, tau: Double, t: Double, a: Double)] = [
            (1e-300, 1e-3, 100, 100, 9.980039920159680638722555e-4),
            (1e-300, 1e-3, 100, 1e7, 4.975124378109452736318408e-6),
            (1e-300, 1e-3, 1e-300, 1e7, 1.0e-300),
            (1e-20, 1, 2, 1e3, 9.99000999000999005998996e-4),
            (0.2, 2, 100, 3, 1.80610621788132971477914),
            (0.5, 2, 100, 0, 2.0),
            (1e-8, 1e-3, 0.01, 5e4, 1.050733287268697207878486e-7),
            (2.5, 3, 1, 0.5, 2.534676485977245133428116),
        ]
        for r in reference {
            let mode = try ModeDynamics(s: r.s, a0: r.a0, tau: r.tau, layers: 3)
            let a = try XCTUnwrap(mode.closedForm(at: r.t))
            // A few roundings of non-negative terms: 4 ulps.
            assertClose(a, r.a, relative: 4 * .ulpOfOne, "s=\(r.s) a0=\(r.a0) τ=\(r.tau) t=\(r.t)")
        }
    }

    /// The edge against its definition: the scalar map of one epoch on a decoupled mode,
    /// w ← w + λ w^{m−1}(s − w^m) (written here), started 1% off w* = s^{1/m}, settles
    /// on w* just below the edge and not just above it.
    func testStabilityEdgeSeparatesConvergingFromOscillatingRates() throws {
        XCTAssertEqual(ModeDynamics.stabilityEdge(s: 3, layers: 3), 1.0 / 3, accuracy: 1e-15)   // 2/(2·3)
        XCTAssertEqual(ModeDynamics.stabilityEdge(s: 7, layers: 2), 2, accuracy: 1e-15)        // E = ½(s − a)²: λ < 2
        for layers in [2, 3, 4, 6, 11] { for s in [3.0, 0.5] {
            let m = Double(layers - 1), edge = ModeDynamics.stabilityEdge(s: s, layers: layers)
            func settles(_ lambda: Double) -> Bool {
                var w = 1.01 * pow(s, 1 / m)
                for _ in 0..<20_000 { w += lambda * pow(w, m - 1) * (s - pow(w, m)) }
                return abs(pow(w, m) - s) < 1e-9 * s
            }
            XCTAssertTrue(settles(0.98 * edge), "N_l=\(layers) s=\(s) λ = 0.98 × \(edge)")
            XCTAssertFalse(settles(1.02 * edge), "N_l=\(layers) s=\(s) λ = 1.02 × \(edge)")
        } }
    }

    /// Asked one time at a time, the trajectory gives `strength(at:)`'s values bit for bit
    /// (the same GSL steps), closed form and integrated alike.
    func testTrajectoryStepByStepEqualsTheWholeSolve() throws {
        let times = (0...60).map { Double($0 * $0) }
        for layers in [2, 3, 5, 9] {
            let mode = try ModeDynamics(s: 2, a0: 0.01, tau: 50, layers: layers)
            let whole = try mode.strength(at: times)
            let path = try mode.trajectory()
            XCTAssertEqual(try times.map { try path.strength(at: $0) }, whole, "N_l=\(layers)")
        }
        let path = try ModeDynamics(s: 2, a0: 0.01, tau: 50, layers: 5).trajectory()
        _ = try path.strength(at: 10)
        XCTAssertThrowsError(try path.strength(at: 5), "times must ascend")
    }

    func testRefusesBadArguments() {
        XCTAssertThrowsError(try ModeDynamics(s: 1, a0: 0.1, tau: 1, layers: 1)) { e in
            XCTAssertEqual(e as? LearningError, .tooFewLayers(1))
        }
        XCTAssertThrowsError(try ModeDynamics(s: 1, a0: 0, tau: 1, layers: 3))
        XCTAssertThrowsError(try ModeDynamics(s: -1, a0: 0.1, tau: 1, layers: 3))
        XCTAssertThrowsError(try ModeDynamics(s: 1, a0: 0.1, tau: 1, layers: 3).time(to: 1.5))
    }

    func testGSLFailureBecomesAThrownError() throws {
        var integrator = ODEIntegrator()
        integrator.maxSteps = 5
        XCTAssertThrowsError(try integrator.solve(from: 0, 1, at: [100]) { _, y in -50 * y + 10 * sin(100 * y) }) { e in
            XCTAssertTrue(e is GSLError, "\(e)")
        }
    }
}

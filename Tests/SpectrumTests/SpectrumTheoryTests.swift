import Model
import Foundation
import MonteCarlo
import Nonlinearities
import Numerical
import Spectrum
import TestSupport
import XCTest

/// The free-probability spectrum of JJᵀ against closed forms: the Fuss–Catalan law of
/// products of Gaussian matrices (density from Haagerup & Möller's parametrisation,
/// moments C((L+1)k, k)/(Lk+1), edge (L+1)^{L+1}/L^L), Marchenko–Pastur at L = 1, the
/// isometry of linear orthogonal nets, and the identities mean = χ1^L, ∫ρ + atoms = 1.
final class SpectrumTheoryTests: XCTestCase {
    /// Fuss–Catalan with parameter L (W^tot of L Gaussian layers, σw = 1): for
    /// φ ∈ (0, π/(L+1)), x(φ) = sin^{L+1}((L+1)φ)/(sin φ sin^L(Lφ)) and
    /// ρ(x) = sin²φ sin^{L−1}(Lφ)/(π sin^L((L+1)φ)) (Haagerup & Möller 2012).
    func fussCatalan(_ l: Int, _ phi: Double) -> (x: Double, density: Double) {
        let L = Double(l)
        let x = pow(sin((L + 1) * phi), L + 1) / (sin(phi) * pow(sin(L * phi), L))
        let rho = sin(phi) * sin(phi) * pow(sin(L * phi), L - 1) / (.pi * pow(sin((L + 1) * phi), L))
        return (x, rho)
    }

    func testLinearGaussianNetsFollowTheFussCatalanLaw() throws {
        for l in [1, 2, 4, 16, 64] {
            let s = try SpectrumTheory(phi: .linear, sigmaW: 1, sigmaB: 0, depth: l, weights: .gaussian)
            for k in 1...9 {
                let (x, expected) = fussCatalan(l, Double(k) / 10 * .pi / Double(l + 1))
                let d = try s.density(at: x)
                assertClose(d.value, expected, relative: 1e-9, "ρ(\(x)) at L = \(l)")
                XCTAssertLessThanOrEqual(d.error, 1e-9 * expected, "error estimate at L = \(l)")
            }
            // Moments C((L+1)k, k)/(Lk+1): m1 = 1, m2 = L + 1, so the variance is L.
            XCTAssertEqual(s.mean, 1, accuracy: 1e-14)
            XCTAssertEqual(s.variance, Double(l), accuracy: 1e-12 * Double(l))
            XCTAssertTrue(s.atoms.isEmpty)
        }
    }

    func testRightEdgeOfFussCatalan() throws {
        // (L+1)^{L+1}/L^L: 4, 6.75, 28.53…, 273.19… at L = 1, 2, 10, 100 (SPEC §7).
        for l in [1, 2, 10, 100] {
            let L = Double(l)
            let expected = exp((L + 1) * log(L + 1) - L * log(L))
            let s = try SpectrumTheory(phi: .linear, sigmaW: 1, sigmaB: 0, depth: l, weights: .gaussian)
            assertClose(try s.largestEigenvalue(), expected, relative: 1e-10, "λ_max at L = \(l)")
        }
    }

    func testOneGaussianLayerIsMarchenkoPastur() throws {
        // W Wᵀ with entries of variance σw²/N: ρ(λ) = √((λ₊ − λ)(λ − λ₋))/(2πσw²λ), λ± = σw²(1 ± 1)².
        let sw = 1.7, v = sw * sw
        let s = try SpectrumTheory(phi: .linear, sigmaW: sw, sigmaB: 0.3, depth: 1, weights: .gaussian)
        for lambda in stride(from: 0.1 * v, through: 3.9 * v, by: 0.4 * v) {
            let expected = (lambda * (4 * v - lambda)).squareRoot() / (2 * .pi * v * lambda)
            assertClose(try s.density(at: lambda).value, expected, relative: 1e-9, "MP at λ = \(lambda)")
        }
        XCTAssertEqual(try s.density(at: 4.2 * v).value, 0, accuracy: 1e-9, "beyond the edge")
        assertClose(try s.largestEigenvalue(), 4 * v, relative: 1e-10)
    }

    func testLinearOrthogonalNetsAreExactIsometriesUpToScale() throws {
        for l in [1, 8, 64] {
            let s = try SpectrumTheory(phi: .linear, sigmaW: 1.1, sigmaB: 0, depth: l, weights: .orthogonal)
            let a = pow(1.1 * 1.1, Double(l))
            XCTAssertEqual(s.atoms.count, 1)
            assertClose(s.atoms[0].lambda, a, relative: 1e-13)
            XCTAssertEqual(s.atoms[0].mass, 1, accuracy: 1e-14)
            XCTAssertEqual(s.variance, 0, accuracy: 1e-12 * a * a)
            XCTAssertEqual(try s.density(at: a * 0.5).value, 0, accuracy: 1e-9)
        }
    }

    /// ∫ρ dλ + Σ atoms = 1 and ∫λρ dλ + Σ λ·atoms = χ1^L, by composite Gauss–Legendre in
    /// t with λ = λ_max t⁶ (the density may diverge like λ^{−L/(L+1)} at 0: the
    /// substitution makes the integrand bounded).
    func testDensityIntegratesToOneAndItsMeanIsChi1ToTheL() throws {
        let cases: [(Nonlinearity, Double, Double, Int, WeightEnsemble)] = [
            (.tanh, 1.05, 0.05, 8, .orthogonal), (.tanh, 1.2, 0.3, 4, .gaussian), (.tanh, 1.5, 0.3, 2, .orthogonal),
        ]
        let gl = GaussLegendre.twelve
        for (phi, sw, sb, l, ens) in cases {
            let s = try SpectrumTheory(phi: phi, sigmaW: sw, sigmaB: sb, depth: l, weights: ens)
            let top = try s.largestEigenvalue()
            var mass = 0.0, first = 0.0
            let panels = 40
            for p in 0..<panels {
                let a = Double(p) / Double(panels), b = Double(p + 1) / Double(panels)
                for i in 0..<gl.count {
                    let t = 0.5 * (a + b) + 0.5 * (b - a) * gl.nodes[i]
                    let x = top * pow(t, 6), w = 0.5 * (b - a) * gl.weights[i] * 6 * top * pow(t, 5)
                    let rho = try s.density(at: x).value
                    mass += w * rho
                    first += w * x * rho
                }
            }
            for atom in s.atoms { mass += atom.mass; first += atom.lambda * atom.mass }
            let at = "\(phi.name) σw=\(sw) σb=\(sb) L=\(l) \(ens)"
            XCTAssertEqual(mass, 1, accuracy: 2e-4, "∫ρ of " + at)
            XCTAssertEqual(first, s.mean, accuracy: 2e-4 * s.mean, "∫λρ of " + at)
        }
    }

    /// hardtanh: g = 1 on |h| < 1, else 0, so P(g = 0) = erfc(1/√(2q*)) (closed form);
    /// the spectrum has that mass at 0 and, with orthogonal weights, the directions
    /// every D^l keeps form an atom at σw^{2L} of mass 1 − L·P(g = 0) while positive.
    func testHardtanhAtomsHaveTheirMassAndPosition() throws {
        for (sw, sb, l) in [(1.2, 0.05, 3), (1.05, 0.01, 8), (2.0, 0.3, 1)] {
            let s = try SpectrumTheory(phi: .hardtanh, sigmaW: sw, sigmaB: sb, depth: l, weights: .orthogonal)
            let zero = erfc(1 / (2 * s.q).squareRoot())
            XCTAssertEqual(s.atoms.first?.lambda, 0)
            XCTAssertEqual(s.atoms.first?.mass ?? -1, zero, accuracy: 1e-12, "mass at 0, σw=\(sw)")
            let top = 1 - Double(l) * zero
            if top > 0 {
                XCTAssertEqual(s.atoms.count, 2)
                assertClose(s.atoms[1].lambda, pow(sw * sw, Double(l)), relative: 1e-14)
                XCTAssertEqual(s.atoms[1].mass, top, accuracy: 1e-11)
            } else {
                XCTAssertEqual(s.atoms.count, 1)
            }
            // Gaussian weights spread the top atom into a density: only the one at 0.
            let g = try SpectrumTheory(phi: .hardtanh, sigmaW: sw, sigmaB: sb, depth: l, weights: .gaussian)
            XCTAssertEqual(g.atoms.count, 1)
        }
    }
}

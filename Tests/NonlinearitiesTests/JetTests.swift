import Foundation
import Nonlinearities
import TestSupport
import XCTest

/// The jets the simulation pushes through every layer (`jet`, `secondJet`,
/// `vectorSecondJet`) against Richardson differences of φ itself, so a jet written by hand
/// for speed (tanh, sigmoid) cannot drift from the φ the theory integrates.
final class JetTests: XCTestCase {
    /// 57 points on [−6, 6], none within 0.05 of a kink (0, ±1).
    let points: [Double] = (0...60).map { -6 + 0.2 * Double($0) + 0.013 }.filter { x in
        [-1.0, 0, 1].allSatisfy { (x - $0).magnitude > 0.05 }
    }

    /// φ′ and φ″ from φ alone: central differences of φ, extrapolated (error O(h⁶)).
    func differences(_ phi: Nonlinearity, at x: Double) -> (d: Double, dd: Double) {
        let d = richardsonDerivative(phi.value, at: x, step: 1e-2)
        let dd = richardsonDerivative({ y in richardsonDerivative(phi.value, at: y, step: 1e-2) }, at: x, step: 1e-2)
        return (d, dd)
    }

    func testJetsAreValueAndDerivativesOfPhi() {
        XCTAssertGreaterThan(points.count, 50)
        for phi in Nonlinearity.all {
            var worst = 0.0
            for x in points {
                let (d, dd) = differences(phi, at: x)
                let j = phi.jet(x), s = phi.secondJet(x)
                XCTAssertEqual(j.x, phi.value(x), "\(phi.name) jet φ at \(x)")
                assertClose(j.y, d, relative: 1e-8, floor: 1, "\(phi.name) jet φ′ at \(x)")
                XCTAssertEqual(s.x, phi.value(x), "\(phi.name) secondJet φ at \(x)")
                assertClose(s.y, d, relative: 1e-8, floor: 1, "\(phi.name) secondJet φ′ at \(x)")
                if phi.secondDerivative != nil {
                    assertClose(s.z, dd, relative: 1e-6, floor: 1, "\(phi.name) secondJet φ″ at \(x)")
                    worst = max(worst, (s.z - dd).magnitude / max(dd.magnitude, 1))
                } else {
                    // The documented contract: φ″ = 0 where φ′ jumps somewhere (its curvature
                    // columns are null), even off the kinks.
                    XCTAssertEqual(s.z, 0, "\(phi.name) secondJet φ″ at \(x)")
                }
            }
            XCTAssertLessThan(worst, 1e-6, "\(phi.name): worst relative error of φ″ \(worst)")
        }
    }

    func testVectorJetAgreesWithTheScalarOneAndWithDifferences() {
        for phi in Nonlinearity.all {
            guard let vector = phi.vectorSecondJet else { continue }
            var i = 0
            while i + 8 <= points.count {
                let xs = SIMD8<Double>((0..<8).map { points[i + $0] })
                let (f, d, dd) = vector(xs)
                for k in 0..<8 {
                    let x = xs[k]
                    let (fd, fdd) = differences(phi, at: x)
                    assertClose(f[k], phi.value(x), relative: 1e-14, floor: 1, "\(phi.name) vector φ at \(x)")
                    assertClose(d[k], fd, relative: 1e-8, floor: 1, "\(phi.name) vector φ′ at \(x)")
                    assertClose(dd[k], phi.secondDerivative.map { $0(x) } ?? 0, relative: 1e-13, floor: 1,
                                "\(phi.name) vector φ″ at \(x) against the scalar φ″")
                    assertClose(dd[k], fdd, relative: 1e-6, floor: 1, "\(phi.name) vector φ″ at \(x)")
                }
                i += 8
            }
        }
    }

    /// The nearest complex singularities, against where they are in closed form: tanh =
    /// sinh/cosh has poles where cosh(iy) = cos y = 0, y = π/2; sigmoid, silu and softplus
    /// where 1 + e^{−x} = 0, x = ±iπ. Each declared distance makes its denominator vanish
    /// and is the nearest such zero.
    func testDeclaredComplexSingularitiesAreWhereTheClosedFormsPutThem() {
        func only(_ phi: Nonlinearity) -> Singularity? {
            XCTAssertEqual(phi.singularities.count, 1, phi.name)
            return phi.singularities.first
        }
        XCTAssertEqual(only(.tanh), .poles(at: 0, distance: .pi / 2))
        XCTAssertEqual(cos(Nonlinearity.tanh.singularities[0].distance), 0, accuracy: 1e-15, "cosh(iπ/2) = 0")
        for phi in [Nonlinearity.sigmoid, .silu, .softplus] {
            XCTAssertEqual(only(phi), .poles(at: 0, distance: .pi), phi.name)
            // 1 + e^{−iy} at y = π: 1 + cos π − i sin π = 0.
            let y = phi.singularities[0].distance
            XCTAssertEqual(1 + cos(y), 0, accuracy: 1e-15, phi.name)
            XCTAssertEqual(sin(y), 0, accuracy: 1e-15, phi.name)
        }
        // Kinks where the pieces meet, and nothing else; elu and selu also grade towards
        // theirs on the scale ½ of e^{2x}, their left branch's φ′².
        XCTAssertEqual(Nonlinearity.hardtanh.singularities, [.kink(at: -1), .kink(at: 1)])
        for phi in [Nonlinearity.relu, .leakyReLU, .abs] {
            XCTAssertEqual(phi.singularities, [.kink(at: 0)], phi.name)
        }
        for phi in [Nonlinearity.elu, .selu] {
            XCTAssertEqual(phi.singularities, [.kink(at: 0), .poles(at: 0, distance: 0.5)], phi.name)
        }
        XCTAssertEqual(Nonlinearity.linear.singularities, [])
    }

    /// lim_{q→∞} E[φ(√q z)²]/q: 0 for bounded φ, (a² + b²)/2 for slopes a (x < 0) and b
    /// (x > 0) at infinity: relu-like φ 1/2, linear and abs 1, leaky relu (1 + 10⁻⁴)/2, selu
    /// λ²/2. Checked as closed values and by a plain trapezoid sum at q = 10⁸.
    func testAsymptoticGrowthIsTheClosedLimit() {
        let lambda = 1.0507009873554804934193349852946
        let expected: [String: Double] = [
            "tanh": 0, "erf": 0, "sigmoid": 0, "hardtanh": 0, "sin": 0,
            "relu": 0.5, "gelu": 0.5, "silu": 0.5, "softplus": 0.5, "elu": 0.5,
            "linear": 1, "abs": 1, "leaky-relu": (1 + 0.01 * 0.01) / 2, "selu": lambda * lambda / 2,
        ]
        let q = 1e8, h = 0.002
        for phi in Nonlinearity.all {
            guard let limit = expected[phi.name] else { XCTFail("no closed limit for \(phi.name)"); continue }
            assertClose(phi.asymptoticGrowth, limit, relative: 1e-15, "\(phi.name) declared growth")
            var sum = 0.0
            for k in -6000...6000 {
                let z = Double(k) * h, v = phi.value(q.squareRoot() * z)
                sum += h * v * v * normalPDF(z)
            }
            XCTAssertEqual(sum / q, limit, accuracy: 1e-3, "\(phi.name): E[φ(√q z)²]/q at q = 1e8")
        }
    }
}

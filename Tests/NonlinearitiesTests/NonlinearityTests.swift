import Nonlinearities
import TestSupport
import XCTest

final class NonlinearityTests: XCTestCase {
    /// Points away from every kink (relu, hardtanh, elu, selu, leaky, abs have kinks at 0, ±1).
    let points: [Double] = [-3.7, -1.6, -0.8, -0.3, 0.25, 0.7, 1.4, 2.9]

    func testDerivativesMatchRichardsonDifferencesOfTheFunction() {
        for phi in Nonlinearity.all {
            for x in points {
                let d = richardsonDerivative(phi.value, at: x, step: 1e-2)
                assertClose(phi.derivative(x), d, relative: 1e-9, floor: 1, "\(phi.name)' at \(x)")
                if let dd = phi.secondDerivative {
                    let d2 = richardsonDerivative(phi.derivative, at: x, step: 1e-2)
                    assertClose(dd(x), d2, relative: 1e-9, floor: 1, "\(phi.name)'' at \(x)")
                }
            }
        }
    }

    func testSecondDerivativeIsMissingExactlyWhenTheFirstJumps() {
        for phi in Nonlinearity.all {
            let jumps = phi.singularities.filter { $0.distance == 0 }.contains { k in
                (phi.derivative(k.location - 1e-9) - phi.derivative(k.location + 1e-9)).magnitude > 1e-6
            }
            XCTAssertEqual(phi.secondDerivative == nil, jumps, "\(phi.name)")
        }
    }

    func testDeclaredParityHolds() {
        for phi in Nonlinearity.all where phi.parity != .neither {
            for x in points {
                let sign: Double = phi.parity == .odd ? -1 : 1
                XCTAssertEqual(phi.value(-x), sign * phi.value(x), "\(phi.name) parity at \(x)")
            }
        }
    }

    func testDynamicRangeIsSupMinusInf() {
        for phi in Nonlinearity.all {
            guard let r = phi.dynamicRange else { continue }
            let far = [-60.0, 60.0].map(phi.value)
            let sampled = stride(from: -60.0, through: 60, by: 0.01).map(phi.value)
            XCTAssertLessThanOrEqual(sampled.max()! - sampled.min()!, r + 1e-12, phi.name)
            if phi.name != "sin" { XCTAssertEqual((far[1] - far[0]).magnitude, r, accuracy: 1e-12, phi.name) }
        }
    }

    func testLookupByNameAndAlias() {
        XCTAssertEqual(Nonlinearity.named("tanh")?.name, "tanh")
        XCTAssertEqual(Nonlinearity.named("swish")?.name, "silu")
        XCTAssertEqual(Nonlinearity.named("ReLU")?.name, "relu")
        XCTAssertNil(Nonlinearity.named("nope"))
        XCTAssertEqual(Set(Nonlinearity.all.map(\.name)).count, Nonlinearity.all.count)
        for required in ["tanh", "erf", "relu", "linear", "sigmoid", "hardtanh"] {
            XCTAssertNotNil(Nonlinearity.named(required), required)
        }
    }

    func testSigmoidAndSoftplusDoNotOverflow() {
        XCTAssertEqual(Nonlinearity.sigmoid.value(-800), 0)
        XCTAssertEqual(Nonlinearity.sigmoid.value(800), 1)
        XCTAssertEqual(Nonlinearity.softplus.value(800), 800)
        XCTAssertEqual(Nonlinearity.softplus.value(-800), 0)
    }
}

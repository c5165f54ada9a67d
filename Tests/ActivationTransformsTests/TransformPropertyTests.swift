import ActivationTransforms
import Foundation
import Nonlinearities
import TestSupport
import XCTest

/// Properties that hold whatever the values: the mirror symmetry of odd φ, the maximal
/// slope and curvature functions against closed forms, the leaky-relu C map against its
/// limits, and the refusals of the library.
final class TransformPropertyTests: XCTestCase {
    /// φ odd: φ(αz − β) − γ = −(φ(α(−z) + β) + γ), and z ~ −z, so (α, −β, −γ, δ) holds
    /// every condition (α, β, γ, δ) does. The search does not impose this; it must find both.
    func assertMirrorPairs(_ t: ActivationTransform, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThanOrEqual(t.solutions.count, 2, file: file, line: line)
        XCTAssertEqual(t.solutions.count % 2, 0, "odd φ: solutions come in pairs", file: file, line: line)
        for s in t.solutions where s.inputShift > 0 {
            let m = t.solutions.first { ($0.inputShift + s.inputShift).magnitude <= 1e-9 * s.inputShift.magnitude }
            XCTAssertNotNil(m, "no mirror of \(s)", file: file, line: line)
            guard let m else { continue }
            assertClose(m.inputScale, s.inputScale, relative: 1e-9, file: file, line: line)
            assertClose(-m.outputShift, s.outputShift, relative: 1e-9, file: file, line: line)
            assertClose(m.outputScale, s.outputScale, relative: 1e-9, file: file, line: line)
        }
        // The pair's β > 0 member comes first.
        XCTAssertGreaterThan(t.solutions[0].inputShift, 0, file: file, line: line)
    }

    func testOddPhiDKSSolutionsComeInMirrorPairs() throws {
        assertMirrorPairs(try ActivationTransform(phi: .tanh, method: .dks, network: .mlp(layers: 8)))
        assertMirrorPairs(try ActivationTransform(phi: .erf, method: .dks, network: .mlp(layers: 3)))
    }

    func testOddPhiTATSolutionsComeInMirrorPairs() throws {
        assertMirrorPairs(try ActivationTransform(phi: .tanh, method: .tat, network: .mlp(layers: 8)))
    }

    func testMLPMaximalFunctionsArePowerAndSum() {
        let net = TransformNetwork.mlp(layers: 7)
        assertClose(net.maximalSlope(1.1), pow(1.1, 7), relative: 1e-15)
        assertClose(net.maximalCurvature(0.05), 0.35, relative: 1e-15)
    }

    /// The local targets invert the maximal functions: M(ζ_local) = ζ, M(τ_local) = τ, to
    /// rounding of ζ_local times M's slope (ResNet-101: ζ_local·M′/M ≈ 40 effective layers).
    func testLocalTargetsInvertTheMaximalFunctions() throws {
        for net in [TransformNetwork.mlp(layers: 7), .resnet(blocks: [3, 4, 23, 3], shortcutWeight: 0.6),
                    .resnet(blocks: [2], shortcutWeight: 0)] {
            assertClose(net.maximalSlope(try net.localSlope(forNetworkSlope: 1.5)), 1.5, relative: 5e-14, "\(net)")
            assertClose(net.maximalCurvature(try net.localCurvature(forNetworkCurvature: 0.3)), 0.3, relative: 5e-14, "\(net)")
        }
    }

    /// Two groups of one block, w = 0: only the 3-layer branches carry weight, then the
    /// final layer: ζ^(3·2 + 1). One block, w² = ½: ½·ζ (projection shortcut, one layer)
    /// + ½·ζ³ (branch), then ·ζ; by AM–GM this exceeds the branch alone, ζ³.
    func testResNetMaximalSlopeAgainstHandComposition() {
        let z = 1.01
        assertClose(TransformNetwork.resnet(blocks: [1, 1], shortcutWeight: 0).maximalSlope(z), pow(z, 7), relative: 1e-15)
        let w = 0.5.squareRoot()
        let expected = (0.5 * z + 0.5 * pow(z, 3)) * z
        assertClose(TransformNetwork.resnet(blocks: [1], shortcutWeight: w).maximalSlope(z), expected, relative: 1e-15)
        XCTAssertGreaterThan(expected, pow(z, 3))
    }

    /// C(c) = E[φ(u)φ(v)]/E[φ²] with E[φ²] = (1 + s²)/2, at the points where the
    /// expectation is elementary: c = 0, E[φ]² = ((1 − s)/√(2π))²; c = −1, φ(z)φ(−z) = −s z²;
    /// c = 1, Q itself. s = 1 is the identity.
    func testLeakyReLUCMapAtClosedFormPoints() {
        for s in [0.0, 0.3, 0.8] {
            let q = (1 + s * s) / 2
            assertClose(LeakyReLUTransform.cMap(0, negativeSlope: s), (1 - s) * (1 - s) / (2 * Double.pi) / q, relative: 1e-15, floor: 1e-16)
            assertClose(LeakyReLUTransform.cMap(-1, negativeSlope: s), -s / q, relative: 1e-15, floor: 1e-16)
            assertClose(LeakyReLUTransform.cMap(1, negativeSlope: s), 1, relative: 1e-15)
        }
        assertClose(LeakyReLUTransform.cMap(0.3, negativeSlope: 1), 0.3, relative: 1e-15)
    }

    func testLeakyReLUTATHitsEta() throws {
        let net = TransformNetwork.mlp(layers: 20)
        let t = try ActivationTransform(phi: .leakyReLU, method: .tat, network: net)
        let s = try XCTUnwrap(t.solutions.first?.negativeSlope)
        assertClose(net.maximalLeakyReLUCorrelation(negativeSlope: s), 0.9, relative: 1e-13)
        assertClose(t.solutions[0].outputScale, (2 / (1 + s * s)).squareRoot(), relative: 1e-15)
    }

    func testShallowLeakyReLUNetworkIsRefusedAsUnachievable() {
        // One relu layer: C(0) = 1/π ≈ 0.318 is the most any slope gives.
        XCTAssertThrowsError(try ActivationTransform(phi: .leakyReLU, method: .tat, network: .mlp(layers: 1))) { e in
            XCTAssertTrue("\(e)".contains("unachievable"), "\(e)")
        }
    }

    func testNonSmoothPhiIsRefusedByTAT() {
        for phi in [Nonlinearity.relu, .selu, .hardtanh] {
            XCTAssertThrowsError(try ActivationTransform(phi: phi, method: .tat, network: .mlp(layers: 3))) { e in
                XCTAssertTrue("\(e)".contains("leaky-relu"), "\(e)")
            }
        }
    }

    func testNetworkTextRoundTripsAndRefusesMalformed() throws {
        XCTAssertEqual(try TransformNetwork.parse("resnet:3,4,23,3").description, "resnet:3,4,23,3")
        XCTAssertEqual(try TransformNetwork.parse("mlp:12"), .mlp(layers: 12))
        for bad in ["mlp:0", "mlp:", "mlp", "resnet:3,,4", "resnet:", "cnn:3", "mlp:-2", "mlp:2.5", "resnet:0"] {
            XCTAssertThrowsError(try TransformNetwork.parse(bad), bad)
        }
        XCTAssertThrowsError(try TransformNetwork.parse("resnet:2", shortcutWeight: 1))
    }

    func testFormulaReadsBackAsTheSameFunction() throws {
        // The built-ins spelt with other functions (the rest are one call of the same name).
        for phi in [Nonlinearity.gelu, .elu, .selu] {
            let text = TransformFormula.transformed(phi, inputScale: 0.7, inputShift: -0.3, outputShift: 0.2, outputScale: 1.9)
            let parsed = try Nonlinearity(formula: text)
            for x in stride(from: -4.0, through: 4.0, by: 0.37) {
                let expected = 1.9 * (phi.value(0.7 * x - 0.3) + 0.2)
                assertClose(parsed.value(x), expected, relative: 1e-14, floor: 1, "\(phi.name) at \(x): \(text)")
            }
        }
        let user = try Nonlinearity(formula: "x*exp(-x^2)+max(x,0)")
        let text = TransformFormula.transformed(user, inputScale: 2, inputShift: 1, outputShift: -1, outputScale: 3)
        assertClose(try Nonlinearity(formula: text).value(0.25), 3 * (user.value(1.5) - 1), relative: 1e-15)
    }
}

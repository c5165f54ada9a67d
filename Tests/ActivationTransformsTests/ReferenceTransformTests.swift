import ActivationTransforms
import Foundation
import Nonlinearities
import TestSupport
import XCTest

/// Every DKS and TAT transform on mlp:5 (default targets) against mpmath: the roots of
/// SPEC §10.3's conditions polished at 40 digits by Fixtures/make_reference.py, whose
/// Gaussian expectations are mpmath.quad integrals, independent of our quadrature.
/// Each reference solution must be found, no other solution may be, and the
/// parameters must agree to 1e-9 relative (measured: ≤ 2.6e-13, softplus TAT; the rest ≤ 4e-14).
final class ReferenceTransformTests: XCTestCase {
    struct Reference {
        let phi: String, method: TransformMethod, layers: Int
        let localTarget: Double
        let params: [Double]  // α, β, γ, δ
    }

    static let references: [Reference] = {
        let url = Bundle.module.url(forResource: "reference", withExtension: "txt", subdirectory: "Fixtures")!
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: " ").map(String.init)
            return Reference(phi: f[0], method: TransformMethod(rawValue: f[1])!, layers: Int(f[2])!,
                             localTarget: Double(f[3])!, params: f[4...7].map { Double($0)! })
        }
    }()

    func check(_ phi: String, _ method: TransformMethod, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = Self.references.filter { $0.phi == phi && $0.method == method }
        guard let reference = expected.first else { return XCTFail("no reference for \(phi) \(method)", file: file, line: line) }
        let t = try ActivationTransform(phi: Nonlinearity.named(phi)!, method: method, network: .mlp(layers: reference.layers))
        assertClose(try XCTUnwrap(t.localTarget), reference.localTarget, relative: 1e-15, "local target", file: file, line: line)
        XCTAssertEqual(t.solutions.count, expected.count, "solutions found: \(t.solutions)", file: file, line: line)
        for r in expected {
            let match = t.solutions.first { s in
                zip([s.inputScale, s.inputShift, s.outputShift, s.outputScale], r.params).allSatisfy {
                    ($0 - $1).magnitude <= 1e-9 * Swift.max(1, $1.magnitude)
                }
            }
            XCTAssertNotNil(match, "\(phi) \(method): reference \(r.params) not among \(t.solutions)", file: file, line: line)
            XCTAssertLessThanOrEqual(match?.residual ?? 1, 1e-12, file: file, line: line)
        }
    }

    func testSoftplusDKSMatchesMpmath() throws { try check("softplus", .dks) }
    func testTanhDKSMatchesMpmath() throws { try check("tanh", .dks) }
    func testSiluDKSMatchesMpmath() throws { try check("silu", .dks) }
    func testSeluDKSMatchesMpmath() throws { try check("selu", .dks) }
    func testSoftplusTATMatchesMpmath() throws { try check("softplus", .tat) }
    func testTanhTATMatchesMpmath() throws { try check("tanh", .tat) }
    func testSiluTATMatchesMpmath() throws { try check("silu", .tat) }
    func testEluTATMatchesMpmath() throws { try check("elu", .tat) }
}

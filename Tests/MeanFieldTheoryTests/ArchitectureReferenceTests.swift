import Foundation
import MeanFieldTheory
import Model
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// K and Θ by layer of every architecture (SPEC §11) against neural-tangents 0.6.5 in
/// float64 (Fixtures/make_nt_reference.py, committed with its output nt_reference.json),
/// and against closed forms derived here.
final class ArchitectureReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct Layer: Decodable { let q11, q22, q12, ntk11, ntk22, ntk12: Double }
        struct Case: Decodable {
            let phi, architecture, norm: String
            let sigma_w, sigma_b, dropout, shortcut_weight: Double
            let branch_depth, depth: Int
            let layers: [Layer]
        }
        let cases: [Case]
    }

    static let reference: Reference = {
        let url = Bundle.module.url(forResource: "nt_reference", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    func model(_ c: Reference.Case) throws -> MeanFieldModel {
        let a = try Architecture(kind: Architecture.Kind(rawValue: c.architecture)!, keep: c.dropout,
                                 shortcutWeight: c.shortcut_weight, branchDepth: c.branch_depth,
                                 norm: Architecture.Norm(rawValue: c.norm)!)
        return MeanFieldModel(network: try Network(phi: Nonlinearity.named(c.phi)!, sigmaW: c.sigma_w, sigmaB: c.sigma_b,
                                                   architecture: a))
    }

    /// Every case of erf and relu (mlp with dropout and layer norm, resnets with pre/post
    /// norm, dropout, K = 1…3): each of K11, K22, K12, Θ11, Θ22, Θ12 at every layer within
    /// 1e-10 relative to the largest entry of its row (NT's kernel, started from NT's
    /// first layer, Θ¹ = K¹).
    func testKernelsAndNTKMatchNeuralTangents() throws {
        let cases = Self.reference.cases
        XCTAssertEqual(cases.count, 16)
        var worst = 0.0
        for c in cases {
            let m = try model(c)
            let l1 = c.layers[0]
            let start = KernelState(q11: l1.q11, q22: l1.q22, c: l1.q12 / (l1.q11.squareRoot() * l1.q22.squareRoot()))
            let (layers, overflow) = try m.kernelTrajectory(from: start, depth: c.depth, ntk: true)
            XCTAssertNil(overflow)
            XCTAssertEqual(layers.count, c.layers.count)
            for (l, (s, r)) in zip(layers, c.layers).enumerated() {
                let ours = [s.q11, s.q22, s.c * s.q11.squareRoot() * s.q22.squareRoot(), s.theta11, s.theta22, s.theta12]
                let theirs = [r.q11, r.q22, r.q12, r.ntk11, r.ntk22, r.ntk12]
                let scale = theirs.map(\.magnitude).max()!
                for (a, b) in zip(ours, theirs) {
                    worst = Swift.max(worst, (a - b).magnitude / scale)
                    assertClose(a, b, relative: 1e-10, floor: scale,
                                "\(c.phi) \(c.architecture) rho=\(c.dropout) norm=\(c.norm) w=\(c.shortcut_weight) layer \(l + 1)")
                }
            }
        }
        print("largest relative difference from neural-tangents: \(worst)")
    }

    /// ρ = 1 and no norm is the plain network: q and c equal `twoPointRecursion`'s bytes.
    func testKeepProbabilityOneIsThePlainNetworkByteForByte() throws {
        for phi in [Nonlinearity.tanh, .relu, .erf] {
            let m = try MeanFieldModel(phi: phi, sigmaW: 2.5, sigmaB: 0.3)
            let plain = try m.twoPointRecursion(q11: 1.3, q22: 0.7, c: 0.4, depth: 8)
            let (layers, _) = try m.kernelTrajectory(from: KernelState(q11: 1.3, q22: 0.7, c: 0.4), depth: 8, ntk: true)
            XCTAssertEqual(plain.map { [$0.q11, $0.q22, $0.c] }, layers.map { [$0.q11, $0.q22, $0.c] }, phi.name)
        }
    }

    /// Linear φ: every map is linear in K, derived here. An mlp with dropout:
    /// q′ = σw² q/ρ + σb², K12′ = σw² K12 + σb², Θ11′ = q′ + σw²/ρ Θ11,
    /// Θ12′ = K12′ + σw² Θ12. Layer norm: the same from q = 1, K12 = c, Θ/q. A resnet
    /// block: branch B = (σw², σb²) applied K + 1 times (the first dense, then K times
    /// φ = id, dropout, dense), with 1/ρ on the diagonal of the K later ones; K_out =
    /// w² K + (1 − w²) K_B and Θ likewise.
    func testLinearPhiEveryArchitectureInClosedForm() throws {
        let sw = 0.9, sb = 0.4, w2 = sw * sw, b2 = sb * sb
        struct Entry { var q11, q22, q12, t11, t22, t12: Double }
        func layerOfLinear(_ e: Entry, keep: Double) -> Entry {
            let q11 = w2 * e.q11 / keep + b2, q22 = w2 * e.q22 / keep + b2, q12 = w2 * e.q12 + b2
            return Entry(q11: q11, q22: q22, q12: q12, t11: q11 + w2 / keep * e.t11, t22: q22 + w2 / keep * e.t22,
                         t12: q12 + w2 * e.t12)
        }
        func normalised(_ e: Entry) -> Entry {
            let r = (e.q11 * e.q22).squareRoot()
            return Entry(q11: 1, q22: 1, q12: e.q12 / r, t11: e.t11 / e.q11, t22: e.t22 / e.q22, t12: e.t12 / r)
        }
        let start = Entry(q11: 1.5, q22: 0.6, q12: 0.3 * (1.5 * 0.6).squareRoot(), t11: 1.5, t22: 0.6, t12: 0.3 * (0.9).squareRoot())
        let architectures: [Architecture] = [
            try Architecture(keep: 0.7), try Architecture(keep: 0.8, norm: .layer),
            try Architecture(kind: .resnet, keep: 0.9, shortcutWeight: 0.5, branchDepth: 2),
            try Architecture(kind: .resnet, shortcutWeight: 0.3, branchDepth: 1, norm: .pre),
            try Architecture(kind: .resnet, keep: 0.6, shortcutWeight: 0.7, branchDepth: 3, norm: .post),
        ]
        for a in architectures {
            let m = MeanFieldModel(network: try Network(phi: .linear, sigmaW: sw, sigmaB: sb, architecture: a))
            var e = start
            let (layers, _) = try m.kernelTrajectory(
                from: KernelState(q11: start.q11, q22: start.q22, c: 0.3), depth: 8, ntk: true)
            for (l, s) in layers.enumerated() {
                let got = [s.q11, s.q22, s.c * (s.q11 * s.q22).squareRoot(), s.theta11, s.theta22, s.theta12]
                let want = [e.q11, e.q22, e.q12, e.t11, e.t22, e.t12]
                for (x, y) in zip(got, want) { assertClose(x, y, relative: 1e-13, floor: 1e-3, "\(a.description) layer \(l + 1)") }
                switch a.kind {
                case .mlp:
                    e = layerOfLinear(a.norm == .layer ? normalised(e) : e, keep: a.keep)
                case .resnet:
                    let x = a.norm == .pre ? normalised(e) : e
                    var b = layerOfLinear(x, keep: 1)
                    for _ in 0..<a.branchDepth { b = layerOfLinear(b, keep: a.keep) }
                    let s2 = a.shortcutWeight * a.shortcutWeight, v2 = 1 - s2
                    var out = Entry(q11: s2 * e.q11 + v2 * b.q11, q22: s2 * e.q22 + v2 * b.q22, q12: s2 * e.q12 + v2 * b.q12,
                                    t11: s2 * e.t11 + v2 * b.t11, t22: s2 * e.t22 + v2 * b.t22, t12: s2 * e.t12 + v2 * b.t12)
                    if a.norm == .post { out = normalised(out) }
                    e = out
                }
            }
        }
    }

    /// Dropout (Schoenholz et al. 2017 §5): c* < 1 at every σw, even deep in order, and
    /// ξ_c finite. Linear φ, σb = 0 in closed form: q* = 0 unless… take σb > 0:
    /// q* = σb²/(1 − σw²/ρ), c* solves c q* = σw² c q* + σb², c* = σb²/(q*(1 − σw²)),
    /// χ_c = σw² (Θ's off-diagonal slope), and Θ's limits S/(1 − A).
    func testDropoutFixedPointOfLinearNetworkInClosedForm() throws {
        let sw = 0.8, sb = 0.5, keep = 0.9, w2 = sw * sw, b2 = sb * sb
        let a = try Architecture(keep: keep)
        let m = MeanFieldModel(network: try Network(phi: .linear, sigmaW: sw, sigmaB: sb, architecture: a))
        let s = try m.architectureSummary()
        let q = b2 / (1 - w2 / keep)
        let c = b2 / (q * (1 - w2))
        assertClose(s.qStar.value, q, relative: 1e-12)
        assertClose(s.cStar.value, c, relative: 1e-12)
        XCTAssertLessThan(s.cStar.value, 1)
        assertClose(s.chiC.value, w2, relative: 1e-12)
        XCTAssertNotNil(s.xiC)
        assertClose(s.ntkLimit!, q / (1 - w2 / keep), relative: 1e-12)
        assertClose(s.ntk12Limit!, q * c / (1 - w2), relative: 1e-12)
    }

    /// Without dropout the plain summary and the architecture summary agree (tanh, in
    /// order and in chaos): q*, χ1, c*, χ_c.
    func testPlainArchitectureSummaryAgreesWithTheFixedPointSummary() throws {
        for sw in [1.0, 2.5] {
            let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: 0.3)
            let plain = try m.summary()
            let s = try m.architectureSummary()
            assertClose(s.qStar.value, plain.qStar.value, relative: 1e-13)
            assertClose(s.chi1.value, plain.chi1.value, relative: 1e-12)
            assertClose(s.cStar.value, plain.cStar.value, relative: 1e-10)
            assertClose(s.chiC.value, plain.chiC.value, relative: 1e-9)
            XCTAssertEqual(s.phase, plain.phase)
        }
    }
}

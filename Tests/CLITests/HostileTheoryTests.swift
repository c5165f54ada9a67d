import Foundation
import XCTest

/// Theory defects a hostile pass found, end to end through the binary: each test names
/// the command that went wrong and checks it against an independent value.
final class HostileTheoryTests: XCTestCase {
    func rows(_ j: [String: Any], _ key: String = "rows") -> [[String: Any]] { j[key] as? [[String: Any]] ?? [] }

    // MARK: - boundary of φ that grow linearly

    /// `boundary --phi elu --sigma-b 0.1:0.5:5` printed null at every σb, quoting a
    /// probe σw = 4 past the divergence limit √2. mpmath values (30 digits) from
    /// Tests/MeanFieldTheoryTests/Fixtures/make_boundary_reference.py.
    func testEluAndSeluHaveTheirBoundary() throws {
        let expected: [String: [Double]] = [
            "elu": [1.176148473707374303503373, 1.229251124137206400534243, 1.263107845124147034966427,
                    1.287485403762011593596892, 1.306111672938035024982731],
            "selu": [0.8719131612499079342295951, 0.9374755821053224522962863, 0.983691469299952050131085,
                     1.019868081215430974681533, 1.049637334027432202501595],
        ]
        for (phi, values) in expected {
            let j = try CLI.json(["boundary", "--phi", phi, "--sigma-b", "0.1:0.5:5"])
            let got = rows(j).map { $0["sigma_w_critical"] as? Double }
            XCTAssertEqual(got.count, 5, phi)
            for (g, e) in zip(got, values) {
                XCTAssertEqual(try XCTUnwrap(g, phi), e, accuracy: 1e-12 * e, phi)
            }
        }
    }

    // MARK: - kinks at q* = 0

    /// The formula of elu at σb = 0 (q* = 0) gave χ1 = 1.6, χ2 = 0.64 and "chaotic":
    /// exp(x) − 1 rounds to 0 next to 0 and tied with min's other argument. φ′(0±) = 1
    /// and φ″(0−) = 1, φ″(0+) = 0, so χ1 = σw²(1 + 1)/2 = 0.64, χ2 = σw²(1 + 0)/2 = 0.32,
    /// and the boundary at σb = 0 is 1/|φ′(0)| = 1.
    func testEluFormulaAtZeroLengthTakesBothSides() throws {
        let elu = "max(x,0)+min(exp(x)-1,0)"
        let f = try CLI.json(["fixed-point", "--phi", elu, "--sigma-w", "0.8", "--sigma-b", "0"])
        XCTAssertEqual(f["chi1"] as! Double, 0.64, accuracy: 1e-15)
        XCTAssertEqual(f["chi2"] as! Double, 0.32, accuracy: 1e-15)
        XCTAssertEqual(f["phase"] as? String, "ordered")
        let b = try CLI.json(["boundary", "--phi", elu, "--sigma-b", "0"])
        XCTAssertEqual(rows(b).first?["sigma_w_critical"] as? Double, 1)
    }

    /// At q* = 0 the simulation evaluated φ′ at h = 0 exactly, where max(x,0) and the
    /// other part tie: max(x,0)+min(tanh(x),0) simulated a mean of 43 against 0.168.
    /// Both now take the q → 0 limit, φ′(0±) on each side of 0; the simulated mean must
    /// agree with the exact χ1^L = (σw²(φ′(0−)² + φ′(0+)²)/2)^4 within 4 standard errors.
    func testSpectrumAtZeroLengthAgreesWithTheoryAtKinks() throws {
        let cases: [(String, Double, Double)] = [
            ("max(x,0)+min(tanh(x),0)", 1, 1), ("max(x,0)+0.01*sin(x)", 0.01, 1.01), ("max(x,0)-max(x-1,0)", 0, 1),
        ]
        for (phi, left, right) in cases {
            let j = try CLI.json(["spectrum", "--phi", phi, "--sigma-w", "0.8", "--sigma-b", "0", "--depth", "4",
                                  "--width", "200", "--networks", "2"])
            let exact = pow(0.64 * (left * left + right * right) / 2, 4)
            XCTAssertEqual(j["mean_theory"] as! Double, exact, accuracy: 1e-14 * exact, phi)
            let mean = j["mean"] as! Double, stderr = j["mean_stderr"] as! Double
            XCTAssertLessThan(abs(mean - exact), 4 * stderr + 0.02 * exact, "\(phi): \(mean) ± \(stderr) vs \(exact)")
        }
    }

    // MARK: - iterate where q grows without bound

    /// softplus at σw = 1.6: V(q)/q → σw²/2 = 1.28, so q^l grows geometrically. At depth
    /// 1500 (q ~ 1e161) the two-dimensional covariance integral once took minutes per
    /// hundred layers (log² q panels); the split at large q makes each layer cost
    /// O(log q). Measured on a debug build: 13 s of CPU (layers 50–100, q ~ 1e6 … 1e10,
    /// on the full 2-D rule, take most of it); the bound is 5× that, on the child's CPU
    /// time (the wall clock depends on what else the machine runs).
    func testIterateWithGrowingLengthFinishes() throws {
        let before = childCPUSeconds()
        let j = try CLI.json(["iterate", "--phi", "softplus", "--sigma-w", "1.6", "--sigma-b", "0.2", "--q0", "2",
                              "--c0", "0.5", "--depth", "1500"])
        let seconds = childCPUSeconds() - before
        XCTAssertLessThan(seconds, 65, "iterate --depth 1500 took \(seconds) s of CPU")
        let layers = rows(j, "layers")
        XCTAssertEqual(layers.count, 1500)
        let q = try XCTUnwrap(layers.last?["q"] as? Double)
        // V(q)/q → 1.28 per layer at large q: q^1500 ≈ q^1400 · 1.28^100 to within the
        // relative corrections σb²/q and E[softplus² − relu²]/q, far below 1e-9 there.
        let q1400 = try XCTUnwrap(layers[1399]["q"] as? Double)
        XCTAssertEqual(q / q1400, pow(1.28, 100), accuracy: 1e-9 * pow(1.28, 100))
        let c = try XCTUnwrap(layers.last?["c"] as? Double)
        XCTAssertTrue(c > 0.99 && c <= 1, "c = \(c)")
    }

    /// User and system CPU time of the waited-for child processes so far.
    func childCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Where q^l passes 1e250 the layers beyond print null, with one note line, instead
    /// of the whole command failing.
    func testIterateOverflowPrintsNull() throws {
        let r = try CLI.run(["iterate", "--phi", "softplus", "--sigma-w", "3", "--sigma-b", "0.2", "--q0", "2",
                             "--depth", "500", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("null"), r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let layers = rows(j, "layers")
        XCTAssertEqual(layers.count, 500)
        // V(q)/q → 4.5 at large q: 1e250 is passed near layer ln(1e250)/ln(4.5) ≈ 383.
        let firstNull = try XCTUnwrap(layers.firstIndex { $0["q"] is NSNull })
        XCTAssertTrue((370...395).contains(firstNull), "first null at row \(firstNull)")
        XCTAssertTrue(layers[firstNull...].allSatisfy { $0["q"] is NSNull && $0["c"] is NSNull })
        XCTAssertTrue(layers[..<firstNull].allSatisfy { ($0["q"] as? Double ?? .infinity) < 1e250 })
    }

    /// The grid form does the same per point: σw = 3 overflows near layer 383, σw = 1 not.
    func testIterateGridOverflowPrintsNullPerPoint() throws {
        let r = try CLI.run(["iterate", "--phi", "softplus", "--sigma-w", "1:3:2", "--sigma-b", "0.2", "--q0", "2",
                             "--depth", "400", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let all = rows(j)
        XCTAssertEqual(all.count, 800)
        let one = all.filter { $0["sigma_w"] as? Double == 1 }, three = all.filter { $0["sigma_w"] as? Double == 3 }
        XCTAssertTrue(one.allSatisfy { $0["q"] is Double })
        let firstNull = try XCTUnwrap(three.firstIndex { $0["q"] is NSNull })
        XCTAssertTrue((370...395).contains(firstNull), "first null at row \(firstNull)")
        XCTAssertTrue(three[firstNull...].allSatisfy { $0["q"] is NSNull && $0["c"] is NSNull })
    }

    // MARK: - spectrum where q* does not exist

    /// relu at σw = 2 > √2 has no q* (V(q) = 2q + σb²); `fixed-point` refuses it and
    /// `spectrum` printed q_star = 1. The spectrum of a positively homogeneous φ does not
    /// depend on q, so it stays, with q_star null and a note; its mean is χ1^L =
    /// (σw²(l² + r²)/2)^L exactly.
    func testSpectrumWithoutFixedPointPrintsNullLength() throws {
        for (phi, left, right) in [("relu", 0.0, 1.0), ("abs", -1, 1), ("linear", 1, 1), ("max(x,0)", 0, 1)] {
            let r = try CLI.run(["spectrum", "--phi", phi, "--sigma-w", "2", "--sigma-b", "0.3", "--depth", "3",
                                 "--networks", "0", "--lambda", "1:10:3", "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("q_star is null") && r.stderr.contains("q = 1"), r.stderr)
            let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            XCTAssertTrue(j["q_star"] is NSNull, phi)
            let chi1 = 4 * (left * left + right * right) / 2
            XCTAssertEqual(j["mean_theory"] as! Double, pow(chi1, 3), accuracy: 1e-13 * pow(chi1, 3), phi)
        }
        let f = try CLI.run(["iterate", "--phi", "relu", "--sigma-w", "2", "--sigma-b", "0.3"])
        XCTAssertEqual(f.status, 2)
    }

    // MARK: - depth scales

    /// φ = cos: V(q) = σw²(1 + e^{−2q})/2 + σb², so χ_q = V′(q*) = −σw² e^{−2q*} < 0 (an
    /// oscillating approach) and ξ_q = −1/ln|χ_q| = 1/(2q*) at σw = 1; it was null.
    /// q* from Newton's method on the closed form, here.
    func testNegativeChiQHasADepthScale() throws {
        var q = 0.7
        for _ in 0..<50 {
            let f = (1 + exp(-2 * q)) / 2 + 0.09 - q, df = -exp(-2 * q) - 1
            q -= f / df
        }
        let j = try CLI.json(["fixed-point", "--phi", "cos(x)", "--sigma-w", "1", "--sigma-b", "0.3"])
        XCTAssertEqual(j["chi_q"] as! Double, -exp(-2 * q), accuracy: 1e-13)
        XCTAssertEqual(try XCTUnwrap(j["xi_q"] as? Double), 1 / (2 * q), accuracy: 1e-12)
    }

    /// relu at σw = √2 rounded down: χ1 = χ_c = χ_q = 1 − 2⁻⁵² exactly. ξ_q was
    /// 4.5e15 and ξ_c null; every ξ is −1/ln(1 − 2⁻⁵²) = 2⁵² − 1/2 + O(2⁻⁵²).
    func testDepthScalesJustBelowOneAreFinite() throws {
        let j = try CLI.json(["fixed-point", "--phi", "relu", "--sigma-w", "1.414213562373095", "--sigma-b", "0"])
        for key in ["xi_q", "xi_c", "xi_grad"] {
            XCTAssertEqual(try XCTUnwrap(j[key] as? Double, key), 4503599627370495.5, accuracy: 1, key)
        }
    }
}

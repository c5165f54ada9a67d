import Nonlinearities
import Foundation
import XCTest

final class VectorExpTests: XCTestCase {
    func testVectorExpMatchesLibmWithinTwoUlpOnItsDomain() {
        var worst = 0.0
        var x = -708.0
        while x <= 0 {
            let v = SIMD8<Double>((0..<8).map { x + Double($0) * 1e-3 })
            let e = vectorExp(v)
            for l in 0..<8 {
                let exact = exp(v[l])
                worst = max(worst, abs(e[l] - exact) / exact.ulp)
            }
            x += 0.0731
        }
        XCTAssertLessThanOrEqual(worst, 2, "worst error \(worst) ulp")
        XCTAssertEqual(vectorExp(SIMD8(repeating: 0))[0], 1)
        XCTAssertEqual(vectorExp(SIMD8(repeating: -1000))[0], exp(-708.0), accuracy: 2 * exp(-708.0).ulp,
                       "clamped below −708")
    }

    func testVectorTanhMatchesLibmWithinTwoE15() {
        var worst = 0.0
        var x = -30.0
        while x <= 30 {
            let v = SIMD8<Double>((0..<8).map { x + Double($0) * 1.3e-4 })
            let t = vectorTanh(v)
            for l in 0..<8 where v[l] != 0 { worst = max(worst, abs(t[l] - tanh(v[l])) / abs(tanh(v[l]))) }
            x += 0.00917
        }
        for tiny in [1e-300, 1e-12, 1e-3, 0.1249, 0.1251, 400, -1e5] {
            let t = vectorTanh(SIMD8(repeating: tiny))[0]
            worst = max(worst, abs(t - tanh(tiny)) / abs(tanh(tiny)))
        }
        XCTAssertLessThan(worst, 2e-15, "worst relative error \(worst)")
    }

    /// Lanes of one vector on either side of every branch (the −708 clamp of exp; |x| < 1/8,
    /// the sign, ±0, ±inf and NaN of tanh) each get what a vector of that lane alone gets:
    /// the per-lane selects pick per lane. tanh is odd bit for bit (tanh(−x) = −tanh x),
    /// tanh(±0) = 0, tanh(±inf) = ±1 and NaN stays NaN; exp below −708 is e^{−708}.
    func testVectorMathSelectsPerLaneAndKeepsSignsOfZeroInfinityAndNaN() {
        let expLanes = SIMD8<Double>(-1000, 0, -708.5, 3, -707.9, -1e-300, -5000, 1)
        let e = vectorExp(expLanes)
        for l in 0..<8 {
            XCTAssertEqual(e[l].bitPattern, vectorExp(SIMD8(repeating: expLanes[l]))[0].bitPattern, "exp lane \(l)")
            let exact = exp(Swift.max(expLanes[l], -708))
            XCTAssertEqual(e[l], exact, accuracy: 2 * exact.ulp, "exp(\(expLanes[l]))")
        }
        let tanhLanes = SIMD8<Double>(-0.0, 0.0, .infinity, -.infinity, .nan, -1e-320, 0.1249, -3.5)
        let t = vectorTanh(tanhLanes)
        for l in 0..<8 {
            let alone = vectorTanh(SIMD8(repeating: tanhLanes[l]))[0]
            XCTAssertTrue(t[l].bitPattern == alone.bitPattern || (t[l].isNaN && alone.isNaN), "tanh lane \(l)")
        }
        XCTAssertEqual(t[0], 0)
        XCTAssertEqual(t[1], 0)
        XCTAssertEqual(t[2], 1)
        XCTAssertEqual(t[3], -1)
        XCTAssertTrue(t[4].isNaN)
        XCTAssertEqual(t[5], -1e-320)
        var x = 1e-6
        while x < 40 {
            let v = SIMD8<Double>((0..<8).map { x * (1 + Double($0) * 0.013) })
            let plus = vectorTanh(v), minus = vectorTanh(-v)
            for l in 0..<8 { XCTAssertEqual(minus[l].bitPattern, (-plus[l]).bitPattern, "tanh odd at \(v[l])") }
            x *= 1.37
        }
    }
}

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
}

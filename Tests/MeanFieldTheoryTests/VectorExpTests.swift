@testable import MeanFieldTheory
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
}

import Foundation
import Model
import Numerical
import XCTest

/// `HaarReflections` (the orthogonal W^l of `spectrum`, never formed) against exact facts:
/// W is σw times an orthogonal matrix, it is Haar-distributed (closed-form moments of the
/// Haar measure on O(N)), and its bytes do not depend on the number of workers.
final class HaarReflectionsTests: XCTestCase {
    /// W formed by applying the reflections to the identity.
    private func formed(_ r: HaarReflections) -> [Double] {
        let n = r.size
        var w = [Double](repeating: 0, count: n * n)
        for i in 0..<n { w[i * n + i] = 1 }
        w.withUnsafeMutableBufferPointer { r.apply(to: $0.baseAddress!, columns: n, ldc: n) }
        return w
    }

    private func reflections(size n: Int, seed: UInt64, scale: Double = 1) throws -> HaarReflections {
        let r = try HaarReflections(size: n)
        var stream = GaussianStream(seed: seed)
        stream.fill(r.gaussians, count: n * n, sigma: 1)
        r.build(scale: scale)
        return r
    }

    /// WᵀW = σw² I to 1e-13 (N = 70: three reflection blocks, the last one short), and W
    /// applied to one vector equals the formed W times it.
    func testReflectionsMakeAScaledOrthogonalMatrix() throws {
        let n = 70, sw = 1.3
        let r = try reflections(size: n, seed: 5, scale: sw)
        let w = formed(r)
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for k in 0..<n { dot += w[i * n + k] * w[j * n + k] }
                worst = max(worst, abs(dot - (i == j ? sw * sw : 0)))
            }
        }
        XCTAssertLessThan(worst, 1e-13, "WᵀW − σw² I")
        var x = (0..<n).map { sin(Double($0) + 0.5) }
        let expected = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + w[$1 * n + i] * x[$1] } }
        x.withUnsafeMutableBufferPointer { r.apply(to: $0.baseAddress!) }
        for i in 0..<n { XCTAssertEqual(x[i], expected[i], accuracy: 1e-13) }
    }

    /// Haar on O(4): E[tr W] = 0, E[(tr W)²] = 1, E[tr W²] = 1, E[W₁₁²] = 1/4
    /// (Diaconis & Shahshahani 1994), each within 5 standard errors over 8000 draws.
    /// Without the sign correction S, E[W₁₁] would be −E|x₁|/|x| ≈ −0.42.
    func testReflectionsAreHaarDistributed() throws {
        let n = 4, draws = 8000
        var samples: [[Double]] = Array(repeating: [], count: 5)
        for k in 0..<draws {
            let w = formed(try reflections(size: n, seed: UInt64(1000 + k)))
            var trace = 0.0, traceSquare = 0.0
            for i in 0..<n {
                trace += w[i * n + i]
                for j in 0..<n { traceSquare += w[j * n + i] * w[i * n + j] }
            }
            for (s, v) in zip(samples.indices, [trace, trace * trace, traceSquare, w[0], w[0] * w[0]]) { samples[s].append(v) }
        }
        for (s, exact) in zip(samples, [0, 1, 1, 0, 0.25]) {
            let mean = s.reduce(0, +) / Double(draws)
            let sd = (s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)).squareRoot()
            XCTAssertEqual(mean, exact, accuracy: 5 * sd / Double(draws).squareRoot())
        }
    }

    /// The product's column blocks run on any number of workers with the same bytes.
    func testBytesDoNotDependOnTheWorkers() throws {
        let n = 300
        let r = try reflections(size: n, seed: 9, scale: 0.9)
        defer { LinearAlgebra.workers = nil }
        var results: [[Double]] = []
        for w in [1, 2, 3] {
            LinearAlgebra.workers = w
            var c = (0..<(n * n)).map { cos(Double($0)) }
            c.withUnsafeMutableBufferPointer { r.apply(to: $0.baseAddress!, columns: n, ldc: n) }
            results.append(c)
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0], results[2])
    }
}

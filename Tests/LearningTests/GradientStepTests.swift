@testable import Learning
import Model
import XCTest

/// One epoch of gradient descent (the stepper the learning-time race runs: forward
/// partial products, backward δ's, dgemm updates) against the gradient written as plain
/// loops.
final class GradientStepTests: XCTestCase {
    /// A 9-layer Gaussian net (8 one-hot items, hidden 24, 16 outputs) and a rate of the
    /// learning-time grid's size.
    func network() throws -> (DeepLinearNetwork, LearningData, GradientDescent) {
        let h = try HierarchyTheory(levels: 4, branching: 2, epsilon: 0.1, features: 16)
        let data = try LearningData.hierarchy(h, seed: 1)
        let net = try DeepLinearNetwork(layers: 9, hidden: 24, data: data, initial: .gaussian, seed: 1)
        return (net, data, GradientDescent(learningRate: 0.3 / (8 * data.s[0]), epochs: 30))
    }

    /// One epoch against the gradient written as plain loops (no BLAS):
    /// W^l += λ (W^m ⋯ W^{l+1})ᵀ (Σ³¹ − W^tot) (W^{l−1} ⋯ W^1)ᵀ, to 1e-12 of the largest weight.
    func testEpochEqualsTheGradientStepWrittenAsLoops() throws {
        let (net, data, gd) = try network()
        let run = GradientDescentStepper(gd, network: net, data: data)
        _ = try run.error()
        run.step()
        let sizes = net.sizes, m = sizes.count - 1
        func multiply(_ a: [Double], _ ar: Int, _ ac: Int, _ b: [Double], _ bc: Int) -> [Double] {
            var c = [Double](repeating: 0, count: ar * bc)
            for j in 0..<bc { for k in 0..<ac { for i in 0..<ar { c[j * ar + i] += a[k * ar + i] * b[j * ac + k] } } }
            return c
        }
        func transpose(_ a: [Double], _ r: Int, _ c: Int) -> [Double] {
            var t = [Double](repeating: 0, count: r * c)
            for j in 0..<c { for i in 0..<r { t[i * c + j] = a[j * r + i] } }
            return t
        }
        func identity(_ n: Int) -> [Double] { (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 } }
        // below[l] = W^l ⋯ W^1 (n_l × n_0), above[l] = W^m ⋯ W^{l+1} (n_m × n_l).
        var below = [identity(sizes[0])]
        for l in 1...m { below.append(multiply(net.weights[l - 1], sizes[l], sizes[l - 1], below[l - 1], sizes[0])) }
        var above = [[Double]](repeating: [], count: m + 1)
        above[m] = identity(sizes[m])
        for l in stride(from: m - 1, through: 0, by: -1) {
            above[l] = multiply(above[l + 1], sizes[m], sizes[l + 1], net.weights[l], sizes[l])
        }
        let delta = zip(data.correlation, below[m]).map { $0 - $1 }
        let stepped = run.workspace.network.weights
        let scale = net.weights.flatMap { $0 }.map(abs).max() ?? 1
        for l in 1...m {
            let back = multiply(transpose(above[l], sizes[m], sizes[l]), sizes[l], sizes[m], delta, sizes[0])
            let grad = multiply(back, sizes[l], sizes[0], transpose(below[l - 1], sizes[l - 1], sizes[0]), sizes[l - 1])
            for (i, g) in grad.enumerated() {
                XCTAssertEqual(stepped[l - 1][i], net.weights[l - 1][i] + gd.learningRate * g, accuracy: 1e-12 * scale,
                               "layer \(l) entry \(i)")
            }
        }
    }
}

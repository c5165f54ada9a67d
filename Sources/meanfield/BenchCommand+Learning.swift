import Foundation
import MeanField

extension BenchCommand {
    /// Gradient descent on a deep linear network (hidden width 1000, 10 layers, 1000
    /// epochs on the 6-level tree with 64 features: 32 one-hot items) against the time of
    /// its dgemm calls alone on the same shapes (3·(m − 1) per epoch, m = 9 matrices), and
    /// `learning-time` over depths 3 … 100 (hidden 128, four initial conditions, the
    /// command's default rate grid).
    func learning(_ table: BenchTable) throws {
        let h = try HierarchyTheory(levels: 6, branching: 2, epsilon: 0.1, features: 64)
        let data = try LearningData.hierarchy(h, seed: 1)
        let width = quick ? 300 : 1000, layers = 10, epochs = quick ? 200 : 1000
        let net = try DeepLinearNetwork(layers: layers, hidden: width, data: data, initial: .orthogonal, seed: 1)
        let rate = 0.1 / (Double(layers - 1) * data.s[0])
        let gd = GradientDescent(learningRate: rate, epochs: epochs)
        let t = try time(repeats, "learning GD") { _ = try gd.run(net, on: data, recordModes: false) }
        let blas = try time(repeats, "learning dgemm") { gradientDescentProductsOnly(sizes: net.sizes, epochs: epochs) }
        let m = layers - 1
        let weightEntries: Int = (1..<m).map { (l: Int) -> Int in net.sizes[l + 1] * net.sizes[l] }.reduce(0, +)
        let flops: Double = Double(epochs) * 2 * Double(data.inputs) * Double(weightEntries * 3)
        print(String(format: "  learning GD hidden=%d N_l=%d %d epochs (P=%d, %d outputs): %.3f s; dgemm alone %.3f s (%.1f GFLOP/s): ratio %.2f",
                     width, layers, epochs, data.inputs, data.outputs, t, blas, flops / blas / 1e9, t / blas))
        let command: String = quick ? "meanfield bench --only learning --quick" : "meanfield bench --only learning"
        let gdRatio: String = String(format: "%.2f× the time of its dgemm calls", t / blas)
        table.add("gradient descent, deep linear net: hidden \(width), \(layers) layers, \(epochs) epochs",
                  meanfield: Timing.seconds(t), peer: "its own dgemm calls alone: " + Timing.seconds(blas),
                  ratio: gdRatio, commands: [command], rank: 8)
        let depths = quick ? [3, 10, 30] : [3, 5, 10, 20, 50, 100]
        let request = LearningTimeRequest(data: data, hidden: 128, layers: depths,
                                          initials: [.orthogonal, .decoupled, .gaussian, .small])
        var r = request
        r.rateFactors = (0.01, 4, 14)
        r.a0 = 1
        let start = Date()
        let rows = try r.run()
        let elapsed = Date().timeIntervalSince(start)
        let summary = rows.map { "\($0.layers)/\($0.initial.rawValue):\($0.epochs.map(String.init) ?? "null")" }
            .joined(separator: " ")
        print(String(format: "  learning-time N_l = %@, hidden 128, 4 inits, 14 rates: %.1f s", depths.map(String.init).joined(separator: ","), elapsed))
        print("    epochs: \(summary)")
        let depthList: String = depths.map(String.init).joined(separator: ", ")
        table.add("learning-time search: depths \(depthList), hidden 128, 4 initial conditions, 14 rates",
                  meanfield: Timing.seconds(elapsed), peer: "no peer", commands: [command], rank: 8)
    }

    /// The dgemm calls of `epochs` gradient-descent steps alone: per epoch the forward
    /// partial products, the backward δ's and the weight updates, on random matrices.
    func gradientDescentProductsOnly(sizes: [Int], epochs: Int) {
        let m = sizes.count - 1, n0 = sizes[0], widest = sizes.max() ?? 1
        let w = (1...m).map { l in UnsafeMutablePointer<Double>.allocate(capacity: sizes[l] * sizes[l - 1]) }
        let p = (1...m).map { l in UnsafeMutablePointer<Double>.allocate(capacity: sizes[l] * n0) }
        let d = UnsafeMutablePointer<Double>.allocate(capacity: widest * n0)
        let e = UnsafeMutablePointer<Double>.allocate(capacity: widest * n0)
        defer { for x in w + p + [d, e] { x.deallocate() } }
        var stream = GaussianStream(seed: 1)
        for l in 1...m {
            stream.fill(w[l - 1], count: sizes[l] * sizes[l - 1], sigma: 1e-3)
            stream.fill(p[l - 1], count: sizes[l] * n0, sigma: 1e-3)
        }
        stream.fill(d, count: widest * n0, sigma: 1e-3)
        for _ in 0..<epochs {
            for l in 1..<m {
                LinearAlgebra.dgemm(m: sizes[l + 1], n: n0, k: sizes[l], w[l], lda: sizes[l + 1], p[l - 1], ldb: sizes[l],
                                  p[l], ldc: sizes[l + 1])
            }
            for l in stride(from: m, through: 2, by: -1) {
                let rows = sizes[l], cols = sizes[l - 1]
                LinearAlgebra.dgemm(transposeA: true, m: cols, n: n0, k: rows, w[l - 1], lda: rows, d, ldb: rows, e, ldc: cols)
                LinearAlgebra.dgemm(transposeB: true, m: rows, n: cols, k: n0, alpha: 1e-9, d, lda: rows,
                                  p[l - 2], ldb: cols, beta: 1, w[l - 1], ldc: rows)
            }
        }
    }
}

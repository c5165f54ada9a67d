import Model
import Numerical

extension SimulationRequest {
    /// W^l and b^l of network k: W′ = [W | b].
    func drawLayer(_ ws: Workspace, network k: Int, layer l: Int) throws {
        let n = network.width
        if let shared = ws.standardWeights, network.weights == .gaussian {
            // The same bits as `draw`: each standard Gaussian times σw/√N.
            let u = shared.matrix(network: k, layer: l), w = ws.weights
            let sigma = network.sigmaW / Double(n).squareRoot()
            for i in 0..<n * n { w[i] = sigma * u[i] }
        } else {
            try network.weights.draw(into: ws.weights, width: n, sigmaW: network.sigmaW,
                                     seed: seed, network: k, layer: l, scratch: ws.qr)
        }
        var stream = GaussianStream(seed: RandomStream.bias(network: k, layer: l).seed(seed))
        stream.fill(ws.bias, count: n, sigma: network.sigmaB)
    }

    /// next = W′ · [current; bias row] = W·current + b (on h columns): one product for the
    /// whole batch, the bias included, in fixed column blocks on all cores (`LinearAlgebra`:
    /// the same bytes whatever the thread count).
    func multiply(_ ws: Workspace) {
        let n = network.width
        for r in productColumns {
            LinearAlgebra.dgemm(m: n, n: r.count, k: n + 1, ws.weights, lda: n, ws.current + r.lowerBound * ws.ld, ldb: ws.ld,
                                ws.next + r.lowerBound * ws.ld, ldc: ws.ld)
        }
        ws.swap()
    }

    /// The columns `multiply` computes: all of them, or without `derivatives` the blocks
    /// of `LinearAlgebra.columnBlock` columns that hold a point or an extra input. The
    /// ranges start on block boundaries and end on one or at the last column, so each
    /// block is the same `cblas_dgemm` call as in the full product (the same bytes).
    var productColumns: [Range<Int>] {
        let m = columns, p = circlePoints, b = LinearAlgebra.columnBlock
        if derivatives { return [0..<m] }
        let points = 0..<Swift.min(m, (p + b - 1) / b * b)
        guard m > 3 * p else { return [points] }
        let extra = Swift.max(points.upperBound, 3 * p / b * b)..<m
        return extra.lowerBound == points.upperBound ? [0..<m] : [points, extra]
    }
}

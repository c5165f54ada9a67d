import Model
import Numerical

extension SimulationRequest {
    /// W^l and b^l of network k: W′ = [W | b].
    func drawLayer(_ ws: Workspace, network k: Int, layer l: Int) throws {
        let n = network.width
        try network.weights.draw(into: ws.weights, width: n, sigmaW: network.sigmaW,
                             seed: seed, network: k, layer: l, scratch: ws.qr)
        var stream = GaussianStream(seed: RandomStream.bias(network: k, layer: l).seed(seed))
        stream.fill(ws.bias, count: n, sigma: network.sigmaB)
    }

    /// next = W′ · [current; bias row] = W·current + b (on h columns): one product for the
    /// whole batch, the bias included, in fixed column blocks on all cores (`LinearAlgebra`:
    /// the same bytes whatever the thread count).
    func multiply(_ ws: Workspace) {
        let n = network.width
        LinearAlgebra.dgemm(m: n, n: columns, k: n + 1, ws.weights, lda: n, ws.current, ldb: ws.ld, ws.next, ldc: ws.ld)
        ws.swap()
    }
}

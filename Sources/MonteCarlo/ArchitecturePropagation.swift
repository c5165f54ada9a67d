import Foundation
import Model
import Numerical

/// The forward pass of a network with an architecture (SPEC §11), the same value the
/// theory reads: h columns only (the inputs and pairs of `--measure points|pairs`).
///
/// - mlp: h^{l+1} = W^{l+1} (m ⊙ φ(N(h^l)))/ρ + b^{l+1}, N the layer normalisation with
///   `--norm layer`; dense layer l + 1 is the plain network's layer l + 1 (same streams).
/// - resnet: x^{l+1} = w x^l + √(1−w²) B(x^l), B = dense, then K × (φ, dropout, dense);
///   block l's dense layers are numbered (l−1)(K+1) + 2 … l(K+1) + 1 in the network's
///   weight and bias streams, so that no two share one.
/// Layer normalisation is the finite one, (x − mean)/√variance over the N units (its
/// kernel at infinite width is SPEC §11's); dropout masks m ~ Bernoulli(ρ) are drawn per
/// unit, column (input) and layer from `RandomStream.dropoutMask`, in column order on one
/// thread, so the bytes do not depend on the thread count. The products go through
/// `LinearAlgebra` as the plain network's do (`multiply`).
extension SimulationRequest {
    func architectureStep(_ ws: Workspace, network k: Int, layer l: Int) throws {
        let a = network.architecture
        switch a.kind {
        case .mlp:
            if a.norm == .layer { normaliseColumns(ws) }
            phiAndDropout(ws, network: k, dense: l + 1)
            try drawLayer(ws, network: k, layer: l + 1)
            multiply(ws)
        case .resnet:
            let n = network.width, ld = ws.ld, m = columns
            let shortcut = UnsafeMutablePointer<Double>.allocate(capacity: ld * m)
            defer { shortcut.deallocate() }
            shortcut.update(from: ws.current, count: ld * m)
            if a.norm == .pre { normaliseColumns(ws) }
            let first = (l - 1) * (a.branchDepth + 1) + 2
            try drawLayer(ws, network: k, layer: first)
            multiply(ws)
            for j in 1...a.branchDepth {
                phiAndDropout(ws, network: k, dense: first + j)
                try drawLayer(ws, network: k, layer: first + j)
                multiply(ws)
            }
            let w = a.shortcutWeight, v = (1 - w * w).squareRoot()
            let x = ws.current
            for j in 0..<m {
                for i in 0..<n { x[j * ld + i] = w * shortcut[j * ld + i] + v * x[j * ld + i] }
            }
            if a.norm == .post { normaliseColumns(ws) }
        }
    }

    /// φ on every entry, then the dropout mask of dense layer `dense` (nothing at ρ = 1).
    func phiAndDropout(_ ws: Workspace, network k: Int, dense l: Int) {
        let n = network.width, ld = ws.ld, x = ws.current, phi = network.phi, keep = network.architecture.keep
        for j in 0..<columns {
            for i in 0..<n { x[j * ld + i] = phi.value(x[j * ld + i]) }
        }
        guard keep < 1 else { return }
        var rng = Xoshiro256StarStar(seed: RandomStream.dropoutMask(network: k, layer: l).seed(seed))
        let scale = 1 / keep
        for j in 0..<columns {
            for i in 0..<n {
                // Uniform on [0, 1) with 53 bits: kept with probability ρ.
                let u = Double(rng.next() >> 11) * 0x1.0p-53
                x[j * ld + i] = u < keep ? x[j * ld + i] * scale : 0
            }
        }
    }

    /// Each column ↦ (x − mean)/√variance over its N units; a constant column is left as is.
    func normaliseColumns(_ ws: Workspace) {
        let n = network.width, ld = ws.ld, x = ws.current, dn = Double(n)
        for j in 0..<columns {
            let c = x + j * ld
            var mean = 0.0
            for i in 0..<n { mean += c[i] }
            mean /= dn
            var variance = 0.0
            for i in 0..<n { let d = c[i] - mean; variance += d * d }
            variance /= dn
            guard variance > 0 else { continue }
            let r = 1 / variance.squareRoot()
            for i in 0..<n { c[i] = (c[i] - mean) * r }
        }
    }
}

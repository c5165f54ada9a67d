import Model
import Numerical

extension SimulationRequest {
    /// Network k's circle at the given layers projected on its first `components`
    /// principal components (the paper's Fig. 3): per layer, P rows of coordinates.
    /// The centred Gram matrix G = H̃ᵀH̃ (P×P, `cblas_dsyrk`) has the same non-zero
    /// eigenvalues λ as the N×N covariance; the coordinates of point θ are √λ_k e_k(θ)
    /// for the top eigenvectors e_k (LAPACK `dsyev`). Signs follow LAPACK's.
    public func circleProjection(network k: Int = 0, layers: [Int], components: Int = 3) throws -> [Int: [[Double]]] {
        try validate()
        let ws = Workspace(width: network.width, columns: columns)
        var out: [Int: [[Double]]] = [:]
        try forEachLayer(ws, network: k) { l in
            guard layers.contains(l) else { return }
            out[l] = try project(ws, components: components)
        }
        return out
    }

    /// The current layer's circle on its first `components` principal components.
    func project(_ ws: Workspace, components: Int) throws -> [[Double]] {
        let n = network.width, p = circlePoints
        var centred = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            var mean = 0.0
            for j in 0..<p { mean += ws.current[j * ws.ld + i] }
            mean /= Double(p)
            for j in 0..<p { centred[j * n + i] = ws.current[j * ws.ld + i] - mean }
        }
        var g = [Double](repeating: 0, count: p * p)
        LinearAlgebra.dsyrkTransposed(n: p, k: n, centred, lda: n, &g, ldc: p)
        let lambda = try LinearAlgebra.symmetricEigen(&g, n: p)
        // Eigenvalues ascend: the top components are the last columns.
        return (0..<p).map { j in
            (0..<Swift.min(components, p)).map { c in
                let col = p - 1 - c
                return Swift.max(lambda[col], 0).squareRoot() * g[col * p + j]
            }
        }
    }
}

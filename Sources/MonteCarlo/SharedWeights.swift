import Model
import Numerical

/// The standard Gaussian matrices behind the Gaussian W^l of one network at a time,
/// drawn once (`WeightEnsemble.drawStandard`) and kept while runs of several settings
/// (σw, dropout, …) of that network read them: each setting's W^l is them times σw/√N,
/// bit for bit what it would draw itself. Moving to another network frees the last one's.
/// A final class because it owns raw memory, freed in `deinit`; used on one thread.
final class StandardWeights {
    let width: Int
    let seed: UInt64
    private var network = -1
    private var layers: [Int: UnsafeMutablePointer<Double>] = [:]

    init(width: Int, seed: UInt64) {
        self.width = width
        self.seed = seed
    }

    /// Layer l's standard Gaussians of network k (N×N, column-major).
    func matrix(network k: Int, layer l: Int) -> UnsafePointer<Double> {
        if k != network {
            release()
            network = k
        }
        if let m = layers[l] { return UnsafePointer(m) }
        let m = UnsafeMutablePointer<Double>.allocate(capacity: width * width)
        WeightEnsemble.drawStandard(into: m, width: width, seed: seed, network: k, layer: l)
        layers[l] = m
        return UnsafePointer(m)
    }

    private func release() {
        for m in layers.values { m.deallocate() }
        layers = [:]
    }

    deinit { release() }
}

extension SimulationRequest {
    /// `run()` of each request, the same numbers, network by network: when all share the
    /// width, depth, seed, network count and the Gaussian ensemble they draw the same
    /// standard Gaussians for W^l of network k, differing only by the factor σw/√N, so
    /// each matrix is drawn once per network and scaled per request (memory: depth − 1
    /// N×N matrices more). Otherwise each request runs on its own.
    public static func runSharingWeights(_ requests: [SimulationRequest]) throws -> [[[LayerMeasurement]]] {
        guard let first = requests.first else { return [] }
        let shared = requests.allSatisfy {
            $0.network.width == first.network.width && $0.network.depth == first.network.depth && $0.seed == first.seed
                && $0.networks == first.networks && $0.network.weights == .gaussian
        }
        guard shared, requests.count > 1, first.network.depth > 1 else { return try requests.map { try $0.run() } }
        for r in requests { try r.validate() }
        let standard = StandardWeights(width: first.network.width, seed: first.seed)
        var all = [[[LayerMeasurement]]](repeating: [], count: requests.count)
        for k in 0..<first.networks {
            for (i, r) in requests.enumerated() {
                let ws = Workspace(width: r.network.width, columns: r.columns)
                ws.standardWeights = standard
                var layers: [LayerMeasurement] = []
                try r.forEachLayer(ws, network: k) { _ in layers.append(r.measure(ws)) }
                all[i].append(layers)
            }
        }
        return all
    }
}

import Model
import Numerical

extension SimulationRequest {
    /// Runs every network and returns measurements[network][layer − 1].
    ///
    /// Per layer, the N×M matrix [h | v | a | extra inputs] goes through one pass:
    /// the elementwise jet in place (h → φ(h), v → φ′(h)⊙v, a → φ″(h)⊙v⊙v + φ′(h)⊙a,
    /// extra h → φ(h)), then one `cblas_dgemm` [W | b]·[…; 1ᵀ] for the whole batch, the
    /// bias included (see `Workspace`). v and a are the exact forward-mode tangent and acceleration
    /// (SPEC.md §4): no finite differences.
    ///
    /// `progress(done, total)` is called after each layer of each network.
    /// `profile`, when given, accumulates the seconds spent in each phase.
    public func run(progress: ((Int, Int) -> Void)? = nil, profile: SimulationProfile? = nil) throws -> [[LayerMeasurement]] {
        try run(projecting: [], progress: progress, profile: profile).measurements
    }

    /// `run()`, and on the way network 0's circle at `layers` on its first `components`
    /// principal components: the same values as `circleProjection(network: 0, layers:)`
    /// without propagating network 0 a second time.
    public func run(projecting layers: [Int], components: Int = 3, progress: ((Int, Int) -> Void)? = nil,
                    profile: SimulationProfile? = nil) throws -> (measurements: [[LayerMeasurement]], projections: [Int: [[Double]]]) {
        try validate()
        let ws = Workspace(width: network.width, columns: columns, weights: network.depth > 1)
        var all: [[LayerMeasurement]] = []
        var projections: [Int: [[Double]]] = [:]
        for k in 0..<networks {
            var measured: [LayerMeasurement] = []
            try forEachLayer(ws, network: k, profile: profile) { l in
                measured.append(profile.timed(\.measure) { measure(ws) })
                if k == 0, layers.contains(l) { projections[l] = try project(ws, components: components) }
                progress?(k * network.depth + l, networks * network.depth)
            }
            all.append(measured)
        }
        return (all, projections)
    }

    /// Runs every network and returns, per layer, the mean and standard error over
    /// networks, streamed: each network's measurements go into running statistics and are
    /// dropped, so memory does not grow with `networks` (the same numbers as
    /// `LayerSummary.summarize(run())`).
    public func summarize(progress: ((Int, Int) -> Void)? = nil, profile: SimulationProfile? = nil) throws -> [LayerSummary] {
        try validate()
        let ws = Workspace(width: network.width, columns: columns, weights: network.depth > 1)
        var layers: [LayerAccumulator] = []
        for k in 0..<networks {
            try forEachLayer(ws, network: k, profile: profile) { l in
                let m = profile.timed(\.measure) { measure(ws) }
                if layers.count < l { layers.append(LayerAccumulator(like: m)) }
                layers[l - 1].add(m)
                progress?(k * network.depth + l, networks * network.depth)
            }
        }
        return layers.enumerated().map { $1.summary(layer: $0 + 1) }
    }

    /// Pushes network k's inputs through its layers, calling `body(l)` with layer l's
    /// matrix in `ws.current`.
    func forEachLayer(_ ws: Workspace, network k: Int, profile: SimulationProfile? = nil, _ body: (Int) throws -> Void) throws {
        profile.timed(\.inputs) { prepareInputs(ws, network: k) }
        for l in 1...network.depth {
            try body(l)
            if l == network.depth { break }
            if !network.architecture.isPlain {
                try architectureStep(ws, network: k, layer: l)
                continue
            }
            profile.timed(\.elementwise) { applyJet(ws) }
            try profile.timed(\.weights) { try drawLayer(ws, network: k, layer: l + 1) }
            profile.timed(\.multiply) { multiply(ws) }
        }
    }

    /// The circle's h, ∂θh and ∂²θh at the last layer of network k, one array of N
    /// values per point: for checks of the forward-mode recursion.
    public func circleJet(network k: Int = 0) throws -> (h: [[Double]], v: [[Double]], a: [[Double]]) {
        try validate()
        let ws = Workspace(width: network.width, columns: columns)
        try forEachLayer(ws, network: k) { _ in }
        let n = network.width, p = circlePoints
        func column(_ j: Int) -> [Double] { Array(UnsafeBufferPointer(start: ws.current + j * ws.ld, count: n)) }
        return ((0..<p).map(column), (p..<2 * p).map(column), (2 * p..<3 * p).map(column))
    }
}

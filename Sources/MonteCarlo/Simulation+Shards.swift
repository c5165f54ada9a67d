/// A subset of the networks, measurement by measurement: what one shard of a simulation
/// computes (SPEC.md §9). Network k's random streams depend only on (seed, k), so
/// networks a … b here are exactly networks a … b of the whole run, and feeding every
/// shard's measurements in network order to `LayerAccumulator` (`LayerSummary.summarize`)
/// reproduces the streamed statistics of `summarize()` bit for bit.
extension SimulationRequest {
    /// measurements[network − range.lowerBound][layer − 1] for the networks in `range`.
    /// Memory grows with the range (a shard's share), not with `networks`.
    public func measurements(networks range: Range<Int>, progress: ((Int, Int) -> Void)? = nil) throws -> [[LayerMeasurement]] {
        try validate()
        guard !range.isEmpty else { return [] }
        let ws = Workspace(width: network.width, columns: columns, weights: network.depth > 1)
        var all: [[LayerMeasurement]] = []
        for (done, k) in range.enumerated() {
            var layers: [LayerMeasurement] = []
            try forEachLayer(ws, network: k) { _ in layers.append(measure(ws)) }
            all.append(layers)
            progress?(done + 1, range.count)
        }
        return all
    }
}

import Numerical

/// Per-layer averages over networks.
public struct LayerSummary: Sendable {
    public var layer: Int
    public var q, gE, kappa2, lengthEOverSqrtN, lengthG: Statistic
    public var pointQ: [Statistic]
    public var pairC: [Statistic]
    public var autocorrelation: [Statistic]
    /// Over networks, of each network's mean over its single inputs (nil without inputs):
    /// the inputs of one network share its weights, so the networks are the independent
    /// samples and the standard error is theirs.
    public var pointQMean: Statistic?
    /// The same for the pairs' correlations.
    public var pairCMean: Statistic?

    /// Summaries of measurements[network][layer − 1].
    public static func summarize(_ runs: [[LayerMeasurement]]) -> [LayerSummary] {
        guard let first = runs.first else { return [] }
        var layers = first.map { LayerAccumulator(like: $0) }
        for run in runs {
            for (l, m) in run.enumerated() where l < layers.count { layers[l].add(m) }
        }
        return layers.enumerated().map { $1.summary(layer: $0 + 1) }
    }
}

/// One layer's running statistics over networks: what `simulate` keeps instead of every
/// network's measurements (100 million networks need no more memory than one).
public struct LayerAccumulator: Sendable {
    var q = RunningStatistic(), gE = RunningStatistic(), kappa2 = RunningStatistic()
    var lengthEOverSqrtN = RunningStatistic(), lengthG = RunningStatistic()
    var pointQ: [RunningStatistic], pairC: [RunningStatistic], autocorrelation: [RunningStatistic]
    var pointQMean = RunningStatistic(), pairCMean = RunningStatistic()

    /// Empty, with as many per-input statistics as `m` has measurements.
    public init(like m: LayerMeasurement) {
        pointQ = Array(repeating: RunningStatistic(), count: m.pointQ.count)
        pairC = Array(repeating: RunningStatistic(), count: m.pairC.count)
        autocorrelation = Array(repeating: RunningStatistic(), count: m.autocorrelation.count)
    }

    public mutating func add(_ m: LayerMeasurement) {
        q.add(m.q)
        gE.add(m.gE)
        kappa2.add(m.kappa2)
        lengthEOverSqrtN.add(m.lengthEOverSqrtN)
        lengthG.add(m.lengthG)
        for i in pointQ.indices where i < m.pointQ.count { pointQ[i].add(m.pointQ[i]) }
        for i in pairC.indices where i < m.pairC.count { pairC[i].add(m.pairC[i]) }
        for i in autocorrelation.indices where i < m.autocorrelation.count { autocorrelation[i].add(m.autocorrelation[i]) }
        if !m.pointQ.isEmpty { pointQMean.add(m.pointQ.reduce(0, +) / Double(m.pointQ.count)) }
        if !m.pairC.isEmpty { pairCMean.add(m.pairC.reduce(0, +) / Double(m.pairC.count)) }
    }

    public func summary(layer: Int) -> LayerSummary {
        LayerSummary(layer: layer, q: q.statistic, gE: gE.statistic, kappa2: kappa2.statistic,
                     lengthEOverSqrtN: lengthEOverSqrtN.statistic, lengthG: lengthG.statistic,
                     pointQ: pointQ.map(\.statistic), pairC: pairC.map(\.statistic),
                     autocorrelation: autocorrelation.map(\.statistic),
                     pointQMean: pointQ.isEmpty ? nil : pointQMean.statistic,
                     pairCMean: pairC.isEmpty ? nil : pairCMean.statistic)
    }
}

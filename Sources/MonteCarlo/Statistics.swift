/// A mean over independent networks and its standard error s/√K (`nil` for K = 1:
/// one network says nothing about the spread between networks).
public struct Statistic: Sendable, Equatable {
    public var mean: Double
    public var stderr: Double?

    public init(mean: Double, stderr: Double?) {
        self.mean = mean
        self.stderr = stderr
    }

    /// The same numbers as feeding `values` one by one to a `RunningStatistic`, so a
    /// stored run and a streamed one print the same bytes.
    public init(_ values: [Double]) {
        var s = RunningStatistic()
        for v in values { s.add(v) }
        self = s.statistic
    }
}

/// Mean and sum of squared deviations updated one value at a time (Welford 1962): memory
/// independent of the number of networks, and no cancellation (Σx² − (Σx)²/K loses every
/// digit when the spread is 1e-8 of the mean; Welford's update does not).
public struct RunningStatistic: Sendable, Equatable {
    public private(set) var count = 0
    private var mean = 0.0
    private var squaredDeviations = 0.0

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let d = x - mean
        mean += d / Double(count)
        squaredDeviations += d * (x - mean)
    }

    /// The mean (NaN before any value) and s/√K (nil for fewer than two values).
    public var statistic: Statistic {
        guard count > 0 else { return Statistic(mean: .nan, stderr: nil) }
        guard count > 1 else { return Statistic(mean: mean, stderr: nil) }
        let k = Double(count)
        return Statistic(mean: mean, stderr: (Swift.max(squaredDeviations, 0) / (k - 1) / k).squareRoot())
    }
}

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

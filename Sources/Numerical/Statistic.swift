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

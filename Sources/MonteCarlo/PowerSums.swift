import Numerical

/// Σ(x − c)^p for p = 1…4 about a fixed shift c: the mean, the variance and the standard
/// errors of both, streamed (memory independent of the number of samples) and mergeable
/// in a fixed order, so a sum over blocks of networks gives the same bytes on every
/// thread count. The shift (a value of the same size as x, e.g. the first network's)
/// keeps the raw sums from cancelling: with deviations of relative size 10⁻³ the fourth
/// central moment keeps ~10 digits instead of ~4.
public struct PowerSums: Sendable, Equatable {
    public let shift: Double
    public private(set) var count = 0
    private var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0

    public init(shift: Double) { self.shift = shift }

    public mutating func add(_ x: Double) {
        let d = x - shift, d2 = d * d
        count += 1
        s1 += d; s2 += d2; s3 += d2 * d; s4 += d2 * d2
    }

    /// Adds the sums of `other` (same shift).
    public mutating func merge(_ other: PowerSums) {
        precondition(other.shift == shift || other.count == 0, "PowerSums merged across shifts")
        count += other.count
        s1 += other.s1; s2 += other.s2; s3 += other.s3; s4 += other.s4
    }

    /// The mean and s/√n (NaN without samples; stderr nil below two).
    public var mean: Statistic {
        guard count > 0 else { return Statistic(mean: .nan, stderr: nil) }
        let n = Double(count), d = s1 / n
        guard count > 1, let v = sampleVariance else { return Statistic(mean: shift + d, stderr: nil) }
        return Statistic(mean: shift + d, stderr: (v / n).squareRoot())
    }

    /// s² = Σ(x − x̄)²/(n − 1), nil below two samples.
    var sampleVariance: Double? {
        guard count > 1 else { return nil }
        let n = Double(count)
        return Swift.max(s2 - s1 * s1 / n, 0) / (n - 1)
    }

    /// The sample variance s² and its standard error from the fourth central moment:
    /// Var s² = (μ4 − σ⁴ (n − 3)/(n − 1))/n (the delta method on the moments; exact for
    /// iid samples with μ4, σ² replaced by the sample's). NaN / nil below two samples.
    public var variance: Statistic {
        guard let v = sampleVariance else { return Statistic(mean: .nan, stderr: nil) }
        let n = Double(count), d = s1 / n
        let m2 = s2 / n - d * d
        let m4 = s4 / n - 4 * d * s3 / n + 6 * d * d * s2 / n - 3 * d * d * d * d
        let varS2 = (m4 - m2 * m2 * (n - 3) / (n - 1)) / n
        return Statistic(mean: v, stderr: Swift.max(varS2, 0).squareRoot())
    }
}

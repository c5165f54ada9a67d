/// A mean over independent networks and its standard error s/√K (`nil` for K = 1:
/// one network says nothing about the spread between networks).
public struct Statistic: Sendable, Equatable {
    public var mean: Double
    public var stderr: Double?

    public init(_ values: [Double]) {
        let k = Double(values.count)
        mean = values.reduce(0, +) / k
        if values.count > 1 {
            let m = mean
            let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (k - 1)
            stderr = (variance / k).squareRoot()
        } else {
            stderr = nil
        }
    }
}

/// Per-layer averages over networks.
public struct LayerSummary: Sendable {
    public var layer: Int
    public var q, gE, kappa2, lengthEOverSqrtN, lengthG: Statistic
    public var pointQ: [Statistic]
    public var pairC: [Statistic]
    public var autocorrelation: [Statistic]

    /// Summaries of measurements[network][layer − 1].
    public static func summarize(_ runs: [[LayerMeasurement]]) -> [LayerSummary] {
        guard let first = runs.first else { return [] }
        return first.indices.map { l in
            let at = runs.map { $0[l] }
            func stat(_ f: (LayerMeasurement) -> Double) -> Statistic { Statistic(at.map(f)) }
            return LayerSummary(
                layer: l + 1, q: stat(\.q), gE: stat(\.gE), kappa2: stat(\.kappa2),
                lengthEOverSqrtN: stat(\.lengthEOverSqrtN), lengthG: stat(\.lengthG),
                pointQ: first[l].pointQ.indices.map { i in stat { $0.pointQ[i] } },
                pairC: first[l].pairC.indices.map { i in stat { $0.pairC[i] } },
                autocorrelation: first[l].autocorrelation.indices.map { i in stat { $0.autocorrelation[i] } })
        }
    }
}

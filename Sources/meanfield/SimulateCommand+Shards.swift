import MeanField

/// A layer's measurements as one row of a shard file: one cell per measured quantity,
/// named here once, so the writer, the shape check and the reader cannot disagree on
/// the layout. Scalars are raw numbers (NaN allowed: the merge summarizes them exactly as
/// one run does); the lists are the single inputs', the pairs' and the autocorrelation's.
extension LayerMeasurement {
    enum ShardCell: Int, CaseIterable {
        case q, gE, kappa2, lengthEOverSqrtN, lengthG, pointQ, pairC, autocorrelation, activationLengthE

        var isList: Bool { self == .pointQ || self == .pairC || self == .autocorrelation }
    }

    var shardRow: [Value] {
        ShardCell.allCases.map { cell in
            switch cell {
            case .q: return .number(q)
            case .gE: return .number(gE)
            case .kappa2: return .number(kappa2)
            case .lengthEOverSqrtN: return .number(lengthEOverSqrtN)
            case .lengthG: return .number(lengthG)
            case .pointQ: return .list(pointQ)
            case .pairC: return .list(pairC)
            case .autocorrelation: return .list(autocorrelation)
            case .activationLengthE: return .number(activationLengthE)
            }
        }
    }

    /// The measurements of a row `shardRow` wrote (`nil` for a row of another width).
    init?(shardRow row: [Value]) {
        guard row.count == ShardCell.allCases.count else { return nil }
        func number(_ c: ShardCell) -> Double { if case .number(let x?) = row[c.rawValue] { return x }; return .nan }
        func list(_ c: ShardCell) -> [Double] { if case .list(let xs) = row[c.rawValue] { return xs }; return [] }
        self.init(q: number(.q), gE: number(.gE), kappa2: number(.kappa2), lengthEOverSqrtN: number(.lengthEOverSqrtN),
                  lengthG: number(.lengthG), pointQ: list(.pointQ), pairC: list(.pairC),
                  autocorrelation: list(.autocorrelation), activationLengthE: number(.activationLengthE))
    }

    /// Why a shard row cannot be one that `shardRow` wrote for a run with these list
    /// lengths, or nil.
    static func shardProblem(_ row: [Value], inputs: Int, pairs: Int, lags: Int) -> String? {
        for cell in ShardCell.allCases {
            let v = row[cell.rawValue]
            let problem: String?
            switch cell {
            case .pointQ: problem = RowShape.list(v, count: inputs, finite: false)
            case .pairC: problem = RowShape.list(v, count: pairs, finite: false)
            case .autocorrelation: problem = RowShape.list(v, count: lags, finite: false)
            default: problem = RowShape.raw(v)
            }
            if let problem { return problem }
        }
        return nil
    }
}

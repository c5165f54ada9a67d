import Model
import MonteCarlo

/// Statistics over a list of values: mean and sample standard deviation.
func meanAndSpread(_ x: [Double]) -> (Double, Double) {
    let m = x.reduce(0, +) / Double(x.count)
    guard x.count > 1 else { return (m, 0) }
    return (m, (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot())
}

/// Inputs come in groups of `copies` identical requests (several single inputs of one q¹,
/// or pairs of one c¹): the values of group `i` at `layer` (0-based) of every network.
func group(_ runs: [[LayerMeasurement]], layer: Int, _ i: Int, copies: Int,
           _ values: (LayerMeasurement) -> [Double]) -> [[Double]] {
    runs.map { Array(values($0[layer])[(i * copies)..<((i + 1) * copies)]) }
}

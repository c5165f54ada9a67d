/// A computed value with an estimate of its absolute error, in the spirit of GSL's
/// `abserr` and `gsl_sf_result`.
public struct Estimate: Sendable, Equatable, CustomStringConvertible {
    public var value: Double
    public var error: Double

    public init(value: Double, error: Double) {
        self.value = value
        self.error = error
    }

    public var description: String { "\(value) ± \(error)" }
}

import Model
import Dispatch

/// Seconds spent in each phase of a simulation (for `meanfield bench`).
public final class SimulationProfile {
    public var inputs = 0.0, elementwise = 0.0, weights = 0.0, multiply = 0.0, measure = 0.0
    public init() {}
}

extension Optional where Wrapped == SimulationProfile {
    @inline(__always)
    func timed<T>(_ phase: ReferenceWritableKeyPath<SimulationProfile, Double>, _ body: () throws -> T) rethrows -> T {
        guard let profile = self else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        profile[keyPath: phase] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result
    }
}

import Nonlinearities

/// A `Network` at finite width N: what a simulation draws. Every property of the network
/// reads through (`finite.phi`, `finite.depth`).
@dynamicMemberLookup
public struct FiniteNetwork: Sendable {
    public let network: Network
    public let width: Int

    /// - Throws: `ModelError` naming `flag` when the width is outside `Network.widths`.
    public init(_ network: Network, width: Int, flag: String = "--width") throws {
        try Network.check(width: width, flag: flag)
        self.network = network
        self.width = width
    }

    public subscript<T>(dynamicMember path: KeyPath<Network, T>) -> T { network[keyPath: path] }
}

extension FiniteNetwork {
    /// The network of these parameters at width N (validated as `Network` and `init(_:width:)`).
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, width: Int, depth: Int,
                weights: WeightEnsemble = .gaussian) throws {
        try self.init(Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth), width: width)
    }
}

extension FiniteNetwork {
    /// The correlation c_x of two inputs with |x|²/N = q0 that gives layer 1 the
    /// correlation c^1: σw² q0 c_x + σb² = c^1 (σw² q0 + σb²). With σw² q0 = 0 the two
    /// inputs do not reach layer 1, whose correlation is 1 whatever c^1 asks: 1 is returned
    /// (`effectiveC1` is then 1).
    /// - Throws: `ModelError` naming --c0 when c^1 is not finite or no c_x in [−1, 1] gives it.
    public static func inputCorrelation(c1: Double, q0: Double, sigmaW: Double, sigmaB: Double) throws -> Double {
        let w = sigmaW * sigmaW * q0, b = sigmaB * sigmaB
        let lowest = w > 0 ? (b - w) / (w + b) : -1
        guard c1.isFinite, c1 >= lowest, c1 <= 1 else {
            throw ModelError.invalid("--c0 \(c1) is not a layer-1 correlation of two inputs with |x|^2/N = q0 = \(q0) "
                + "at sigma-w = \(sigmaW), sigma-b = \(sigmaB); accepted: a number in [\(lowest), 1] "
                + "((sigma-b^2 - sigma-w^2 q0)/(sigma-w^2 q0 + sigma-b^2) up to 1)")
        }
        return w > 0 ? Swift.min(Swift.max((c1 * (w + b) - b) / w, -1), 1) : 1
    }

    /// The c^1 two inputs with |x|²/N = q0 and c^1 = `c1` get: `c1`, or 1 when σw² q0 = 0.
    public static func effectiveC1(_ c1: Double, q0: Double, sigmaW: Double) -> Double {
        sigmaW * sigmaW * q0 > 0 ? c1 : 1
    }
}

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

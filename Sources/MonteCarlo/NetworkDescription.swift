import Nonlinearities

/// A random network of finite width: h^l = W^l φ(h^{l−1}) + b^l, l = 2…D, with the
/// input placed at layer 1 (SPEC.md §1, §4).
public struct NetworkDescription: Sendable {
    public var phi: Nonlinearity
    public var sigmaW: Double
    public var sigmaB: Double
    public var width: Int
    public var depth: Int
    public var weights: WeightEnsemble

    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, width: Int, depth: Int,
                weights: WeightEnsemble = .gaussian) {
        self.phi = phi
        self.sigmaW = sigmaW
        self.sigmaB = sigmaB
        self.width = width
        self.depth = depth
        self.weights = weights
    }
}

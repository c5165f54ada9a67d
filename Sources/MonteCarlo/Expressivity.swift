import Model
import Foundation
import Nonlinearities

/// Depth versus width (Poole et al. 2016, §4, Theorem 1): the Euclidean length of a great
/// circle's image x = φ(h) in deep nets of fixed width, by depth, and in one-hidden-layer
/// nets, by width, against the theorem's bound L^E ≤ N1 (1 + s) R (s = 2 for a circle:
/// each coordinate is φ of a sinusoid, monotone on at most three pieces; R = sup φ − inf φ).
public struct ExpressivityRequest: Sendable {
    /// φ, σw, σb and the weights; its depth is the deep nets' largest depth.
    public var network: Network
    public var deepWidth = 1000
    public var shallowWidths: [Int] = [100, 178, 316, 562, 1000, 1778, 3162, 5623, 10000]
    public var points = 1000
    public var seed: UInt64 = 1
    /// |x⁰|²/N of the input circle.
    public var inputLength = 1.0

    public init(network: Network) {
        self.network = network
    }

    public struct Deep: Sendable { public var depth: Int; public var width: Int; public var lengthE: Double }
    public struct Shallow: Sendable { public var width: Int; public var lengthE: Double; public var bound: Double? }

    /// The bound N1 (1 + s) R with s = 2, `nil` for unbounded φ.
    public func bound(width: Int) -> Double? { network.phi.dynamicRange.map { Double(width) * 3 * $0 } }

    /// One net: `depth` layers of width `width`, the circle's Gaussian image at layer 1.
    func request(width: Int, depth: Int, widthFlag: String) throws -> SimulationRequest {
        var r = SimulationRequest(
            network: try FiniteNetwork(network.with(depth: depth), width: width, flag: widthFlag),
            circlePoints: points, circleLength: inputLength, networks: 1, seed: seed)
        r.randomLinearInput = inputLength
        r.activationLengths = true
        return r
    }

    /// - Throws: `ModelError` or `SimulationError` before anything runs when a net is
    ///   refused; the shallow nets' errors name `--widths`, the deep net's `--width`.
    public func run() throws -> (deep: [Deep], shallow: [Shallow]) {
        let deep = try request(width: deepWidth, depth: network.depth, widthFlag: "--width")
        let shallow = try shallowWidths.map { try request(width: $0, depth: 1, widthFlag: "--widths") }
        try deep.validate()
        for r in shallow { try r.validate(widthFlag: "--widths") }
        let layers = try deep.run()[0]
        let deepRows = layers.enumerated().map { Deep(depth: $0 + 1, width: deepWidth, lengthE: $1.activationLengthE) }
        let shallowRows = try shallow.map { r -> Shallow in
            let n = r.network.width
            return Shallow(width: n, lengthE: try r.run()[0][0].activationLengthE, bound: bound(width: n))
        }
        return (deepRows, shallowRows)
    }
}

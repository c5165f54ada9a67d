import Nonlinearities
import Numerical

/// A deep random network as the theory and the simulation both see it (SPEC §1):
/// h^l = W^l φ(h^{l−1}) + b^l with W^l from `weights` (entries of variance σw²/N, or σw
/// times a Haar-orthogonal matrix) and b^l_i ~ N(0, σb²), for `depth` layers.
///
/// The one validated description: every limit below is checked here, once, and the
/// mean-field model, the simulation, the spectrum and the CLI are built from this value,
/// so they cannot disagree on what the network is. Dropout, residual blocks and
/// normalisation are its `architecture` (SPEC §11).
public struct Network: Sendable {
    public let phi: Nonlinearity
    /// Standard deviations, not variances.
    public let sigmaW: Double
    public let sigmaB: Double
    public let weights: WeightEnsemble
    /// Layers L (the meaning of L is each command's: layers of J, layers counting the start).
    public let depth: Int
    /// Dropout, residual blocks, normalisation; `.plain` is SPEC §1's network.
    public let architecture: Architecture

    /// - Throws: `ModelError` naming the flag when σw or σb is negative, not finite or
    ///   beyond `Network.sigmaLimit`, or the depth is outside `Network.depths`.
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, weights: WeightEnsemble = .gaussian,
                depth: Int = 1, architecture: Architecture = .plain) throws {
        try Self.check(sigma: sigmaW, flag: "--sigma-w")
        try Self.check(sigma: sigmaB, flag: "--sigma-b")
        try Self.check(depth: depth)
        self.phi = phi
        self.sigmaW = sigmaW
        self.sigmaB = sigmaB
        self.weights = weights
        self.depth = depth
        self.architecture = architecture
    }

    /// The same network with another depth (validated).
    public func with(depth: Int) throws -> Network {
        try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth, architecture: architecture)
    }
}

// MARK: - Limits

extension Network {
    /// σw and σb must stay below 1e75: their squares, below 1e150, then cannot overflow
    /// q* = σw² E[φ²] + σb².
    public static let sigmaLimit = 1e75
    /// The limit as messages spell it (`"\(sigmaLimit)"` would print 1e+75).
    public static let sigmaLimitText = "1e75"
    /// Depths any command accepts. Work and memory that grow with the depth are checked
    /// by the command that spends them, against the machine.
    public static let depths = 1...1_000_000
    /// Widths a finite network may have (`FiniteNetwork`).
    public static let widths = 2...(1 << 20)

    /// A σ flag's value: finite, >= 0 and below `sigmaLimit`.
    public static func check(sigma x: Double, flag: String) throws {
        guard x.isFinite, x >= 0, x < sigmaLimit else {
            throw ModelError.invalid("\(flag) must be a finite number >= 0 (and below \(sigmaLimitText)), got \(x)")
        }
    }

    /// A depth flag's value, within `depths`.
    public static func check(depth: Int, flag: String = "--depth") throws {
        guard depths.contains(depth) else {
            throw ModelError.invalid("\(flag) must be an integer in [\(depths.lowerBound), \(depths.upperBound)], got \(depth)")
        }
    }

    /// A width flag's value, within `widths`.
    public static func check(width: Int, flag: String = "--width") throws {
        guard widths.contains(width) else {
            throw ModelError.invalid("\(flag) must be an integer in [\(widths.lowerBound), \(widths.upperBound)], got \(width)")
        }
    }
}

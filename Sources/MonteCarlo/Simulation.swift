import Model
import Foundation
import Nonlinearities

/// What to push through the networks and what to measure.
public struct SimulationRequest: Sendable {
    public var network: FiniteNetwork
    /// P points of the great circle h¹(θ) = √(N q1)(u0 cos θ + u1 sin θ), θ = 2πk/P.
    public var circlePoints: Int
    /// Squared radius per neuron of the circle (q*, so that the lengths start at rest).
    public var circleLength: Double
    /// Independent networks to average over.
    public var networks: Int
    public var seed: UInt64
    /// Single inputs of these q¹ (Fig. 1B), each along its own random direction.
    public var pointLengths: [Double] = []
    /// Input pairs of length `circleLength` and these correlations c¹ (Fig. 2B).
    public var pairCorrelations: [Double] = []
    /// Measure the circle's autocorrelation c^l(Δθ) per layer (one P×P product each).
    public var autocorrelation = false
    /// When set (to q0 = |x⁰|²/N), layer 1 is the image h¹ = W¹x⁰ + b¹ of a great circle
    /// x⁰(θ) = √(N q0)(u0 cos θ + u1 sin θ) through a Gaussian first layer instead of a
    /// circle placed at layer 1. Exactly: h¹_i(θ) = a_i cos θ + c_i sin θ + b_i with a_i,
    /// c_i ~ N(0, σw² q0) and b_i ~ N(0, σb²) independent (W u0 ⊥ W u1 for orthonormal u's).
    public var randomLinearInput: Double?
    /// Also measure the length of the activations' curve, L^E of x^l = φ(h^l).
    public var activationLengths = false
    /// Propagate the circle's tangent and acceleration (v, a). When false, only the points
    /// go through the layers: the column blocks of the product that hold only v and a are
    /// skipped and the jet updates h alone, so ḡ^E, κ̄², L^E and L^G are NaN (null) while
    /// q, the single inputs, the pairs and the autocorrelation keep their bytes (the same
    /// weights and biases are drawn from the same streams; each product block that is
    /// computed is the same `cblas_dgemm` call on the same data). For runs that read only
    /// the points (Figure 3).
    public var derivatives = true

    public init(network: FiniteNetwork, circlePoints: Int, circleLength: Double,
                networks: Int, seed: UInt64) {
        self.network = network
        self.circlePoints = circlePoints
        self.circleLength = circleLength
        self.networks = networks
        self.seed = seed
    }

    /// Whether κ̄² and L^G exist: they need φ″, which a kinked φ (relu, hardtanh, …) lacks;
    /// its simulated acceleration uses φ″ = 0 off the kinks and misses the kinks' delta
    /// functions, so those two measurements are meaningless and reported as null.
    public var curvatureDefined: Bool { network.phi.secondDerivative != nil }

    /// Columns of the layer matrix: h, v, a of the circle, then the single inputs, then
    /// the pairs.
    var columns: Int { 3 * circlePoints + pointLengths.count + 2 * pairCorrelations.count }
}

extension SimulationRequest {
    /// Checks the request and that its memory fits (refused up front, not killed later).
    /// `widthFlag` is the option that set the width, named in the messages (`--widths` for
    /// `expressivity`'s shallow nets).
    public func validate(widthFlag: String = "--width") throws {
        let n = network
        guard circlePoints >= 2 else { throw SimulationError.invalid("points must be >= 2, got \(circlePoints)") }
        guard networks >= 1 else { throw SimulationError.invalid("networks must be >= 1, got \(networks)") }
        guard circleLength.isFinite, circleLength >= 0 else {
            throw SimulationError.invalid("the circle's q^1 must be a finite number >= 0, got \(circleLength)")
        }
        // pointDirection(k, 999 999) would be pair(k, 0)'s stream (`RandomStream`).
        guard pointLengths.count < 1_000_000 else {
            throw SimulationError.tooLarge("at most 999999 single inputs per network, got \(pointLengths.count)")
        }
        guard pointLengths.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw SimulationError.invalid("point lengths q^1 must be finite numbers >= 0")
        }
        guard pairCorrelations.allSatisfy({ (-1...1).contains($0) }) else {
            throw SimulationError.invalid("pair correlations c^1 must lie in [-1, 1]")
        }
        guard derivatives || !activationLengths else {
            throw SimulationError.invalid("the activations' length needs the circle's tangent (derivatives)")
        }
        guard circlePoints <= 1 << 24 else {
            throw SimulationError.tooLarge("--points must be <= 16777216, got \(circlePoints)")
        }
        // The progress count runs to networks × depth: an overflow there would trap.
        guard !networks.multipliedReportingOverflow(by: n.depth).overflow else {
            throw SimulationError.tooLarge("--networks × --depth = \(networks) × \(n.depth) layers is more than a run can count: "
                                           + "ask for fewer networks or layers")
        }
        var bytes = Workspace.bytes(width: n.width, columns: columns, weights: n.depth > 1)
        if autocorrelation { bytes += 8 * Double(circlePoints) * Double(circlePoints) }
        bytes += n.weights.scratchBytes(width: n.width)
        let available = Self.physicalMemory * 0.8
        if bytes > available {
            throw SimulationError.tooLarge(String(
                format: "this simulation (width %d) needs %.1f GiB (%@6·N·P for h, v, a) but only "
                + "%.1f GiB (80%% of physical memory) is available: reduce %@ or --points",
                n.width, bytes / 1_073_741_824, n.depth > 1 ? "W is N² doubles, plus " : "", available / 1_073_741_824,
                widthFlag))
        }
    }

    static var physicalMemory: Double {
        Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
    }
}

import Foundation

/// A point where φ stops being analytic on the real line, or the real part of its
/// nearest complex singularities, as the Gaussian integrator needs to know it.
///
/// - `distance == 0`: a kink. φ is analytic on each side, and some derivative jumps at
///   `location` (relu at 0, hardtanh at ±1). The integrator splits the line there.
/// - `distance > 0`: φ is analytic on the real line, but has poles or branch points at
///   `location ± i·distance` (tanh: ±iπ/2). The integrator grades its panels
///   geometrically towards `location`, starting at width `distance`; entire functions that
///   vary on a scale (erf, gelu) are described the same way with that scale.
public struct Singularity: Sendable, Equatable {
    public var location: Double
    public var distance: Double

    public init(location: Double, distance: Double) {
        self.location = location
        self.distance = distance
    }

    public static func kink(at x: Double) -> Singularity { Singularity(location: x, distance: 0) }
    public static func poles(at x: Double, distance: Double) -> Singularity {
        Singularity(location: x, distance: distance)
    }
}

/// Symmetry of φ under x → −x, used to skip work and to make exact zeros exact
/// (an odd φ with σb = 0 has C(0) = 0 and c* = 0 in the chaotic phase).
public enum Parity: Sendable {
    case odd, even, neither
}

/// A pointwise nonlinearity φ with its first two derivatives in closed form.
///
/// φ, φ′ and φ″ are each defined once, here, and serve both the mean-field integrals and
/// the simulated networks. `secondDerivative` is `nil` when φ′ jumps (relu, hardtanh):
/// φ″ is then a distribution and χ2 = σw² ∫Dz φ″² does not exist.
public struct Nonlinearity: Sendable {
    /// The name used on the command line (`--phi NAME`).
    public let name: String
    /// A one-line formula, for help texts and table headers.
    public let formula: String
    public let value: @Sendable (Double) -> Double
    public let derivative: @Sendable (Double) -> Double
    public let secondDerivative: (@Sendable (Double) -> Double)?
    /// (φ(x), φ′(x)) in one call: where they share work (tanh, sigmoid) it is done once.
    public let jet: @Sendable (Double) -> SIMD2<Double>
    /// (φ(x), φ′(x), φ″(x)) in one call, φ″ = 0 where it is a distribution (relu): what
    /// the forward-mode acceleration of a simulated network needs.
    public let secondJet: @Sendable (Double) -> SIMD3<Double>
    /// `secondJet` for eight arguments at once, where a vectorised φ exists (tanh).
    public let vectorSecondJet: (@Sendable (SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>))?
    /// Kinks and nearest complex singularities, sorted by location.
    public let singularities: [Singularity]
    /// Widest panel (in x = √q z) on which φ is resolved by one 12-point Gauss–Legendre
    /// panel away from its singularities; `.infinity` unless φ oscillates (sin).
    public let maxPanelWidth: Double
    public let parity: Parity
    /// lim_{q→∞} E[φ(√q z)²]/q: 0 for bounded φ, 1/2 for relu. When σw² times this
    /// exceeds 1, the length map V(q) grows without bound and q* does not exist.
    public let asymptoticGrowth: Double
    /// sup φ − inf φ, the dynamic range R of Theorem 1 (`nil` when unbounded).
    public let dynamicRange: Double?
    /// φ(λx) = λφ(x) for λ > 0 (the piecewise-linear family): then E[φ(√q z)²] = q·E[φ(z)²]
    /// and χ1 does not depend on q.
    public let isPositivelyHomogeneous: Bool
    /// The maps' Gaussian integrals in closed form, where they exist (sin, erf, the
    /// piecewise-linear family); `nil` sends the theory to quadrature.
    public let gaussianKernel: GaussianKernel?

    public init(
        name: String, formula: String,
        value: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double,
        secondDerivative: (@Sendable (Double) -> Double)?,
        jet: (@Sendable (Double) -> SIMD2<Double>)? = nil,
        secondJet: (@Sendable (Double) -> SIMD3<Double>)? = nil,
        vectorSecondJet: (@Sendable (SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>))? = nil,
        singularities: [Singularity] = [],
        maxPanelWidth: Double = .infinity,
        parity: Parity = .neither,
        asymptoticGrowth: Double = 0,
        dynamicRange: Double? = nil,
        isPositivelyHomogeneous: Bool = false,
        gaussianKernel: GaussianKernel? = nil
    ) {
        self.name = name
        self.formula = formula
        self.value = value
        self.derivative = derivative
        self.secondDerivative = secondDerivative
        self.jet = jet ?? { x in SIMD2(value(x), derivative(x)) }
        self.secondJet = secondJet ?? { x in SIMD3(value(x), derivative(x), secondDerivative?(x) ?? 0) }
        self.vectorSecondJet = vectorSecondJet
        self.singularities = singularities.sorted { $0.location < $1.location }
        self.maxPanelWidth = maxPanelWidth
        self.parity = parity
        self.asymptoticGrowth = asymptoticGrowth
        self.dynamicRange = dynamicRange
        self.isPositivelyHomogeneous = isPositivelyHomogeneous
        self.gaussianKernel = gaussianKernel
    }

    /// True when φ has a kink (a jump in φ′ or φ″), so its Gaussian integrals are held
    /// to the kinked-φ accuracy of the spec (1e-10) rather than the smooth one (1e-12).
    public var hasKinks: Bool { singularities.contains { $0.distance == 0 } }
}

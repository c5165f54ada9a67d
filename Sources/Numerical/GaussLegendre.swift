import CGSL

/// An n-point Gauss–Legendre rule on [−1, 1], taken from GSL's
/// `gsl_integration_glfixed_table` (nodes and weights to full double precision).
public struct GaussLegendre: Sendable {
    public let nodes: [Double]
    public let weights: [Double]
    public var count: Int { nodes.count }

    public init(points n: Int) {
        precondition(n >= 1, "a Gauss–Legendre rule needs at least one point")
        GSL.handlerOff
        guard let table = gsl_integration_glfixed_table_alloc(n) else {
            fatalError("gsl_integration_glfixed_table_alloc(\(n)) failed: out of memory")
        }
        defer { gsl_integration_glfixed_table_free(table) }
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            gsl_integration_glfixed_point(-1, 1, i, &x[i], &w[i], table)
        }
        nodes = x
        weights = w
    }

    /// The rules the integrator uses: 12 points per panel for values, 10 for the
    /// companion estimate that measures the error, 8 for coarse early iterations
    /// (see `GaussianQuadrature`).
    public static let twelve = GaussLegendre(points: 12)
    public static let ten = GaussLegendre(points: 10)
    public static let eight = GaussLegendre(points: 8)
}

/// An n-point Gauss–Hermite rule for E[f(z)], z ~ N(0, 1): Σ wᵢ f(xᵢ) with Σ wᵢ = 1,
/// from GSL's `gsl_integration_fixed_hermite` (weight e^{−z²/2}, Golub–Welsch).
/// Exact for polynomials of degree < 2n; for functions with nearby complex singularities
/// (tanh(√q z) at large q) it converges slowly, so it serves only for cheap starting
/// values, never for a reported number.
public struct GaussHermite: Sendable {
    public let nodes: [Double]
    public let weights: [Double]

    public init?(points n: Int) {
        GSL.handlerOff
        guard n >= 1, let w = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, n, 0, 0.5, 0, 0) else {
            return nil
        }
        defer { gsl_integration_fixed_free(w) }
        guard let x = gsl_integration_fixed_nodes(w), let v = gsl_integration_fixed_weights(w) else { return nil }
        let norm = 1 / (2 * Double.pi).squareRoot()
        nodes = Array(UnsafeBufferPointer(start: x, count: n))
        weights = Array(UnsafeBufferPointer(start: v, count: n)).map { $0 * norm }
    }
}

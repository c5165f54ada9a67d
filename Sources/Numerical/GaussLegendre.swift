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

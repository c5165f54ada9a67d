import CGSL

/// ∫Dz f(z) by GSL's 64-node Gauss–Hermite rule (gsl_integration_fixed_hermite), the
/// naive choice the spec warns against; used only to show why it is not enough.
func gaussHermite64(_ f: (Double) -> Double) -> Double {
    // Weight e^{−x²/(2·½·…)}: with a = 0, b = 1/2 the weight is e^{−z²/2}.
    let w = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, 64, 0, 0.5, 0, 0)!
    defer { gsl_integration_fixed_free(w) }
    let nodes = gsl_integration_fixed_nodes(w)!, weights = gsl_integration_fixed_weights(w)!
    var sum = 0.0
    for i in 0..<64 { sum += weights[i] * f(nodes[i]) }
    return sum / (2 * Double.pi).squareRoot()
}

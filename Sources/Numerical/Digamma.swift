import CGSL

/// ψ(x) = Γ′(x)/Γ(x) and ψ′(x), from GSL (`gsl_sf_psi_e`, `gsl_sf_psi_1_e`): the mean
/// and variance of log(χ²_n/n) are ψ(n/2) − log(n/2) and ψ′(n/2).
public enum Digamma {
    /// ψ(x); throws `GSLError` where GSL does (x a non-positive integer).
    public static func psi(_ x: Double) throws -> Double {
        _ = GSL.handlerOff
        var r = gsl_sf_result()
        try GSL.check(gsl_sf_psi_e(x, &r), "psi(\(x))")
        return r.val
    }

    /// ψ′(x), the trigamma function; throws `GSLError` where GSL does.
    public static func psi1(_ x: Double) throws -> Double {
        _ = GSL.handlerOff
        var r = gsl_sf_result()
        try GSL.check(gsl_sf_psi_1_e(x, &r), "psi_1(\(x))")
        return r.val
    }
}

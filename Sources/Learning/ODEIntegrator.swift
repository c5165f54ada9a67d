import CGSL
import Numerical

/// An adaptive explicit Runge–Kutta integrator from GSL (`gsl_odeiv2_driver`), as a value.
///
/// dy/dt = f(t, y) for one scalar y, integrated from (t0, y0) to each requested t with
/// the Prince–Dormand 8(9) pair (`rk8pd`) by default: the mode equations are smooth and
/// non-stiff (their Jacobian is bounded by (N_l − 1)·s/τ), so a high-order explicit pair
/// reaches 1e-12 in tens of steps where RK4 at fixed step would need thousands.
/// Step control keeps the local error below `absoluteTolerance + relativeTolerance·|y|`
/// (`gsl_odeiv2_control_y_new`). Every GSL status, and every error thrown by f, becomes
/// a thrown error; at most `maxSteps` steps per interval (`gsl_odeiv2_driver_set_nmax`).
public struct ODEIntegrator: Sendable {
    public enum Algorithm: Sendable { case rk8pd, rkf45, rkck }
    public var algorithm: Algorithm = .rk8pd
    public var absoluteTolerance = 0.0
    public var relativeTolerance = 1e-12
    public var initialStep = 1e-6
    public var maxSteps = 1_000_000

    public init(algorithm: Algorithm = .rk8pd) { self.algorithm = algorithm }

    /// y at each of `times` (ascending, all >= t0).
    /// - Throws: `GSLError` (GSL_EMAXITER, GSL_ENOPROG, GSL_EBADFUNC …) with GSL's text,
    ///   `NumericalError.invalidArgument` for unsorted times, or f's own error.
    public func solve(from t0: Double, _ y0: Double, at times: [Double],
                      _ f: (Double, Double) throws -> Double) throws -> [Double] {
        GSL.handlerOff
        guard zip(times, [t0] + times).allSatisfy({ $0 >= $1 }) else {
            throw NumericalError.invalidArgument("ODEIntegrator: the output times must ascend from t0 = \(t0)")
        }
        let type: UnsafePointer<gsl_odeiv2_step_type>
        switch algorithm {
        case .rk8pd: type = gsl_odeiv2_step_rk8pd
        case .rkf45: type = gsl_odeiv2_step_rkf45
        case .rkck: type = gsl_odeiv2_step_rkck
        }
        return try withoutActuallyEscaping(f) { f in
            var box = Callback(f: f)
            return try withUnsafeMutablePointer(to: &box) { boxPointer in
                var system = gsl_odeiv2_system(
                    function: { t, y, dydt, params in
                        let box = params!.assumingMemoryBound(to: Callback.self)
                        do {
                            let v = try box.pointee.f(t, y![0])
                            guard v.isFinite else { return Int32(GSL_EBADFUNC) }
                            dydt![0] = v
                            return Int32(GSL_SUCCESS)
                        } catch {
                            box.pointee.error = error
                            return Int32(GSL_EBADFUNC)
                        }
                    },
                    jacobian: nil, dimension: 1, params: UnsafeMutableRawPointer(boxPointer))
                guard let driver = gsl_odeiv2_driver_alloc_y_new(
                    &system, type, initialStep, absoluteTolerance, relativeTolerance) else {
                    try GSL.check(Int32(GSL_ENOMEM), "gsl_odeiv2_driver_alloc_y_new")
                    throw NumericalError.invalidArgument("gsl_odeiv2_driver_alloc_y_new returned no driver")
                }
                defer { gsl_odeiv2_driver_free(driver) }
                try GSL.check(gsl_odeiv2_driver_set_nmax(driver, UInt(maxSteps)), "gsl_odeiv2_driver_set_nmax")
                var t = t0, y = [y0]
                var out: [Double] = []
                out.reserveCapacity(times.count)
                for target in times {
                    if target > t {
                        let status = gsl_odeiv2_driver_apply(driver, &t, target, &y)
                        if let e = boxPointer.pointee.error { throw e }
                        try GSL.check(status, "ODE integration from t = \(t) to \(target)")
                    }
                    out.append(y[0])
                }
                return out
            }
        }
    }

    private struct Callback {
        var f: (Double, Double) throws -> Double
        var error: Error?
    }
}

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
        guard zip(times, [t0] + times).allSatisfy({ $0 >= $1 }) else {
            throw NumericalError.invalidArgument("ODEIntegrator: the output times must ascend from t0 = \(t0)")
        }
        return try withoutActuallyEscaping(f) { f in
            let run = try start(from: t0, y0, f)
            return try times.map { try run.value(at: $0) }
        }
    }

    /// One integration from (t0, y0), carried forward one requested time at a time by
    /// `ODEIntegration.value(at:)`: the same steps as `solve` over the same times, with
    /// memory independent of how many times are asked.
    /// - Throws: `GSLError` when GSL cannot allocate the driver.
    public func start(from t0: Double, _ y0: Double,
                      _ f: @escaping (Double, Double) throws -> Double) throws -> ODEIntegration {
        GSL.handlerOff
        let type: UnsafePointer<gsl_odeiv2_step_type>
        switch algorithm {
        case .rk8pd: type = gsl_odeiv2_step_rk8pd
        case .rkf45: type = gsl_odeiv2_step_rkf45
        case .rkck: type = gsl_odeiv2_step_rkck
        }
        return try ODEIntegration(type: type, settings: self, t0: t0, y0: y0, f: f)
    }

}

/// An integration in progress (`ODEIntegrator.start`): GSL's driver and the callback's
/// context, owned here and freed in deinit.
public final class ODEIntegration {
    private struct Callback {
        var f: (Double, Double) throws -> Double
        var error: Error?
    }

    private let box: UnsafeMutablePointer<Callback>
    private let system: UnsafeMutablePointer<gsl_odeiv2_system>
    private let driver: UnsafeMutablePointer<gsl_odeiv2_driver>
    private var t: Double
    private var y: [Double]

    fileprivate init(type: UnsafePointer<gsl_odeiv2_step_type>, settings: ODEIntegrator, t0: Double, y0: Double,
                     f: @escaping (Double, Double) throws -> Double) throws {
        box = .allocate(capacity: 1)
        box.initialize(to: Callback(f: f))
        system = .allocate(capacity: 1)
        system.initialize(to: gsl_odeiv2_system(
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
            jacobian: nil, dimension: 1, params: UnsafeMutableRawPointer(box)))
        guard let driver = gsl_odeiv2_driver_alloc_y_new(
            system, type, settings.initialStep, settings.absoluteTolerance, settings.relativeTolerance) else {
            system.deinitialize(count: 1)
            system.deallocate()
            box.deinitialize(count: 1)
            box.deallocate()
            try GSL.check(Int32(GSL_ENOMEM), "gsl_odeiv2_driver_alloc_y_new")
            throw NumericalError.invalidArgument("gsl_odeiv2_driver_alloc_y_new returned no driver")
        }
        self.driver = driver
        t = t0
        y = [y0]
        try GSL.check(gsl_odeiv2_driver_set_nmax(driver, UInt(settings.maxSteps)), "gsl_odeiv2_driver_set_nmax")
    }

    deinit {
        gsl_odeiv2_driver_free(driver)
        system.deinitialize(count: 1)
        system.deallocate()
        box.deinitialize(count: 1)
        box.deallocate()
    }

    /// y at `target`, integrating on from the last time asked (or t0).
    /// - Throws: `NumericalError.invalidArgument` for a target before that time; GSL's
    ///   errors (at most `maxSteps` steps per call) or f's own error.
    public func value(at target: Double) throws -> Double {
        guard target >= t else {
            throw NumericalError.invalidArgument("ODEIntegrator: the output times must ascend (\(target) after \(t))")
        }
        if target > t {
            let status = gsl_odeiv2_driver_apply(driver, &t, target, &y)
            if let e = box.pointee.error { throw e }
            try GSL.check(status, "ODE integration from t = \(t) to \(target)")
        }
        return y[0]
    }
}

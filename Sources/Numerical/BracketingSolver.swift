import CGSL

/// A bracketing root finder from GSL, as a value (`gsl_root_fsolver_brent` by default).
public struct BracketingSolver: Sendable {
    public enum Algorithm: Sendable { case brent, bisection, falsePosition }
    public var algorithm: Algorithm = .brent
    /// Stop when the bracket is narrower than absolute + relative·|x| (gsl_root_test_interval).
    public var absoluteTolerance = 0.0
    public var relativeTolerance = 4e-16
    public var maxIterations = 200

    public init(algorithm: Algorithm = .brent) { self.algorithm = algorithm }

    /// The root of f in [lower, upper]; f(lower) and f(upper) must differ in sign.
    /// Errors thrown by f are rethrown unchanged.
    public func root(
        in lower: Double, _ upper: Double, _ f: (Double) throws -> Double
    ) throws -> Double {
        GSL.handlerOff
        let type: UnsafePointer<gsl_root_fsolver_type>
        switch algorithm {
        case .brent: type = gsl_root_fsolver_brent
        case .bisection: type = gsl_root_fsolver_bisection
        case .falsePosition: type = gsl_root_fsolver_falsepos
        }
        guard let solver = gsl_root_fsolver_alloc(type) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "gsl_root_fsolver_alloc")
        }
        defer { gsl_root_fsolver_free(solver) }

        return try withoutActuallyEscaping(f) { f in
            var box = Callback(f: f)
            return try withUnsafeMutablePointer(to: &box) { boxPointer in
                var function = gsl_function(
                    function: { x, params in
                        // GSL hands back the params given below; never nil, but no trap if it were.
                        guard let box = params?.assumingMemoryBound(to: Callback.self) else { return .nan }
                        do { return try box.pointee.f(x) } catch {
                            box.pointee.error = error
                            return .nan
                        }
                    },
                    params: UnsafeMutableRawPointer(boxPointer))
                let status = gsl_root_fsolver_set(solver, &function, lower, upper)
                if let e = boxPointer.pointee.error { throw e }
                try GSL.check(status, "root bracket [\(lower), \(upper)]")
                for _ in 0..<maxIterations {
                    let s = gsl_root_fsolver_iterate(solver)
                    if let e = boxPointer.pointee.error { throw e }
                    try GSL.check(s, "root iteration")
                    let lo = gsl_root_fsolver_x_lower(solver), hi = gsl_root_fsolver_x_upper(solver)
                    if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == GSL_SUCCESS
                        || lo == hi {
                        return gsl_root_fsolver_root(solver)
                    }
                }
                throw NumericalError.noConvergence(
                    "root finder did not converge in \(maxIterations) iterations on [\(lower), \(upper)]")
            }
        }
    }

    private struct Callback {
        var f: (Double) throws -> Double
        var error: Error?
    }
}

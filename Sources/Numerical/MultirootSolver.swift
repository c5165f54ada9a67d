import CGSL

/// A root of f: ℝⁿ → ℝⁿ from GSL's multidimensional solvers, as a value
/// (`gsl_multiroot_fsolver_hybrids` by default: Powell's hybrid method, MINPACK's
/// `hybr`, with a finite-difference Jacobian and a trust region, so it needs only f).
///
/// One call is one start: the caller owns the multi-start loop. A start from which the
/// iteration stalls, leaves f's domain (f returns a non-finite value) or meets the
/// iteration bound is an ordinary outcome, `converged == false`, not an error; errors
/// thrown by f are rethrown unchanged.
public struct MultirootSolver: Sendable {
    public enum Algorithm: Sendable { case hybrids, hybrid, dnewton, broyden }
    public var algorithm: Algorithm = .hybrids
    /// Converged when max |f_i| ≤ this (`gsl_multiroot_test_residual` tests Σ|f_i|;
    /// the test here is the stricter per-component one on the same vector).
    public var residualTolerance = 1e-14
    public var maxIterations = 200

    public init(algorithm: Algorithm = .hybrids) { self.algorithm = algorithm }

    public struct Result: Sendable {
        public var x: [Double]
        public var f: [Double]
        public var iterations: Int
        public var converged: Bool
        /// max |f_i| at `x`.
        public var residual: Double { f.reduce(0) { Swift.max($0, $1.magnitude) } }
    }

    /// Iterates from `start` until max |f_i| ≤ `residualTolerance`, the solver stops
    /// making progress, or `maxIterations` pass; returns the last iterate either way.
    public func solve(from start: [Double], _ f: ([Double]) throws -> [Double]) throws -> Result {
        GSL.handlerOff
        let n = start.count
        precondition(n > 0, "a multiroot problem needs at least one unknown")
        let type: OpaquePointer
        switch algorithm {
        case .hybrids: type = gsl_multiroot_fsolver_hybrids
        case .hybrid: type = gsl_multiroot_fsolver_hybrid
        case .dnewton: type = gsl_multiroot_fsolver_dnewton
        case .broyden: type = gsl_multiroot_fsolver_broyden
        }
        guard let solver = gsl_multiroot_fsolver_alloc(type, n) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "gsl_multiroot_fsolver_alloc")
        }
        defer { gsl_multiroot_fsolver_free(solver) }
        guard let x0 = gsl_vector_alloc(n) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "gsl_vector_alloc")
        }
        defer { gsl_vector_free(x0) }
        for i in 0..<n { gsl_vector_set(x0, i, start[i]) }

        return try withoutActuallyEscaping(f) { f in
            var box = Callback(f: f, n: n)
            return try withUnsafeMutablePointer(to: &box) { boxPointer in
                var function = gsl_multiroot_function(
                    f: { x, params, out in
                        guard let x, let out, let box = params?.assumingMemoryBound(to: Callback.self) else {
                            return Int32(GSL_EFAULT)
                        }
                        let n = box.pointee.n
                        let point = (0..<n).map { gsl_vector_get(x, $0) }
                        do {
                            let value = try box.pointee.f(point)
                            guard value.count == n, value.allSatisfy(\.isFinite) else { return Int32(GSL_EBADFUNC) }
                            for i in 0..<n { gsl_vector_set(out, i, value[i]) }
                            return Int32(GSL_SUCCESS)
                        } catch {
                            box.pointee.error = error
                            return Int32(GSL_EBADFUNC)
                        }
                    },
                    n: n, params: UnsafeMutableRawPointer(boxPointer))
                let status = gsl_multiroot_fsolver_set(solver, &function, x0)
                if let e = boxPointer.pointee.error { throw e }
                func read(_ v: UnsafeMutablePointer<gsl_vector>?) -> [Double] {
                    guard let v else { return [] }
                    return (0..<n).map { gsl_vector_get(v, $0) }
                }
                var result = Result(x: start, f: [], iterations: 0, converged: false)
                guard status == GSL_SUCCESS else { return result }
                for k in 1...maxIterations {
                    result.x = read(gsl_multiroot_fsolver_root(solver))
                    result.f = read(gsl_multiroot_fsolver_f(solver))
                    result.iterations = k - 1
                    if result.residual <= residualTolerance {
                        result.converged = true
                        return result
                    }
                    let s = gsl_multiroot_fsolver_iterate(solver)
                    if let e = boxPointer.pointee.error { throw e }
                    // GSL_ENOPROG(J), GSL_EBADFUNC: this start is done, without a root.
                    if s != GSL_SUCCESS { return result }
                }
                result.x = read(gsl_multiroot_fsolver_root(solver))
                result.f = read(gsl_multiroot_fsolver_f(solver))
                result.iterations = maxIterations
                result.converged = result.residual <= residualTolerance
                return result
            }
        }
    }

    private struct Callback {
        var f: ([Double]) throws -> [Double]
        var n: Int
        var error: Error?
    }
}

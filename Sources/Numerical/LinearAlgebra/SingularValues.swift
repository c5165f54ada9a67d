import COpenBLAS

extension LinearAlgebra {
    /// Singular values (descending) of an m×n column-major matrix by LAPACK's `dgesdd`,
    /// values only (jobz = "N"); `a` is destroyed.
    ///
    /// - Throws: `NumericalError.invalidArgument` for a non-finite entry (dgesdd would loop
    ///   on it or return garbage) or a size beyond LAPACK's 32-bit indices, `LAPACKError`
    ///   when dgesdd fails.
    public static func singularValues(_ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int) throws -> [Double] {
        try checkSVD(UnsafeBufferPointer(start: a, count: m * n), rows: m, columns: n)
        var s = [Double](repeating: 0, count: Swift.min(m, n))
        var u = 0.0, vt = 0.0
        try gesdd("N", a, rows: m, columns: n, &s, &u, ldu: 1, &vt, ldvt: 1)
        return s
    }

    /// The thin SVD A = U diag(s) Vᵀ of an m × n column-major matrix by LAPACK's dgesdd
    /// (divide and conquer, jobz = "S"): U is m × k, V is n × k (k = min(m, n)), s descending.
    /// - Throws: `NumericalError.invalidArgument` for a non-finite entry, `LAPACKError`.
    public static func thinSVD(_ a: [Double], rows m: Int, cols n: Int) throws -> (u: [Double], s: [Double], v: [Double]) {
        guard a.count == m * n else {
            throw NumericalError.invalidArgument("thinSVD needs an m×n matrix of m·n values, got \(m)×\(n), \(a.count) values")
        }
        var a = a
        try a.withUnsafeBufferPointer { try checkSVD($0, rows: m, columns: n) }
        let k = Swift.min(m, n)
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k), vt = [Double](repeating: 0, count: k * n)
        try a.withUnsafeMutableBufferPointer { p in
            try gesdd("S", p.baseAddress!, rows: m, columns: n, &s, &u, ldu: m, &vt, ldvt: k)
        }
        var v = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { v[j * n + i] = vt[i * k + j] } }
        return (u, s, v)
    }

    private static func checkSVD(_ a: UnsafeBufferPointer<Double>, rows m: Int, columns n: Int) throws {
        guard m >= 1, n >= 1, m * n < Int(Int32.max) else {
            throw NumericalError.invalidArgument("a singular value decomposition needs 1 <= m·n < 2^31, got \(m)×\(n)")
        }
        guard a.allSatisfy({ $0.isFinite }) else {
            throw NumericalError.invalidArgument("the matrix has a non-finite entry (overflow upstream)")
        }
    }

    /// dgesdd's workspace query, then the decomposition (single-threaded OpenBLAS).
    private static func gesdd(_ job: Unicode.Scalar, _ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int,
                              _ s: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>, ldu: Int,
                              _ vt: UnsafeMutablePointer<Double>, ldvt: Int) throws {
        configure()
        var jobz = Int8(UInt8(ascii: job)), rows = Int32(m), cols = Int32(n), lda = Int32(m)
        var lu = Int32(ldu), lvt = Int32(ldvt), lwork: Int32 = -1, info: Int32 = 0, query = 0.0
        var iwork = [Int32](repeating: 0, count: 8 * Swift.min(m, n))
        dgesdd_(&jobz, &rows, &cols, a, &lda, s, u, &lu, vt, &lvt, &query, &lwork, &iwork, &info)
        try LAPACKError.check(info, "dgesdd (workspace query)")
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Swift.max(1, Int(lwork)))
        dgesdd_(&jobz, &rows, &cols, a, &lda, s, u, &lu, vt, &lvt, &work, &lwork, &iwork, &info)
        try LAPACKError.check(info, "dgesdd")
    }
}

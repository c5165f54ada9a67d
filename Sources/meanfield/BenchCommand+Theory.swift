import Foundation
import MeanField

extension BenchCommand {
    func diagram(count: Int, convergence: Bool = false) {
        let w = GridRange(start: 1, stop: 5, count: count).values
        let b = GridRange(start: 0, stop: 4, count: count).values
        var d = PhaseDiagram(phi: .tanh, sigmaW: w, sigmaB: b)
        d.includeConvergenceTime = convergence
        let points = d.compute()
        if let bad = points.first(where: { $0.failure != nil }), let why = bad.failure {
            print("  warning: σw=\(bad.sigmaW) σb=\(bad.sigmaB) failed: \(why)")
        }
    }

    /// What neural-tangents computes on its grid: q* and then c^l for 30 layers from
    /// c¹ = 0.5 (the joint two-point recursion) at every point of the 41×41 grid.
    /// - Throws: `BenchFailure` naming how many points failed and the first one.
    func depth30Kernels() throws {
        let w = GridRange(start: 1, stop: 5, count: 41).values, b = GridRange(start: 0, stop: 4, count: 41).values
        let failures = concurrentIndices(w.count * b.count) { k -> String? in
            do {
                let m = try MeanFieldModel(phi: .tanh, sigmaW: w[k % 41], sigmaB: b[k / 41])
                let q = try m.lengthFixedPoint()
                _ = try m.twoPointRecursion(q11: q, q22: q, c: 0.5, depth: 30)
                return nil
            } catch {
                return "σw=\(w[k % 41]), σb=\(b[k / 41]): \(error)"
            }
        }.compactMap { $0 }
        if let first = failures.first {
            throw BenchFailure("depth-30 kernels", reason: "\(failures.count) of \(w.count * b.count) grid points failed, e.g. \(first)")
        }
    }

    /// Single-thread costs of the building blocks, and the accuracy reached.
    func micro() throws {
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let q = try m.lengthFixedPoint()
        let n = 2000
        let v = try time(repeats, "V(q)") { for i in 0..<n { _ = m.lengthMap(q + Double(i) * 1e-9) } } / Double(n)
        let c2 = try time(repeats, "C(c)") { for i in 0..<50 { _ = m.covarianceAndSlope(0.3 + Double(i) * 1e-6, q1: q, q2: q) } } / 50
        let s = try time(repeats, "full summary") { _ = try m.summary() }
        print(String(format: "  V(q) 1-D integral          %9.2f µs", v * 1e6))
        print(String(format: "  C(c) and ∂C/∂c 2-D         %9.2f µs", c2 * 1e6))
        print(String(format: "  full summary (σw=2.5)      %9.2f µs", s * 1e6))
        // Accuracy against erf's closed forms over the spec's ranges.
        // The quadrature is what is measured, not erf's own closed-form kernel.
        var erf = try MeanFieldModel(phi: .erf, sigmaW: 1, sigmaB: 0)
        erf.kernel = nil
        var worst1 = 0.0, worst2 = 0.0
        for q1 in [1e-8, 1e-3, 0.5, 2, 10, 100, 1000] {
            let exact = 2 / Double.pi * asin(2 * q1 / (1 + 2 * q1))
            worst1 = max(worst1, abs(erf.lengthMap(q1) - exact) / exact)
            for q2 in [1e-3, 2, 1000] {
                for c in [-0.99, -0.3, 0.2, 0.7, 0.999] {
                    let d = ((1 + 2 * q1) * (1 + 2 * q2)).squareRoot()
                    let e = 2 / Double.pi * asin(2 * c * (q1 * q2).squareRoot() / d)
                    let scale = 2 / Double.pi * asin(2 * (q1 * q2).squareRoot() / d)
                    worst2 = max(worst2, abs(erf.covarianceMap(c, q1: q1, q2: q2) - e) / scale)
                }
            }
        }
        print(String(format: "  worst relative error vs erf closed forms: V %.1e, C %.1e", worst1, worst2))
    }
}

import CGSL
import Foundation

/// A smooth function on [lower, upper] as Chebyshev series on panels, each panel's
/// series computed by GSL (`gsl_cheb_init`: interpolation at the Chebyshev points) and
/// kept only if it reproduces f between those points within `tolerance`·max|f| on the
/// panel; otherwise the panel is halved (up to `maxSplits` times).
///
/// Why: an expensive f (a Gaussian integral) needed at millions of arguments costs one
/// Clenshaw sum (~25 multiply-adds) per call instead of a quadrature.
///
/// Honesty of the bound: the check is at points between the interpolation nodes, where
/// the interpolation error of a smooth f peaks; it is a measured error, not a proof, so
/// callers use the series where a small error cannot change a result (or recount).
public struct PiecewiseChebyshev: Sendable {
    /// Panel edges, increasing: panel k is [edges[k], edges[k + 1]].
    public let edges: [Double]
    /// GSL's coefficients, `order + 1` per panel one after another
    /// (f ≈ c0/2 + Σ_{j≥1} c_j T_j(y) on each).
    private let coefficients: [Double]
    private let order: Int
    /// The largest error seen at the check points, relative to max|f| of its panel.
    public let measuredError: Double

    public var lower: Double { edges.first ?? 0 }
    public var upper: Double { edges.last ?? 0 }

    /// Interpolates f on the panels between consecutive `breaks` (increasing), splitting
    /// each until it meets `tolerance`. Where a panel cannot meet it (f not smooth
    /// enough, or not finite), the series ends at that panel's left edge; `nil` when not
    /// even the first panel can be built.
    public init?(breaks: [Double], order: Int = 24, tolerance: Double, maxSplits: Int = 6,
                 _ f: (Double) -> Double) {
        GSL.handlerOff
        var edges: [Double] = []
        var coefficients: [Double] = []
        var worst = 0.0
        var failed = false
        func build(_ a: Double, _ b: Double, splits: Int) {
            if failed { return }
            if let (c, error) = Self.panel(a, b, order: order, f), error <= tolerance {
                if edges.isEmpty { edges.append(a) }
                edges.append(b)
                coefficients.append(contentsOf: c)
                worst = Swift.max(worst, error)
            } else if splits > 0 {
                let m = 0.5 * (a + b)
                build(a, m, splits: splits - 1)
                build(m, b, splits: splits - 1)
            } else {
                failed = true
            }
        }
        for (a, b) in zip(breaks, breaks.dropFirst()) where b > a {
            build(a, b, splits: maxSplits)
            if failed { break }
        }
        guard !coefficients.isEmpty else { return nil }
        self.edges = edges
        self.coefficients = coefficients
        self.order = order
        self.measuredError = worst
    }

    /// f(x) from the series, `nil` outside [lower, upper].
    @inline(__always)
    public func callAsFunction(_ x: Double) -> Double? {
        guard x >= lower, x <= upper else { return nil }
        // Last panel whose left edge is ≤ x (binary search; a few dozen panels).
        var lo = 0, hi = edges.count - 2
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if edges[mid] <= x { lo = mid } else { hi = mid - 1 }
        }
        let n = order + 1
        return coefficients.withUnsafeBufferPointer { c in
            Self.clenshaw(UnsafeBufferPointer(rebasing: c[(lo * n)..<((lo + 1) * n)]), edges[lo], edges[lo + 1], x)
        }
    }

    /// One panel's series from GSL and its largest relative error at the midpoints
    /// between consecutive Chebyshev points; `nil` if f is not finite there.
    private static func panel(_ a: Double, _ b: Double, order: Int,
                              _ f: (Double) -> Double) -> ([Double], Double)? {
        guard let series = gsl_cheb_alloc(order) else { return nil }
        defer { gsl_cheb_free(series) }
        let status = withoutActuallyEscaping(f) { f -> Int32 in
            var box = Box(f: f)
            return withUnsafeMutablePointer(to: &box) { pointer in
                var function = gsl_function(
                    function: { x, params in
                        guard let box = params?.assumingMemoryBound(to: Box.self) else { return .nan }
                        return box.pointee.f(x)
                    },
                    params: UnsafeMutableRawPointer(pointer))
                return gsl_cheb_init(series, &function, a, b)
            }
        }
        guard status == GSL_SUCCESS, let c0 = gsl_cheb_coeffs(series) else { return nil }
        let c = Array(UnsafeBufferPointer(start: c0, count: order + 1))
        guard c.allSatisfy(\.isFinite) else { return nil }
        // Check between the nodes x_k = cos(π(k + ½)/(n + 1)): at cos(π(k + 1)/(n + 1)).
        var size = 0.0, error = 0.0
        let n = Double(order + 1)
        for k in 0..<order {
            let y = cos(Double.pi * Double(k + 1) / n)
            let x = 0.5 * (a + b) + 0.5 * (b - a) * y
            let exact = f(x)
            guard exact.isFinite else { return nil }
            size = Swift.max(size, exact.magnitude)
            error = Swift.max(error, (clenshaw(c, a, b, x) - exact).magnitude)
        }
        return (c, size > 0 ? error / size : error)
    }

    @inline(__always)
    private static func clenshaw<C: RandomAccessCollection<Double>>(_ c: C, _ a: Double, _ b: Double, _ x: Double) -> Double
        where C.Index == Int {
        let y = (2 * x - a - b) / (b - a), y2 = 2 * y
        var d = 0.0, dd = 0.0
        let first = c.startIndex
        var j = c.endIndex - 1
        while j > first {
            let t = d
            d = y2 * d - dd + c[j]
            dd = t
            j -= 1
        }
        return y * d - dd + 0.5 * c[first]
    }

    private struct Box { var f: (Double) -> Double }
}

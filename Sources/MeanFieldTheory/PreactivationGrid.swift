import Foundation
import Nonlinearities
import Numerical

/// The inner integrals E_{z2}[g(μ + σ z2)] of a two-dimensional Gaussian integral, for
/// many means μ and one width σ, on one grid in the pre-activation x = μ + σ z2.
///
/// Why: in z2 the singularities of g move with μ (that is, with the outer node z1), so
/// g must be evaluated afresh at every (z1, z2) node: M² calls of tanh. In x they stay
/// put, so g is evaluated once per grid node, and each inner integral is a weighted
/// sum Σ_j W_j g(x_j) exp(−(x_j − μ)²/(2σ²)) over the nodes within μ ± Lσ: one `exp`
/// per node instead of an `exp` and a `tanh` (≈ 3× cheaper here, measured by
/// `meanfield bench`).
///
/// The grid is the composite Gauss–Legendre rule of `GaussianQuadrature` on
/// [−R, R] ⊇ {μ ± Lσ}, split at g's kinks, graded towards its complex singularities and
/// with panels no wider than `maxPanelWidth`·σ, so that every Gaussian window is
/// resolved exactly as the z2 rule would resolve it. The grid has ~R/σ panels, which is
/// why it is used only when σ is not small against the spread of μ (|c| not close to 1).
struct PreactivationGrid<V: SIMD> where V.Scalar == Double {
    private var nodes: [Double] = []
    private var weights: [Double] = []
    /// g at the nodes, one array per component of V (structure of arrays, so the inner
    /// sums run eight nodes per vector operation).
    private var lanes: [[Double]]
    private var panelLow: [Double] = []
    private var panelHigh: [Double] = []
    private var panelStart: [Int] = [0]
    let sigma: Double
    let window: Double

    init(phi: Nonlinearity, sigma: Double, range: Double, quadrature: GaussianQuadrature,
         _ g: (Double) -> V) {
        self.sigma = sigma
        self.window = quadrature.cutoff * sigma
        self.lanes = Array(repeating: [], count: V.scalarCount)
        var rule = quadrature
        rule.cutoff = range
        let hmax = Swift.min(quadrature.maxPanelWidth * sigma, phi.maxPanelWidth)
        let gl = quadrature.rule
        let norm = 1 / (sigma * (2 * Double.pi).squareRoot())
        // Panels graded towards a right-hand anchor come out right to left: sort them,
        // the window search below needs them in order.
        var panels: [(Double, Double)] = []
        phi.singularities.withUnsafeBufferPointer { anchors in
            rule.forEachPanel(anchors: anchors, hmax: hmax) { a, b in panels.append((a, b)) }
        }
        panels.sort { $0.0 < $1.0 }
        nodes.reserveCapacity(panels.count * gl.count)
        for (a, b) in panels {
            let mid = 0.5 * (a + b), half = 0.5 * (b - a)
            for i in 0..<gl.count {
                let x = mid + half * gl.nodes[i]
                nodes.append(x)
                weights.append(half * gl.weights[i] * norm)
                let v = g(x)
                for l in 0..<V.scalarCount { lanes[l].append(v[l]) }
            }
            panelLow.append(a)
            panelHigh.append(b)
            panelStart.append(nodes.count)
        }
    }

    /// E_{z2}[g(μ + σ z2)] over |z2| ≤ L (whole panels reaching into the window).
    @inline(__always)
    func mean(at mu: Double) -> V {
        let lo = mu - window, hi = mu + window
        // First panel reaching into the window (panels are sorted and contiguous).
        var first = 0, last = panelHigh.count
        while first < last {
            let m = (first + last) / 2
            if panelHigh[m] < lo { first = m + 1 } else { last = m }
        }
        var end = first
        while end < panelLow.count && panelLow[end] <= hi { end += 1 }
        let scale = -0.5 / (sigma * sigma)
        var sum = V.zero
        let start = panelStart[first], stop = panelStart[end]
        // Eight nodes at a time: the Gaussian weights through `vectorExp` once, then
        // every component of g (V has one or two); the rest one by one.
        let n = V.scalarCount
        precondition(n <= 2, "PreactivationGrid sums at most two integrands at once")
        let g0 = lanes[0], g1 = lanes[n - 1]
        nodes.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                g0.withUnsafeBufferPointer { a in
                    g1.withUnsafeBufferPointer { b in
                        var acc0 = SIMD8<Double>.zero, acc1 = SIMD8<Double>.zero
                        var j = start
                        while j + 8 <= stop {
                            let d = load8(x, j) - mu
                            let we = vectorExp(scale * d * d) * load8(w, j)
                            acc0 += we * load8(a, j)
                            acc1 += we * load8(b, j)
                            j += 8
                        }
                        var s0 = acc0.sum(), s1 = acc1.sum()
                        while j < stop {
                            let d = x[j] - mu
                            let we = w[j] * exp(scale * d * d)
                            s0 += we * a[j]
                            s1 += we * b[j]
                            j += 1
                        }
                        sum[0] = s0
                        if n == 2 { sum[1] = s1 }
                    }
                }
            }
        }
        return sum
    }
}

@inline(__always)
private func load8(_ p: UnsafeBufferPointer<Double>, _ j: Int) -> SIMD8<Double> {
    UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: SIMD8<Double>.self)
}

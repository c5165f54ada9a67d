import Foundation
import Nonlinearities
import Numerical

/// The inner integrals E_{z2}[g(μ + σ z2)] of a two-dimensional Gaussian integral, for
/// many means μ and one width σ, on one grid in the pre-activation x = μ + σ z2.
///
/// Why: in z2 the singularities of g move with μ (that is, with the outer node z1), so
/// g must be evaluated afresh at every (z1, z2) node: M² calls of tanh. In x they stay
/// put, so g is evaluated once per grid node, and each inner integral is a weighted
/// sum Σ_j W_j g(x_j) exp(−(x_j − μ)²/(2σ²)) over the nodes within μ ± Lσ.
///
/// The Gaussian factors without an `exp` per node: on a stretch of equal panels (width
/// h) node i of panel p + 1 is node i of panel p moved by h, and along such a sequence
/// E_p = exp(−(d + ph)²/(2σ²)) obeys E_{p+1} = E_p·R_p, R_{p+1} = R_p·s with
/// R_p = exp(−(2(d + ph)h + h²)/(2σ²)) and s = exp(−h²/σ²): two multiplications per node.
/// The recurrence starts at the stretch's panel nearest μ (one `exp` per node there; R_0
/// is one scalar `exp` times a per-node constant of the stretch) and runs outwards both
/// ways, so the largest factors are the exactly computed ones, and a factor p panels
/// away, rounded ~p²/2 times (≲ 1e-15 relative at p = 5, where it is already below
/// e^{−8}), carries its rounding only where it is small. Runs of graded panels become
/// one stretch of equal panels (`evened`), so a window holds a few stretches.
///
/// The grid is the composite Gauss–Legendre rule of `GaussianQuadrature` on
/// [−R, R] ⊇ {μ ± Lσ}, split at g's kinks, graded towards its complex singularities and
/// with panels no wider than `maxPanelWidth`·σ, so that every Gaussian window is
/// resolved exactly as the z2 rule would resolve it. The grid has ~R/σ panels, which is
/// why it is used only when σ is not small against the spread of μ (|c| not close to 1).
struct PreactivationGrid<V: SIMD> where V.Scalar == Double {
    private var nodes: [Double] = []
    private var weights: [Double] = []
    /// g at the nodes, component l of V at offset l·`laneStride` (structure of arrays: a
    /// panel's nodes are consecutive, and are read as vectors of four).
    private var values: [Double] = []
    private var laneStride = 0
    private var panelLow: [Double] = []
    private var panelHigh: [Double] = []
    /// The stretch each panel belongs to.
    private var stretchOf: [Int] = []
    private var stretches: [Stretch] = []
    /// Per stretch, `maxNodes` lanes each (0 past the rule's nodes): exp(−h t_i/σ²) and
    /// exp(h t_i/σ²), t_i = x_i − (panel centre), the node-dependent parts of the ratios
    /// R_0 going right and left from an anchor panel.
    private var rightRatio: [Double] = []
    private var leftRatio: [Double] = []
    /// Nodes per panel (the rule's), at most `maxNodes`.
    private let count: Int
    let sigma: Double
    let window: Double

    /// Most nodes per panel: three vectors of four.
    static var maxNodes: Int { 12 }

    /// Panels [first, end) of one width h; s = exp(−h²/σ²).
    private struct Stretch {
        var first: Int
        var end: Int
        var h: Double
        var s: Double
    }

    /// Panels on [−range, range]; g is evaluated only on those that the windows of the
    /// means in `reach` touch (an even integrand's outer integral asks for μ ≥ 0 only).
    init(phi: Nonlinearity, sigma: Double, range: Double, reach: ClosedRange<Double>,
         quadrature: GaussianQuadrature, _ g: (Double) -> V) {
        precondition(V.scalarCount <= 3, "PreactivationGrid sums at most three integrands at once")
        self.sigma = sigma
        self.window = quadrature.cutoff * sigma
        var rule = quadrature
        rule.cutoff = range
        let hmax = Swift.min(quadrature.maxPanelWidth * sigma, phi.maxPanelWidth)
        let gl = quadrature.rule
        precondition(gl.count <= Self.maxNodes, "PreactivationGrid takes rules of at most 12 nodes")
        count = gl.count
        let norm = 1 / (sigma * (2 * Double.pi).squareRoot())
        // Panels graded towards a right-hand anchor come out right to left: sort them,
        // the window search below needs them in order.
        var graded: [(Double, Double)] = []
        phi.singularities.withUnsafeBufferPointer { anchors in
            rule.forEachPanel(anchors: anchors, hmax: hmax) { a, b in graded.append((a, b)) }
        }
        graded.sort { $0.0 < $1.0 }
        let kinks = phi.singularities.filter { $0.distance == 0 }.map(\.location)
        let lowest = reach.lowerBound - window, highest = reach.upperBound + window
        let panels = Self.evened(graded, hmax: hmax, kinks: kinks).filter { $0.1 >= lowest && $0.0 <= highest }
        // The last panel's vectors read past its nodes: zeros there.
        let m = gl.count, stride = panels.count * m + Self.maxNodes
        laneStride = stride
        nodes = [Double](repeating: 0, count: stride)
        weights = [Double](repeating: 0, count: stride)
        values = [Double](repeating: 0, count: stride * V.scalarCount)
        panelLow = panels.map(\.0)
        panelHigh = panels.map(\.1)
        nodes.withUnsafeMutableBufferPointer { x in
            weights.withUnsafeMutableBufferPointer { w in
                values.withUnsafeMutableBufferPointer { v in
                    gl.nodes.withUnsafeBufferPointer { t in
                        gl.weights.withUnsafeBufferPointer { u in
                            for (p, (a, b)) in panels.enumerated() {
                                let mid = 0.5 * (a + b), half = 0.5 * (b - a)
                                for i in 0..<m {
                                    let j = p * m + i
                                    let xj = mid + half * t[i]
                                    x[j] = xj
                                    w[j] = half * u[i] * norm
                                    let gj = g(xj)
                                    for l in 0..<V.scalarCount { v[l * stride + j] = gj[l] }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Stretches: consecutive panels of one width (to rounding).
        let a = -0.5 / (sigma * sigma)
        var p = 0
        while p < panels.count {
            let width = panelHigh[p] - panelLow[p]
            var end = p + 1
            while end < panels.count && ((panelHigh[end] - panelLow[end]) - width).magnitude <= 1e-9 * width { end += 1 }
            let h = (panelHigh[end - 1] - panelLow[p]) / Double(end - p)
            for _ in p..<end { stretchOf.append(stretches.count) }
            stretches.append(Stretch(first: p, end: end, h: h, s: exp(2 * a * h * h)))
            for i in 0..<Self.maxNodes {
                let t = i < gl.count ? 0.5 * h * gl.nodes[i] : 0
                rightRatio.append(i < gl.count ? exp(2 * a * h * t) : 0)
                leftRatio.append(i < gl.count ? exp(-2 * a * h * t) : 0)
            }
            p = end
        }
    }

    /// The panels with every run of graded panels (narrower than hmax, no kink inside)
    /// replaced by equal panels as wide as the run's narrowest, unless that makes more
    /// than three times as many: one stretch instead of several (`mean`). Each new panel
    /// is no wider than the narrowest old one, which lay nearest the singularity, so
    /// every panel sees the singularities at least as far off in half-widths.
    private static func evened(_ panels: [(Double, Double)], hmax: Double, kinks: [Double]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        var i = 0
        while i < panels.count {
            var j = i
            var narrowest = Double.infinity
            while j < panels.count && panels[j].1 - panels[j].0 < 0.99 * hmax {
                narrowest = Swift.min(narrowest, panels[j].1 - panels[j].0)
                j += 1
            }
            guard j - i >= 2 else {
                out.append(panels[i])
                i += 1
                continue
            }
            let lo = panels[i].0, hi = panels[j - 1].1
            // Counted in Double: a run across a huge range (σ ~ 1e70) over a narrow
            // panel is more panels than Int holds, and is kept as it is.
            let count = ((hi - lo) / narrowest * (1 - 1e-12)).rounded(.up)
            if count <= Double(3 * (j - i)) && !kinks.contains(where: { $0 > lo && $0 < hi }) {
                let n = Int(count)
                let width = (hi - lo) / Double(n)
                for k in 0..<n { out.append((lo + Double(k) * width, k == n - 1 ? hi : lo + Double(k + 1) * width)) }
            } else {
                out += panels[i..<j]
            }
            i = j
        }
        return out
    }

    /// E_{z2}[g(μ + σ z2)] over |z2| ≤ L (whole panels reaching into the window).
    @inline(__always)
    func mean(at mu: Double) -> V {
        let s = V.scalarCount == 3 ? sums(at: mu, three: true) : sums(at: mu, three: false)
        var sum = V.zero
        sum[0] = s.x
        if V.scalarCount >= 2 { sum[1] = s.y }
        if V.scalarCount == 3 { sum[2] = s.z }
        return sum
    }

    /// The inner sums of the first two components of g, and of the third if `three`
    /// (the first two are summed alike either way).
    @inline(__always)
    private func sums(at mu: Double, three: Bool) -> SIMD3<Double> {
        let lo = mu - window, hi = mu + window
        // First panel reaching into the window (panels are sorted and contiguous).
        var first = 0, last = panelHigh.count
        while first < last {
            let m = (first + last) / 2
            if panelHigh[m] < lo { first = m + 1 } else { last = m }
        }
        // One past the last panel reaching into it.
        var end = first, top = panelLow.count
        while end < top {
            let m = (end + top) / 2
            if panelLow[m] <= hi { end = m + 1 } else { top = m }
        }
        let a = -0.5 / (sigma * sigma)
        let n = V.scalarCount
        let stride = laneStride
        let chunks = (count + 3) / 4
        let padding = SIMD4<Int64>(0, 1, 2, 3)
        var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0
        nodes.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                values.withUnsafeBufferPointer { v in
                    rightRatio.withUnsafeBufferPointer { right in
                        leftRatio.withUnsafeBufferPointer { left in
                            let g0 = UnsafeBufferPointer(rebasing: v[0..<stride])
                            let g1 = UnsafeBufferPointer(rebasing: v[((n >= 2 ? 1 : 0) * stride)...])
                            let g2 = UnsafeBufferPointer(rebasing: v[((three ? 2 : 0) * stride)...])
                            var p = first
                            while p < end {
                                let st = stretches[stretchOf[p]]
                                let stop = Swift.min(st.end, end)
                                // The stretch's panel nearest μ; its factors exactly.
                                let k = (mu - panelLow[st.first]) / st.h
                                let anchor = k < Double(p - st.first) ? p
                                    : (k >= Double(stop - 1 - st.first) ? stop - 1 : st.first + Int(k))
                                let d = 0.5 * (panelLow[anchor] + panelHigh[anchor]) - mu
                                // R_0 to the right and to the left multiply to s.
                                let ratio = exp(a * st.h * (st.h + 2 * d))
                                let toRight = anchor + 1 < stop ? ratio : 0
                                let toLeft = anchor > p ? st.s / ratio : 0
                                let ratios = stretchOf[p] * Self.maxNodes
                                for c in 0..<chunks {
                                    let j = anchor * count + 4 * c
                                    let u = load4(x, j) - mu
                                    let e = (vectorExp(a * u * u) * load4(w, j))
                                        .replacing(with: 0, where: padding .>= Int64(count - 4 * c))
                                    var s0 = e * load4(g0, j), s1 = e * load4(g1, j)
                                    var s2 = three ? e * load4(g2, j) : .zero
                                    // E_{p+1} = E_p R_p, R_{p+1} = R_p s, outwards both ways.
                                    if toRight > 0 {
                                        var f = e, r = toRight * load4(right, ratios + 4 * c)
                                        for q in (anchor + 1)..<stop {
                                            f *= r
                                            r *= st.s
                                            let i = q * count + 4 * c
                                            s0 += f * load4(g0, i)
                                            s1 += f * load4(g1, i)
                                            if three { s2 += f * load4(g2, i) }
                                        }
                                    }
                                    if toLeft > 0 {
                                        var f = e, r = toLeft * load4(left, ratios + 4 * c)
                                        for q in Swift.stride(from: anchor - 1, through: p, by: -1) {
                                            f *= r
                                            r *= st.s
                                            let i = q * count + 4 * c
                                            s0 += f * load4(g0, i)
                                            s1 += f * load4(g1, i)
                                            if three { s2 += f * load4(g2, i) }
                                        }
                                    }
                                    sum0 += s0.sum()
                                    sum1 += s1.sum()
                                    if three { sum2 += s2.sum() }
                                }
                                p = stop
                            }
                        }
                    }
                }
            }
        }
        return SIMD3(sum0, sum1, sum2)
    }
}

@inline(__always)
private func load4(_ p: UnsafeBufferPointer<Double>, _ j: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: SIMD4<Double>.self)
}

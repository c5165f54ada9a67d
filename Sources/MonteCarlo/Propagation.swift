import COpenBLAS
import Dispatch
import Foundation
import Nonlinearities
import Numerical

extension SimulationRequest {
    /// Runs every network and returns measurements[network][layer − 1].
    ///
    /// Per layer, the N×M matrix [h | v | a | extra inputs] goes through one pass:
    /// the elementwise jet in place (h → φ(h), v → φ′(h)⊙v, a → φ″(h)⊙v⊙v + φ′(h)⊙a,
    /// extra h → φ(h)), then one `cblas_dgemm` [W | b]·[…; 1ᵀ] for the whole batch, the
    /// bias included (see `Workspace`). v and a are the exact forward-mode tangent and acceleration
    /// (SPEC.md §4): no finite differences.
    ///
    /// `progress(done, total)` is called after each layer of each network.
    /// `profile`, when given, accumulates the seconds spent in each phase.
    public func run(progress: ((Int, Int) -> Void)? = nil, profile: SimulationProfile? = nil) throws -> [[LayerMeasurement]] {
        try validate()
        let ws = Workspace(width: network.width, columns: columns, weights: network.depth > 1)
        var all: [[LayerMeasurement]] = []
        for k in 0..<networks {
            var layers: [LayerMeasurement] = []
            try forEachLayer(ws, network: k, profile: profile) { l in
                layers.append(profile.timed(\.measure) { measure(ws) })
                progress?(k * network.depth + l, networks * network.depth)
            }
            all.append(layers)
        }
        return all
    }

    /// Runs every network and returns, per layer, the mean and standard error over
    /// networks, streamed: each network's measurements go into running statistics and are
    /// dropped, so memory does not grow with `networks` (the same numbers as
    /// `LayerSummary.summarize(run())`).
    public func summarize(progress: ((Int, Int) -> Void)? = nil, profile: SimulationProfile? = nil) throws -> [LayerSummary] {
        try validate()
        let ws = Workspace(width: network.width, columns: columns, weights: network.depth > 1)
        var layers: [LayerAccumulator] = []
        for k in 0..<networks {
            try forEachLayer(ws, network: k, profile: profile) { l in
                let m = profile.timed(\.measure) { measure(ws) }
                if layers.count < l { layers.append(LayerAccumulator(like: m)) }
                layers[l - 1].add(m)
                progress?(k * network.depth + l, networks * network.depth)
            }
        }
        return layers.enumerated().map { $1.summary(layer: $0 + 1) }
    }

    /// Pushes network k's inputs through its layers, calling `body(l)` with layer l's
    /// matrix in `ws.current`.
    func forEachLayer(_ ws: Workspace, network k: Int, profile: SimulationProfile? = nil, _ body: (Int) throws -> Void) throws {
        profile.timed(\.inputs) { prepareInputs(ws, network: k) }
        for l in 1...network.depth {
            try body(l)
            if l == network.depth { break }
            profile.timed(\.elementwise) { applyJet(ws) }
            try profile.timed(\.weights) { try drawLayer(ws, network: k, layer: l + 1) }
            profile.timed(\.multiply) { multiply(ws) }
        }
    }

    /// The circle's h, ∂θh and ∂²θh at the last layer of network k, one array of N
    /// values per point: for checks of the forward-mode recursion.
    public func circleJet(network k: Int = 0) throws -> (h: [[Double]], v: [[Double]], a: [[Double]]) {
        try validate()
        let ws = Workspace(width: network.width, columns: columns)
        try forEachLayer(ws, network: k) { _ in }
        let n = network.width, p = circlePoints
        func column(_ j: Int) -> [Double] { Array(UnsafeBufferPointer(start: ws.current + j * ws.ld, count: n)) }
        return ((0..<p).map(column), (p..<2 * p).map(column), (2 * p..<3 * p).map(column))
    }

    /// Layer 1: the circle with its exact tangent and acceleration, the single inputs
    /// and the pairs, from stream (network, 0, ·).
    func prepareInputs(_ ws: Workspace, network k: Int) {
        let n = network.width, p = circlePoints, ld = ws.ld
        let h = ws.current
        ws.setBiasRow(circlePoints: p)
        let r = (Double(n) * circleLength).squareRoot()
        // The circle's axes and offset: r u0, r u1, 0; or, for the image of a circle through
        // a Gaussian first layer, independent N(0, σw² q0) axes and the bias N(0, σb²).
        let axis0: [Double], axis1: [Double], offset: [Double]
        if let q0 = randomLinearInput {
            var g = GaussianStream(seed: SplitMix64.derive(seed, UInt64(k), 1, 0))
            let sd = network.sigmaW * q0.squareRoot()
            axis0 = (0..<n).map { _ in sd * g.next() }
            axis1 = (0..<n).map { _ in sd * g.next() }
            offset = (0..<n).map { _ in network.sigmaB * g.next() }
        } else {
            let (u0, u1) = orthonormalPair(n, seed: SplitMix64.derive(seed, UInt64(k), 0, 0))
            axis0 = u0.map { r * $0 }
            axis1 = u1.map { r * $0 }
            offset = [Double](repeating: 0, count: n)
        }
        for j in 0..<p {
            let theta = 2 * Double.pi * Double(j) / Double(p)
            let c = cos(theta), s = sin(theta)
            for i in 0..<n {
                let x = c * axis0[i] + s * axis1[i]
                h[j * ld + i] = x + offset[i]                              // h
                h[(p + j) * ld + i] = -s * axis0[i] + c * axis1[i]         // v = ∂θ h
                h[(2 * p + j) * ld + i] = -x                               // a = ∂²θ h
            }
        }
        var column = 3 * p
        for (i, q1) in pointLengths.enumerated() {
            let (u, _) = orthonormalPair(n, seed: SplitMix64.derive(seed, UInt64(k), 0, UInt64(1 + i)))
            let r1 = (Double(n) * q1).squareRoot()
            for row in 0..<n { h[column * ld + row] = r1 * u[row] }
            column += 1
        }
        for (i, c1) in pairCorrelations.enumerated() {
            let (a, b) = orthonormalPair(n, seed: SplitMix64.derive(seed, UInt64(k), 0, UInt64(1_000_000 + i)))
            let s1 = (1 - c1 * c1).squareRoot()
            for row in 0..<n {
                h[column * ld + row] = r * a[row]
                h[(column + 1) * ld + row] = r * (c1 * a[row] + s1 * b[row])
            }
            column += 2
        }
    }

    /// Two orthonormal vectors from two Gaussian ones by Gram–Schmidt (uniform on the
    /// Stiefel manifold).
    func orthonormalPair(_ n: Int, seed: UInt64) -> ([Double], [Double]) {
        var g = GaussianStream(seed: seed)
        var a = (0..<n).map { _ in g.next() }
        var b = (0..<n).map { _ in g.next() }
        let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { a[i] /= na }
        let ab = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<n { b[i] -= ab * a[i] }
        let nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in 0..<n { b[i] /= nb }
        return (a, b)
    }

    /// The elementwise pass, in place, in column blocks on all cores; eight rows at a
    /// time where φ has a vectorised jet (tanh).
    func applyJet(_ ws: Workspace) {
        let n = network.width, p = circlePoints, ld = ws.ld
        let phi = network.phi
        let h = ws.current
        let chunks = Swift.max(1, Swift.min(64, columns / 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * p / chunks, hi = (c + 1) * p / chunks
            for j in lo..<hi {
                let hj = h + j * ld, vj = h + (p + j) * ld, aj = h + (2 * p + j) * ld
                var i = 0
                if let vector = phi.vectorSecondJet {
                    while i + 8 <= n {
                        let (f, d, dd) = vector(load8(hj + i))
                        let v = load8(vj + i)
                        store8(f, hj + i)
                        store8(d * v, vj + i)
                        store8(dd * v * v + d * load8(aj + i), aj + i)
                        i += 8
                    }
                }
                while i < n {
                    let jet = phi.secondJet(hj[i])
                    let v = vj[i]
                    hj[i] = jet.x
                    vj[i] = jet.y * v
                    aj[i] = jet.z * v * v + jet.y * aj[i]
                    i += 1
                }
            }
            let extra = columns - 3 * p
            let elo = 3 * p + c * extra / chunks, ehi = 3 * p + (c + 1) * extra / chunks
            for j in elo..<ehi {
                let hj = h + j * ld
                for i in 0..<n { hj[i] = phi.value(hj[i]) }
            }
        }
    }

    /// W^l and b^l of network k: W′ = [W | b].
    func drawLayer(_ ws: Workspace, network k: Int, layer l: Int) throws {
        let n = network.width
        try network.weights.draw(into: ws.weights, width: n, sigmaW: network.sigmaW,
                             seed: seed, network: k, layer: l, workspace: ws)
        var stream = GaussianStream(seed: SplitMix64.derive(seed, UInt64(k), UInt64(l), UInt64.max))
        stream.fill(ws.bias, count: n, sigma: network.sigmaB)
    }

    /// next = W′ · [current; bias row] = W·current + b (on h columns): one product for the
    /// whole batch, the bias included, in fixed column blocks on all cores (`BLASThreads`:
    /// the same bytes whatever the thread count).
    func multiply(_ ws: Workspace) {
        let n = network.width
        BLASThreads.dgemm(m: n, n: columns, k: n + 1, ws.weights, lda: n, ws.current, ldb: ws.ld, ws.next, ldc: ws.ld)
        ws.swap()
    }

    /// The layer's measurements from the current matrix.
    func measure(_ ws: Workspace) -> LayerMeasurement {
        let n = network.width, p = circlePoints, ld = ws.ld
        let h = ws.current
        var sums = [SIMD4<Double>](repeating: .zero, count: p)  // (h·h, v·v, a·a, v·a)
        sums.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(p, 64))) { c in
                let chunks = Swift.max(1, Swift.min(p, 64))
                for j in (c * p / chunks)..<((c + 1) * p / chunks) {
                    let hj = h + j * ld, vj = h + (p + j) * ld, aj = h + (2 * p + j) * ld
                    var s = SIMD4<Double>.zero
                    for i in 0..<n {
                        let v = vj[i], a = aj[i]
                        s += SIMD4(hj[i] * hj[i], v * v, a * a, v * a)
                    }
                    base[j] = s
                }
            }
        }
        let dn = Double(n), dp = Double(p)
        var q = 0.0, gE = 0.0, k2 = 0.0, le = 0.0, lg = 0.0
        for s in sums {
            let speed = s[1].squareRoot()
            let kappa = s[1] > 0 ? Swift.max(0, s[1] * s[2] - s[3] * s[3]).squareRoot() / (s[1] * speed) : 0
            q += s[0]
            gE += s[1]
            k2 += kappa * kappa
            le += speed
            lg += kappa * speed
        }
        var m = LayerMeasurement(
            q: q / (dn * dp), gE: gE / (dn * dp), kappa2: dn * k2 / dp,
            lengthEOverSqrtN: 2 * .pi / dp * le / dn.squareRoot(), lengthG: 2 * .pi / dp * lg,
            pointQ: [], pairC: [], autocorrelation: [])
        func dot(_ x: Int, _ y: Int) -> Double {
            var s = 0.0
            for i in 0..<n { s += h[x * ld + i] * h[y * ld + i] }
            return s
        }
        var column = 3 * p
        for _ in pointLengths {
            m.pointQ.append(dot(column, column) / dn)
            column += 1
        }
        for _ in pairCorrelations {
            let ab = dot(column, column + 1), aa = dot(column, column), bb = dot(column + 1, column + 1)
            m.pairC.append(aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 1)
            column += 2
        }
        if autocorrelation { m.autocorrelation = circleAutocorrelation(h, ld: ld) }
        if activationLengths {
            let phi = network.phi
            var total = 0.0
            for j in 0..<p {
                var s = 0.0
                for i in 0..<n {
                    let t = phi.derivative(h[j * ld + i]) * h[(p + j) * ld + i]
                    s += t * t
                }
                total += s.squareRoot()
            }
            m.activationLengthE = 2 * .pi / dp * total
        }
        return m
    }

    /// Network k's circle at the given layers projected on its first `components`
    /// principal components (the paper's Fig. 3): per layer, P rows of coordinates.
    /// The centred Gram matrix G = H̃ᵀH̃ (P×P, `cblas_dsyrk`) has the same non-zero
    /// eigenvalues λ as the N×N covariance; the coordinates of point θ are √λ_k e_k(θ)
    /// for the top eigenvectors e_k (LAPACK `dsyev`). Signs follow LAPACK's.
    public func circleProjection(network k: Int = 0, layers: [Int], components: Int = 3) throws -> [Int: [[Double]]] {
        try validate()
        let ws = Workspace(width: network.width, columns: columns)
        let n = network.width, p = circlePoints
        var out: [Int: [[Double]]] = [:]
        try forEachLayer(ws, network: k) { l in
            guard layers.contains(l) else { return }
            var centred = [Double](repeating: 0, count: n * p)
            for i in 0..<n {
                var mean = 0.0
                for j in 0..<p { mean += ws.current[j * ws.ld + i] }
                mean /= Double(p)
                for j in 0..<p { centred[j * n + i] = ws.current[j * ws.ld + i] - mean }
            }
            var g = [Double](repeating: 0, count: p * p)
            BLASThreads.dsyrkTransposed(n: p, k: n, centred, lda: n, &g, ldc: p)
            let lambda = try symmetricEigen(&g, n: p)
            // Eigenvalues ascend: the top components are the last columns.
            out[l] = (0..<p).map { j in
                (0..<Swift.min(components, p)).map { c in
                    let col = p - 1 - c
                    return Swift.max(lambda[col], 0).squareRoot() * g[col * p + j]
                }
            }
        }
        return out
    }

    /// c^l(Δθ) = mean_θ h(θ)·h(θ+Δθ)/(|h(θ)||h(θ+Δθ)|) from G = HᵀH (`cblas_dsyrk`).
    func circleAutocorrelation(_ h: UnsafeMutablePointer<Double>, ld: Int) -> [Double] {
        let n = network.width, p = circlePoints
        var g = [Double](repeating: 0, count: p * p)
        g.withUnsafeMutableBufferPointer { gp in
            guard let base = gp.baseAddress else { return }
            BLASThreads.dsyrkTransposed(n: p, k: n, h, lda: ld, base, ldc: p)
        }
        func at(_ i: Int, _ j: Int) -> Double { i <= j ? g[j * p + i] : g[i * p + j] }
        return (0..<p).map { shift in
            var s = 0.0
            for t in 0..<p {
                let u = (t + shift) % p
                let d = (at(t, t) * at(u, u)).squareRoot()
                s += d > 0 ? at(t, u) / d : 1
            }
            return s / Double(p)
        }
    }
}

/// Seconds spent in each phase of a simulation (for `meanfield bench`).
public final class SimulationProfile {
    public var inputs = 0.0, elementwise = 0.0, weights = 0.0, multiply = 0.0, measure = 0.0
    public init() {}
}

extension Optional where Wrapped == SimulationProfile {
    @inline(__always)
    func timed<T>(_ phase: ReferenceWritableKeyPath<SimulationProfile, Double>, _ body: () throws -> T) rethrows -> T {
        guard let profile = self else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        profile[keyPath: phase] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result
    }
}

@inline(__always)
private func load8(_ p: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
}

@inline(__always)
private func store8(_ v: SIMD8<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Double>.self)
}

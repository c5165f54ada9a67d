import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): turns (seed, stream indices) into well-mixed
/// 64-bit seeds, so every stream of random numbers is fixed by its indices alone.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of stream (a, b, c, …) under `seed`: each index mixed in turn. Every
    /// stream the tool draws is named in `RandomStream`.
    public static func derive(_ seed: UInt64, _ indices: [UInt64]) -> UInt64 {
        var g = SplitMix64(seed: seed)
        var s = g.next()
        for i in indices {
            g = SplitMix64(seed: s ^ (i &* 0xD6E8_FEB8_6659_FD93))
            s = g.next()
        }
        return s
    }
}

/// xoshiro256** (Blackman & Vigna 2018), state filled by SplitMix64 from the seed.
public struct Xoshiro256StarStar: RandomNumberGenerator {
    fileprivate var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        s0 = g.next(); s1 = g.next(); s2 = g.next(); s3 = g.next()
    }

    fileprivate init(_ s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
        self.s0 = s0; self.s1 = s1; self.s2 = s2; self.s3 = s3
    }

    @inline(__always)
    public mutating func next() -> UInt64 { Self.step(&s0, &s1, &s2, &s3) }

    /// One output and the state's update, on four words the caller may keep in registers.
    @inline(__always)
    fileprivate static func step(_ s0: inout UInt64, _ s1: inout UInt64, _ s2: inout UInt64, _ s3: inout UInt64) -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
}

/// Standard normal deviates by the ziggurat method (Marsaglia & Tsang 2000, 256 layers,
/// as in Rust's rand_distr) from xoshiro256**, one stream per (seed, indices).
///
/// One 64-bit draw gives the layer (low 8 bits) and a uniform on [−1, 1) (top 53 bits);
/// 98.8% of draws return after one multiply and compare. The rest test the wedge
/// against e^{−x²/2}, or, in the base layer, sample the tail beyond r by Marsaglia's
/// method. Exact up to the tables' rounding. Pure Swift, so the same seed gives the same
/// numbers on every machine; several times faster here than GSL's ziggurat called
/// through `gsl_rng` (measured by `meanfield bench`: weights phase).
public struct GaussianStream {
    private var rng: Xoshiro256StarStar

    public init(seed: UInt64) { rng = Xoshiro256StarStar(seed: seed) }

    @inline(__always)
    public mutating func next() -> Double { Self.sample(&rng, Ziggurat.table) }

    /// One deviate from `rng`; `t` holds x[0…256] then f[0…256] (`Ziggurat.table`), read
    /// without bounds checks (i ≤ 255).
    @inline(__always)
    private static func sample(_ rng: inout Xoshiro256StarStar, _ t: UnsafePointer<Double>) -> Double {
        let bits = rng.next()
        let z = candidate(bits, t)
        return z.accepted ? z.value : rejected(&rng, t, bits: bits)
    }

    /// The draw's layer i (low 8 bits), z = u·x[i] with u uniform on [−1, 1) (top 53
    /// bits), and whether z lies inside the layer's rectangle (98.8% of draws).
    @inline(__always)
    private static func candidate(_ bits: UInt64, _ t: UnsafePointer<Double>) -> (value: Double, accepted: Bool) {
        let i = Int(bits & 0xff)
        let z = Double(Int64(bitPattern: bits) >> 11) * 0x1.0p-52 * t[i]
        return (z, Swift.abs(z) < t[i + 1])
    }

    /// The rest of a draw outside its rectangle: the base layer's tail, or the wedge test
    /// against e^{−z²/2}, or (rejected) a new draw.
    @inline(never)
    private static func rejected(_ rng: inout Xoshiro256StarStar, _ t: UnsafePointer<Double>, bits: UInt64) -> Double {
        let i = Int(bits & 0xff)
        let u = Double(Int64(bitPattern: bits) >> 11) * 0x1.0p-52
        let z = u * t[i]
        if i == 0 { return tail(&rng, negative: u < 0) }
        let f = t + 257
        let y = f[i + 1] + (f[i] - f[i + 1]) * uniform01(&rng)
        if y < exp(-0.5 * z * z) { return z }
        return sample(&rng, t)
    }

    /// Uniform on (0, 1].
    @inline(__always)
    private static func uniform01(_ rng: inout Xoshiro256StarStar) -> Double { Double((rng.next() >> 11) + 1) * 0x1.0p-53 }

    /// The tail beyond r (Marsaglia 1964): x = −ln(u1)/r until −2 ln(u2) ≥ x².
    @inline(never)
    private static func tail(_ rng: inout Xoshiro256StarStar, negative: Bool) -> Double {
        while true {
            let x = -log(uniform01(&rng)) / Ziggurat.r
            let y = -log(uniform01(&rng))
            if 2 * y >= x * x { return negative ? -(Ziggurat.r + x) : Ziggurat.r + x }
        }
    }

    /// Fills `count` doubles at `buffer` with N(0, σ²) deviates: the numbers of `count`
    /// calls of `next()`, with the generator's state held in registers through the loop.
    public mutating func fill(_ buffer: UnsafeMutablePointer<Double>, count: Int, sigma: Double) {
        // The state as four local words, a generator made of them only on the rare path:
        // kept in registers through the loop (as one struct it is spilled every draw).
        var s0 = rng.s0, s1 = rng.s1, s2 = rng.s2, s3 = rng.s3
        let t = Ziggurat.table
        for i in 0..<count {
            let bits = Xoshiro256StarStar.step(&s0, &s1, &s2, &s3)
            let z = Self.candidate(bits, t)
            if z.accepted {
                buffer[i] = sigma * z.value
            } else {
                var g = Xoshiro256StarStar(s0, s1, s2, s3)
                buffer[i] = sigma * Self.rejected(&g, t, bits: bits)
                s0 = g.s0; s1 = g.s1; s2 = g.s2; s3 = g.s3
            }
        }
        rng = Xoshiro256StarStar(s0, s1, s2, s3)
    }
}

/// The 256-layer ziggurat for f(x) = e^{−x²/2}: layer edges x[0…256] and f(x[i]).
/// r is where the base layer meets the tail and v the common area of every layer
/// (Marsaglia & Tsang 2000): x[0] = v/f(r), x[1] = r, x[i+1] = f⁻¹(v/x[i] + f(x[i])),
/// x[256] = 0.
enum Ziggurat {
    static let r = 3.654_152_885_361_008_796
    static let v = 0.004_928_673_233_992_336_4
    static let x: [Double] = {
        var x = [Double](repeating: 0, count: 257)
        x[0] = v / exp(-0.5 * r * r)
        x[1] = r
        for i in 1..<255 {
            let arg = v / x[i] + exp(-0.5 * x[i] * x[i])
            x[i + 1] = arg < 1 ? (-2 * log(arg)).squareRoot() : 0
        }
        x[256] = 0
        return x
    }()
    static let f: [Double] = x.map { exp(-0.5 * $0 * $0) }
    /// x then f in one immutable block for the sampler's unchecked reads, made once and
    /// kept for the life of the process.
    nonisolated(unsafe) static let table: UnsafePointer<Double> = {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: 2 * 257)
        p.initialize(from: x + f, count: 2 * 257)
        return UnsafePointer(p)
    }()
}

import CGSL

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

    /// The seed of stream (a, b, c, d) under `seed`: each index mixed in turn.
    public static func derive(_ seed: UInt64, _ indices: UInt64...) -> UInt64 {
        var g = SplitMix64(seed: seed)
        var s = g.next()
        for i in indices {
            g = SplitMix64(seed: s ^ (i &* 0xD6E8_FEB8_6659_FD93))
            s = g.next()
        }
        return s
    }
}

/// Standard normal deviates from GSL: the Mersenne Twister (`gsl_rng_mt19937`) and the
/// Marsaglia–Tsang ziggurat (`gsl_ran_gaussian_ziggurat`), one generator per stream.
/// A final class because it owns GSL memory, freed in `deinit`. The same stream seed
/// gives the same numbers on every run and machine with GSL 2.7.
public final class GaussianStream {
    private let rng: UnsafeMutablePointer<gsl_rng>

    public init(seed: UInt64) {
        rng = gsl_rng_alloc(gsl_rng_mt19937)!
        // mt19937 takes an unsigned long; 0 would mean GSL's default seed, so avoid it.
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed) | 1)
    }

    deinit { gsl_rng_free(rng) }

    /// Fills `count` doubles at `buffer` with N(0, σ²) deviates.
    public func fill(_ buffer: UnsafeMutablePointer<Double>, count: Int, sigma: Double) {
        for i in 0..<count { buffer[i] = gsl_ran_gaussian_ziggurat(rng, sigma) }
    }

    public func next() -> Double { gsl_ran_gaussian_ziggurat(rng, 1) }
}

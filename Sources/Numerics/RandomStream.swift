internal import CGSL

/// A seeded stream of random numbers (GSL's Mersenne Twister `gsl_rng_mt19937`) with the
/// distributions Plenum's models draw from.
///
/// Every component that needs randomness gets its own stream, derived from the run's seed and a
/// stable name (`RandomStream(seed:stream:)`), so adding a component never shifts the numbers
/// another component sees, and a run is reproducible bit for bit.
///
/// Owns its generator; not thread-safe.
public final class RandomStream {
    /// The 32-bit seed given to `gsl_rng_set` (MT19937 takes 32 bits).
    public let generatorSeed: UInt32
    private let generator: UnsafeMutablePointer<gsl_rng>

    /// A stream for component `stream` of a run seeded with `seed`.
    public convenience init(seed: UInt64, stream: String) {
        self.init(generatorSeed: RandomStream.derivedSeed(seed: seed, stream: stream))
    }

    public init(generatorSeed: UInt32) {
        GSLRuntime.ensureInitialised()
        self.generatorSeed = generatorSeed
        generator = gsl_rng_alloc(plenum_gsl_rng_mt19937())!
        gsl_rng_set(generator, UInt(generatorSeed))
    }

    deinit { gsl_rng_free(generator) }

    /// Mixes the run seed with a FNV-1a hash of the stream name through SplitMix64's finaliser,
    /// so that nearby seeds and similar names give unrelated generator seeds.
    public static func derivedSeed(seed: UInt64, stream: String) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        var z = seed ^ hash &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        let folded = UInt32(truncatingIfNeeded: z ^ (z >> 32))
        // gsl_rng_set treats seed 0 as its default seed 4357; keep 0 distinct from that.
        return folded == 0 ? 0x5eed : folded
    }

    /// Uniform on [0, 1).
    @inlinable public func uniform() -> Double { uniformRaw() }

    @usableFromInline func uniformRaw() -> Double { gsl_rng_uniform(generator) }

    /// Uniform on (0, 1): never exactly zero, safe under a logarithm.
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// Uniform integer in 0..<upperBound (`gsl_rng_uniform_int`, unbiased).
    public func integer(below upperBound: Int) -> Int {
        precondition(upperBound >= 1 && upperBound <= Int(UInt32.max))
        return Int(gsl_rng_uniform_int(generator, UInt(upperBound)))
    }

    /// Exponential with the given mean (> 0): `p(x) = exp(−x/μ)/μ`.
    public func exponential(mean: Double) -> Double {
        precondition(mean > 0)
        return gsl_ran_exponential(generator, mean)
    }

    /// Normal (Gaussian) with the given mean and standard deviation (≥ 0).
    public func normal(mean: Double, standardDeviation: Double) -> Double {
        precondition(standardDeviation >= 0)
        return mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
    }

    /// Lognormal: `ln x` is normal with mean `logMean` (ζ) and standard deviation
    /// `logStandardDeviation` (σ > 0). Mean of x is `exp(ζ + σ²/2)`.
    public func lognormal(logMean: Double, logStandardDeviation: Double) -> Double {
        precondition(logStandardDeviation > 0)
        return gsl_ran_lognormal(generator, logMean, logStandardDeviation)
    }

    /// Weibull with scale λ (> 0) and shape k (> 0): `p(x) = (k/λ)(x/λ)^(k−1) exp(−(x/λ)^k)`.
    /// Shape 1 is the exponential; shape > 1 models wear-out failures.
    public func weibull(scale: Double, shape: Double) -> Double {
        precondition(scale > 0 && shape > 0)
        return gsl_ran_weibull(generator, scale, shape)
    }
}

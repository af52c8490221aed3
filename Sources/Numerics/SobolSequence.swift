internal import CGSL

/// Quasi-random points in the unit cube from GSL's Sobol generator (`gsl_qrng_sobol`, Antonov &
/// Saleev's Gray-code construction, up to 40 dimensions). Deterministic: point i is the same in
/// every run; sweeps use it to cover continuous parameter ranges more evenly than random draws.
public final class SobolSequence {
    public static let maximumDimension = 40
    public let dimension: Int
    private let generator: UnsafeMutablePointer<gsl_qrng>
    private var produced = 0

    public init(dimension: Int) {
        precondition((1...Self.maximumDimension).contains(dimension), "Sobol dimension must be 1...40")
        GSLRuntime.ensureInitialised()
        self.dimension = dimension
        generator = gsl_qrng_alloc(plenum_gsl_qrng_sobol(), UInt32(dimension))!
    }

    deinit { gsl_qrng_free(generator) }

    /// The next point, each coordinate in (0, 1).
    public func next() -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        let status = point.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
        precondition(status == 0, "gsl_qrng_get failed")
        produced += 1
        return point
    }

    /// The first `count` points.
    public static func points(_ count: Int, dimension: Int) -> [[Double]] {
        let sequence = SobolSequence(dimension: dimension)
        return (0..<count).map { _ in sequence.next() }
    }
}

internal import CGSL

/// The Cholesky factorisation A = L Lᵀ of a symmetric positive definite band matrix
/// (`gsl_linalg_cholesky_band_decomp`), reusable for many right-hand sides.
///
/// A matrix whose entries all lie within p of the diagonal keeps its factor within the same band:
/// the factorisation costs O(n p²) and each solve O(n p), with no fill outside the band. A
/// five-point grid of nx × ny cells numbered along its shorter side has p = min(nx, ny): for the
/// plan of a raised floor (a few thousand cells, p of 20-60) one factorisation and a solve cost
/// less than a single preconditioned conjugate-gradient solve, and the answer is exact to
/// rounding rather than to an iteration's tolerance.
///
/// GSL keeps the lower band by columns in an n × (p + 1) matrix: element (i, k) holds A(i + k, i).
public final class BandedCholesky {
    public let dimension: Int
    public let bandwidth: Int
    private let factor: UnsafeMutablePointer<gsl_matrix>

    /// Band matrices above this many stored elements (n (p + 1), 32 MB) are not factorised here:
    /// use an iterative solver.
    public static let largestStorage = 4_000_000

    /// The factor of the symmetric matrix with these lower-triangle entries (row ≥ column,
    /// row − column ≤ `bandwidth`; repeated entries add up).
    /// - Throws: `NumericalError` when the matrix is not positive definite.
    public init(dimension: Int, bandwidth: Int, rows: [Int], columns: [Int], values: [Double]) throws(NumericalError) {
        precondition(dimension >= 1 && bandwidth >= 0 && bandwidth < dimension && rows.count == columns.count && rows.count == values.count)
        precondition(dimension * (bandwidth + 1) <= Self.largestStorage, "a band matrix of \(dimension) × \(bandwidth + 1) is too large to factorise")
        GSLRuntime.ensureInitialised()
        self.dimension = dimension
        self.bandwidth = bandwidth
        factor = gsl_matrix_calloc(dimension, bandwidth + 1)
        for k in values.indices {
            let (i, j) = (rows[k], columns[k])
            precondition(i >= j && i - j <= bandwidth, "entry (\(i), \(j)) lies outside the lower band of width \(bandwidth)")
            let element = gsl_matrix_ptr(factor, j, i - j)!
            element.pointee += values[k]
        }
        // Every stored property is set, so deinit frees the GSL matrix when this throws.
        try gslCheck(gsl_linalg_cholesky_band_decomp(factor), "Cholesky factorisation of a band matrix of \(dimension) rows and half-bandwidth \(bandwidth)")
    }

    deinit { gsl_matrix_free(factor) }

    /// Solves A·x = b in place of x.
    public func solve(_ rightHandSide: [Double], x: inout [Double]) throws(NumericalError) {
        precondition(rightHandSide.count == dimension)
        x = rightHandSide
        let status = x.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_vector_view_array(buffer.baseAddress, dimension)
            return gsl_linalg_cholesky_band_svx(factor, &view.vector)
        }
        try gslCheck(status, "band Cholesky solve of \(dimension) rows")
    }
}

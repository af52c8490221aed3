internal import CGSL

/// The LU factorisation `P·A = L·U` of a square matrix (`gsl_linalg_LU_decomp`), reusable for
/// many right-hand sides: a steady-state thermal network is factorised once per topology and
/// solved once per input.
///
/// Partial pivoting makes the factorisation backward stable for the diagonally dominant
/// conductance matrices of thermal networks.
public final class LUFactorization {
    public let dimension: Int
    private let matrix: UnsafeMutablePointer<gsl_matrix>
    private let permutation: UnsafeMutablePointer<gsl_permutation>

    /// - Throws: `NumericalError.singular` when a pivot is exactly zero.
    /// - Precondition: `matrix` is square. (GSL 2.7 would silently accept a rectangular one.)
    /// - Complexity: O(n³).
    public init(_ source: DenseMatrix) throws(NumericalError) {
        precondition(source.rows == source.columns,
                     "LU needs a square matrix, got \(source.rows)×\(source.columns)")
        GSLRuntime.ensureInitialised()
        dimension = source.rows
        matrix = gsl_matrix_alloc(dimension, dimension)
        permutation = gsl_permutation_alloc(dimension)
        for i in 0..<dimension {
            for j in 0..<dimension { gsl_matrix_set(matrix, i, j, source[i, j]) }
        }
        var sign: Int32 = 0
        let status = gsl_linalg_LU_decomp(matrix, permutation, &sign)
        if status != 0 {
            // Every stored property is set, so deinit frees the GSL objects when this throws.
            throw makeNumericalError(status, "LU factorisation of a \(dimension)×\(dimension) matrix")
        }
        // GSL 2.7 reports a zero pivot only when solving; check here so the failure is raised
        // where the matrix is known.
        for i in 0..<dimension where gsl_matrix_get(matrix, i, i) == 0 {
            throw NumericalError(kind: .singular, operation: "LU factorisation of a \(dimension)×\(dimension) matrix",
                                 detail: "matrix is singular (zero pivot in row \(i))")
        }
    }

    deinit {
        gsl_matrix_free(matrix)
        gsl_permutation_free(permutation)
    }

    /// Solves `A·x = b`.
    /// - Complexity: O(n²).
    public func solve(_ rightHandSide: [Double]) throws(NumericalError) -> [Double] {
        precondition(rightHandSide.count == dimension,
                     "right-hand side has \(rightHandSide.count) elements, expected \(dimension)")
        var solution = rightHandSide
        let status = solution.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_vector_view_array(buffer.baseAddress, dimension)
            return gsl_linalg_LU_svx(matrix, permutation, &view.vector)
        }
        try gslCheck(status, "LU solve of a \(dimension)×\(dimension) system")
        return solution
    }
}

/// Solves the square system `A·x = b` by LU with partial pivoting.
public func solveLinearSystem(_ matrix: DenseMatrix, _ rightHandSide: [Double]) throws(NumericalError) -> [Double] {
    try LUFactorization(matrix).solve(rightHandSide)
}

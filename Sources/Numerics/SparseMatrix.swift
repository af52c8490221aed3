internal import CGSL

/// A sparse square matrix assembled from (row, column, value) triplets; duplicates add up, as
/// when a conductance network stamps each link into four entries.
public struct SparseMatrixBuilder: Sendable {
    public let dimension: Int
    public private(set) var rows: [Int] = []
    public private(set) var columns: [Int] = []
    public private(set) var values: [Double] = []

    public init(dimension: Int) {
        precondition(dimension >= 1)
        self.dimension = dimension
    }

    public mutating func add(_ value: Double, row: Int, column: Int) {
        precondition((0..<dimension).contains(row) && (0..<dimension).contains(column))
        rows.append(row)
        columns.append(column)
        values.append(value)
    }

    public var entryCount: Int { values.count }
}

/// Solves a sparse square system `A·x = b` iteratively with restarted GMRES
/// (`gsl_splinalg_itersolve_gmres`) on the compressed-row form of `A` (`gsl_spmatrix`).
///
/// GMRES needs no symmetry, so it serves conductance matrices with advection terms (air and
/// coolant streams) as well as pure conduction. Convergence is declared when the residual
/// satisfies `‖A·x − b‖₂ ≤ tolerance·‖b‖₂`.
///
/// - Parameters:
///   - initialGuess: the starting vector (a previous solution speeds up a sequence of solves).
///   - tolerance: relative residual, > 0.
///   - maximumIterations: restarts of GMRES before `NumericalError.maximumIterations`.
/// - Complexity: O(nnz · k) per restart cycle, with k the Krylov dimension (GSL's default, min(n, 10)).
public func solveSparseLinearSystem(_ builder: SparseMatrixBuilder, _ rightHandSide: [Double],
                                    initialGuess: [Double]? = nil, tolerance: Double = 1e-10,
                                    maximumIterations: Int = 10_000) throws(NumericalError) -> [Double] {
    let n = builder.dimension
    precondition(rightHandSide.count == n && (initialGuess?.count ?? n) == n)
    precondition(tolerance > 0 && maximumIterations > 0)
    GSLRuntime.ensureInitialised()

    let triplets = gsl_spmatrix_alloc_nzmax(n, n, max(builder.entryCount, 1), Int32(GSL_SPMATRIX_COO))!
    defer { gsl_spmatrix_free(triplets) }
    for k in 0..<builder.entryCount {
        // gsl_spmatrix_set overwrites duplicates; the builder's contract is that they add up.
        let existing = gsl_spmatrix_get(triplets, builder.rows[k], builder.columns[k])
        _ = gsl_spmatrix_set(triplets, builder.rows[k], builder.columns[k], existing + builder.values[k])
    }
    let compressed = gsl_spmatrix_compress(triplets, Int32(GSL_SPMATRIX_CSR))!
    defer { gsl_spmatrix_free(compressed) }

    var b = rightHandSide
    var x = initialGuess ?? [Double](repeating: 0, count: n)
    let workspace = gsl_splinalg_itersolve_alloc(plenum_gsl_itersolve_gmres(), n, 0)!
    defer { gsl_splinalg_itersolve_free(workspace) }

    var status: Int32 = Int32(GSL_CONTINUE)
    var iteration = 0
    b.withUnsafeMutableBufferPointer { bBuffer in
        x.withUnsafeMutableBufferPointer { xBuffer in
            var bView = gsl_vector_view_array(bBuffer.baseAddress, n)
            var xView = gsl_vector_view_array(xBuffer.baseAddress, n)
            repeat {
                status = gsl_splinalg_itersolve_iterate(compressed, &bView.vector, tolerance, &xView.vector, workspace)
                iteration += 1
            } while status == Int32(GSL_CONTINUE) && iteration < maximumIterations
        }
    }
    if status == Int32(GSL_CONTINUE) {
        throw NumericalError(kind: .maximumIterations, operation: "GMRES solve of a \(n)×\(n) sparse system",
                             detail: "residual \(gsl_splinalg_itersolve_normr(workspace)) after \(iteration) restarts")
    }
    try gslCheck(status, "GMRES solve of a \(n)×\(n) sparse system")
    return x
}

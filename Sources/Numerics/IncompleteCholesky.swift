/// The incomplete Cholesky factor without fill, IC(0), of a symmetric positive definite sparse
/// matrix, as a preconditioner for conjugate gradients: A ≈ L Lᵀ, with L kept on A's own lower
/// pattern (Meijerink & van der Vorst, "An iterative solution method for linear systems of which
/// the coefficient matrix is a symmetric M-matrix", Math. Comp. 31, 1977, who show that the
/// factor exists for M-matrices such as the conductance networks of flow and heat).
///
///     L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj      for j < i on A's pattern
///     L_ii = √(A_ii − Σ_{k<i} L_ik²)
///
/// On the 7-point grids of the airflow models it takes roughly half the iterations of a Jacobi
/// preconditioner for the cost of about one more matrix product per iteration.
public struct IncompleteCholesky: Sendable {
    let dimension: Int
    /// The strictly lower part of L by rows (columns ascending), and 1/L_ii.
    let lowerStart: [Int], lowerColumn: [Int], lowerValue: [Double], inverseDiagonal: [Double]

    /// The factor of `a` (its columns sorted in each row, as `CSRMatrix` keeps them), or nil if a
    /// pivot is not positive (the matrix is not an M-matrix; use another preconditioner).
    public init?(_ a: CSRMatrix) {
        let n = a.dimension
        var starts = [0], columns: [Int] = [], values: [Double] = []
        var inverse = [Double](repeating: 0, count: n), diagonal = [Double](repeating: 0, count: n)
        columns.reserveCapacity(a.entryCount / 2)
        values.reserveCapacity(a.entryCount / 2)
        for i in 0..<n {
            let rowFirst = columns.count
            var aii = 0.0
            for k in a.rowStart[i]..<a.rowStart[i + 1] {
                let j = a.columnIndex[k]
                if j == i { aii = a.values[k] }
                guard j < i else { continue }
                // Σ_{k<j} L_ik L_jk over the entries of row i already made and row j.
                var sum = 0.0, p = rowFirst, q = starts[j]
                let rowJEnd = starts[j + 1]
                while p < columns.count && q < rowJEnd {
                    if columns[p] == columns[q] { sum += values[p] * values[q]; p += 1; q += 1 } else if columns[p] < columns[q] { p += 1 } else { q += 1 }
                }
                columns.append(j)
                values.append((a.values[k] - sum) * inverse[j])
            }
            var pivot = aii
            for p in rowFirst..<columns.count { pivot -= values[p] * values[p] }
            guard pivot > 0, pivot.isFinite else { return nil }
            diagonal[i] = pivot.squareRoot()
            inverse[i] = 1 / diagonal[i]
            starts.append(columns.count)
        }
        dimension = n
        lowerStart = starts
        lowerColumn = columns
        lowerValue = values
        inverseDiagonal = inverse
    }

    /// z = (L Lᵀ)⁻¹ r: forward substitution by rows, then back substitution by columns of Lᵀ
    /// (the rows of L, scattered).
    public func apply(_ r: UnsafeBufferPointer<Double>, _ z: UnsafeMutableBufferPointer<Double>) {
        lowerStart.withUnsafeBufferPointer { starts in
            lowerColumn.withUnsafeBufferPointer { columns in
                lowerValue.withUnsafeBufferPointer { l in
                    inverseDiagonal.withUnsafeBufferPointer { inverse in
                        for i in 0..<dimension {
                            var sum = r[i]
                            for k in starts[i]..<starts[i + 1] { sum -= l[k] * z[columns[k]] }
                            z[i] = sum * inverse[i]
                        }
                        var i = dimension - 1
                        while i >= 0 {
                            let zi = z[i] * inverse[i]
                            z[i] = zi
                            for k in starts[i]..<starts[i + 1] { z[columns[k]] -= l[k] * zi }
                            i -= 1
                        }
                    }
                }
            }
        }
    }
}

/// The conductance matrix of a network of links (a graph Laplacian): each link of conductance g
/// between nodes i and j stamps g on both diagonals and −g off them. Flow networks with only
/// fixed-flow boundaries (walls, terminals) leave it singular, so one node is tied to zero; the
/// system is then a symmetric positive definite M-matrix, solved by conjugate gradients
/// preconditioned with its incomplete Cholesky factor (`IncompleteCholesky`; Jacobi should the
/// factor break down, which it cannot for a network of positive conductances).
public struct GraphLaplacian: Sendable {
    private var builder: SparseMatrixBuilder
    private var diagonal: [Double]

    public init(nodes: Int) {
        builder = SparseMatrixBuilder(dimension: max(nodes, 1))
        diagonal = Array(repeating: 0, count: max(nodes, 1))
    }

    public mutating func link(_ i: Int, _ j: Int, conductance g: Double) {
        guard g > 0 else { return }
        builder.add(g, row: i, column: i)
        builder.add(g, row: j, column: j)
        builder.add(-g, row: i, column: j)
        builder.add(-g, row: j, column: i)
        diagonal[i] += g
        diagonal[j] += g
    }

    /// Ties node `i` to zero through a conductance as large as its own links (1 when it has none).
    public mutating func tieToZero(_ i: Int) {
        let g = max(diagonal[i], 1)
        builder.add(g, row: i, column: i)
        diagonal[i] += g
    }

    /// The matrix and the solver, once every link is in.
    public func solver() -> Solver {
        let matrix = CSRMatrix(builder)
        return Solver(matrix: matrix, factor: IncompleteCholesky(matrix), inverseDiagonal: diagonal.map { $0 > 0 ? 1 / $0 : 1 })
    }

    /// The same matrix as a band Cholesky factor (`BandedCholesky`), its nodes renumbered by
    /// `order` (node i becomes order(i)) so that every link lies within `bandwidth` of the
    /// diagonal: a grid numbered along its shorter side. Exact to rounding, and cheaper than the
    /// conjugate gradients for narrow bands solved many times.
    public func bandedFactor(bandwidth: Int, order: (Int) -> Int) throws(NumericalError) -> BandedCholesky {
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for k in 0..<builder.entryCount {
            let (i, j) = (order(builder.rows[k]), order(builder.columns[k]))
            guard i >= j else { continue }   // the lower triangle: each link's pair once
            rows.append(i)
            columns.append(j)
            values.append(builder.values[k])
        }
        return try BandedCholesky(dimension: builder.dimension, bandwidth: bandwidth, rows: rows, columns: columns, values: values)
    }

    public struct Solver: Sendable {
        let matrix: CSRMatrix
        let factor: IncompleteCholesky?
        let inverseDiagonal: [Double]

        /// Solves L·x = b to a relative residual of `tolerance`, from x as given; returns the
        /// iterations.
        @discardableResult
        public func solve(_ b: [Double], x: inout [Double], tolerance: Double = 1e-10) throws(NumericalError) -> Int {
            if let factor {
                return try solveConjugateGradient(matrix, b, x: &x, tolerance: tolerance, maximumIterations: 20_000, preconditioner: factor.apply)
            }
            let inverse = inverseDiagonal
            return try solveConjugateGradient(matrix, b, x: &x, tolerance: tolerance, maximumIterations: 20_000) { r, z in
                for i in 0..<r.count { z[i] = r[i] * inverse[i] }
            }
        }
    }
}

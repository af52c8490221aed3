/// A square sparse matrix in compressed-row form, built from the triplets of a
/// `SparseMatrixBuilder` (duplicates summed), for solvers that run in Swift.
public struct CSRMatrix: Sendable {
    public let dimension: Int
    /// Row r's entries are `rowStart[r] ..< rowStart[r + 1]` of `columnIndex` and `values`.
    public let rowStart: [Int]
    public let columnIndex: [Int]
    public private(set) var values: [Double]

    public init(_ builder: SparseMatrixBuilder) {
        let n = builder.dimension
        dimension = n
        // Counting sort by row, then by column within a row, summing duplicates.
        var counts = [Int](repeating: 0, count: n + 1)
        for r in builder.rows { counts[r + 1] += 1 }
        for r in 0..<n { counts[r + 1] += counts[r] }
        var next = counts
        var columns = [Int](repeating: 0, count: builder.entryCount)
        var entries = [Double](repeating: 0, count: builder.entryCount)
        for k in 0..<builder.entryCount {
            let r = builder.rows[k]
            columns[next[r]] = builder.columns[k]
            entries[next[r]] = builder.values[k]
            next[r] += 1
        }
        var starts = [0], outColumns: [Int] = [], outValues: [Double] = []
        outColumns.reserveCapacity(builder.entryCount)
        outValues.reserveCapacity(builder.entryCount)
        for r in 0..<n {
            let row = (counts[r]..<counts[r + 1]).sorted { columns[$0] < columns[$1] }
            var k = 0
            while k < row.count {
                let column = columns[row[k]]
                var sum = 0.0
                while k < row.count && columns[row[k]] == column {
                    sum += entries[row[k]]
                    k += 1
                }
                outColumns.append(column)
                outValues.append(sum)
            }
            starts.append(outColumns.count)
        }
        rowStart = starts
        columnIndex = outColumns
        values = outValues
    }

    /// The symmetric seven-point matrix of a layered tensor grid (cell = slice·(nx·ny) + row·nx +
    /// column) from its stencil, without a `SparseMatrixBuilder`: a builder keeps three words per
    /// added entry (13 a cell) and sorts them, which made it the peak of memory on grids of
    /// millions of cells.
    /// - Parameters:
    ///   - diagonal: A[r, r].
    ///   - east, north, up: the conductances from r to r + 1, r + nx and r + nx·ny (positive;
    ///     stored as −g both ways); ignored on the last column, row and slice.
    public init(columns nx: Int, rows ny: Int, slices nz: Int, diagonal: [Double], east: [Double], north: [Double], up: [Double]) {
        let ps = nx * ny, n = ps * nz
        precondition(diagonal.count == n && east.count == n && north.count == n && up.count == n)
        var starts = [Int](), columns = [Int](), entries = [Double]()
        starts.reserveCapacity(n + 1)
        columns.reserveCapacity(7 * n)
        entries.reserveCapacity(7 * n)
        starts.append(0)
        for z in 0..<nz {
            for j in 0..<ny {
                for i in 0..<nx {
                    let r = z * ps + j * nx + i
                    // Columns in increasing order: below, south, west, self, east, north, above.
                    if z > 0 { columns.append(r - ps); entries.append(-up[r - ps]) }
                    if j > 0 { columns.append(r - nx); entries.append(-north[r - nx]) }
                    if i > 0 { columns.append(r - 1); entries.append(-east[r - 1]) }
                    columns.append(r); entries.append(diagonal[r])
                    if i + 1 < nx { columns.append(r + 1); entries.append(-east[r]) }
                    if j + 1 < ny { columns.append(r + nx); entries.append(-north[r]) }
                    if z + 1 < nz { columns.append(r + ps); entries.append(-up[r]) }
                    starts.append(columns.count)
                }
            }
        }
        dimension = n
        rowStart = starts
        columnIndex = columns
        values = entries
    }

    public var entryCount: Int { values.count }

    /// `y = A·x`.
    public func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        rowStart.withUnsafeBufferPointer { starts in
            columnIndex.withUnsafeBufferPointer { columns in
                values.withUnsafeBufferPointer { a in
                    for r in 0..<dimension {
                        var sum = 0.0
                        for k in starts[r]..<starts[r + 1] { sum += a[k] * x[columns[k]] }
                        y[r] = sum
                    }
                }
            }
        }
    }

    public func multiplied(by x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: dimension)
        x.withUnsafeBufferPointer { xs in y.withUnsafeMutableBufferPointer { multiply(xs, into: $0) } }
        return y
    }

    /// The entry (r, c), 0 where none is stored.
    public func entry(row r: Int, column c: Int) -> Double {
        for k in rowStart[r]..<rowStart[r + 1] where columnIndex[k] == c { return values[k] }
        return 0
    }

    /// Adds `d[r]` to each diagonal entry (every row must store its diagonal).
    public mutating func addToDiagonal(_ d: [Double]) {
        for r in 0..<dimension {
            for k in rowStart[r]..<rowStart[r + 1] where columnIndex[k] == r { values[k] += d[r] }
        }
    }
}

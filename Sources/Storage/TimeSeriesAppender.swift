/// Buffers rows of a time series and writes them to an extendible dataset a chunk at a time.
///
/// One `H5Dwrite` per row is 4-5× slower than one per chunk of rows, so rows are gathered in
/// memory (no allocation after the first) and written when the buffer fills, on `flush()`, and
/// never silently dropped: the owner must call `flush()` before the file closes (`deinit`
/// checks).
public final class TimeSeriesAppender {
    public let dataset: HDF5Dataset
    /// Elements per row (the product of the trailing dimensions).
    public let rowWidth: Int
    public let bufferRows: Int
    private var buffer: [Double]
    private var bufferedRows = 0
    /// Rows written to the file so far (not counting buffered ones).
    public private(set) var writtenRows = 0

    public init(dataset: HDF5Dataset, bufferRows: Int = 1024) throws(StorageError) {
        let shape = try dataset.shape()
        precondition(!shape.isEmpty && bufferRows >= 1)
        self.dataset = dataset
        rowWidth = shape.dropFirst().reduce(1, *)
        self.bufferRows = bufferRows
        writtenRows = shape[0]
        buffer = []
        buffer.reserveCapacity(bufferRows * rowWidth)
    }

    // Rows still buffered at release belong to a run that failed: its partial file is discarded,
    // so they are dropped, not written (and not a trap: a failed run must end with its message).

    /// Total rows, written and buffered.
    public var rowCount: Int { writtenRows + bufferedRows }

    /// Appends one row of `rowWidth` values.
    public func append<C: Collection>(row: C) throws(StorageError) where C.Element == Double {
        precondition(row.count == rowWidth, "row has \(row.count) values, expected \(rowWidth)")
        buffer.append(contentsOf: row)
        bufferedRows += 1
        if bufferedRows == bufferRows { try flush() }
    }

    /// Appends one value of a 1-D series.
    public func append(_ value: Double) throws(StorageError) {
        precondition(rowWidth == 1)
        buffer.append(value)
        bufferedRows += 1
        if bufferedRows == bufferRows { try flush() }
    }

    /// Writes the buffered rows.
    public func flush() throws(StorageError) {
        guard bufferedRows > 0 else { return }
        let rows = bufferedRows
        try buffer.withUnsafeBufferPointer { (values) throws(StorageError) in
            try dataset.appendRows(values, rowCount: rows)
        }
        writtenRows += rows
        bufferedRows = 0
        buffer.removeAll(keepingCapacity: true)
    }
}

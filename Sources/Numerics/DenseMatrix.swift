/// A dense row-major matrix of doubles: the input of `LUFactorization`.
public struct DenseMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major elements; element (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 1 && columns >= 1)
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from its rows; every row must have the same length.
    public init(_ rowArrays: [[Double]]) {
        precondition(!rowArrays.isEmpty && !rowArrays[0].isEmpty)
        let width = rowArrays[0].count
        precondition(rowArrays.allSatisfy { $0.count == width }, "ragged rows")
        self.rows = rowArrays.count
        self.columns = width
        elements = rowArrays.flatMap { $0 }
    }

    public static func identity(_ n: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// `A·x`.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns)
        var result = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var sum = 0.0
            for j in 0..<columns { sum += elements[i * columns + j] * vector[j] }
            result[i] = sum
        }
        return result
    }
}

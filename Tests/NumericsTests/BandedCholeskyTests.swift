import Foundation
import Testing
@testable import Numerics

@Suite("Banded Cholesky")
struct BandedCholeskyTests {
    /// Steady 1-D conduction, as `sparseConductionMatchesQuadraticProfile`, on a band of width 1
    /// (the tridiagonal finite-volume matrix): exact for the quadratic profile
    /// T(x) = T0 + (T1 − T0) x/L + q x (L − x)/(2k).
    @Test func tridiagonalConductionMatchesQuadraticProfile() throws {
        let n = 200, length = 1.0, conductivity = 2.0, source = 50.0, left = 20.0, right = 60.0
        let h = length / Double(n + 1), g = conductivity / h
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = [], b = Array(repeating: source * h, count: n)
        for i in 0..<n {
            rows.append(i); columns.append(i); values.append(2 * g)
            if i > 0 { rows.append(i); columns.append(i - 1); values.append(-g) }
        }
        b[0] += g * left
        b[n - 1] += g * right
        let factor = try BandedCholesky(dimension: n, bandwidth: 1, rows: rows, columns: columns, values: values)
        var t: [Double] = []
        try factor.solve(b, x: &t)
        for i in 0..<n {
            let x = Double(i + 1) * h
            #expect(abs(t[i] - (left + (right - left) * x / length + source * x * (length - x) / (2 * conductivity))) < 1e-9)
        }
    }

    /// A band of width 3 against the dense LU solve of the same matrix, repeated entries summed.
    @Test func agreesWithTheDenseSolve() throws {
        let n = 12, p = 3
        var dense = DenseMatrix(rows: n, columns: n)
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for i in 0..<n {
            for j in max(0, i - p)...i {
                let value = i == j ? 10.0 + Double(i % 3) : -1.0 / Double(1 + i - j) + 0.1 * Double((i * j) % 5)
                dense[i, j] = value
                dense[j, i] = value
                // Diagonal entries in two halves: they add up.
                if i == j {
                    rows += [i, i]; columns += [j, j]; values += [value / 2, value / 2]
                } else {
                    rows.append(i); columns.append(j); values.append(value)
                }
            }
        }
        let b = (0..<n).map { sin(Double($0)) }
        var x: [Double] = []
        try BandedCholesky(dimension: n, bandwidth: p, rows: rows, columns: columns, values: values).solve(b, x: &x)
        for (a, e) in zip(x, try solveLinearSystem(dense, b)) { #expect(abs(a - e) < 1e-12) }
    }

    @Test func aMatrixThatIsNotPositiveDefiniteThrows() {
        #expect(throws: NumericalError.self) {
            _ = try BandedCholesky(dimension: 2, bandwidth: 1, rows: [0, 1, 1], columns: [0, 0, 1], values: [1, 2, 1])
        }
    }
}

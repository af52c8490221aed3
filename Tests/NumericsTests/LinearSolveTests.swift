import Foundation
import Testing
@testable import Numerics

@Suite("Dense and sparse linear solves")
struct LinearSolveTests {
    @Test func denseSystemWithKnownSolution() throws {
        // x = (1, −2, 3) by construction.
        let a = DenseMatrix([[4, -2, 1], [-2, 4, -2], [1, -2, 4]])
        let x = [1.0, -2.0, 3.0]
        let solution = try solveLinearSystem(a, a.multiplied(by: x))
        for (s, e) in zip(solution, x) { #expect(abs(s - e) < 1e-12) }
    }

    @Test func factorisationIsReusedForManyRightHandSides() throws {
        let a = DenseMatrix([[2, 1], [1, 3]])
        let lu = try LUFactorization(a)
        for k in 0..<5 {
            let x = [Double(k), 1 - Double(k)]
            let solution = try lu.solve(a.multiplied(by: x))
            #expect(abs(solution[0] - x[0]) < 1e-12 && abs(solution[1] - x[1]) < 1e-12)
        }
    }

    @Test func singularMatrixThrowsSingular() {
        let a = DenseMatrix([[1, 2], [2, 4]])
        do {
            _ = try solveLinearSystem(a, [1, 2])
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.kind == .singular)
        }
    }

    /// Steady 1-D conduction through a bar of n nodes with fixed end temperatures and a uniform
    /// source: the finite-volume solution of `k T'' + q = 0` is exact for this quadratic profile,
    /// `T(x) = T0 + (T1 − T0)·x/L + q·x·(L − x)/(2k)`.
    @Test func sparseConductionMatchesQuadraticProfile() throws {
        let n = 200, length = 1.0, conductivity = 2.0, source = 50.0, left = 20.0, right = 60.0
        let h = length / Double(n + 1)
        var builder = SparseMatrixBuilder(dimension: n)
        var rhs = [Double](repeating: source * h * h / conductivity, count: n)
        for i in 0..<n {
            builder.add(2, row: i, column: i)
            if i > 0 { builder.add(-1, row: i, column: i - 1) } else { rhs[i] += left }
            if i < n - 1 { builder.add(-1, row: i, column: i + 1) } else { rhs[i] += right }
        }
        let solution = try solveSparseLinearSystem(builder, rhs, tolerance: 1e-13, maximumIterations: 100_000)
        for i in stride(from: 0, to: n, by: 17) {
            let x = Double(i + 1) * h
            let exact = left + (right - left) * x / length + source * x * (length - x) / (2 * conductivity)
            #expect(abs(solution[i] - exact) < 1e-6, "node \(i)")
        }
    }

    @Test func duplicateTripletsAddUp() throws {
        var builder = SparseMatrixBuilder(dimension: 2)
        builder.add(1, row: 0, column: 0); builder.add(1, row: 0, column: 0)
        builder.add(3, row: 1, column: 1)
        let solution = try solveSparseLinearSystem(builder, [4, 9])
        #expect(abs(solution[0] - 2) < 1e-9 && abs(solution[1] - 3) < 1e-9)
    }
}

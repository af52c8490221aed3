import Testing
@testable import Numerics

@Suite("Incomplete Cholesky preconditioner")
struct IncompleteCholeskyTests {
    /// A chain (a 1-D conduction bar) has no fill, so IC(0) is the exact Cholesky factor and
    /// preconditioned CG converges in one iteration, to the bar's closed form (linear between
    /// the two ends tied through their conductances).
    @Test func chainIsFactoredExactly() throws {
        let n = 50
        var network = GraphLaplacian(nodes: n)
        for i in 0..<(n - 1) { network.link(i, i + 1, conductance: 2) }
        network.tieToZero(0)   // conductance 2 to zero at node 0
        var b = [Double](repeating: 0, count: n)
        b[n - 1] = 1   // 1 W in at the far end, out through the tie
        var x = [Double](repeating: 0, count: n)
        let iterations = try network.solver().solve(b, x: &x, tolerance: 1e-12)
        #expect(iterations == 1)
        // Every link carries 1: x_i = (i + 1)/2.
        for i in 0..<n { #expect(abs(x[i] - Double(i + 1) / 2) < 1e-10, "node \(i)") }
    }

    /// On a 2-D grid (fill dropped) it preconditions: the answer is Jacobi-preconditioned CG's,
    /// in fewer iterations.
    @Test func gridMatchesJacobiInFewerIterations() throws {
        let side = 40, n = side * side
        var network = GraphLaplacian(nodes: n)
        var builder = SparseMatrixBuilder(dimension: n)
        func link(_ i: Int, _ j: Int, _ g: Double) {
            network.link(i, j, conductance: g)
            builder.add(g, row: i, column: i); builder.add(g, row: j, column: j)
            builder.add(-g, row: i, column: j); builder.add(-g, row: j, column: i)
        }
        for y in 0..<side {
            for x in 0..<side {
                let g = 1 + Double((x * 7 + y * 3) % 5)   // uneven conductances
                if x + 1 < side { link(x + side * y, x + 1 + side * y, g) }
                if y + 1 < side { link(x + side * y, x + side * (y + 1), g) }
            }
        }
        network.tieToZero(0)
        builder.add(2, row: 0, column: 0)   // the tie: node 0 has links of 1 + 1 (x = y = 0: g = 1)
        var b = [Double](repeating: 0, count: n)
        b[n - 1] = 3; b[n / 2] = -1
        let matrix = CSRMatrix(builder)
        #expect(IncompleteCholesky(matrix) != nil)
        var jacobi = [Double](repeating: 0, count: n)
        let diagonal = (0..<n).map { matrix.entry(row: $0, column: $0) }
        let jacobiIterations = try solveConjugateGradient(matrix, b, x: &jacobi, tolerance: 1e-12, maximumIterations: 20_000) { r, z in
            for i in 0..<r.count { z[i] = r[i] / diagonal[i] }
        }
        var x = [Double](repeating: 0, count: n)
        let iterations = try network.solver().solve(b, x: &x, tolerance: 1e-12)
        #expect(iterations < jacobiIterations * 2 / 3, "IC(0) \(iterations), Jacobi \(jacobiIterations)")
        let scale = jacobi.map(abs).max()!
        for i in stride(from: 0, to: n, by: 37) { #expect(abs(x[i] - jacobi[i]) < 1e-8 * scale, "node \(i)") }
    }

    /// A matrix that is not positive definite has no factor: the caller falls back.
    @Test func indefiniteMatrixHasNoFactor() {
        var builder = SparseMatrixBuilder(dimension: 2)
        builder.add(1, row: 0, column: 0); builder.add(2, row: 0, column: 1)
        builder.add(2, row: 1, column: 0); builder.add(1, row: 1, column: 1)
        #expect(IncompleteCholesky(CSRMatrix(builder)) == nil)
    }
}

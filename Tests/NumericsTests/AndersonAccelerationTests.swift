import Foundation
import Testing
@testable import Numerics

@Suite("Anderson acceleration")
struct AndersonAccelerationTests {
    /// g(x) = M x + b with M's eigenvalues −4, 0.5 and 0.9 (M = Q diag Q⁻¹): the fixed point is
    /// x* = (I − M)⁻¹ b. The damped iteration x + β (g(x) − x) with β = 1/2 multiplies the error
    /// along the first eigenvector by 1 − β (1 + 4) = −1.5 a step and diverges; Anderson's step
    /// with a memory of at least the dimension is GMRES on (I − M) x = b, exact after n + 1 = 4
    /// steps in exact arithmetic (Walker & Ni 2011).
    @Test func convergesWhereTheDampedIterationDiverges() throws {
        let q = DenseMatrix([[1, 1, 0], [0, 1, 1], [1, 0, 1]])
        let qInverse = DenseMatrix([[0.5, -0.5, 0.5], [0.5, 0.5, -0.5], [-0.5, 0.5, 0.5]])
        let eigenvalues = [-4.0, 0.5, 0.9]
        var m = DenseMatrix(rows: 3, columns: 3)
        for i in 0..<3 {
            for j in 0..<3 { m[i, j] = (0..<3).reduce(0) { $0 + q[i, $1] * eigenvalues[$1] * qInverse[$1, j] } }
        }
        let b = [1.0, -2.0, 0.5]
        func g(_ x: [Double]) -> [Double] { zip(m.multiplied(by: x), b).map { $0 + $1 } }
        var identityMinusM = DenseMatrix.identity(3)
        for i in 0..<9 { identityMinusM.elements[i] -= m.elements[i] }
        let fixedPoint = try solveLinearSystem(identityMinusM, b)
        func error(_ x: [Double]) -> Double { zip(x, fixedPoint).map { abs($0 - $1) }.max()! }

        var damped = [0.0, 0.0, 0.0]
        for _ in 0..<20 { damped = zip(damped, g(damped)).map { $0 + 0.5 * ($1 - $0) } }
        #expect(error(damped) > 100)

        var anderson = AndersonAcceleration(memory: 5, damping: 0.5)
        var x = [0.0, 0.0, 0.0]
        for _ in 0..<5 { x = anderson.next(x: x, g: g(x)) }
        #expect(error(x) < 1e-9, "\(x) against \(fixedPoint)")
    }

    /// The sum of x is kept when every g(x) has the sum of x (as the tile flows pass the units' air).
    @Test func keepsAnAffineConstraint() {
        func g(_ x: [Double]) -> [Double] { let s = x.reduce(0, +); return [0.2 * s + 0.5 * (x[1] - x[0]), 0.8 * s - 0.5 * (x[1] - x[0])] }
        var anderson = AndersonAcceleration(memory: 3, damping: 0.5), x = [3.0, 1.0]
        for _ in 0..<6 {
            x = anderson.next(x: x, g: g(x))
            #expect(abs(x.reduce(0, +) - 4) < 1e-12)
        }
        #expect(abs(x[0] - 1.4) < 1e-9 && abs(x[1] - 2.6) < 1e-9, "\(x)")  // x₁ − x₀ = 2.4 − (x₁ − x₀)
    }
}

import Testing
@testable import Numerics

@Suite("Layered-grid multigrid preconditioner")
struct LayeredGridMultigridTests {
    /// A package-like layered grid: thin slices (through-thickness conductance far above the
    /// lateral), a material contrast of 400 (silicon or copper against mold) in a patch that does
    /// not line up with the 2 × 2 aggregates, odd dimensions, and a convective top face.
    static func layeredMatrix(columns nx: Int, rows ny: Int, slices nz: Int) -> CSRMatrix {
        let ps = nx * ny, n = ps * nz
        var builder = SparseMatrixBuilder(dimension: n)
        func link(_ a: Int, _ b: Int, _ g: Double) {
            builder.add(g, row: a, column: a); builder.add(g, row: b, column: b)
            builder.add(-g, row: a, column: b); builder.add(-g, row: b, column: a)
        }
        func conductivity(_ i: Int, _ j: Int, _ z: Int) -> Double {
            let inPatch = i > nx / 5 && i < 3 * nx / 5 + 1 && j > ny / 4 && j < 2 * ny / 3
            return z == 1 ? 1 : (inPatch || z > 1 ? 400 : 1)
        }
        let thickness = [150e-6, 20e-6, 1e-3, 5e-3, 5e-3, 5e-3, 5e-3, 5e-3]
        let cell = 0.25e-3
        for z in 0..<nz {
            let t = thickness[z % thickness.count]
            for j in 0..<ny {
                for i in 0..<nx {
                    let r = z * ps + j * nx + i, k = conductivity(i, j, z)
                    builder.add(0, row: r, column: r)
                    if i + 1 < nx { link(r, r + 1, 1 / (0.5 / (k * t) + 0.5 / (conductivity(i + 1, j, z) * t))) }
                    if j + 1 < ny { link(r, r + nx, 1 / (0.5 / (k * t) + 0.5 / (conductivity(i, j + 1, z) * t))) }
                    if z + 1 < nz {
                        let tAbove = thickness[(z + 1) % thickness.count]
                        link(r, r + ps, cell * cell / (t / 2 / k + tAbove / 2 / conductivity(i, j, z + 1)))
                    }
                    if z == nz - 1 { builder.add(5_000 * cell * cell, row: r, column: r) }
                }
            }
        }
        return CSRMatrix(builder)
    }

    static func deterministicVector(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }

    func precondition(_ m: LayeredGridMultigrid, _ r: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: r.count)
        r.withUnsafeBufferPointer { r in z.withUnsafeMutableBufferPointer { z in m.apply(r, z) } }
        return z
    }

    /// Conjugate gradients need M⁻¹ symmetric and positive definite: u·M⁻¹v = v·M⁻¹u, u·M⁻¹u > 0.
    @Test func cycleIsSymmetricPositiveDefinite() {
        let (nx, ny, nz) = (37, 29, 5)
        let matrix = Self.layeredMatrix(columns: nx, rows: ny, slices: nz)
        let multigrid = LayeredGridMultigrid(matrix: matrix, columns: nx, rows: ny, slices: nz)
        #expect(multigrid.levelCount >= 3)
        let u = Self.deterministicVector(matrix.dimension, seed: 1), v = Self.deterministicVector(matrix.dimension, seed: 2)
        let mu = precondition(multigrid, u), mv = precondition(multigrid, v)
        let uMv = zip(u, mv).reduce(0) { $0 + $1.0 * $1.1 }, vMu = zip(v, mu).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(uMv - vMu) <= 1e-10 * max(abs(uMv), abs(vMu)), "u·M⁻¹v \(uMv), v·M⁻¹u \(vMu)")
        #expect(zip(u, mu).reduce(0) { $0 + $1.0 * $1.1 } > 0)
        #expect(zip(v, mv).reduce(0) { $0 + $1.0 * $1.1 } > 0)
    }

    /// The answer is a dense LU's, and the iterations do not grow with the
    /// grid: the point of multigrid (a two-level preconditioner needed hundreds).
    @Test func iterationsStayFlatAsTheGridGrows() throws {
        var iterations: [Int] = []
        for side in [24, 48, 96] {
            let (nx, ny, nz) = (side + 1, side - 3, 6)
            let matrix = Self.layeredMatrix(columns: nx, rows: ny, slices: nz)
            let multigrid = LayeredGridMultigrid(matrix: matrix, columns: nx, rows: ny, slices: nz)
            var b = [Double](repeating: 0, count: matrix.dimension)
            for j in (ny / 3)..<(ny / 2) { for i in (nx / 4)..<(nx / 2) { b[j * nx + i] = 1 } }   // power into the bottom slice
            var x = [Double](repeating: 0, count: b.count)
            iterations.append(try solveConjugateGradient(matrix, b, x: &x, tolerance: 1e-10, preconditioner: multigrid.apply))
            if side == 24 {
                var dense = DenseMatrix(rows: b.count, columns: b.count)
                for r in 0..<b.count {
                    for k in matrix.rowStart[r]..<matrix.rowStart[r + 1] { dense[r, matrix.columnIndex[k]] = matrix.values[k] }
                }
                let reference = try LUFactorization(dense).solve(b)
                let scale = reference.map(abs).max()!
                #expect(zip(x, reference).allSatisfy { abs($0 - $1) <= 1e-7 * scale })
            }
        }
        #expect(iterations.allSatisfy { $0 <= 25 }, "\(iterations)")
        #expect(iterations[2] <= iterations[0] + 5, "\(iterations)")
    }

    /// One column left (a single lateral cell) is solved exactly by its line: one iteration.
    @Test func singleColumnIsExact() throws {
        let matrix = Self.layeredMatrix(columns: 1, rows: 1, slices: 9)
        let multigrid = LayeredGridMultigrid(matrix: matrix, columns: 1, rows: 1, slices: 9, maximumCoarsestSize: 1)
        var b = [Double](repeating: 0, count: 9)
        b[0] = 2
        var x = b.map { _ in 0.0 }
        #expect(try solveConjugateGradient(matrix, b, x: &x, tolerance: 1e-12, preconditioner: multigrid.apply) <= 1)
    }
}

import Numerics

/// Potential flow through a hall's cells (VanGilder & Shrivastava, "Capture index: an airflow-based
/// rack cooling performance metric", ASHRAE Transactions 113(1), 2007; the same model as their
/// potential-flow tool): the air is taken as inviscid, incompressible and irrotational, so its
/// velocity is the gradient of a potential φ and continuity gives Laplace's equation,
///
///     ∇·(κ ∇φ) = s,
///
/// with s the flows of the terminals (rack fronts and rears, tiles, unit returns and discharges)
/// and κ the open fraction of each face (1 in open air, 0 at walls and solids, the leakage fraction
/// on containment panels). On the grid this is a conductance network: the flow from cell a to its
/// neighbour b is F_ab = κ A/d (φ_a − φ_b) in m³/s, so air always runs from high φ to low φ. Walls
/// are impermeable (no flow through them: the Neumann problem); one cell is tied to φ = 0 so the
/// solution is unique (the flows balance, so the tie carries none).
///
/// Buoyancy and momentum are left out (the assumptions of the method): jets are not carried, and
/// hot exhaust does not rise by itself. Calibration against CFD is in docs/models/hall-airflow.md.
public struct PotentialFlow: Sendable {
    /// Flow across each face, m³/s, positive toward +x, +y, +z (faces as in `AirflowGrid`).
    public let flowX: [Double], flowY: [Double], flowZ: [Double]
    public let potential: [Double]
    public let iterations: Int
    /// Relative residual of the potential: 10⁻⁸ leaves the 250-rack plan's capture indices
    /// unchanged to 10⁻⁶ against 10⁻¹⁰ (the matrix drops entries below 10⁻⁷ anyway).
    public static let tolerance = 1e-8

    /// Solves for the net inflow of the terminals into each cell (`inflowM3PerS`, positive where
    /// air enters the room). The inflows must sum to zero.
    public init(grid: AirflowGrid, inflowM3PerS: [Double]) throws(NumericalError) {
        let n = grid.cellCount
        var unknown = Array(repeating: -1, count: n), count = 0
        for c in 0..<n where !grid.solid[c] {
            unknown[c] = count
            count += 1
        }
        let gx = grid.dy * grid.dz / grid.dx, gy = grid.dx * grid.dz / grid.dy, gz = grid.dx * grid.dy / grid.dz
        var network = GraphLaplacian(nodes: count)
        func link(_ a: Int, _ b: Int, _ g: Double) {
            let i = unknown[a], j = unknown[b]
            guard i >= 0, j >= 0 else { return }
            network.link(i, j, conductance: g)
        }
        for z in 0..<grid.nz {
            for y in 0..<grid.ny {
                for x in 0..<grid.nx {
                    let a = grid.cell(x, y, z)
                    if x + 1 < grid.nx { link(a, grid.cell(x + 1, y, z), gx * grid.openX[grid.xFace(x, y, z)]) }
                    if y + 1 < grid.ny { link(a, grid.cell(x, y + 1, z), gy * grid.openY[grid.yFace(x, y, z)]) }
                    if z + 1 < grid.nz { link(a, grid.cell(x, y, z + 1), gz * grid.openZ[grid.zFace(x, y, z)]) }
                }
            }
        }
        // The tie to φ = 0, as stiff as the cell's own links.
        network.tieToZero(0)
        var rhs = Array(repeating: 0.0, count: max(count, 1))
        for c in 0..<n where unknown[c] >= 0 { rhs[unknown[c]] = inflowM3PerS[c] }
        var phi = Array(repeating: 0.0, count: max(count, 1))
        iterations = try network.solver().solve(rhs, x: &phi, tolerance: Self.tolerance)
        var potential = Array(repeating: 0.0, count: n)
        for c in 0..<n where unknown[c] >= 0 { potential[c] = phi[unknown[c]] }
        self.potential = potential
        var fx = Array(repeating: 0.0, count: (grid.nx - 1) * grid.ny * grid.nz)
        var fy = Array(repeating: 0.0, count: grid.nx * (grid.ny - 1) * grid.nz)
        var fz = Array(repeating: 0.0, count: grid.nx * grid.ny * (grid.nz - 1))
        for z in 0..<grid.nz {
            for y in 0..<grid.ny {
                for x in 0..<grid.nx {
                    let a = grid.cell(x, y, z)
                    guard unknown[a] >= 0 else { continue }
                    if x + 1 < grid.nx, unknown[grid.cell(x + 1, y, z)] >= 0 {
                        fx[grid.xFace(x, y, z)] = gx * grid.openX[grid.xFace(x, y, z)] * (potential[a] - potential[grid.cell(x + 1, y, z)])
                    }
                    if y + 1 < grid.ny, unknown[grid.cell(x, y + 1, z)] >= 0 {
                        fy[grid.yFace(x, y, z)] = gy * grid.openY[grid.yFace(x, y, z)] * (potential[a] - potential[grid.cell(x, y + 1, z)])
                    }
                    if z + 1 < grid.nz, unknown[grid.cell(x, y, z + 1)] >= 0 {
                        fz[grid.zFace(x, y, z)] = gz * grid.openZ[grid.zFace(x, y, z)] * (potential[a] - potential[grid.cell(x, y, z + 1)])
                    }
                }
            }
        }
        flowX = fx
        flowY = fy
        flowZ = fz
    }
}

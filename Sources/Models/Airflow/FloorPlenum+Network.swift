import Numerics

extension FloorPlenum {
    /// The plenum's air in plan: the plan's cells (x + nx·y) linked to their four neighbours
    /// through the floor's depth D (conductance D Δy/Δx along x, D Δx/Δy along y), one cell tied
    /// to zero, so that L φ = (the units' feed − the tiles' draw) gives the potential φ whose
    /// differences are the flows between cells.
    ///
    /// The plenum solves L φ once per iteration of the tile flows, up to 60 times with one L. Numbered
    /// along the plan's shorter side, L is a band matrix of half-bandwidth min(nx, ny) (20-60 for
    /// the plans of real halls), whose Cholesky factor (`BandedCholesky`) costs about as much as
    /// one preconditioned conjugate-gradient solve and each solve after it a few per cent of one:
    /// the 250-rack benchmark's plenum took 1.4 ms an iteration by conjugate gradients, and
    /// the answer is exact to rounding rather than to a residual of 10⁻⁸. Plans wider than
    /// `largestBandwidth` on their shorter side keep the conjugate gradients.
    struct Network {
        let nx: Int, ny: Int
        /// Conductances between neighbouring cells along x and along y, m (times a potential
        /// difference, m²/s: a flow).
        let gx: Double, gy: Double
        /// Whether the band numbering runs along x (x + nx·y, the plan's own) or along y (y + ny·x).
        private let alongX: Bool
        private let banded: BandedCholesky?
        private let iterative: GraphLaplacian.Solver?

        static let largestBandwidth = 64

        init(grid: AirflowGrid) throws(NumericalError) {
            nx = grid.nx
            ny = grid.ny
            let depth = grid.geometry.raisedFloorDepthM
            gx = depth * grid.dy / grid.dx
            gy = depth * grid.dx / grid.dy
            alongX = nx <= ny
            let n = nx * ny, bandwidth = min(nx, ny)
            var network = GraphLaplacian(nodes: n)
            for y in 0..<ny {
                for x in 0..<nx {
                    if x + 1 < nx { network.link(x + nx * y, x + 1 + nx * y, conductance: gx) }
                    if y + 1 < ny { network.link(x + nx * y, x + nx * (y + 1), conductance: gy) }
                }
            }
            network.tieToZero(0)
            guard n > 1, bandwidth <= Self.largestBandwidth, n * (bandwidth + 1) <= BandedCholesky.largestStorage else {
                iterative = network.solver()
                banded = nil
                return
            }
            // Cell 0 is node 0 in both numberings.
            let (nx, ny, alongX) = (nx, ny, alongX)
            banded = try network.bandedFactor(bandwidth: bandwidth) { cell in alongX ? cell : cell / nx + ny * (cell % nx) }
            iterative = nil
        }

        /// φ for the plan's net inflows `rhs`, both by plan cell (x + nx·y); φ as given starts
        /// the conjugate gradients where they are used.
        func solve(_ rhs: [Double], phi: inout [Double]) throws(NumericalError) {
            guard let banded else {
                try iterative!.solve(rhs, x: &phi, tolerance: PotentialFlow.tolerance)
                return
            }
            if alongX {
                try banded.solve(rhs, x: &phi)
                return
            }
            var permuted = Array(repeating: 0.0, count: rhs.count)
            for x in 0..<nx { for y in 0..<ny { permuted[y + ny * x] = rhs[x + nx * y] } }
            var solution: [Double] = []
            try banded.solve(permuted, x: &solution)
            for x in 0..<nx { for y in 0..<ny { phi[x + nx * y] = solution[y + ny * x] } }
        }
    }
}

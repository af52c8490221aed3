import Numerics

/// The finite-volume discretisation of a `LayeredThermalProblem`: a tensor grid of cells
/// (x edges × y edges × slices through the layers), the conductance matrix G, heat capacities C,
/// boundary conductances, and where each heat source's power lands.
///
/// Each cell holds one material (the one at its centre). Between neighbours the conductance is
/// two half-cell resistances in series, laterally (Δx/2)/(k_lat·t·Δy) and vertically
/// (t/2)/(k_vert·A); on the top (and bottom) face (t/2)/(k_vert·A) + 1/(h·A) to the fluid. Then
///
///     C dT/dt = −G T + P + g_b T_fluid        (steady: G T = P + g_b T_fluid)
///
/// G is symmetric positive definite (every cell conducts to a boundary), solved by conjugate
/// gradients preconditioned by multigrid (`LayeredGridMultigrid`).
public struct PackageThermalGrid: Sendable {
    public let xEdges: [Double], yEdges: [Double]
    /// Slice index → (layer index, thickness).
    public let slices: [(layer: Int, thicknessM: Double)]
    public var columns: Int { xEdges.count - 1 }
    public var rows: Int { yEdges.count - 1 }
    public var cellsPerSlice: Int { columns * rows }
    public var cellCount: Int { cellsPerSlice * slices.count }
    public let conductance: CSRMatrix
    /// Per cell: heat capacity J/K, boundary conductance to the fluid W/K (top and bottom).
    public let capacityJPerK: [Double]
    public let boundaryWPerK: [Double]
    /// Per cell: fluid temperature its boundary conductance leads to, °C (0 where none).
    public let boundaryFluidC: [Double]
    /// Per source (in layer order): the cells it heats and the share of its power in each.
    public let sourceCells: [[(cell: Int, share: Double)]]
    public let sources: [HeatSource]
    /// Per cell: material name (for maps and checks).
    public let materialOfCell: [String]
    /// Per cell: through-thickness conductivity, W/(m·K) (to read face temperatures).
    public let verticalConductivityWPerMK: [Double]

    public init(_ problem: LayeredThermalProblem) {
        let (xEdges, yEdges) = Self.edges(problem)
        self.xEdges = xEdges
        self.yEdges = yEdges
        var sliceList: [(Int, Double)] = []
        for (l, layer) in problem.layers.enumerated() {
            for _ in 0..<layer.sublayers { sliceList.append((l, layer.thicknessM / Double(layer.sublayers))) }
        }
        slices = sliceList
        let nx = xEdges.count - 1, ny = yEdges.count - 1, perSlice = nx * ny, n = perSlice * sliceList.count
        let dx = (0..<nx).map { xEdges[$0 + 1] - xEdges[$0] }, dy = (0..<ny).map { yEdges[$0 + 1] - yEdges[$0] }
        let cx = (0..<nx).map { (xEdges[$0] + xEdges[$0 + 1]) / 2 }, cy = (0..<ny).map { (yEdges[$0] + yEdges[$0 + 1]) / 2 }

        var kLateral = [Double](repeating: 0, count: n), kVertical = kLateral, capacity = kLateral
        var materials = [String](repeating: "", count: n)
        for (z, slice) in sliceList.enumerated() {
            let layer = problem.layers[slice.0]
            for j in 0..<ny {
                for i in 0..<nx {
                    let cell = z * perSlice + j * nx + i
                    let material = layer.material(x: cx[i], y: cy[j])
                    kLateral[cell] = material.lateralConductivityWPerMK
                    kVertical[cell] = material.verticalConductivityWPerMK
                    capacity[cell] = material.volumetricHeatCapacityJPerM3K * dx[i] * dy[j] * slice.1
                    materials[cell] = material.name
                }
            }
        }

        // The links' conductances, W/K: to the next cell in x (east), in y (north), and the slice above.
        var east = [Double](repeating: 0, count: n), north = east, up = east
        for (z, slice) in sliceList.enumerated() {
            let t = slice.1
            for j in 0..<ny {
                for i in 0..<nx {
                    let cell = z * perSlice + j * nx + i
                    if i + 1 < nx {
                        east[cell] = 1 / (dx[i] / 2 / (kLateral[cell] * t * dy[j]) + dx[i + 1] / 2 / (kLateral[cell + 1] * t * dy[j]))
                    }
                    if j + 1 < ny {
                        north[cell] = 1 / (dy[j] / 2 / (kLateral[cell] * t * dx[i]) + dy[j + 1] / 2 / (kLateral[cell + nx] * t * dx[i]))
                    }
                    if z + 1 < sliceList.count {
                        let area = dx[i] * dy[j], above = cell + perSlice
                        up[cell] = 1 / (t / 2 / (kVertical[cell] * area) + sliceList[z + 1].1 / 2 / (kVertical[above] * area))
                    }
                }
            }
        }
        var boundary = [Double](repeating: 0, count: n), fluid = boundary
        func face(_ condition: ConvectiveBoundary, slice z: Int) {
            let t = sliceList[z].1
            for j in 0..<ny {
                for i in 0..<nx {
                    let overlap = condition.rectangle.overlapArea(PlaneRectangle(x: xEdges[i], y: yEdges[j], width: dx[i], height: dy[j]))
                    guard overlap > 0 else { continue }
                    let cell = z * perSlice + j * nx + i
                    // Conduction to the face over the whole cell, convection over the overlap.
                    let g = 1 / (t / 2 / (kVertical[cell] * dx[i] * dy[j]) + 1 / (condition.heatTransferCoefficientWPerM2K * overlap))
                    boundary[cell] += g
                    fluid[cell] = condition.fluidC
                }
            }
        }
        face(problem.top, slice: sliceList.count - 1)
        if let bottom = problem.bottom { face(bottom, slice: 0) }
        // The diagonal: every link of the cell, and its boundary.
        var diagonal = boundary
        for cell in 0..<n {
            diagonal[cell] += east[cell] + north[cell] + up[cell]
            if cell % nx > 0 { diagonal[cell] += east[cell - 1] }
            if (cell % perSlice) / nx > 0 { diagonal[cell] += north[cell - nx] }
            if cell >= perSlice { diagonal[cell] += up[cell - perSlice] }
        }
        conductance = CSRMatrix(columns: nx, rows: ny, slices: sliceList.count, diagonal: diagonal, east: east, north: north, up: up)
        capacityJPerK = capacity
        boundaryWPerK = boundary
        boundaryFluidC = fluid
        materialOfCell = materials
        verticalConductivityWPerMK = kVertical

        var allSources: [HeatSource] = [], cellsOfSources: [[(cell: Int, share: Double)]] = []
        for (l, layer) in problem.layers.enumerated() {
            let allSlices = sliceList.indices.filter { sliceList[$0].0 == l }
            for source in layer.sources {
                // The active face's slice, or all of them.
                let layerSlices: [Int]
                switch source.activeSide {
                case .bottom: layerSlices = [allSlices.first!]
                case .top: layerSlices = [allSlices.last!]
                case .volume: layerSlices = allSlices
                }
                var cells: [(cell: Int, share: Double)] = []
                for j in 0..<ny {
                    for i in 0..<nx {
                        let overlap = source.rectangle.overlapArea(PlaneRectangle(x: xEdges[i], y: yEdges[j], width: dx[i], height: dy[j]))
                        guard overlap > 0 else { continue }
                        for z in layerSlices {
                            cells.append((z * perSlice + j * nx + i, overlap / source.rectangle.area / Double(layerSlices.count)))
                        }
                    }
                }
                allSources.append(source)
                cellsOfSources.append(cells)
            }
        }
        sources = allSources
        sourceCells = cellsOfSources
    }

    /// Most cells the design's own grid (and a HotSpot network) may have by default: a design
    /// grid beyond it is almost always a mistake (a 75 µm cell over a 53 mm package, a floorplan
    /// sliver between two nearly equal edges), refused before anything is allocated.
    public static let defaultMaximumCells = 500_000
    /// Most cells refinement for convergence may reach by default: enough for every example
    /// package and HotSpot's EV6 study to refine to 0.1 K (EV6 needs 5.0 million cells: about
    /// 42 s and 1.8 GB on this machine, some 350 bytes a cell at the peak; the examples need
    /// 0.3-0.8 million). `plenum package --allow-large` raises both caps to `largeMaximumCells`.
    public static let defaultMaximumRefinedCells = 6_000_000
    public static let largeMaximumCells = 50_000_000

    /// The number of cells `problem` would make, counted without building anything, or nil when
    /// it exceeds `limit` (a grid cell of a nanometre must be an answer, not an allocation).
    public static func cellCount(_ problem: LayeredThermalProblem, limit: Int) -> Int? {
        let slices = problem.layers.reduce(0) { $0 + $1.sublayers }
        guard slices > 0, let (xs, ys) = edges(problem, maximumLines: min(limit / slices, Int.max - 2) + 2) else { return nil }
        let cells = Double(xs.count - 1) * Double(ys.count - 1) * Double(slices)
        return cells <= Double(limit) ? Int(cells) : nil
    }

    static func edges(_ problem: LayeredThermalProblem) -> ([Double], [Double]) {
        edges(problem, maximumLines: Int.max)!
    }

    /// Lateral cell edges: uniform, or fine over the fine region with every rectangle edge kept
    /// as a grid line and cells growing by `growth` away from the fine region. Nil when an axis
    /// would have more than `maximumLines` lines.
    static func edges(_ problem: LayeredThermalProblem, maximumLines: Int) -> ([Double], [Double])? {
        let e = problem.extent
        switch problem.grid {
        case .uniform(let nx, let ny):
            guard nx < maximumLines, ny < maximumLines else { return nil }
            return ((0...nx).map { e.x + e.width * Double($0) / Double(nx) }, (0...ny).map { e.y + e.height * Double($0) / Double(ny) })
        case .graded(let fine, let region, let growth):
            var xs: Set<Double> = [e.x, e.maxX, region.x, region.maxX], ys: Set<Double> = [e.y, e.maxY, region.y, region.maxY]
            for layer in problem.layers {
                for r in layer.regions.map(\.rectangle) + layer.sources.map(\.rectangle) {
                    xs.formUnion([r.x, r.maxX])
                    ys.formUnion([r.y, r.maxY])
                }
            }
            xs.formUnion([problem.top.rectangle.x, problem.top.rectangle.maxX])
            ys.formUnion([problem.top.rectangle.y, problem.top.rectangle.maxY])
            func axis(_ lines: Set<Double>, low: Double, high: Double, fineLow: Double, fineHigh: Double) -> [Double]? {
                let sorted = lines.filter { $0 >= low - 1e-12 && $0 <= high + 1e-12 }.sorted()
                var result: [Double] = [sorted[0]]
                for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > 1e-9 {
                    let mid = (a + b) / 2
                    let distance = mid < fineLow ? fineLow - mid : (mid > fineHigh ? mid - fineHigh : 0)
                    // Cell size growing linearly with the distance from the fine region (cells in
                    // geometric progression), at most an eighth of the extent.
                    let size = min(fine + (growth - 1) * distance, (high - low) / Double(8 * problem.lateralRefinement))
                    let cells = ((b - a) / max(size, fine)).rounded(.up)
                    guard cells.isFinite, Double(result.count) + cells < Double(maximumLines) else { return nil }
                    let count = max(1, Int(cells))
                    for k in 1...count { result.append(a + (b - a) * Double(k) / Double(count)) }
                }
                return result
            }
            guard let x = axis(xs, low: e.x, high: e.maxX, fineLow: region.x, fineHigh: region.maxX),
                  let y = axis(ys, low: e.y, high: e.maxY, fineLow: region.y, fineHigh: region.maxY) else { return nil }
            return (x, y)
        }
    }

    /// The temperature of a cell's top face: its centre minus the heat it passes up times the
    /// half-slice resistance, T_face = T − q_up (t/2)/(k_v A), q_up to the cell above (or to the
    /// fluid through the top boundary). A case temperature is a surface temperature.
    public func topFaceC(_ cell: Int, _ t: [Double]) -> Double {
        let z = cell / cellsPerSlice
        let up: Double
        if z + 1 < slices.count {
            up = -conductance.entry(row: cell, column: cell + cellsPerSlice) * (t[cell] - t[cell + cellsPerSlice])
        } else {
            up = boundaryWPerK[cell] * (t[cell] - boundaryFluidC[cell])
        }
        return t[cell] - up * halfSliceResistanceKPerW(cell)
    }

    /// The face of a source's cell that its power enters (a surface source): bottom (heat going
    /// up from it) or top (heat going down), T_face = T + q (t/2)/(k_v A), q the heat the cell
    /// passes on through its opposite face. Exact for one-dimensional conduction.
    public func faceC(_ cell: Int, _ t: [Double], top: Bool) -> Double {
        let z = cell / cellsPerSlice
        let neighbour = top ? cell - cellsPerSlice : cell + cellsPerSlice
        let q: Double
        if (top && z > 0) || (!top && z + 1 < slices.count) {
            q = -conductance.entry(row: cell, column: neighbour) * (t[cell] - t[neighbour])
        } else {
            q = top ? 0 : boundaryWPerK[cell] * (t[cell] - boundaryFluidC[cell])
        }
        return t[cell] + q * halfSliceResistanceKPerW(cell)
    }

    /// (slice thickness / 2) / (k_v · cell area), K/W.
    func halfSliceResistanceKPerW(_ cell: Int) -> Double {
        let z = cell / cellsPerSlice, rest = cell % cellsPerSlice
        let i = rest % columns, j = rest / columns
        let area = (xEdges[i + 1] - xEdges[i]) * (yEdges[j + 1] - yEdges[j])
        return slices[z].thicknessM / 2 / (verticalConductivityWPerMK[cell] * area)
    }

    /// A field of this grid read at the cell centres of `other` (the same package on another
    /// grid): each of its cells takes the value of the cell of this grid containing its centre.
    /// A start for the solve on a refined grid that is already within the discretisation error.
    public func resampled(_ t: [Double], onto other: PackageThermalGrid) -> [Double] {
        func containing(_ value: Double, _ edges: [Double]) -> Int {
            // The last edge not above the value, kept inside the grid.
            var low = 0, high = edges.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if edges[middle] <= value { low = middle } else { high = middle }
            }
            return low
        }
        // Depths of the slices' faces from the bottom, m.
        func depthEdges(_ slices: [(layer: Int, thicknessM: Double)]) -> [Double] {
            var edges = [0.0]
            for slice in slices { edges.append(edges[edges.count - 1] + slice.thicknessM) }
            return edges
        }
        let sliceEdges = depthEdges(slices), otherEdges = depthEdges(other.slices)
        let columnOf = (0..<other.columns).map { containing((other.xEdges[$0] + other.xEdges[$0 + 1]) / 2, xEdges) }
        let rowOf = (0..<other.rows).map { containing((other.yEdges[$0] + other.yEdges[$0 + 1]) / 2, yEdges) }
        let sliceOf = other.slices.indices.map { containing(otherEdges[$0] + other.slices[$0].thicknessM / 2, sliceEdges) }
        var result = [Double](repeating: 0, count: other.cellCount)
        for (z, source) in sliceOf.enumerated() {
            for j in 0..<other.rows {
                let from = source * cellsPerSlice + rowOf[j] * columns, to = z * other.cellsPerSlice + j * other.columns
                for i in 0..<other.columns { result[to + i] = t[from + columnOf[i]] }
            }
        }
        return result
    }

    public func cellCenter(_ cell: Int) -> (x: Double, y: Double, slice: Int) {
        let z = cell / cellsPerSlice, rest = cell % cellsPerSlice
        let i = rest % columns, j = rest / columns
        return ((xEdges[i] + xEdges[i + 1]) / 2, (yEdges[j] + yEdges[j + 1]) / 2, z)
    }
}


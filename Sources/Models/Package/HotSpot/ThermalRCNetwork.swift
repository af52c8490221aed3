import Numerics

/// A lumped thermal RC network: nodes with heat capacities, conductances between them and to a
/// fixed ambient, power injected into nodes, and named read-outs. HotSpot's block and grid
/// models are such networks (`HotSpotBlockNetwork`, `HotSpotGridNetwork`):
///
///     C dT/dt = −G T + P + g_amb T_amb        (steady: G T = P + g_amb T_amb)
///
/// with G the symmetric positive-definite conductance matrix (ambient links on its diagonal).
public struct ThermalRCNetwork: Sendable {
    public let conductance: CSRMatrix
    public let ambientWPerK: [Double]
    public let capacityJPerK: [Double]
    public let ambientK: Double
    /// Power inputs by name (floorplan units), each spread over nodes by share (shares sum to 1).
    public let powerNames: [String]
    public let powerNodes: [[(node: Int, share: Double)]]
    /// Read-outs in HotSpot's output order: name, and the nodes whose temperatures it reduces.
    public let outputNames: [String]
    public let outputNodes: [[Int]]
    public let outputMode: HotSpotStudy.MapMode
    /// Per read-out: whether it is a unit of a power-dissipating layer (a junction).
    public let outputIsPowered: [Bool]
    /// Grid models: the layered tensor part (first cells) for the preconditioner, else nil.
    let layeredGrid: (columns: Int, rows: Int, layers: Int)?
    public var nodeCount: Int { capacityJPerK.count }

    init(_ builder: ThermalRCNetworkBuilder, powerNames: [String], powerNodes: [[(node: Int, share: Double)]], outputNames: [String],
         outputNodes: [[Int]], outputMode: HotSpotStudy.MapMode, outputIsPowered: [Bool], layeredGrid: (columns: Int, rows: Int, layers: Int)?) {
        conductance = CSRMatrix(builder.matrix)
        ambientWPerK = builder.ambient
        capacityJPerK = builder.capacity
        ambientK = builder.ambientK
        self.powerNames = powerNames
        self.powerNodes = powerNodes
        self.outputNames = outputNames
        self.outputNodes = outputNodes
        self.outputMode = outputMode
        self.outputIsPowered = outputIsPowered
        self.layeredGrid = layeredGrid
    }

    /// The right-hand side P + g_amb T_amb for unit powers (W) in `powerNames` order.
    func heatInput(powersW: [Double]) -> [Double] {
        var b = ambientWPerK.map { $0 * ambientK }
        for (k, nodes) in powerNodes.enumerated() {
            for (node, share) in nodes { b[node] += powersW[k] * share }
        }
        return b
    }

    /// Each read-out's temperature from node temperatures, by the map mode.
    public func outputs(_ t: [Double]) -> [Double] {
        outputNodes.map { nodes in
            switch outputMode {
            case .avg: return nodes.reduce(0) { $0 + t[$1] } / Double(max(nodes.count, 1))
            case .max: return nodes.map { t[$0] }.max() ?? .nan
            case .min: return nodes.map { t[$0] }.min() ?? .nan
            case .center: return nodes.isEmpty ? .nan : t[nodes[nodes.count / 2]]
            }
        }
    }

    /// Heat leaving to ambient, W.
    public func heatOutW(_ t: [Double]) -> Double {
        zip(ambientWPerK, t).reduce(0) { $0 + $1.0 * ($1.1 - ambientK) }
    }

    /// Steady state for unit powers in `powerNames` order: node temperatures, K.
    public func steady(powersW: [Double]) throws(NumericalError) -> [Double] {
        let solver = try LinearSolver(matrix: conductance, network: self)
        return try solver.solve(heatInput(powersW: powersW), start: [Double](repeating: ambientK, count: nodeCount))
    }

    /// A transient from `initialK`, the powers of `rowsW` each held for `intervalS` (HotSpot's
    /// trace replay), by BDF2 with `substeps` equal steps per interval (backward Euler first),
    /// or by backward Euler throughout (`backwardEulerOnly`: HotSpot's SuperLU build).
    /// - Returns: node temperatures at the end of each interval.
    public func transient(initialK: [Double], rowsW: [[Double]], intervalS: Double, substeps: Int,
                          backwardEulerOnly: Bool = false) throws(NumericalError) -> [[Double]] {
        let h = intervalS / Double(max(substeps, 1))
        var euler = conductance, bdf2 = conductance
        euler.addToDiagonal(capacityJPerK.map { $0 / h })
        bdf2.addToDiagonal(capacityJPerK.map { 1.5 * $0 / h })
        let eulerSolver = try LinearSolver(matrix: euler, network: self)
        let bdf2Solver = backwardEulerOnly ? eulerSolver : try LinearSolver(matrix: bdf2, network: self)
        var previous = initialK, current = initialK, first = true
        var samples: [[Double]] = []
        for row in rowsW {
            let input = heatInput(powersW: row)
            for _ in 0..<max(substeps, 1) {
                var b = input
                let next: [Double]
                if first || backwardEulerOnly {
                    for i in b.indices { b[i] += capacityJPerK[i] / h * current[i] }
                    next = try eulerSolver.solve(b, start: current)
                    first = false
                } else {
                    for i in b.indices { b[i] += capacityJPerK[i] / (2 * h) * (4 * current[i] - previous[i]) }
                    next = try bdf2Solver.solve(b, start: zip(current, previous).map { 2 * $0 - $1 })
                }
                previous = current
                current = next
            }
            samples.append(current)
        }
        return samples
    }
}

/// Solves G T = b for one matrix: dense LU for small networks (the block model), conjugate
/// gradients with the layered-grid preconditioner on the cells (and Jacobi on the package nodes)
/// for grid models.
struct LinearSolver {
    private let lu: LUFactorization?
    private let matrix: CSRMatrix
    private let layered: LayeredGridMultigrid?
    private let gridCells: Int
    private let inverseDiagonal: [Double]
    static let denseLimit = 1_500

    init(matrix: CSRMatrix, network: ThermalRCNetwork) throws(NumericalError) {
        self.matrix = matrix
        let n = matrix.dimension
        inverseDiagonal = (0..<n).map { 1 / matrix.entry(row: $0, column: $0) }
        if n <= Self.denseLimit {
            var dense = DenseMatrix(rows: n, columns: n)
            for r in 0..<n {
                for k in matrix.rowStart[r]..<matrix.rowStart[r + 1] { dense[r, matrix.columnIndex[k]] = matrix.values[k] }
            }
            lu = try LUFactorization(dense)
            layered = nil
            gridCells = 0
        } else {
            lu = nil
            if let shape = network.layeredGrid {
                // The cells' own block of G (package-node links stay on its diagonal).
                let cells = shape.columns * shape.rows * shape.layers
                var builder = SparseMatrixBuilder(dimension: cells)
                for r in 0..<cells {
                    for k in matrix.rowStart[r]..<matrix.rowStart[r + 1] where matrix.columnIndex[k] < cells {
                        builder.add(matrix.values[k], row: r, column: matrix.columnIndex[k])
                    }
                }
                layered = LayeredGridMultigrid(matrix: CSRMatrix(builder), columns: shape.columns, rows: shape.rows, slices: shape.layers)
                gridCells = cells
            } else {
                layered = nil
                gridCells = 0
            }
        }
    }

    func solve(_ b: [Double], start: [Double]) throws(NumericalError) -> [Double] {
        if let lu { return try lu.solve(b) }
        var x = start
        let cells = gridCells, inverse = inverseDiagonal, layered = layered
        try solveConjugateGradient(matrix, b, x: &x, tolerance: 1e-12, maximumIterations: 20_000) { r, z in
            if let layered {
                layered.apply(UnsafeBufferPointer(rebasing: r[0..<cells]), UnsafeMutableBufferPointer(rebasing: z[0..<cells]))
            }
            for i in cells..<r.count { z[i] = r[i] * inverse[i] }
        }
        return x
    }
}

/// Collects a network's links, ambient links and capacities.
struct ThermalRCNetworkBuilder {
    var matrix: SparseMatrixBuilder
    var ambient: [Double]
    var capacity: [Double]
    let ambientK: Double

    init(nodes: Int, ambientK: Double) {
        matrix = SparseMatrixBuilder(dimension: nodes)
        for i in 0..<nodes { matrix.add(0, row: i, column: i) }
        ambient = [Double](repeating: 0, count: nodes)
        capacity = ambient
        self.ambientK = ambientK
    }

    mutating func link(_ a: Int, _ b: Int, conductance g: Double) {
        guard g > 0, g.isFinite else { return }
        matrix.add(g, row: a, column: a)
        matrix.add(g, row: b, column: b)
        matrix.add(-g, row: a, column: b)
        matrix.add(-g, row: b, column: a)
    }

    mutating func toAmbient(_ a: Int, conductance g: Double) {
        matrix.add(g, row: a, column: a)
        ambient[a] += g
    }
}

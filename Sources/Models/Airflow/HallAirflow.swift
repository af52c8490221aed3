import Numerics

/// The airflow of a hall at one operating point (rack and unit flows), and the rack inlet
/// temperatures it gives: the reduced-order model of docs/models/hall-airflow.md.
///
/// Solved once per operating point: tile flows (`FloorPlenum`), the potential-flow field
/// (`PotentialFlow`), and the recirculation matrix (`RecirculationMatrix`). Each step then needs
/// only the supply temperature and the racks' temperature rises ΔT_j = Q_j/(ρ c_p V̇_j):
///
///     x = M_e (x + ΔT),   T_in = T_sup + x,
///
/// the steady mixing of the room (its air turns over in seconds, against coupling steps of
/// 10-60 s), solved by fixed-point iteration from the last step's x. It converges because some
/// supply reaches every rack (the spectral radius of M_e is below 1 when every row's supply
/// fraction is positive).
public struct HallAirflow: Sendable {
    public let grid: AirflowGrid
    public let matrix: RecirculationMatrix
    public let tileFlowM3PerS: [Double]
    /// Each rack's airflow at this point, m³/s.
    public let rackFlowM3PerS: [Double]
    /// Iterations of the flow solve (for the record).
    public let solverIterations: Int
    /// `matrix.exhaustSources` in compressed rows, for the step's iteration.
    private let rows: MixingRows
    /// How far a change of the racks' rises can move any inlet (`HallAirflowState`'s hold).
    public let influence: MixingInfluence

    /// - Parameters: rackFlowM3PerS per rack; coolerFlowM3PerS per unit (0 when stopped);
    ///   measuredTileFlowM3PerS, when given, the tiles' flows in the order of `grid.tileCells`
    ///   (balometer readings, or another model's) in place of the plenum model's.
    public init(grid: AirflowGrid, rackFlowM3PerS: [Double], coolerFlowM3PerS: [Double], measuredTileFlowM3PerS: [Double]? = nil) throws(NumericalError) {
        self.grid = grid
        self.rackFlowM3PerS = rackFlowM3PerS
        var tiles: [Double] = []
        if grid.geometry.discharge == .downflow {
            if let measuredTileFlowM3PerS {
                tiles = measuredTileFlowM3PerS
            } else {
                tiles = try FloorPlenum.tileFlows(grid: grid, coolerFlowM3PerS: coolerFlowM3PerS)
            }
        }
        tileFlowM3PerS = tiles
        let lift = tiles.map { Self.jetLift(tileFlowM3PerS: $0, grid: grid) }
        let coolerTotal = coolerFlowM3PerS.reduce(0, +)
        var terminalFlow = Array(repeating: 0.0, count: grid.terminals.count)
        var inflow = Array(repeating: 0.0, count: grid.cellCount)
        for (k, terminal) in grid.terminals.enumerated() {
            let q: Double
            switch terminal.owner {
            case .rackIntake(let i): q = -rackFlowM3PerS[i] * terminal.share
            case .rackExhaust(let i): q = rackFlowM3PerS[i] * terminal.share
            case .tile(let t): q = tiles[t] * (1 - lift[t]) * terminal.share
            case .tileJet(let t): q = tiles[t] * lift[t] * terminal.share
            case .coolerReturn(let u): q = -coolerFlowM3PerS[u] * terminal.share
            case .coolerSupply(let u): q = coolerFlowM3PerS[u] * terminal.share
            case .ductReturn: q = -coolerTotal * terminal.share
            }
            terminalFlow[k] = q
            inflow[terminal.cell] += q
        }
        // Under a raised floor the jets' momentum sets directions (`applyJetMomentum`).
        var field = grid
        if grid.geometry.discharge == .downflow {
            field.applyJetMomentum(tileLift: lift, curtain: Self.jetCurtainOpenFraction, rise: Self.exhaustRiseOpenFraction)
        }
        let flow = try PotentialFlow(grid: field, inflowM3PerS: inflow)
        solverIterations = flow.iterations
        matrix = RecirculationMatrix(grid: field, flow: flow, terminalFlowM3PerS: terminalFlow)
        rows = MixingRows(matrix.exhaustSources)
        influence = MixingInfluence(rows: rows)
        hotAisleCaptureIndex = Self.hotAisleCaptureIndex(matrix: matrix, rackFlowM3PerS: rackFlowM3PerS)
    }

    /// How far the model's rack inlets are from CFD's on the stored references, K over all 70 racks
    /// of the seven halls (docs/models/hall-airflow.md, "Validation against CFD"): on the tests'
    /// fixture's grids (3 × 3 × 3 CFD cells per Plenum cell, `hall-airflow-cfd.json`) and on finer
    /// ones (5 × 5 × 5, `hall-airflow-cfd-grids.json`). The CFD is not grid-converged (its row-end
    /// inlets move by up to 2.9 K between grids), so runs report both, and how far the two CFD
    /// grids are from each other: the reference's own error, the floor under any comparison with
    /// it. Tests recompute all six from the fixtures, so they cannot drift from the model.
    public enum AgreementWithCFD {
        public static let meanAbsoluteErrorK = 1.18, worstErrorK = 4.37
        public static let finerGridMeanAbsoluteErrorK = 1.66, finerGridWorstErrorK = 6.80
        /// The 3 × 3 × 3 CFD against the 5 × 5 × 5, over the same 70 racks.
        public static let referenceGridDifferenceMeanK = 1.23, referenceGridDifferenceWorstK = 6.67
        public static let reference = "OpenFOAM simpleFoam k-epsilon, seven halls of two rows of five racks, on 3x3x3 and 5x5x5 CFD cells "
            + "per Plenum cell (the CFD is not grid-converged: the two grids' inlets differ by 1.23 K on average and 6.67 K at worst); "
            + "the row-end racks run cooler than CFD's (docs/models/hall-airflow.md)"
    }

    /// Tile jets. Potential flow carries no momentum, but a tile's air leaves it as a jet: at the
    /// 2-5 m/s of a dense hall's tiles it rises past the racks' intakes before it turns, and the
    /// racks at the ends of the aisle draw room air around the row ends instead (what CFD shows,
    /// docs/models/hall-airflow.md). The share of a tile's air delivered at the top of the cold
    /// aisle rather than at the floor grows with the jet's momentum flux against a reference,
    ///
    ///     s = u² / (u² + u₀²),   u = q / A_tile,
    ///
    /// so weak jets (legacy halls, ~1 m/s) stay potential flow and strong ones lift most of their
    /// air. u₀ = 1 m/s is fitted to the CFD cases (their tiles run at 2-5 m/s, where the data ask
    /// for most of the air lifted; weaker jets are not in them).
    public static let jetReferenceVelocityMPerS = 1.0

    /// Jet momentum as direction (docs/models/hall-airflow.md, "Jet momentum as direction"): the
    /// open fraction, at rack height, of the faces along a cold aisle between tiles whose jets
    /// lift all their air (scaled by the lifted share), and of the faces up a hot aisle. Fitted to
    /// the CFD halls, and checked by leaving each hall out of the fit in turn.
    public static let jetCurtainOpenFraction = 0.2, exhaustRiseOpenFraction = 0.1

    static func jetLift(tileFlowM3PerS q: Double, grid: AirflowGrid) -> Double {
        let u = q / (grid.dx * grid.dy), u0 = jetReferenceVelocityMPerS
        return u * u / (u * u + u0 * u0)
    }

    /// Cold-aisle capture index of each rack: the share of its intake air that comes from the
    /// cooled supply (VanGilder & Shrivastava 2007).
    public var coldAisleCaptureIndex: [Double] { matrix.supplyFraction }

    /// Hot-aisle capture index of each rack: the share of its exhaust that the units' returns take
    /// before any rack draws it, 1 − Σ_i V̇_i m_ij / V̇_j.
    public let hotAisleCaptureIndex: [Double]

    private static func hotAisleCaptureIndex(matrix: RecirculationMatrix, rackFlowM3PerS: [Double]) -> [Double] {
        var drawn = Array(repeating: 0.0, count: rackFlowM3PerS.count)
        for (i, row) in matrix.exhaustSources.enumerated() {
            for (j, m) in row { drawn[j] += rackFlowM3PerS[i] * m }
        }
        return drawn.indices.map { j in rackFlowM3PerS[j] > 0 ? min(1, max(0, 1 - drawn[j] / rackFlowM3PerS[j])) : 1 }
    }

    /// The inlets' iteration stops once the inlets are within this of the fixed point, K: a
    /// hundredth of the 0.05 K the inlets may move before they are solved again
    /// (`HallAirflowState.heldK`).
    public static let iterationToleranceK = 5e-4

    /// Rack inlets over the supply, K, for the racks' rises `riseK`, iterated from `start` (the
    /// last step's answer, or zeros) to within `toleranceK` of the fixed point.
    public func inletRiseK(riseK: [Double], start: [Double], toleranceK: Double = iterationToleranceK) -> [Double] {
        inletRiseK(riseK: riseK, start: start, mixingWeight: nil, structureRiseK: nil, toleranceK: toleranceK).inlet
    }

    /// Rack inlets over the supply with each rack's zone metal (`RackZones`): rack i's inlet is
    /// a_i of the mixed air m_i = Σ_j M_ij (x_j + ΔT_j) and 1 − a_i of its metal at s_i over the
    /// supply, x_i = a_i m_i + (1 − a_i) s_i. Returns the inlets and the mixed air, K over the
    /// supply. Without weights, x = m. Solved by Gauss-Seidel from `start` (`MixingRows`).
    public func inletRiseK(riseK: [Double], start: [Double], mixingWeight: [Double]?, structureRiseK: [Double]?,
                           toleranceK: Double = iterationToleranceK) -> (inlet: [Double], mixed: [Double]) {
        rows.solve(rise: riseK, start: start, weight: mixingWeight, metal: structureRiseK, toleranceK: toleranceK)
    }

    /// The same solve in place, for the step (`RackMixing`): `inletRiseK` holds the starting
    /// guess and gets the inlets, `mixedRiseK` the mixed air, K over the supply; `mixingWeight`
    /// and `structureRiseK` have one entry per rack.
    public func solveInlets(riseK: [Double], mixingWeight: [Double], structureRiseK: [Double],
                            inletRiseK: inout [Double], mixedRiseK: inout [Double], toleranceK: Double = iterationToleranceK) {
        rows.solve(rise: riseK, weight: mixingWeight, metal: structureRiseK, inlet: &inletRiseK, mixed: &mixedRiseK, toleranceK: toleranceK)
    }
}

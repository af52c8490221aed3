/// Everything `plenum package` reports for a design: power by kind, temperatures per die and
/// block, the compact model the hall uses, and yield and cost.
public struct PackageAnalysis: Sendable {
    public struct DieResult: Sendable {
        public var name: String
        public var powerW: Double
        public var maxC: Double, meanC: Double
        /// Hot spot: where the die's hottest cell is, m.
        public var hotSpotX: Double, hotSpotY: Double
        public var yield: Double
        public var goodDieCostUSD: Double
        public var phyAreaMM2: Double
        /// The die's compact model: (its hottest cell − fluid) / package power, K/W; its heat
        /// capacity, J/K; its hottest cell above its mean, K.
        public var junctionToFluidKPerW: Double = .nan
        public var capacityJPerK: Double = 0
        public var hotSpotExcessK: Double { maxC - meanC }
    }

    public struct BlockResult: Sendable {
        public var name: String
        public var powerW: Double
        public var maxC: Double, meanC: Double
    }

    /// The package as the hall's accelerator model sees it: a junction node with this
    /// resistance to the package's top (the case) and this heat capacity, and power at the
    /// reference temperature.
    public struct CompactModel: Sendable {
        /// (hottest junction − mean case-top temperature) / package power, K/W.
        public var junctionToCaseKPerW: Double
        /// (hottest junction − fluid) / package power with the package's own cooling, K/W.
        public var junctionToFluidKPerW: Double
        /// Heat capacity of the dies, bonds and TIM1, J/K.
        public var junctionCapacityJPerK: Double
        /// Hottest junction above the hottest die's mean, K.
        public var hotSpotExcessK: Double
        /// Package power with leakage at the solved temperatures, W.
        public var powerW: Double
    }

    public let design: PackageDesign
    public let budget: PackagePowerBudget
    public let solver: PackageThermalSolver
    public let steady: PackageThermalSolver.Steady
    public let dies: [DieResult]
    public let blocks: [BlockResult]
    public let compact: CompactModel
    public let cost: ChipletCostModel.PackageCost
    /// The grid refinement behind the answer and its estimated discretisation error.
    public let convergence: PackageConvergence
    /// The design's own grid, before refinement.
    public let base: LayeredThermalProblem

    /// - Parameters:
    ///   - maximumCells: the most cells the design's own grid may have.
    ///   - maximumRefinedCells: the most cells refinement may reach (at least `maximumCells`).
    ///   - refine: refine the grid until the hottest block is within `design.gridToleranceK`;
    ///     false: the design's grid only.
    ///   - progress: told before each grid is solved.
    public init(_ design: PackageDesign, maximumCells: Int = PackageThermalGrid.defaultMaximumCells,
                maximumRefinedCells: Int = PackageThermalGrid.defaultMaximumRefinedCells, refine: Bool = true,
                progress: ((String) -> Void)? = nil) throws(PackageThermalError) {
        self.design = design
        budget = PackagePowerBudget(design)
        let base = PackageStackBuilder.problem(design, budget: budget)
        guard PackageThermalGrid.cellCount(base, limit: maximumCells) != nil else { throw .tooManyCells(limit: maximumCells) }
        (solver, steady, convergence) = try PackageThermalSolver.converged(base, toleranceK: refine ? design.gridToleranceK : nil,
                                                                           maximumCells: max(maximumCells, maximumRefinedCells),
                                                                           progress: progress)
        self.base = base
        let problem = solver.problem
        let grid = solver.grid, t = steady.temperatureC

        var blockResults: [BlockResult] = []
        for (k, source) in grid.sources.enumerated() {
            let cells = grid.sourceCells[k].map(\.cell)
            let temps = cells.map { t[$0] }
            blockResults.append(BlockResult(name: source.name, powerW: steady.sourcePowerW[k], maxC: temps.max() ?? .nan,
                                            meanC: solver.sourceTemperatureC(k, t)))
        }
        blocks = blockResults

        // A die's cells: its rectangle in its tier's slices.
        let tierLayer = Dictionary(uniqueKeysWithValues: problem.layers.enumerated().compactMap { index, layer in
            layer.name.hasPrefix("tier-") ? (Int(layer.name.dropFirst(5))!, index) : nil
        })
        var dieResults: [DieResult] = []
        var hottest = -Double.infinity, hottestDieMean = 0.0
        for die in design.dies {
            let layer = tierLayer[die.tier]!
            var maxC = -Double.infinity, sum = 0.0, area = 0.0, spot = (0.0, 0.0), dieCapacity = 0.0
            for (z, slice) in grid.slices.enumerated() where slice.layer == layer {
                for j in 0..<grid.rows {
                    for i in 0..<grid.columns {
                        let cx = (grid.xEdges[i] + grid.xEdges[i + 1]) / 2, cy = (grid.yEdges[j] + grid.yEdges[j + 1]) / 2
                        guard die.rectangle.contains(x: cx, y: cy) else { continue }
                        let cell = z * grid.cellsPerSlice + j * grid.columns + i
                        let a = (grid.xEdges[i + 1] - grid.xEdges[i]) * (grid.yEdges[j + 1] - grid.yEdges[j])
                        sum += t[cell] * a
                        area += a
                        dieCapacity += grid.capacityJPerK[cell]
                        if t[cell] > maxC {
                            maxC = t[cell]
                            spot = (cx, cy)
                        }
                    }
                }
            }
            let power = zip(grid.sources, steady.sourcePowerW).filter { $0.0.die == die.name }.reduce(0) { $0 + $1.1 }
            let mean = area > 0 ? sum / area : .nan
            if maxC > hottest {
                hottest = maxC
                hottestDieMean = mean
            }
            var result = DieResult(name: die.name, powerW: power, maxC: maxC, meanC: mean, hotSpotX: spot.0, hotSpotY: spot.1,
                                   yield: ChipletCostModel.yield(areaMM2: die.areaMM2, node: die.node),
                                   goodDieCostUSD: ChipletCostModel.goodDieCost(areaMM2: die.areaMM2, node: die.node, testCostUSD: design.testCostUSD),
                                   phyAreaMM2: budget.phyAreaMM2[die.name] ?? 0)
            result.capacityJPerK = dieCapacity
            dieResults.append(result)
        }

        // The case: the top face of the lid (or of the dies' TIM without a lid), area-weighted.
        // (HotSpot stacks: their spreader.)
        let caseLayer = ["lid", "spreader", "tim1", "interface"].lazy.compactMap { name in problem.layers.lastIndex { $0.name == name } }.first
            ?? problem.layers.count - 1
        let caseSlice = grid.slices.lastIndex { $0.layer == caseLayer }!
        let caseRect = problem.layers[caseLayer].regions.first?.rectangle ?? problem.extent
        var caseSum = 0.0, caseArea = 0.0, capacity = 0.0
        for j in 0..<grid.rows {
            for i in 0..<grid.columns {
                let cx = (grid.xEdges[i] + grid.xEdges[i + 1]) / 2, cy = (grid.yEdges[j] + grid.yEdges[j + 1]) / 2
                guard caseRect.contains(x: cx, y: cy) else { continue }
                let a = (grid.xEdges[i + 1] - grid.xEdges[i]) * (grid.yEdges[j + 1] - grid.yEdges[j])
                caseSum += grid.topFaceC(caseSlice * grid.cellsPerSlice + j * grid.columns + i, t) * a
                caseArea += a
            }
        }
        for (cell, name) in grid.materialOfCell.enumerated() where name != PackageMaterials.air.name {
            let layerName = problem.layers[grid.slices[cell / grid.cellsPerSlice].layer].name
            if layerName.hasPrefix("tier-") || layerName.hasPrefix("bond-") || layerName == "tim1" { capacity += grid.capacityJPerK[cell] }
        }
        let total = steady.totalPowerW
        for k in dieResults.indices { dieResults[k].junctionToFluidKPerW = (dieResults[k].maxC - design.cooling.fluidC) / total }
        dies = dieResults
        compact = CompactModel(junctionToCaseKPerW: (hottest - caseSum / caseArea) / total,
                               junctionToFluidKPerW: (hottest - design.cooling.fluidC) / total,
                               junctionCapacityJPerK: capacity, hotSpotExcessK: hottest - hottestDieMean, powerW: total)
        let stackBonds = design.dies.filter { $0.tier > 0 }.count
        cost = ChipletCostModel.packageCost(dies: design.dies.map { ($0.areaMM2, $0.node) }, carrier: design.carrier, stackBonds: stackBonds,
                                            stackBondYield: design.bondYield, testCostUSD: design.testCostUSD)
    }

    public var hottestC: Double { dies.map(\.maxC).max() ?? .nan }

    /// Lithography's reticle limit (26 mm × 33 mm): no single die can be larger.
    public static let reticleAreaMM2 = 858.0

    /// For a package of several logic dies: the same logic as one die on their node (each
    /// chiplet's die-to-die interface share removed), with the other dies kept, on
    /// `design.monolithicCarrier` (organic substrate by default, as Chiplet Actuary's SoC) — its
    /// area, yield and cost per good package. Nil with one logic die.
    public var monolithicEquivalent: (areaMM2: Double, yield: Double, costPerGoodPackageUSD: Double)? {
        let logic = design.dies.filter { $0.role == .logic }
        guard logic.count > 1 else { return nil }
        let area = logic.reduce(0) { $0 + $1.areaMM2 } * (1 - ChipletCostModel.interfaceAreaShare)
        let node = logic[0].node
        let others = design.dies.filter { $0.role != .logic }.map { ($0.areaMM2, $0.node) }
        // HBM beside a monolithic die needs an interposer even when the logic alone would not.
        let carrier = others.isEmpty ? design.monolithicCarrier : (design.monolithicCarrier == .organic ? design.carrier : design.monolithicCarrier)
        let cost = ChipletCostModel.packageCost(dies: [(area, node)] + others, carrier: carrier, testCostUSD: design.testCostUSD)
        return (area, ChipletCostModel.yield(areaMM2: area, node: node), cost.costPerGoodPackageUSD)
    }

    /// Temperatures of one layer (mean over its slices) as rows × columns, °C.
    public func layerMap(_ layer: Int) -> [[Double]] {
        let grid = solver.grid
        let slices = grid.slices.indices.filter { grid.slices[$0].layer == layer }
        return (0..<grid.rows).map { j in
            (0..<grid.columns).map { i in
                slices.reduce(0) { $0 + steady.temperatureC[$1 * grid.cellsPerSlice + j * grid.columns + i] } / Double(slices.count)
            }
        }
    }
}

import Foundation
import Testing
@testable import Models
import Numerics

@Suite("Hall airflow: plenum, potential flow, recirculation, indices")
struct HallAirflowTests {
    /// Flows of the racks (each `rackFlow`) and the units (`coolerTotal` shared by those running).
    static func airflow(_ geometry: HallGeometry, rackFlow: Double = 1.0, coolerTotal: Double, stopped: Set<Int> = []) throws -> HallAirflow {
        let grid = AirflowGrid(geometry)
        let running = geometry.coolerUnits - stopped.count
        let units = (0..<geometry.coolerUnits).map { stopped.contains($0) ? 0 : coolerTotal / Double(running) }
        return try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: rackFlow, count: grid.racks.count), coolerFlowM3PerS: units)
    }

    /// Idelchik's thin perforated plate at f = 0.25: ζ = (0.707·0.75^0.375 + 0.75)²/0.25² = 30.68.
    @Test func tileLossCoefficientClosedForm() {
        #expect(abs(FloorPlenum.lossCoefficient(openArea: 0.25) - 30.678) < 0.01)
        // More open area, less loss; a fully open plate loses nothing.
        #expect(FloorPlenum.lossCoefficient(openArea: 0.56) < FloorPlenum.lossCoefficient(openArea: 0.25))
        #expect(FloorPlenum.lossCoefficient(openArea: 1) == 0)
    }

    /// The grid lays out the racks, faces and tiles the plan asks for, and every face's flow
    /// balances: at each open cell, what flows out through faces equals what the terminals put in.
    @Test func potentialFlowConservesMassAtEveryCell() throws {
        let geometry = HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2)
        let grid = AirflowGrid(geometry)
        #expect(grid.racks.count == 10)
        #expect(!grid.tileCells.isEmpty)
        // Each rack a dipole of 1 m³/s, the end racks drawing a fifth of it round the row end.
        let wrap = 0.2
        var inflow = Array(repeating: 0.0, count: grid.cellCount)
        for terminal in grid.terminals {
            switch terminal.owner {
            case .rackIntake(let i): inflow[terminal.cell] -= terminal.share * (grid.wrapsRoundRowEnd[i] ? 1 - wrap : 1)
            case .rackWrap: inflow[terminal.cell] -= terminal.share * wrap
            case .rackExhaust: inflow[terminal.cell] += terminal.share
            default: break
            }
        }
        #expect(abs(inflow.reduce(0, +)) < 1e-12)
        // Rack dipoles alone (units stopped): the flows still balance everywhere.
        let flow = try PotentialFlow(grid: grid, inflowM3PerS: inflow)
        var worst = 0.0
        for z in 0..<grid.nz {
            for y in 0..<grid.ny {
                for x in 0..<grid.nx where !grid.solid[grid.cell(x, y, z)] {
                    var out = 0.0
                    if x + 1 < grid.nx { out += flow.flowX[grid.xFace(x, y, z)] }
                    if x > 0 { out -= flow.flowX[grid.xFace(x - 1, y, z)] }
                    if y + 1 < grid.ny { out += flow.flowY[grid.yFace(x, y, z)] }
                    if y > 0 { out -= flow.flowY[grid.yFace(x, y - 1, z)] }
                    if z + 1 < grid.nz { out += flow.flowZ[grid.zFace(x, y, z)] }
                    if z > 0 { out -= flow.flowZ[grid.zFace(x, y, z - 1)] }
                    worst = max(worst, abs(out - inflow[grid.cell(x, y, z)]))
                }
            }
        }
        #expect(worst < 1e-8)
    }

    /// The row-end wrap's terminals (`FittedTerms.rowEndWrapShare`): the racks at the ends of the
    /// rows, and beside a gap, draw from the hot aisle's cells beyond their open side, at rack
    /// height, past a contained aisle's end doors too (as far as the doors pass air:
    /// `HallAirflowDoorWrapTests`), and a gap within a contained row is open air. Each wrapping
    /// rack's shares sum to 1, and its rows of the matrix still sum to 1.
    @Test func rowEndRacksWrapRoundTheirOpenSidesOnly() throws {
        func wrapping(_ geometry: HallGeometry) -> [Int] {
            let grid = AirflowGrid(geometry)
            for i in grid.racks.indices where grid.wrapsRoundRowEnd[i] {
                let terminals = grid.terminals.filter { $0.owner == .rackWrap(i) }
                #expect(abs(terminals.reduce(0) { $0 + $1.share } - 1) < 1e-12)
                let rack = grid.racks[i], rear = rack.rearY
                #expect(terminals.allSatisfy { t in
                    let x = t.cell % grid.nx, y = (t.cell / grid.nx) % grid.ny, z = t.cell / (grid.nx * grid.ny)
                    return abs(x - rack.x) == 1 && y == rear && z < grid.rackLayers && !grid.solid[t.cell]
                })
            }
            return grid.racks.indices.filter { grid.wrapsRoundRowEnd[$0] }
        }
        #expect(wrapping(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2)) == [0, 4, 5, 9])
        var contained = HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2, containment: .coldAisle)
        #expect(wrapping(contained) == [0, 4, 5, 9])
        #expect(AirflowGrid(contained).wrapDoor == [0, nil, nil, nil, 1, 0, nil, nil, nil, 1])
        #expect(wrapping(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2, containment: .hotAisle)) == [0, 4, 5, 9])
        // A gap in row 1 opens the racks beside it, and row 2's last rack: its row is now one slot
        // shorter than the contained aisle, and the empty slot is open air between the aisles.
        contained.gaps = [HallGeometry.Gap(row: 1, afterRack: 2)]
        #expect(wrapping(contained) == [0, 1, 2, 4, 5, 9])
        #expect(AirflowGrid(contained).wrapDoor == [0, nil, nil, nil, 1, 0, nil, nil, nil, nil])
        let open = try Self.airflow(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2), coolerTotal: 11)
        for i in 0..<10 {
            let total = open.matrix.supplyFraction[i] + open.matrix.exhaustSources[i].reduce(0) { $0 + $1.fraction }
            #expect(abs(total - 1) < 1e-9)
        }
        // The end rack draws its own row's exhaust, and more of it than without the wrap.
        var unwrapped = FittedTerms.fitted
        unwrapped.rowEndWrapShare = 0
        let grid = AirflowGrid(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2))
        let without = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: 10), coolerFlowM3PerS: [5.5, 5.5], terms: unwrapped)
        func ownRow(_ a: HallAirflow) -> Double { a.matrix.exhaustSources[0].filter { $0.rack < 5 }.reduce(0) { $0 + $1.fraction } }
        #expect(ownRow(open) > ownRow(without) + 0.05 && open.matrix.supplyFraction[0] < without.matrix.supplyFraction[0] - 0.05)
    }

    /// A deep plenum fed from both ends passes nearly the same air through every tile, and the
    /// tiles pass exactly what the units deliver; a shallow one starves the tiles nearest the units
    /// (fast plenum air, low static pressure: VanGilder & Schmidt 2005).
    @Test func plenumDepthSetsTileUniformity() throws {
        func spread(depth: Double) throws -> (total: Double, ratio: Double, nearUnit: Double, middle: Double) {
            var geometry = HallGeometry(rows: 2, racksPerRow: 10, coolerUnits: 2)
            geometry.raisedFloorDepthM = depth
            let grid = AirflowGrid(geometry)
            let tiles = try FloorPlenum.tileFlows(grid: grid, coolerFlowM3PerS: [5, 5])
            let xs = grid.tileCells.map { $0 % grid.nx }
            let near = zip(xs, tiles).filter { $0.0 == xs.min()! }.map(\.1).reduce(0, +)
            let middle = zip(xs, tiles).filter { $0.0 == (xs.min()! + xs.max()!) / 2 }.map(\.1).reduce(0, +)
            return (tiles.reduce(0, +), tiles.min()! / tiles.max()!, near, middle)
        }
        let deep = try spread(depth: 1.5), shallow = try spread(depth: 0.3)
        #expect(abs(deep.total - 10) < 1e-9 && abs(shallow.total - 10) < 1e-9)
        #expect(deep.ratio > 0.8)
        #expect(shallow.ratio < deep.ratio)
        #expect(shallow.nearUnit < shallow.middle)
    }

    /// The plenum's iteration settles for ordinary floors in a few iterations. A 0.1 m floor under
    /// 90 % grates (the plan's extremes) does not: its tiles near the units switch between passing
    /// air and none, and the solution says how far it still moved instead of passing as settled.
    /// The flows still pass exactly the units' air.
    @Test func anUnsettledPlenumSaysSo() throws {
        let ordinary = try Self.plenum(rows: 2, racksPerRow: 10, depth: 0.6, openArea: 0.25)
        #expect(ordinary.settled && ordinary.iterations < 10)
        let extreme = try Self.plenum(rows: 2, racksPerRow: 10, depth: 0.1, openArea: 0.9)
        #expect(!extreme.settled && extreme.iterations == FloorPlenum.maximumIterations)
        #expect(extreme.unsettledFraction > 5 * FloorPlenum.tolerance)
        #expect(abs(extreme.tileFlowM3PerS.reduce(0, +) - 22) < 1e-9)
        // A field built on it carries the figure to the run (`/airflow/plenum_unsettled_fraction`).
        var geometry = HallGeometry(rows: 2, racksPerRow: 10, coolerUnits: 2)
        (geometry.raisedFloorDepthM, geometry.tileOpenArea) = (0.1, 0.9)
        let airflow = try HallAirflow(grid: AirflowGrid(geometry), rackFlowM3PerS: Array(repeating: 1, count: 20), coolerFlowM3PerS: [11, 11])
        #expect(airflow.plenumUnsettledFraction == extreme.unsettledFraction)
        #expect(try Self.airflow(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2), coolerTotal: 11).plenumUnsettledFraction == 0)
    }

    /// Shallow floors under open grates, fed from the aisles' ends (110 % of 1 m³/s a rack): the
    /// relaxed iteration stalls on them, and halving its relaxation left a 0.3 m floor under 50 %
    /// grates moving 0.12 % of the units' air after 60 iterations (two rows of 20), a 0.6 m one
    /// under four rows of 40 0.04 %. Anderson's steps settle both to the tolerance, the tiles
    /// then pass the units' air, and the tiles next to the units stay starved.
    @Test func shallowFloorsSettleWithAndersonsSteps() throws {
        for (rows, perRow, depth) in [(2, 20, 0.3), (4, 40, 0.6)] {
            let solution = try Self.plenum(rows: rows, racksPerRow: perRow, depth: depth, openArea: 0.5)
            #expect(solution.settled && solution.iterations < 30, "\(rows) × \(perRow) on \(depth) m: \(solution.iterations), \(solution.unsettledFraction)")
            #expect(abs(solution.tileFlowM3PerS.reduce(0, +) - 1.1 * Double(rows * perRow)) < 1e-9)
            let mean = 1.1 * Double(rows * perRow) / Double(solution.tileFlowM3PerS.count)
            #expect(solution.tileFlowM3PerS.min()! < 0.5 * mean && solution.tileFlowM3PerS.max()! > 1.5 * mean)
        }
    }

    /// The plenum's potential by banded Cholesky (numbered along the plan's shorter side) is the
    /// conjugate gradients' to their tolerance, on a plan longer than wide and on one wider than
    /// long: the band numbering and its permutation back to the plan's cells are right.
    @Test func thePlenumsBandedSolveIsTheConjugateGradientsOne() throws {
        for (rows, perRow) in [(2, 20), (12, 3)] {
            let grid = AirflowGrid(HallGeometry(rows: rows, racksPerRow: perRow, coolerUnits: 2))
            let network = try FloorPlenum.Network(grid: grid)
            let n = grid.nx * grid.ny
            var laplacian = GraphLaplacian(nodes: n)
            for y in 0..<grid.ny {
                for x in 0..<grid.nx {
                    if x + 1 < grid.nx { laplacian.link(x + grid.nx * y, x + 1 + grid.nx * y, conductance: network.gx) }
                    if y + 1 < grid.ny { laplacian.link(x + grid.nx * y, x + grid.nx * (y + 1), conductance: network.gy) }
                }
            }
            laplacian.tieToZero(0)
            // Air in at one corner's far side, out evenly everywhere else.
            var rhs = Array(repeating: -1.0 / Double(n - 1), count: n)
            rhs[n - 1] = 1
            var banded = Array(repeating: 0.0, count: n), iterative = banded
            try network.solve(rhs, phi: &banded)
            try laplacian.solver().solve(rhs, x: &iterative, tolerance: 1e-12)
            let scale = iterative.map(abs).max()!
            #expect(grid.nx != grid.ny && scale > 0)
            #expect(zip(banded, iterative).allSatisfy { abs($0 - $1) < 1e-9 * scale }, "\(rows) × \(perRow)")
        }
    }

    /// The tile flows of a plan with its two units at the ends of the aisles, delivering 110 % of
    /// 1 m³/s a rack.
    static func plenum(rows: Int, racksPerRow: Int, depth: Double, openArea: Double) throws -> FloorPlenum.Solution {
        var geometry = HallGeometry(rows: rows, racksPerRow: racksPerRow, coolerUnits: 2)
        (geometry.raisedFloorDepthM, geometry.tileOpenArea) = (depth, openArea)
        let perUnit = 1.1 * Double(rows * racksPerRow) / 2
        return try FloorPlenum.solve(grid: AirflowGrid(geometry), coolerFlowM3PerS: [perUnit, perUnit])
    }

    /// In-row coolers stopped along the rows (only the two after rack 8 running) leave the racks at
    /// the rows' far end drawing only their own exhaust round the row end: no cooled air reaches
    /// them, and the mixing's gain is far above `largestMixingGain`, so runs take such a point as
    /// a well-mixed room. With every cooler running the same hall mixes quasi-steadily.
    @Test func aFieldWithClosedRecirculationHasNoQuasiSteadyMixing() throws {
        let grid = AirflowGrid(HallGeometry(rows: 2, racksPerRow: 10, coolerUnits: 6, discharge: .inRow))
        func field(running: [Bool]) throws -> HallAirflow {
            let per = 22.0 / Double(running.filter { $0 }.count)   // 110 % of the racks' air
            return try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: 20), coolerFlowM3PerS: running.map { $0 ? per : 0 })
        }
        let starved = try field(running: [false, false, false, false, true, true])
        #expect(starved.matrix.supplyFraction.min()! < 1e-6)
        #expect(!starved.hasQuasiSteadyMixing && !(starved.influence.norm < 10))
        let full = try field(running: Array(repeating: true, count: 6))
        #expect(full.hasQuasiSteadyMixing && full.matrix.supplyFraction.min()! > 0.4)
    }

    /// Rows of the recirculation matrix sum to 1, and no more supply reaches the racks than the
    /// units deliver: Σ_i V̇_i m_i0 ≤ V̇_units.
    @Test func recirculationRowsAreMixingFractions() throws {
        let airflow = try Self.airflow(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2), coolerTotal: 8)
        for (i, row) in airflow.matrix.exhaustSources.enumerated() {
            let sum = airflow.matrix.supplyFraction[i] + row.reduce(0) { $0 + $1.fraction }
            #expect(abs(sum - 1) < 1e-9)
        }
        let supplied = zip(airflow.rackFlowM3PerS, airflow.matrix.supplyFraction).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(supplied <= 8 + 1e-6)
        // 10 m³/s drawn, 8 supplied: at least 2 m³/s must be recirculated exhaust.
        #expect(supplied < 10 - 2 + 1e-6)
    }

    /// The uniform limit: a symmetric hall with (nearly) perfect cold-aisle containment and more
    /// supply than the racks draw gives every rack the supply temperature, as the one-node hall does
    /// with no recirculation (within 0.1 K).
    @Test func perfectContainmentReproducesTheOneNodeHall() throws {
        var geometry = HallGeometry(rows: 2, racksPerRow: 6, coolerUnits: 2, containment: .coldAisle)
        geometry.leakageAreaM2 = 0.01
        let airflow = try Self.airflow(geometry, coolerTotal: 13.2)
        let rises = airflow.inletRiseK(riseK: Array(repeating: 15, count: 12), start: [])
        let oneNode = HallAirModel(roomCapacityJPerK: 1, structureCapacityJPerK: 1, structureConductanceWPerK: 0, recirculation: 0, setPointC: 20)
        let oneNodeInlet = oneNode.inletC(supplyC: 20, roomC: 33.6, itAirflowM3PerS: 12, crahAirflowM3PerS: 13.2)
        for rise in rises { #expect(abs(20 + rise - oneNodeInlet) < 0.1) }
    }

    /// An open hall short of supply recirculates, most at the row ends and tops (the known
    /// pattern); the inlets then solve x = M_e (x + ΔT) exactly.
    @Test func starvedOpenHallRecirculatesAndTheIterationSolvesTheMixing() throws {
        let airflow = try Self.airflow(HallGeometry(rows: 2, racksPerRow: 8, coolerUnits: 2), coolerTotal: 12)
        let rise = Array(repeating: 12.0, count: 16)
        let x = airflow.inletRiseK(riseK: rise, start: [])
        for (i, row) in airflow.matrix.exhaustSources.enumerated() {
            let mixed = row.reduce(0) { $0 + $1.fraction * (x[$1.rack] + rise[$1.rack]) }
            #expect(abs(mixed - x[i]) < HallAirflow.iterationToleranceK)
        }
        // The iteration stops on its geometric bound, within the tolerance of the fixed point:
        // from zeros, and from a start off by a step's change.
        let exact = airflow.inletRiseK(riseK: rise, start: [], toleranceK: 1e-13)
        let warm = airflow.inletRiseK(riseK: rise.map { $0 + 0.3 }, start: x)
        let exactWarm = airflow.inletRiseK(riseK: rise.map { $0 + 0.3 }, start: [], toleranceK: 1e-13)
        for i in x.indices {
            #expect(abs(x[i] - exact[i]) < HallAirflow.iterationToleranceK)
            #expect(abs(warm[i] - exactWarm[i]) < HallAirflow.iterationToleranceK)
        }
        #expect(x.max()! > 0.5)
        // Row ends recirculate more than the middle of the row.
        let rowOne = Array(x[0..<8])
        #expect(max(rowOne[0], rowOne[7]) > rowOne[3])
        // Capture indices lie in [0, 1].
        for ci in airflow.coldAisleCaptureIndex + airflow.hotAisleCaptureIndex { #expect((0...1).contains(ci)) }
    }

    /// One of four downflow units stopped: the racks nearest it warm most (the order a CFD run
    /// shows): the hot air it no longer takes back must cross the hall to the others.
    @Test func racksNearestAStoppedUnitWarmFirst() throws {
        let geometry = HallGeometry(rows: 2, racksPerRow: 10, coolerUnits: 4)
        let all = try Self.airflow(geometry, coolerTotal: 22)
        let one = try Self.airflow(geometry, coolerTotal: 22 * 3 / 4, stopped: [0])
        let rise = Array(repeating: 12.0, count: 20)
        let before = all.inletRiseK(riseK: rise, start: []), after = one.inletRiseK(riseK: rise, start: [])
        let warming = zip(after, before).map { $0 - $1 }
        // Unit 0 stands at the west end (x = 0); racks are numbered west to east in each row.
        let west = (0..<3).map { warming[$0] + warming[10 + $0] }.reduce(0, +)
        let east = (7..<10).map { warming[$0] + warming[10 + $0] }.reduce(0, +)
        #expect(west > east)
    }

    /// Herrlin's RCI by hand: inlets 25, 29, 33 °C against A1 (27/32 °C): excess 2 + 6 = 8 K over
    /// 3 × 5 K, RCI_HI = 46.7 %; inlets 16, 20 against 18/15 °C: RCI_LO = (1 − 2/(2·3))·100.
    @Test func rackCoolingIndexClosedForm() {
        #expect(abs(AirManagementIndices.rciHigh(inletsC: [25, 29, 33]) - (1 - 8.0 / 15) * 100) < 1e-12)
        #expect(AirManagementIndices.rciHigh(inletsC: [20, 22]) == 100)
        #expect(abs(AirManagementIndices.rciLow(inletsC: [16, 20]) - (1 - 2.0 / 6) * 100) < 1e-12)
        #expect(AirManagementIndices.returnTemperatureIndex(returnC: 32, supplyC: 20, equipmentRiseK: 15) == 80)
    }
}

import Foundation
import Testing
@testable import Models

/// Perimeter units placed on the plan's walls (`HallGeometry.unitPlacements`,
/// `halls[].airflow.units`): the default rule as placements, mirror images, and the far end of a
/// hall whose units all stand at one end.
@Suite("Hall airflow: where the units stand")
struct UnitPlacementTests {
    static let rackFlow = 1.3806, rise = 20_000 / (1.2 * 1006 * 1.3806)

    /// The open two-CRAH hall of the CFD cases (two rows of five 20 kW racks, units 10 % over the
    /// draw), with its units placed as given.
    static func inlets(_ placements: [HallGeometry.UnitPlacement]?, discharge: HallGeometry.Discharge = .downflow,
                       units: Int = 2) throws -> (grid: AirflowGrid, inlets: [Double]) {
        var geometry = HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: units, discharge: discharge)
        geometry.unitPlacements = placements
        #expect(geometry.problem == nil)
        let grid = AirflowGrid(geometry)
        let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: rackFlow, count: 10),
                                      coolerFlowM3PerS: Array(repeating: 15.1866 / Double(units), count: units))
        return (grid, airflow.inletRiseK(riseK: Array(repeating: rise, count: 10), start: [], toleranceK: 1e-12))
    }

    static func place(_ wall: HallGeometry.Wall, _ at: Double) -> HallGeometry.UnitPlacement { .wall(wall, at: at) }

    /// The default (crah-1 west, crah-2 east, each in the middle of its end) is the same hall as
    /// those placements written out: the same footprints and the same inlets, bit for bit.
    @Test func theDefaultIsWestThenEastInTheMiddle() throws {
        let byDefault = try Self.inlets(nil), written = try Self.inlets([Self.place(.west, 0.5), Self.place(.east, 0.5)])
        #expect(byDefault.grid.coolers.map(\.x) == written.grid.coolers.map(\.x) && byDefault.grid.coolers.map(\.y) == written.grid.coolers.map(\.y))
        #expect(byDefault.inlets == written.inlets)
    }

    /// The hall is its own mirror image west to east, and south to north (rows 1 and 2 face each
    /// other across the cold aisle, each with a hot aisle behind it). Units placed as mirror images
    /// give mirrored inlets: the placement code treats the four walls alike.
    @Test func mirroredPlacementsMirrorTheInlets() throws {
        func mirrorX(_ inlets: [Double]) -> [Double] { [4, 3, 2, 1, 0, 9, 8, 7, 6, 5].map { inlets[$0] } }
        func mirrorY(_ inlets: [Double]) -> [Double] { Array(inlets[5...] + inlets[..<5]) }
        let west = try Self.inlets([Self.place(.west, 0.25), Self.place(.west, 0.75)]).inlets
        let east = try Self.inlets([Self.place(.east, 0.75), Self.place(.east, 0.25)]).inlets
        #expect(zip(mirrorX(west), east).allSatisfy { abs($0 - $1) < 1e-6 })
        let south = try Self.inlets([Self.place(.south, 0.3), Self.place(.south, 0.7)])
        let north = try Self.inlets([Self.place(.north, 0.3), Self.place(.north, 0.7)])
        #expect(zip(mirrorY(south.inlets), north.inlets).allSatisfy { abs($0 - $1) < 1e-6 })
        // A wall unit's band adds its depth to the plan (two cells of 0.6 m).
        #expect(south.grid.ny == AirflowGrid(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2)).ny + 2)
        #expect(south.grid.coolers.allSatisfy { $0.y == 0..<2 })
    }

    /// With both units at the west end, the east end's racks are the hall's hottest: their exhaust
    /// crosses the hall to the units' returns past the other racks' intakes, as the CFD hall with
    /// one west unit shows (its east end 3 K above its west end, docs/models/hall-airflow.md).
    @Test func theFarEndRunsHottestWhenTheUnitsStandAtOneEnd() throws {
        let west = try Self.inlets([Self.place(.west, 0.25), Self.place(.west, 0.75)]).inlets
        #expect(west[4] > west[0] && west[9] > west[5])
        let both = try Self.inlets(nil).inlets
        #expect(west[4] > both[4])
    }

    /// In-row coolers: the default (crah-1 in row 1, crah-2 in row 2, ..., round the rows, spread
    /// evenly) is those placements written out, each unit where its number says; a cooler at
    /// either end of the rows gives mirrored inlets, and the racks beside it run coolest.
    @Test func inRowCoolersStandWhereTheyArePlaced() throws {
        let byDefault = try Self.inlets(nil, discharge: .inRow, units: 3)
        let written = try Self.inlets([.inRow(row: 1, afterRack: 2), .inRow(row: 2, afterRack: 3), .inRow(row: 1, afterRack: 3)],
                                      discharge: .inRow, units: 3)
        #expect(byDefault.grid.coolers.map(\.x) == written.grid.coolers.map(\.x) && byDefault.inlets == written.inlets)
        let rowOf = { (grid: AirflowGrid, u: Int) in grid.racks.first { $0.y == grid.coolers[u].y }!.row }
        #expect([0, 1, 2].map { rowOf(written.grid, $0) } == [0, 1, 0])
        let west = try Self.inlets([.inRow(row: 1, afterRack: 0), .inRow(row: 2, afterRack: 0)], discharge: .inRow)
        let east = try Self.inlets([.inRow(row: 1, afterRack: 5), .inRow(row: 2, afterRack: 5)], discharge: .inRow)
        let mirrored = [4, 3, 2, 1, 0, 9, 8, 7, 6, 5].map { west.inlets[$0] }
        // Within the flow solve's 10⁻⁸ relative residual (these far racks are starved, 90 K up).
        #expect(zip(mirrored, east.inlets).allSatisfy { abs($0 - $1) < 1e-6 * max(1, $1) })
        #expect(west.inlets[0] < west.inlets[4] && west.inlets[5] < west.inlets[9])
    }

    /// Placements the plan cannot hold are refused with what is wrong.
    @Test func placementsAreChecked() {
        var plan = HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2)
        plan.unitPlacements = [Self.place(.west, 0.5)]
        #expect(plan.problem?.contains("places 1 units, but the hall has 2") == true)
        plan.unitPlacements = [Self.place(.west, 0.5), Self.place(.north, 1.5)]
        #expect(plan.problem?.contains("0...1") == true)
        plan.unitPlacements = [Self.place(.west, 0.5), Self.place(.north, 0.5)]
        plan.discharge = .inRow
        #expect(plan.problem?.contains("in-row coolers stand in the rows") == true)
        plan.unitPlacements = [.inRow(row: 1, afterRack: 0), .inRow(row: 3, afterRack: 0)]
        #expect(plan.problem?.contains("outside the 2 × 5 racks") == true)
        plan.discharge = .downflow
        #expect(plan.problem?.contains("downflow units stand at the walls") == true)
    }
}

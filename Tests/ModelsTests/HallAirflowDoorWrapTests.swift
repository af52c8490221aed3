import Testing
@testable import Models

/// The row-end wrap through a contained cold aisle's end doors (`HallAirflow.wrapShares`;
/// docs/models/hall-airflow.md, "Through a contained aisle's doors"): the end racks draw round
/// the row end no more than the doors must pass, their area's share of the aisle's shortfall.
@Suite("Hall airflow: the wrap through a contained aisle's doors")
struct HallAirflowDoorWrapTests {
    /// Two rows of five racks round a contained cold aisle (the CFD fixture's hall: 0.5 m² of
    /// leakage), each rack drawing 1.3806 m³/s, the two units giving `unitsM3PerS` between them.
    static func contained(unitsM3PerS: Double) throws -> (grid: AirflowGrid, tiles: [Double], shares: [Double]) {
        let grid = AirflowGrid(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2, containment: .coldAisle))
        let units = [unitsM3PerS / 2, unitsM3PerS / 2]
        let tiles = try FloorPlenum.solve(grid: grid, coolerFlowM3PerS: units).tileFlowM3PerS
        let shares = HallAirflow.wrapShares(grid: grid, rackFlowM3PerS: Array(repeating: 1.3806, count: 10), tileFlowM3PerS: tiles,
                                            coolerFlowM3PerS: units, share: FittedTerms.fitted.rowEndWrapShare)
        return (grid, tiles, shares)
    }

    /// 10 % short (the fixture's case): the aisle takes in S = 13.806 − Σ tiles through its roof
    /// (five racks of 0.6 m by the 1.2 m aisle, 3.6 m²) and its two doors (1.2 m by the racks' four
    /// 0.5 m layers, 2.4 m² each), so each door passes at least 2.4/8.4 of S, and its two end racks
    /// each draw half of it round the row end: about 0.14 of their air, under the open ends' 0.2.
    @Test func theEndRacksDrawTheDoorsShareOfTheShortfall() throws {
        let hall = try Self.contained(unitsM3PerS: 12.4254)
        let shortfall = 13.806 - hall.tiles.reduce(0, +)
        #expect(abs(shortfall - 1.3806) < 1e-6)
        let want = 2.4 / 8.4 * shortfall / (2 * 1.3806)
        #expect(abs(want - 0.1429) < 1e-4)
        for i in 0..<10 {
            #expect(abs(hall.shares[i] - ([0, 4, 5, 9].contains(i) ? want : 0)) < 1e-9, "rack \(i): \(hall.shares[i])")
        }
        #expect(hall.grid.containmentDoors.map(\.racks) == [[0, 5], [4, 9]])
    }

    /// With supply to spare the aisle pushes air out through its doors: no rack draws round the
    /// end, and perfect containment keeps every rack on the supply. Starved, the share stops at
    /// the open ends' w.
    @Test func noWrapWithSupplyToSpareAndNoMoreThanTheOpenEndsWhenStarved() throws {
        #expect(try Self.contained(unitsM3PerS: 15.19).shares.allSatisfy { $0 == 0 })
        let starved = try Self.contained(unitsM3PerS: 6.9)
        #expect([0, 4, 5, 9].allSatisfy { starved.shares[$0] == FittedTerms.fitted.rowEndWrapShare })
    }

    /// The wrap moves where the end racks' air comes from, not how much: every rack's row of the
    /// matrix still sums to 1, and the end racks take more of their own row's exhaust than with
    /// the doors closed to it, the middle racks as little as before.
    @Test func theWrapKeepsTheMatrixWhole() throws {
        let grid = AirflowGrid(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2, containment: .coldAisle))
        let racks = Array(repeating: 1.3806, count: 10), units = [6.2127, 6.2127]
        let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: racks, coolerFlowM3PerS: units)
        var closed = FittedTerms.fitted
        closed.rowEndWrapShare = 0
        let without = try HallAirflow(grid: grid, rackFlowM3PerS: racks, coolerFlowM3PerS: units, terms: closed)
        for i in 0..<10 {
            let total = airflow.matrix.supplyFraction[i] + airflow.matrix.exhaustSources[i].reduce(0) { $0 + $1.fraction }
            #expect(abs(total - 1) < 1e-9)
        }
        func ownRow(_ a: HallAirflow, _ i: Int) -> Double { a.matrix.exhaustSources[i].filter { $0.rack / 5 == i / 5 }.reduce(0) { $0 + $1.fraction } }
        #expect([0, 4, 5, 9].allSatisfy { ownRow(airflow, $0) > ownRow(without, $0) + 0.05 })
        #expect([2, 7].allSatisfy { abs(airflow.matrix.supplyFraction[$0] - without.matrix.supplyFraction[$0]) < 0.02 })
    }
}

extension HallAirflowDoorWrapTests {
    /// A contained hot aisle ducted to the units lets the racks' surplus out through its two doors
    /// alone (its roof is the duct's inlet), half through each; the end racks beside a door draw
    /// it round the row end. At 95 % supply the hot aisle's surplus is 0.69 m³/s, a door lets out
    /// 0.345, and each of its two end racks draws 0.125 of its air round the end; with supply to
    /// spare the doors let air in, and nothing wraps.
    @Test func aDuctedHotAislesDoorsLetItsSurplusOut() throws {
        let grid = AirflowGrid(HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2, containment: .hotAisle))
        func shares(unitsM3PerS: Double) throws -> [Double] {
            let units = [unitsM3PerS / 2, unitsM3PerS / 2]
            return HallAirflow.wrapShares(grid: grid, rackFlowM3PerS: Array(repeating: 1.38, count: 10),
                                          tileFlowM3PerS: try FloorPlenum.solve(grid: grid, coolerFlowM3PerS: units).tileFlowM3PerS,
                                          coolerFlowM3PerS: units, share: FittedTerms.fitted.rowEndWrapShare)
        }
        #expect(grid.containmentDoors.allSatisfy { !$0.cold && abs($0.shareOfLeakage - 0.5) < 1e-12 })
        let short = try shares(unitsM3PerS: 13.11)
        for i in 0..<10 { #expect(abs(short[i] - ([0, 4, 5, 9].contains(i) ? 0.125 : 0)) < 1e-9, "rack \(i): \(short[i])") }
        #expect(try shares(unitsM3PerS: 15.18).allSatisfy { $0 == 0 })
    }
}

import Foundation
import Testing
@testable import Models

/// Plenum's error against the 6 × 6 × 6 CFD by a rack's position in its row (`RackPosition`), which
/// runs write per rack (`/airflow/rack_position`, `position_inlet_error_*`; docs/models/
/// hall-airflow.md, "Results").
extension HallAirflowCFDTests {
    /// Positions follow open air, not containment: the ends of a contained row are row ends too,
    /// and so are the racks beside a gap; a rack beside an in-row unit is not.
    @Test func rackPositionsFollowTheOpenSlotsOfEachRow() throws {
        let cases = try Self.cases()
        let open = try #require(cases.first { $0.name == "open-two-crah" }), uneven = try #require(cases.first { $0.name == "uneven-gap" })
        let contained = try #require(cases.first { $0.name == "cold-aisle-contained" })
        let five: [RackPosition] = [.rowEnd, .besideRowEnd, .inner, .besideRowEnd, .rowEnd]
        #expect(AirflowGrid(open.geometry).rackPositions == five + five)
        #expect(AirflowGrid(contained.geometry).rackPositions == five + five)
        // Row 1 has its gap after rack 2: racks 2 and 3 stand beside it.
        #expect(AirflowGrid(uneven.geometry).rackPositions == [.rowEnd, .rowEnd, .rowEnd, .besideRowEnd, .rowEnd] + five)
        var inRow = HallGeometry(rows: 1, racksPerRow: 4, coolerUnits: 1, containment: .none)
        inRow.discharge = .inRow
        inRow.unitPlacements = [.inRow(row: 1, afterRack: 2)]
        #expect(AirflowGrid(inRow).rackPositions == [.rowEnd, .besideRowEnd, .besideRowEnd, .rowEnd])
    }

    /// What runs report per position is what the model gives on the finest grids: row ends 2.07 K
    /// on average and 5.47 K at worst (30 racks), the racks beside them 0.86 / 3.45 K (27), inner
    /// racks 0.49 / 2.10 K (13). On the fixture's grids the order is the same: 1.86 / 6.24, 1.20 /
    /// 5.31 and 0.73 / 3.62 K.
    @Test func theErrorByPositionIsWhatRunsReport() throws {
        let grids = try Self.gridInlets()
        var finest: [RackPosition: [Double]] = [:], fixture: [RackPosition: [Double]] = [:]
        for c in try Self.cases() {
            let six = try #require(grids[6]?[c.name]), inlets = try Self.plenumInlets(c).inlets
            for (i, position) in AirflowGrid(c.geometry).rackPositions.enumerated() {
                finest[position, default: []].append(abs(inlets[i] - six[i]))
                fixture[position, default: []].append(abs(inlets[i] - c.cfdInletC[i]))
            }
        }
        func mean(_ e: [Double]) -> Double { e.reduce(0, +) / Double(e.count) }
        for position in RackPosition.allCases {
            let e = try #require(finest[position]), reported = HallAirflow.AgreementWithCFD.finerGridErrorK(at: position)
            #expect(abs(mean(e) - reported.mean) < 0.005 && abs(e.max()! - reported.worst) < 0.005, "\(position): \(mean(e)) / \(e.max()!)")
        }
        #expect(finest.mapValues(\.count) == [.rowEnd: 30, .besideRowEnd: 27, .inner: 13])
        let onFixture = RackPosition.allCases.map { (mean(fixture[$0]!), fixture[$0]!.max()!) }
        let want = [(1.86, 6.24), (1.20, 5.31), (0.73, 3.62)]
        #expect(zip(onFixture, want).allSatisfy { abs($0.0 - $1.0) < 0.005 && abs($0.1 - $1.1) < 0.005 }, "\(onFixture)")
        // The row ends are the least certain on both grids, the inner racks the most.
        #expect(onFixture.map(\.0) == onFixture.map(\.0).sorted(by: >))
        #expect(zip(RackPosition.allCases.dropLast(), RackPosition.allCases.dropFirst()).allSatisfy {
            HallAirflow.AgreementWithCFD.finerGridErrorK(at: $0).mean > HallAirflow.AgreementWithCFD.finerGridErrorK(at: $1).mean
        })
    }
}

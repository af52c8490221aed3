import Foundation
import Testing
@testable import Models

/// Five of the seven halls at 8 × 8 × 8 CFD cells per Plenum cell (401,000-437,000 cells; the hall
/// with a unit off in the twenty-first session, four more in the twenty-third), beside the 5 × 5 × 5
/// and 6 × 6 × 6 grids every hall has (docs/models/hall-airflow.md, "Eight cells per Plenum cell").
extension HallAirflowCFDTests {
    /// Against the 8 × 8 × 8 grids Plenum is 1.62 K from CFD on average and 6.84 K at the worst
    /// rack (the row-2 end by the stopped unit, warm), where the same five halls are 1.52 K from
    /// the 6 × 6 × 6; the two grids differ by 0.58-1.21 K a hall on average and up to 3.46 K at a
    /// rack. Over the three finest grids' spread at each rack (5, 6 and 8 cells), Plenum lies
    /// outside by 0.98 K on average and 4.06 K at worst (the end of the uneven hall's longer row).
    @Test func theHallsRunAtEightCellsPerPlenumCell() throws {
        let grids = try Self.gridInlets(), eight = try #require(grids[8])
        #expect(Set(eight.keys) == ["open-crah-off", "open-two-crah", "uneven-gap", "units-at-west-end", "units-on-south-wall"])
        let want: [String: (plenum: (Double, Double), sixToEight: Double)] = [
            "open-crah-off": ((2.15, 6.84), 1.21), "open-two-crah": ((0.79, 2.20), 0.81), "uneven-gap": ((1.56, 4.06), 0.83),
            "units-at-west-end": ((1.48, 3.90), 0.58), "units-on-south-wall": ((2.10, 4.81), 0.60),
        ]
        func mean(_ e: [Double]) -> Double { e.reduce(0, +) / Double(e.count) }
        var plenum: [Double] = [], onSix: [Double] = [], sixToEight: [Double] = [], beyond: [Double] = []
        for c in try Self.cases() {
            guard let finest = eight[c.name], let w = want[c.name] else { continue }
            let six = try #require(grids[6]?[c.name]), five = try #require(grids[5]?[c.name]), inlets = try Self.plenumInlets(c).inlets
            let e = zip(inlets, finest).map { abs($0 - $1) }, d = zip(six, finest).map { abs($0 - $1) }
            #expect(abs(mean(e) - w.plenum.0) < 0.005 && abs(e.max()! - w.plenum.1) < 0.005, "\(c.name): \(mean(e)) / \(e.max()!)")
            #expect(abs(mean(d) - w.sixToEight) < 0.005, "\(c.name): \(mean(d))")
            plenum += e; sixToEight += d
            onSix += zip(inlets, six).map { abs($0 - $1) }
            beyond += inlets.indices.map { i in
                let band = [five[i], six[i], finest[i]]
                return max(0, band.min()! - inlets[i], inlets[i] - band.max()!)
            }
        }
        #expect(abs(mean(plenum) - 1.62) < 0.005 && abs(plenum.max()! - 6.84) < 0.005, "\(mean(plenum)) / \(plenum.max()!)")
        #expect(abs(mean(onSix) - 1.52) < 0.005, "\(mean(onSix))")
        #expect(abs(sixToEight.max()! - 3.46) < 0.005, "\(sixToEight.max()!)")
        #expect(abs(mean(beyond) - 0.98) < 0.005 && abs(beyond.max()! - 4.06) < 0.005, "\(mean(beyond)) / \(beyond.max()!)")
    }

    /// What the finer grid settles and what it moves. The far end of the hall fed from its west
    /// end runs at 36.9-37.3 °C (38.9 on 6 × 6 × 6, 36.6-42.0 on 5 × 5 × 5), 3.5-3.9 K above
    /// Plenum's 33.4 °C. The rack across the aisle from the uneven hall's gap takes the supply
    /// alone on every grid from 3 × 3 × 3 up (20.0-20.4 °C; Plenum 22.1 °C with the gap's mouth,
    /// 24.9 °C without). With the units on the south wall the row ends cool at each refinement,
    /// 28.9-30.6 °C on 3 × 3 × 3 to 24.0-25.4 °C on 8 × 8 × 8, away from Plenum's 28.4-29.7 °C:
    /// no grid here is converged at those racks.
    @Test func theFinerGridSettlesTheGapAndMovesTheRowEnds() throws {
        let grids = try Self.gridInlets(), cases = try Self.cases()
        let west = try #require(cases.first { $0.name == "units-at-west-end" }), westEight = try #require(grids[8]?[west.name])
        let westPlenum = try Self.plenumInlets(west).inlets
        #expect([4, 9].allSatisfy { (36.9...37.35).contains(westEight[$0]) && (3.45...3.95).contains(westEight[$0] - westPlenum[$0]) },
                "\(westEight) against \(westPlenum)")
        let uneven = try #require(cases.first { $0.name == "uneven-gap" }), across = 7
        #expect(try [3, 5, 6, 8].allSatisfy { (19.95...20.45).contains(try #require(grids[$0]?[uneven.name])[across]) })
        #expect(abs(try Self.plenumInlets(uneven).inlets[across] - 22.1) < 0.05)
        let south = try #require(cases.first { $0.name == "units-on-south-wall" }), southPlenum = try Self.plenumInlets(south).inlets
        let southLevels = try [3, 5, 6, 8].map { try #require(grids[$0]?[south.name]) }
        for end in [0, 4, 5, 9] {
            let sequence = southLevels.map { $0[end] }
            #expect(zip(sequence, sequence.dropFirst()).allSatisfy { $1 < $0 }, "\(sequence)")
            #expect(southPlenum[end] - sequence.last! > 4.1, "\(southPlenum[end]) against \(sequence)")
        }
    }
}

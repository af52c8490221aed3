import Foundation
import Testing
@testable import Models

/// Out of the fit: the layout of most real halls, four rows of five 20 kW racks with two cold
/// aisles and a hot aisle shared by rows 2 and 3 between them, four units at the aisles' ends,
/// supply 110 % of the racks' air (`cases-four-rows.json`; sixteenth session). The seven halls of
/// the fit all have two rows and no shared hot aisle.
extension HallAirflowCFDTests {
    static let fourRows = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-four-rows.json")
    static let fourRowsFinest = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hall-airflow-cfd-four-rows-6.json")

    /// On 3 × 3 × 3 CFD cells per Plenum cell (converged tracers), the ends of the rows beside the
    /// shared hot aisle run 2-3.4 K warmer than the outer rows' (32.9-33.8 against 30.4-31.2 °C),
    /// and Plenum, which gives all eight row ends within 0.1 K of each other (27.5 °C), is 2.22 K
    /// from it on average and 6.27 K at worst. On 6 × 6 × 6 (one-step tracers, before the
    /// twenty-first session) the difference is gone (every row end 27.2-28.2 °C): Plenum is 0.41 K
    /// from it on average and 0.75 K at the worst rack. The two CFD fixtures differ by 2.33 K and
    /// 6.47 K, grid and tracer together.
    @Test func theFourRowHallWithASharedHotAisleAgreesWithItsFinestCFD() throws {
        let coarse = try #require(try Self.cases(from: Self.fourRows).first)
        let finest = try #require(try Self.cases(from: Self.fourRowsFinest).first)
        #expect(coarse.geometry.rows == 4 && coarse.rackFlow == finest.rackFlow && coarse.unitFlow == finest.unitFlow)
        let plenum = try Self.plenumInlets(coarse).inlets
        func agreement(_ a: [Double], _ b: [Double]) -> (mean: Double, worst: Double) {
            let e = zip(a, b).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        let onCoarse = agreement(plenum, coarse.cfdInletC), onFinest = agreement(plenum, finest.cfdInletC)
        let grids = agreement(coarse.cfdInletC, finest.cfdInletC)
        #expect(abs(onCoarse.mean - 2.22) < 0.005 && abs(onCoarse.worst - 6.27) < 0.005, "\(onCoarse)")
        #expect(abs(onFinest.mean - 0.41) < 0.005 && abs(onFinest.worst - 0.75) < 0.005, "\(onFinest)")
        #expect(abs(grids.mean - 2.33) < 0.005 && abs(grids.worst - 6.47) < 0.005, "\(grids)")
        // Row ends: racks 1 and 5 of each row. Beside the shared aisle (rows 2, 3) the coarse CFD
        // runs warmer than the outer rows; the finest does not; Plenum's row ends agree within 0.1 K.
        let outer = [0, 4, 15, 19], shared = [5, 9, 10, 14]
        func mean(_ values: [Double], _ racks: [Int]) -> Double { racks.map { values[$0] }.reduce(0, +) / Double(racks.count) }
        #expect(mean(coarse.cfdInletC, shared) - mean(coarse.cfdInletC, outer) > 1.5)
        #expect(mean(finest.cfdInletC, shared) < mean(finest.cfdInletC, outer))
        #expect((outer + shared).map { plenum[$0] }.max()! - (outer + shared).map { plenum[$0] }.min()! < 0.1)
        // The finest CFD's hottest rack is an outer row's end (28.20 °C); Plenum puts the shared
        // aisle's row ends 0.09 K above the outer rows', so its three hottest are all beside the
        // shared aisle. The eight row ends lie within 0.1 K in Plenum and 1.04 K in CFD: which
        // three are hottest is decided here by less than either's error.
        let hottest = finest.cfdInletC.indices.max { finest.cfdInletC[$0] < finest.cfdInletC[$1] }!
        #expect(outer.contains(hottest))
        let plenumTop = plenum.indices.sorted { plenum[$0] > plenum[$1] }.prefix(3)
        #expect(plenumTop.allSatisfy { shared.contains($0) })
    }

    /// Every fitted CFD hall mixes with the racks' rises read directly: their largest mixing gain,
    /// 1.61 with one of two units off, lies below `HallAirflow.starvedMixingGain` (2), above
    /// which runs relax the rises in time, and below `largestMixingGain` (4), above which they
    /// take the room as well mixed.
    @Test func everyReferenceHallIsWithinTheLargestMixingGain() throws {
        var gains: [String: Double] = [:]
        for file in [Self.fixture, Self.example, Self.hotAisle, Self.fourRows] {
            for c in try Self.cases(from: file) {
                let mean = c.rackFlow.reduce(0, +) / Double(c.rackFlow.count)
                let airflow = try HallAirflow(grid: AirflowGrid(c.geometry), rackFlowM3PerS: c.rackFlow.map { _ in mean }, coolerFlowM3PerS: c.unitFlow)
                gains[c.name] = airflow.influence.norm
                #expect(airflow.hasQuasiSteadyMixing && airflow.influence.norm <= HallAirflow.starvedMixingGain, "\(c.name)")
            }
        }
        #expect(gains.count == 11)
        #expect(abs(gains.values.max()! - 1.61) < 0.01 && gains.values.max()! == gains["open-crah-off"])
    }
}

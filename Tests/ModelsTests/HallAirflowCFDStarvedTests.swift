import Foundation
import Testing
@testable import Models

/// Out of the fit: halls whose units deliver far less air than the racks draw (seventeenth
/// session, `cases-starved.json`): the open two-unit hall on 40, 33, 25, 20 and 15 % of the racks'
/// air, and with one of its two units off on 45 and 35 %, on 3 × 3 × 3 CFD cells per Plenum cell;
/// the 33 % and 25 % halls and the 35 % hall with a unit off also on 6 × 6 × 6 (every fixture's
/// tracers converged; the finest grids' traced again in the twenty-second session). Their mixing
/// gains (2.1-6.4) lie above every fitted hall's (1.8): the range in which runs used to take the
/// room as well mixed.
extension HallAirflowCFDTests {
    static let starved = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hall-airflow-cfd-starved.json")
    static let starvedFinest = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hall-airflow-cfd-starved-6.json")

    /// Each rack's inlet if the room were one well-mixed node: the supply plus the racks' heat
    /// over the units' air, °C.
    static func wellMixedInletC(_ c: Case) -> Double {
        c.supplyC + c.rackPower.reduce(0, +) / (1.2 * 1006 * c.unitFlow.reduce(0, +))
    }

    /// The floor plan's mixing against CFD (mean / worst rack, K), and a well-mixed room's:
    ///
    /// | case | gain | floor plan | well-mixed room |
    /// | --- | --- | --- | --- |
    /// | two units, 40 % | 2.11 | 3.97 / 9.10 | 15.54 / 27.89 |
    /// | two units, 33 % | 2.68 | 2.98 / 7.18 | 14.30 / 26.17 |
    /// | two units, 25 % | 3.69 | 4.08 / 5.86 | 15.04 / 23.45 |
    /// | two units, 20 % | 4.72 | 1.99 / 3.32 | 12.02 / 19.58 |
    /// | two units, 15 % | 6.42 | 3.07 / 7.43 | 10.46 / 16.78 |
    /// | one unit off, 45 % | 2.32 | 12.95 / 29.95 | 16.74 / 31.11 |
    /// | one unit off, 35 % | 3.00 | 1.46 / 2.64 | 9.91 / 16.64 |
    /// | one unit off, 35 %, 6 × 6 × 6 | 3.00 | 4.06 / 7.96 | 8.91 / 16.10 |
    /// | two units, 33 %, 6 × 6 × 6 | 2.68 | 1.78 / 5.29 | 9.77 / 15.21 |
    /// | two units, 25 %, 6 × 6 × 6 | 3.69 | 2.38 / 4.61 | 11.51 / 17.09 |
    ///
    /// The floor plan is the closer on average in every case, and at the worst rack in all but one
    /// (one unit off on 45 %, where CFD's row ends reach 69-78 °C, hotter than the room would be
    /// well mixed, and neither is within 29 K; its steady solve did not converge, residuals 2-5 × 10⁻³).
    /// Every gain lies above the bound of a starved hall (`starvedMixingGain`, 2); runs keep the
    /// floor plan up to 6.5 (`largestMixingGain`), so every hall here runs on its plan (until the
    /// twentieth session the bound was 4, and the 20 % and 15 % halls ran as a well-mixed room
    /// although the plan is closer).
    @Test func starvedHallsMixAsTheirCFDDoesNotAsAWellMixedRoom() throws {
        let expected: [String: (gain: Double, plan: (Double, Double), mixed: (Double, Double))] = [
            "open-two-crah-40": (2.11, (3.97, 9.10), (15.54, 27.89)), "open-two-crah-33": (2.68, (2.98, 7.18), (14.30, 26.17)),
            "open-two-crah-25": (3.69, (4.08, 5.86), (15.04, 23.45)), "open-two-crah-20": (4.72, (1.99, 3.32), (12.02, 19.58)),
            "open-two-crah-15": (6.42, (3.07, 7.43), (10.46, 16.78)), "open-crah-off-45": (2.32, (12.95, 29.95), (16.74, 31.11)),
            "open-crah-off-35": (3.00, (1.46, 2.64), (9.91, 16.64)), "open-crah-off-35 (6)": (3.00, (4.06, 7.96), (8.91, 16.10)),
            "open-two-crah-33 (6)": (2.68, (1.78, 5.29), (9.77, 15.21)), "open-two-crah-25 (6)": (3.69, (2.38, 4.61), (11.51, 17.09)),
        ]
        func agreement(_ a: [Double], _ b: [Double]) -> (mean: Double, worst: Double) {
            let e = zip(a, b).map { abs($0 - $1) }
            return (e.reduce(0, +) / Double(e.count), e.max()!)
        }
        let cases = try Self.cases(from: Self.starved).map { ($0.name, $0) } + Self.cases(from: Self.starvedFinest).map { ("\($0.name) (6)", $0) }
        #expect(cases.count == expected.count)
        var settledMeans: [Double] = [], settledWorst = 0.0
        for (name, c) in cases {
            let want = try #require(expected[name], "\(name)")
            let mean = c.rackFlow.reduce(0, +) / Double(c.rackFlow.count)
            let airflow = try HallAirflow(grid: AirflowGrid(c.geometry), rackFlowM3PerS: c.rackFlow.map { _ in mean }, coolerFlowM3PerS: c.unitFlow)
            let gain = airflow.influence.norm
            #expect(abs(gain - want.gain) < 0.005 && gain > HallAirflow.starvedMixingGain, "\(name): \(gain)")
            #expect(airflow.hasQuasiSteadyMixing == (gain <= HallAirflow.largestMixingGain))
            let plan = agreement(try Self.plenumInlets(c).inlets, c.cfdInletC)
            let mixed = agreement(c.cfdInletC.map { _ in Self.wellMixedInletC(c) }, c.cfdInletC)
            #expect(abs(plan.mean - want.plan.0) < 0.005 && abs(plan.worst - want.plan.1) < 0.005, "\(name): \(plan)")
            #expect(abs(mixed.mean - want.mixed.0) < 0.005 && abs(mixed.worst - want.mixed.1) < 0.005, "\(name): \(mixed)")
            #expect(plan.mean < mixed.mean, "\(name)")
            if name == "open-crah-off-45" {
                #expect(abs(plan.mean - HallAirflow.AgreementWithCFD.unsettledStarvedMeanErrorK) < 0.005)
                #expect(abs(plan.worst - HallAirflow.AgreementWithCFD.unsettledStarvedWorstErrorK) < 0.005)
            } else if airflow.hasQuasiSteadyMixing {
                settledMeans.append(plan.mean)
                settledWorst = max(settledWorst, plan.worst)
            }
        }
        // What runs say of a starved hall's inlets (`HallAirflow.AgreementWithCFD`): over the halls
        // they keep on the plan.
        let range = HallAirflow.AgreementWithCFD.starvedMeanErrorRangeK
        #expect(abs(settledMeans.min()! - range.lowerBound) < 0.005 && abs(settledMeans.max()! - range.upperBound) < 0.005)
        #expect(abs(settledWorst - HallAirflow.AgreementWithCFD.starvedWorstErrorK) < 0.005)
    }
}

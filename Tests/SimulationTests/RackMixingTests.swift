import Foundation
import Testing
import Models
import Numerics
@testable import Simulation

/// The step's mixing (`RackMixing`): whatever a run does to the racks' rises, draws, zones and
/// supply, a step's inlets are within the hold (`HallAirflowState.heldK`) and the iteration's
/// tolerance of the exact mixing for that step's inputs, and the hold does keep most steps.
@Suite("Rack mixing: held inlets stay within the hold of the exact mixing")
struct RackMixingTests {
    /// 300 steps of a two-row hall: jobs start and end on random racks (rises jump by 5-15 K),
    /// every rack's rise and draw drift a little, the supply wanders, and the zones' metal follows
    /// the mixed air. After every step the inlets are compared with a solve to 10⁻¹³ K.
    @Test func heldStepsStayWithinTheHoldOfTheExactMixing() throws {
        let geometry = HallGeometry(rows: 2, racksPerRow: 10, coolerUnits: 2)
        let grid = AirflowGrid(geometry), n = grid.racks.count
        let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: n), coolerFlowM3PerS: [11, 11])
        let random = RandomStream(seed: 7, stream: "rack-mixing")   // the same run on every test
        var rise = (0..<n).map { _ in 2 + 10 * random.uniform() }, draw = (0..<n).map { _ in 1_000 + 2_000 * random.uniform() }
        var zones = RackZones(count: n, temperatureC: 22), mixing = RackMixing(racks: n)
        var supplyC = 20.0, solved = 0, worstK = 0.0
        for step in 0..<300 {
            if random.uniform() < 0.3 {   // a job starts or ends on one rack
                let r = random.integer(below: n)
                rise[r] = max(1, rise[r] + (random.uniform() < 0.5 ? -1 : 1) * (5 + 10 * random.uniform()))
            }
            for r in 0..<n {
                rise[r] *= 1 + 0.002 * (random.uniform() - 0.5)
                draw[r] *= 1 + 0.004 * (random.uniform() - 0.5)
            }
            supplyC += 0.02 * (random.uniform() - 0.5)
            if mixing.step(airflow: airflow, fieldChanged: step == 0, zones: zones, riseK: rise, drawWPerK: draw,
                           supplyC: supplyC, heldK: HallAirflowState.heldK) {
                solved += 1
            }
            let weight = draw.map { zones.mixingWeight(drawWPerK: $0) }
            let exact = airflow.inletRiseK(riseK: rise, start: [], mixingWeight: weight,
                                           structureRiseK: zones.structureC.map { $0 - supplyC }, toleranceK: 1e-13)
            for i in 0..<n { worstK = max(worstK, abs(mixing.inletRiseK[i] - exact.inlet[i])) }
            _ = zones.advance(mixedC: mixing.mixedRiseK.map { supplyC + $0 }, drawWPerK: draw, dt: 60)
        }
        #expect(worstK <= HallAirflowState.heldK + HallAirflow.iterationToleranceK, "worst \(worstK) K")
        // Not a test that cannot fail: the hold kept some steps and solved others, and held
        // inlets did drift from the exact ones.
        #expect(solved > 10 && solved < 290, "\(solved) solves")
        #expect(worstK > HallAirflow.iterationToleranceK)
    }
}

import Foundation
import Testing
import Models
@testable import Simulation

/// The flow field a run mixes its racks with (`HallAirflowState`) is the one of the racks' real
/// draw: the tiles' jets lift a share of their air that grows with how fast they blow, so a hall
/// of 0.3 m³/s racks and one of 2.7 m³/s racks, at the same ratio of the units' air to theirs,
/// differ.
@Suite("Hall airflow operating points")
struct AirflowOperatingPointTests {
    static let geometry = HallGeometry(rows: 2, racksPerRow: 5, coolerUnits: 2)

    /// The run's field at a rack draw and ratio on the cache's steps, and the field built
    /// directly at those flows.
    static func fields(rackFlowStep: Int, ratioStep: Int) throws -> (run: HallAirflow, direct: HallAirflow) {
        let grid = AirflowGrid(geometry), n = grid.racks.count
        let rackFlow = pow(HallAirflowState.rackFlowStep, Double(rackFlowStep)), ratio = pow(HallAirflowState.ratioStep, Double(ratioStep))
        let state = HallAirflowState(geometry: geometry, racks: 0..<n, initialInletC: 20)
        try state.update(supplyC: 20, roomInletC: 24, itAirflowM3PerS: rackFlow * Double(n), crahAirflowM3PerS: ratio * rackFlow * Double(n),
                         running: [true, true], rackRiseK: Array(repeating: 10, count: n), rackDrawWPerK: Array(repeating: 1_000, count: n),
                         serverEffectiveness: 0.5)
        let direct = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: rackFlow, count: n),
                                     coolerFlowM3PerS: [ratio * rackFlow * Double(n) / 2, ratio * rackFlow * Double(n) / 2])
        return (try #require(state.current), direct)
    }

    @Test(arguments: [-25, 0, 20])   // 0.30, 1 and 2.65 m³/s a rack
    func theRunsFieldIsTheOneOfTheRacksRealDraw(rackFlowStep: Int) throws {
        let (run, direct) = try Self.fields(rackFlowStep: rackFlowStep, ratioStep: 5)
        // The same field to rounding (the units' air is formed in another order).
        let same = { (a: [Double], b: [Double]) in a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) } }
        #expect(same(run.tileFlowM3PerS, direct.tileFlowM3PerS))
        #expect(same(run.coldAisleCaptureIndex, direct.coldAisleCaptureIndex))
        #expect(same(run.hotAisleCaptureIndex, direct.hotAisleCaptureIndex))
    }

    /// Not a test that cannot fail: slow tiles lift little of their air (s = u²/(u² + u₀²)), so
    /// the slow hall's row ends draw more of the supply than the fast hall's.
    @Test func slowAndFastRacksMixDifferently() throws {
        let slow = try Self.fields(rackFlowStep: -25, ratioStep: 5).run, fast = try Self.fields(rackFlowStep: 20, ratioStep: 5).run
        let grid = AirflowGrid(Self.geometry)
        let u = { (field: HallAirflow) in field.tileFlowM3PerS.max()! / (grid.dx * grid.dy) }
        #expect(u(slow) < 1 && u(fast) > 2, "tiles at \(u(slow)) and \(u(fast)) m/s")
        let rowEnd = 0
        #expect(slow.coldAisleCaptureIndex[rowEnd] > fast.coldAisleCaptureIndex[rowEnd] + 0.05,
                "row end: \(slow.coldAisleCaptureIndex[rowEnd]) against \(fast.coldAisleCaptureIndex[rowEnd])")
    }
}

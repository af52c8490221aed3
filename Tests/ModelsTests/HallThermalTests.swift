import Testing
@testable import Models

/// A hall's air, structure and loop as a value, stepped by its function.
@Suite("Hall thermal step")
struct HallThermalTests {
    /// 2,000 m³ of room over a raised floor, ideal CRAHs (the supply at its set point), and a
    /// liquid loop of two CDUs on 30 °C facility water with 3 kW pumps each.
    static func hall() -> HallThermal {
        let structure = HallAirModel.structure(roomVolumeM3: 2_000)
        let air = HallAirModel(roomCapacityJPerK: 2_000 * 1.2 * 1006, structureCapacityJPerK: structure.capacityJPerK,
                               structureConductanceWPerK: structure.conductanceWPerK, recirculation: 0.1, setPointC: 22)
        let loop = LiquidLoopModel(coolant: .water, ratedCapacityW: 500e3, approachK: 3, facilityWaterC: 30, supplySetPointC: nil)
        return HallThermal(name: "h", air: air, fanControl: CRAHFanControl(), crah: nil, loop: (loop, 2, 3e3),
                           facilityWaterC: 30, rearDoorWaterC: 18, chilledWaterC: 12, initialRoomC: 27)
    }

    /// Energy balance of every step, whatever the state: the heat in (racks to air and to the
    /// loop, pumps) is what the coils took, what passed to facility water, and what the room,
    /// structure and loop stored, to the ODE tolerance.
    @Test func eachStepBalancesItsHeat() throws {
        var hall = Self.hall()
        let workspace = HallThermal.Workspace(relativeTolerance: 1e-10)
        var stored = hall.storedHeatJ
        for step in 0..<20 {
            let t0 = Double(step) * 60, air = step < 10 ? 200e3 : 350e3, liquid = step % 3 == 0 ? 300e3 : 420e3
            let pump = hall.pumpPowerW
            let result = try hall.advance(from: t0, to: t0 + 60, itHeatW: air, liquidHeatW: liquid, itAirflowM3PerS: 15, workspace: workspace)
            let inJ = (air + liquid + pump) * 60
            let outJ = result.coilHeatJ + result.facilityWaterHeatJ + (hall.storedHeatJ - stored)
            #expect(abs(outJ - inJ) <= 1e-6 * inJ, "step \(step): in \(inJ) J, out \(outJ) J")
            stored = hall.storedHeatJ
        }
        #expect(hall.coilEnergyJ > 0 && hall.cduEnergyJ > 0)
    }

    /// A value: a copy does not move when the original steps, and the workspace keeps nothing
    /// from one step to the next (two workspaces give the same states bit for bit).
    @Test func copiesAreIndependentAndWorkspacesHoldNoState() throws {
        var first = Self.hall()
        let copy = first
        var second = Self.hall()
        let shared = HallThermal.Workspace(relativeTolerance: 1e-8), own = HallThermal.Workspace(relativeTolerance: 1e-8)
        for step in 0..<5 {
            let t0 = Double(step) * 30
            try first.advance(from: t0, to: t0 + 30, itHeatW: 250e3, liquidHeatW: 200e3, itAirflowM3PerS: 12, workspace: shared)
            try second.advance(from: t0, to: t0 + 30, itHeatW: 250e3, liquidHeatW: 200e3, itAirflowM3PerS: 12, workspace: step % 2 == 0 ? own : shared)
        }
        #expect(copy.roomC == 27 && copy.coilEnergyJ == 0)
        #expect(first.roomC == second.roomC && first.loopSupplyC == second.loopSupplyC && first.coilEnergyJ == second.coilEnergyJ)
        #expect(first.roomC != 27)
    }

    /// Units out of service: failing both CDUs stops the loop's flow and its pumps; a unit
    /// number the hall does not have changes nothing.
    @Test func failedUnitsStopTheirFlow() {
        var hall = Self.hall()
        #expect(hall.loopFlowFraction == 1 && hall.pumpPowerW == 6e3)
        #expect(hall.setCDU(1, failed: true) && hall.loopFlowFraction == 0.5 && hall.pumpPowerW == 3e3)
        #expect(!hall.setCDU(3, failed: true) && !hall.setCDU(1, failed: true))
        #expect(hall.setCDU(2, failed: true) && hall.loopFlowFraction == 0 && hall.pumpPowerW == 0)
        hall.setCoolingPowered(false)
        #expect(hall.cduRunning == 0)
        #expect(hall.setCDU(1, failed: false) && hall.setCDU(2, failed: false) && hall.cduRunning == 0)
        hall.setCoolingPowered(true)
        #expect(hall.cduRunning == 2)
    }
}

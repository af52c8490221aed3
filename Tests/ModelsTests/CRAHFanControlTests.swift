import Foundation
import Testing
@testable import Models

/// CRAH fan controls against their closed forms (docs/models/hall-thermal.md).
@Suite("CRAH fan control")
struct CRAHFanControlTests {
    let volumetric = AirProperties.densityKgPerM3(temperatureC: 24) * AirProperties.specificHeatJPerKgK

    @Test func followTheRacksWithAMarginBetweenTheLimits() {
        let control = CRAHFanControl(mode: .followRacks(margin: 0.1), minimumSpeed: 0.3)
        let demand = control.demandedAirflowM3PerS(itAirflowM3PerS: 10, maxAirflowM3PerS: 20, heatToAirW: 2e5, supplyPointC: 24, recirculation: 0.03)
        #expect(abs(demand - 11) < 1e-12)
        #expect(abs(control.speed(demandedAirflowM3PerS: demand, maxAirflowM3PerS: 20) - 0.55) < 1e-12)
        #expect(control.speed(demandedAirflowM3PerS: 1, maxAirflowM3PerS: 20) == 0.3)
        #expect(control.speed(demandedAirflowM3PerS: 40, maxAirflowM3PerS: 20) == 1)
        #expect(CRAHFanControl(mode: .constant).speed(demandedAirflowM3PerS: 1, maxAirflowM3PerS: 20) == 1)
    }

    /// The orifice equation: 2 Pa across 0.5 m² of leaks passes 0.61 · 0.5 · √(2 · 2/ρ) m³/s.
    @Test func pressureControlAddsTheLeakageAtItsSetPoint() {
        let control = CRAHFanControl(mode: .pressure(setPointPa: 2, leakageAreaM2: 0.5))
        let demand = control.demandedAirflowM3PerS(itAirflowM3PerS: 10, maxAirflowM3PerS: 20, heatToAirW: 2e5, supplyPointC: 24, recirculation: 0.03)
        let rho = AirProperties.densityKgPerM3(temperatureC: 24)
        #expect(abs(demand - (10 + 0.61 * 0.5 * (4 / rho).squareRoot())) < 1e-12)
    }

    /// In steady state at the airflow the cold-aisle control asks for, the room sits at
    /// T_sup + Q/(ρ c_p V̇) and the inlets mix supply and room air at r_eff = 1 − V̇/V̇_IT: exactly
    /// the set point.
    @Test func coldAisleControlPutsTheSteadyInletAtItsSetPoint() {
        let control = CRAHFanControl(mode: .coldAisle(setPointC: 27))
        let air = HallAirModel(roomCapacityJPerK: 1e6, structureCapacityJPerK: 1e8, structureConductanceWPerK: 1e3, recirculation: 0.03,
                               setPointC: 24)
        let heat = 3e5, it = 12.0
        let flow = control.demandedAirflowM3PerS(itAirflowM3PerS: it, maxAirflowM3PerS: 30, heatToAirW: heat, supplyPointC: 24,
                                                 recirculation: air.recirculation)
        #expect(flow < it)
        let room = 24 + heat / (volumetric * flow)
        let inlet = air.inletC(supplyC: 24, roomC: room, itAirflowM3PerS: it, crahAirflowM3PerS: flow)
        #expect(abs(inlet - 27) < 1e-9, "inlet \(inlet)")
        // Open aisles leak 15 %: a set point 0.5 K above supply is passed by leakage alone, and
        // more air cannot help, so the fans supply the racks' draw.
        let leaky = control.demandedAirflowM3PerS(itAirflowM3PerS: it, maxAirflowM3PerS: 30, heatToAirW: heat, supplyPointC: 26.5,
                                                  recirculation: 0.15)
        #expect(leaky == it)
    }
}

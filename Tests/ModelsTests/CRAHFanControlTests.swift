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

/// Chilled-water reset on coil demand against its closed form (docs/models/plant.md).
@Suite("Chilled-water reset")
struct ChilledWaterResetTests {
    /// One hall: return 40 °C, 100 kW into the air, coils good for 200 kW on 10 °C water, so
    /// εW = 200 kW / 30 K; with 10 % headroom T_w = 40 − 100/(0.9 · 6.667) = 23.33 °C.
    @Test func warmestWaterTheCoilsAllow() {
        let coil = ChilledWaterReset.Coil(roomC: 40, heatW: 100e3, maximumW: 200e3, waterC: 10)
        let open = ChilledWaterReset(designSupplyC: 7, maximumSupplyC: 30, headroom: 0.1)
        #expect(abs(open.supplyC([coil]) - (40 - 100e3 / (0.9 * 200e3 / 30))) < 1e-9)
        // Capped by the maximum, never below the design supply, and the most demanding hall wins.
        #expect(ChilledWaterReset(designSupplyC: 7, maximumSupplyC: 16, headroom: 0.1).supplyC([coil]) == 16)
        let starved = ChilledWaterReset.Coil(roomC: 30, heatW: 300e3, maximumW: 200e3, waterC: 10)
        #expect(open.supplyC([coil, starved]) == 7)
        let tighter = ChilledWaterReset.Coil(roomC: 40, heatW: 150e3, maximumW: 200e3, waterC: 10)
        #expect(abs(open.supplyC([coil, tighter]) - (40 - 150e3 / (0.9 * 200e3 / 30))) < 1e-9)
        // Ideal units take any water; a hall without a running coil keeps the design water.
        #expect(open.supplyC([ChilledWaterReset.Coil(roomC: 40, heatW: 1e5, maximumW: .infinity, waterC: 10)]) == 30)
        #expect(open.supplyC([ChilledWaterReset.Coil(roomC: 40, heatW: 1e5, maximumW: 0, waterC: 10)]) == 7)
    }
}

/// A CDU's facility-water valve holding the secondary supply (docs/models/hall-thermal.md).
@Suite("CDU supply set point")
struct CDUSetPointTests {
    /// Open valve: T_sup = T_fw + Q/(εC) − Q/C. With a set point above that, the valve passes
    /// C (T_ret − T_set): at T_sup = T_set exactly the racks' heat, so the loop settles there; a
    /// set point below what the full valve reaches cannot be held.
    @Test func valveHoldsTheSupplyAboveWhatTheFullValveReaches() {
        var loop = LiquidLoopModel(coolant: .water, ratedCapacityW: 1e6, approachK: 3, facilityWaterC: 32)
        let heat = 6e5
        let open = loop.steadySupplyC(rackHeatW: heat, flowFraction: 1)
        let rate = loop.designHeatRateWPerK, epsilon = loop.effectiveness(flowFraction: 1)
        #expect(abs(open - (32 + heat / (epsilon * rate) - heat / rate)) < 1e-12)
        loop.supplySetPointC = open + 5
        #expect(loop.steadySupplyC(rackHeatW: heat, flowFraction: 1) == open + 5)
        #expect(abs(loop.exchangerHeatW(supplyC: open + 5, rackHeatW: heat, flowFraction: 1) - heat) < 1e-6)
        // Colder than the set point: the valve closes (nothing passes until the loop warms).
        #expect(loop.exchangerHeatW(supplyC: open - 20, rackHeatW: heat, flowFraction: 1) == 0)
        loop.supplySetPointC = open - 2
        #expect(loop.steadySupplyC(rackHeatW: heat, flowFraction: 1) == open)
        #expect(loop.exchangerHeatW(supplyC: open, rackHeatW: heat, flowFraction: 1)
                == loop.fullValveHeatW(supplyC: open, rackHeatW: heat, flowFraction: 1))
    }
}

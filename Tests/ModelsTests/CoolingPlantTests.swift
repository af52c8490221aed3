import Testing
@testable import Models

/// The cooling plant as a value, built without a scenario: its staging and balances by hand.
@Suite("Cooling plant on its own")
struct CoolingPlantTests {
    /// Four 1 MW air-cooled chillers, no tower or dry-cooler bank: the condenser sits at the dry
    /// bulb less the air-cooled offset.
    static func airCooledPlant() -> CoolingPlant {
        var plant = CoolingPlant(changeoverMarginK: 2)
        plant.chiller = .waterCooledCentrifugal(capacityW: 1e6, cop: 6)
        plant.chillerUnits = 4
        plant.airCooledChillers = true
        return plant
    }

    /// Staging with hysteresis: a unit more whenever the load passes 95 % of the running units'
    /// capacity, a unit less only once the load fits the others at 80 %; each step's power is the
    /// running units' at their equal share of the load.
    @Test func chillersStageUpAt95AndDownAt80Percent() throws {
        var plant = Self.airCooledPlant()
        let chiller = try #require(plant.chiller)
        let dryBulbC = 30.0, condenserC = dryBulbC - ChillerModel.airCooledCondenserOffsetK
        let unit = chiller.availableCapacityW(leavingChilledC: plant.chilledSupplyC, enteringCondenserC: condenserC)
        func running(_ fraction: Double) throws -> Int {
            let result = try plant.step(chilledLoadW: fraction * unit, warmLoadW: 0, dryBulbC: dryBulbC, wetBulbC: 20)
            let share = fraction * unit / Double(result.chilled.chillersRunning)
            let power = Double(result.chilled.chillersRunning)
                * chiller.powerW(loadW: share, leavingChilledC: plant.chilledSupplyC, enteringCondenserC: condenserC)
            #expect(abs(result.chilled.chillerPowerW - power) <= 1e-12 * power)
            #expect(result.unmetW == 0 && result.chilled.rejectedW == 0)
            return result.chilled.chillersRunning
        }
        // Up: 0.94 of one unit runs one; 0.96 needs two; 1.89, just under 0.95 × 2, stays at two.
        #expect(try running(0.94) == 1)
        #expect(try running(0.96) == 2)
        #expect(try running(1.89) == 2)
        #expect(try running(2.9) == 4)
        // Down: four stay until the load fits three at 80 % (2.4 units).
        #expect(try running(2.41) == 4)
        #expect(try running(2.39) == 3)
        #expect(try running(1.61) == 3)
        #expect(try running(0.5) == 1)
    }

    /// Above the usable capacity the rest is unmet, to the watt.
    @Test func loadAboveEveryUnitIsUnmet() throws {
        var plant = Self.airCooledPlant()
        let chiller = try #require(plant.chiller)
        let unit = chiller.availableCapacityW(leavingChilledC: plant.chilledSupplyC,
                                              enteringCondenserC: 35 - ChillerModel.airCooledCondenserOffsetK)
        let result = try plant.step(chilledLoadW: 5 * unit, warmLoadW: 0, dryBulbC: 35, wetBulbC: 24)
        #expect(result.chilled.chillersRunning == 4)
        #expect(abs(result.unmetW - unit) <= 1e-9 * unit && abs(result.chilled.chillerLoadW - 4 * unit) <= 1e-9 * unit)
    }

    /// A dry-cooler bank with no chillers, in free cooling: it rejects the load itself, and what
    /// it cannot cool below the return temperature is unmet.
    @Test func bankAloneRejectsTheLoad() throws {
        var plant = CoolingPlant(changeoverMarginK: 2)
        plant.bank = HeatRejectionModel(dryCoolers: 4, designCapacityW: 500e3, designApproachK: 8, designFanPowerW: 10e3, minimumFanSpeed: 0.2)
        plant.chilledSupplyC = 18
        plant.chilledReturnC = 26
        let cold = try plant.step(chilledLoadW: 1e6, warmLoadW: 0, dryBulbC: 0, wetBulbC: -2)
        #expect(cold.chilled.rejectedW == 1e6 && cold.unmetW == 0 && cold.chilled.chillerPowerW == 0)
        #expect(cold.chilled.fanPowerW > 0 && cold.chilled.fanPowerW <= 4 * 10e3)
        let hot = try plant.step(chilledLoadW: 1e6, warmLoadW: 0, dryBulbC: 40, wetBulbC: 25)
        #expect(hot.unmetW == 1e6, "water leaves the bank above the 26 °C return: nothing is cooled")
    }
}

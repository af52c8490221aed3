import Foundation
import Testing
@testable import Models

@Suite("Cooling plant components")
struct PlantModelsTests {
    let chiller = ChillerModel.waterCooledCentrifugal(capacityW: 2e6, cop: 6)

    /// EnergyPlus `Chiller:Electric:EIR`: at the reference temperatures and full load the
    /// electric input ratio is 1/COP_ref, so power = capacity / COP.
    @Test func chillerAtRatedPointDrawsCapacityOverCOP() {
        let power = chiller.powerW(loadW: 2e6, leavingChilledC: 8.89, enteringCondenserC: 23.89)
        #expect(abs(power - 2e6 / 6) < 1e-6)
        #expect(abs(chiller.availableCapacityW(leavingChilledC: 8.89, enteringCondenserC: 23.89) - 2e6) < 1e-6)
    }

    /// Part load: P = Q_avail/COP · EIRFT · EIRFPLR(PLR), with the dataset's quadratic normalised
    /// to 1 at full load; below PLR_min = 0.09 the compressor cycles and power falls linearly.
    @Test func chillerPartLoadFollowsTheCurveAndCyclesBelowTheMinimum() {
        let plr = { (x: Double) in (1.051419e-01 + 2.033679e-01 * x + 6.902026e-01 * x * x)
            / (1.051419e-01 + 2.033679e-01 + 6.902026e-01) }
        let half = chiller.powerW(loadW: 1e6, leavingChilledC: 8.89, enteringCondenserC: 23.89)
        #expect(abs(half - 2e6 / 6 * plr(0.5)) < 1e-6)
        let tiny = chiller.powerW(loadW: 0.045 * 2e6, leavingChilledC: 8.89, enteringCondenserC: 23.89)
        #expect(abs(tiny - 2e6 / 6 * plr(0.09) * 0.5) < 1e-6)
        #expect(chiller.powerW(loadW: 0, leavingChilledC: 8.89, enteringCondenserC: 23.89) == 0)
    }

    /// Lift: colder condenser water raises COP, warmer lowers it; inputs are clipped to the curve's
    /// fitted range (12.78-29.44 °C) as EnergyPlus does.
    @Test func colderCondenserWaterRaisesCOPWithinTheFittedRange() {
        let cop = { (t: Double) in 1e6 / chiller.powerW(loadW: 1e6, leavingChilledC: 8.89, enteringCondenserC: t) }
        #expect(cop(15) > cop(23.89))
        #expect(cop(23.89) > cop(29))
        #expect(cop(5) == cop(12.78))
        #expect(cop(40) == cop(29.44))
    }

    /// Dry-cooler approach at design load and full fan speed is the design approach; at half
    /// load it halves; the fan speed that reaches a target gives exactly that target.
    @Test func dryCoolerApproachScalesWithLoadAndAirflow() {
        let bank = HeatRejectionModel(dryCoolers: 2, designCapacityW: 1e6, designApproachK: 8, designFanPowerW: 20_000)
        #expect(abs(bank.leavingWaterC(heatW: 2e6, referenceC: 24) - 32) < 1e-12)
        #expect(abs(bank.leavingWaterC(heatW: 1e6, referenceC: 24) - 28) < 1e-12)
        let speed = bank.fanSpeed(heatW: 1e6, referenceC: 24, targetC: 30)
        #expect(abs(bank.leavingWaterC(heatW: 1e6, referenceC: 24, speed: speed) - 30) < 1e-9)
        #expect(bank.fanSpeed(heatW: 2e6, referenceC: 24, targetC: 25) == 1)
    }

    /// Fan affinity: P ∝ N³ (half speed, one eighth of the power); below the minimum speed the
    /// fans cycle at it, so power is linear in the time on.
    @Test func fanPowerFollowsTheCubeLawAndCyclesBelowTheMinimum() {
        let bank = HeatRejectionModel(dryCoolers: 4, designCapacityW: 5e5, designApproachK: 8, designFanPowerW: 10_000)
        #expect(abs(bank.fanPowerW(speed: 1) - 40_000) < 1e-9)
        #expect(abs(bank.fanPowerW(speed: 0.5) - 5_000) < 1e-9)
        #expect(abs(bank.fanPowerW(speed: 0.1) - 40_000 * 0.008 * 0.5) < 1e-9)
        #expect(bank.fanPowerW(speed: 0) == 0)
    }

    /// 1 MW rejected by evaporation: 0.85 · 10⁶ / 2.45·10⁶ = 0.347 kg/s; blowdown at four cycles
    /// of concentration is a third of that (dissolved-solids balance: B = E/(C − 1)).
    @Test func towerMakeUpWaterFromEvaporationDriftAndBlowdown() {
        let use = TowerWaterUse.makeUpKgPerS(heatW: 1e6, circulatingKgPerS: 50, cyclesOfConcentration: 4)
        #expect(abs(use.evaporation - 0.85e6 / 2.45e6) < 1e-12)
        #expect(abs(use.blowdown - use.evaporation / 3) < 1e-12)
        #expect(abs(use.drift - 50 * 5e-5) < 1e-15)
        // About 1.5 L per kWh of heat rejected: the usual rule of thumb for open towers.
        let litresPerKWh = (use.evaporation + use.blowdown) * 3600 / 1000
        #expect((1.4...1.9).contains(litresPerKWh))
    }

    @Test func pumpPowerByAffinityAboveTheMinimumFlow() {
        let pump = PumpModel(designPowerW: 10_000, designHeatW: 1e6)
        #expect(abs(pump.powerW(heatW: 1e6) - 10_000) < 1e-9)
        #expect(abs(pump.powerW(heatW: 5e5) - 1_250) < 1e-9)
        #expect(abs(pump.powerW(heatW: 1e5) - 10_000 * 0.027) < 1e-9)
        #expect(pump.powerW(heatW: 0) == 0)
    }

    /// Hysteresis: free cooling starts only `margin` below the supply set point and ends just
    /// above it, so water hovering at the boundary does not toggle the mode.
    @Test func economiserModesChangeWithHysteresis() {
        var controller = EconomiserController(marginK: 2)
        #expect(controller.update(availableC: 20, supplyC: 12, returnC: 18) == .mechanical)
        #expect(controller.update(availableC: 17, supplyC: 12, returnC: 18) == .mechanical)  // not 2 K below the return yet
        #expect(controller.update(availableC: 15.9, supplyC: 12, returnC: 18) == .partial)
        #expect(controller.update(availableC: 17.5, supplyC: 12, returnC: 18) == .partial)  // stays until above the return
        #expect(controller.update(availableC: 11, supplyC: 12, returnC: 18) == .partial)
        #expect(controller.update(availableC: 9.9, supplyC: 12, returnC: 18) == .free)
        #expect(controller.update(availableC: 11.9, supplyC: 12, returnC: 18) == .free)
        #expect(controller.update(availableC: 12.1, supplyC: 12, returnC: 18) == .partial)
        #expect(controller.update(availableC: 18.1, supplyC: 12, returnC: 18) == .mechanical)
    }
}

@Suite("Power chain components")
struct PowerChainModelsTests {
    /// The WP108 loss model: per-module loss k·(c₀ + c₁x + c₂x²) with k set by the stated
    /// half-load efficiency. Closed forms at 25/50/75/100 % for 95.5 % double conversion.
    @Test func upsEfficiencyAtQuarterLoads() {
        let ups = UPSModel(modules: 4, moduleRatingW: 500_000, usableCapacityW: 1.5e6, efficiencyAtHalfLoad: 0.955, eco: false)
        let k = 0.5 * (1 / 0.955 - 1) / (0.4 + 0.4 * 0.5 + 0.2 * 0.25)
        for x in [0.25, 0.5, 0.75, 1.0] {
            let expected = x / (x + k * (0.4 + 0.4 * x + 0.2 * x * x))
            #expect(abs(ups.efficiency(moduleLoad: x) - expected) < 1e-12)
            let output = x * 4 * 500_000
            #expect(abs(output / (output + ups.lossW(outputW: output)) - expected) < 1e-12)
        }
        #expect(abs(ups.efficiency(moduleLoad: 0.5) - 0.955) < 1e-12)
        // Shape of published double-conversion curves: poor at light load, flat past half load
        // (Schneider WP157: 94-96 % typical, legacy units near 85 % at 20-25 % load).
        #expect(ups.efficiency(moduleLoad: 0.25) < ups.efficiency(moduleLoad: 0.5))
        #expect(ups.efficiency(moduleLoad: 0.25) > 0.92)
        #expect(abs(ups.efficiency(moduleLoad: 1) - ups.efficiency(moduleLoad: 0.75)) < 0.005)
    }

    @Test func ecoModeBeatsDoubleConversion() {
        let eco = UPSModel(modules: 2, moduleRatingW: 1e5, usableCapacityW: 1e5, efficiencyAtHalfLoad: 0.99, eco: true)
        let online = UPSModel(modules: 2, moduleRatingW: 1e5, usableCapacityW: 1e5, efficiencyAtHalfLoad: 0.95, eco: false)
        for x in [0.25, 0.5, 1.0] { #expect(eco.efficiency(moduleLoad: x) > online.efficiency(moduleLoad: x)) }
    }

    /// IEEE C57 loss model: P₀ + P_k·x²; with the default 0.12 %/0.85 % losses a 1,000 kVA unit
    /// at 35 % load beats the DOE minimum efficiency of 99.28 % (10 CFR 431.196).
    @Test func transformerLossesAndTheDOEMinimum() {
        let transformer = TransformerModel(units: 1, ratingVA: 1e6, noLoadLossW: 1_200, loadLossW: 8_500)
        let output = 0.35 * 1e6 * transformer.powerFactor
        let x = 0.35
        #expect(abs(transformer.lossW(outputW: output) - (1_200 + 8_500 * x * x)) < 1e-9)
        // DOE efficiency is at 35 % of nameplate kVA with unity power factor.
        var unity = transformer
        unity.powerFactor = 1
        #expect(unity.efficiency(outputW: 0.35e6) > 0.9928)
        // Two units share the load: each at half, so load losses halve against one unit.
        let pair = TransformerModel(units: 2, ratingVA: 1e6, noLoadLossW: 1_200, loadLossW: 8_500)
        #expect(abs(pair.lossW(outputW: 1e6 * 0.95) - 2 * (1_200 + 8_500 * 0.25)) < 1e-9)
    }

    /// Air-side economiser: full below the supply set point, linear between supply and return
    /// (less the margin), off above ASHRAE's recommended upper dew point; air drier than its
    /// lower dew point is humidified with water ṁ_oa (W(−9 °C) − W_oa).
    @Test func airSideEconomiserFraction() {
        let e = AirSideEconomiser(marginK: 1)
        #expect(e.fraction(outdoorC: 10, dewPointC: 0, supplyC: 22, returnC: 36) == 1)
        #expect(abs(e.fraction(outdoorC: 29, dewPointC: 5, supplyC: 22, returnC: 36) - 0.5) < 1e-15)
        #expect(e.fraction(outdoorC: 35.5, dewPointC: 5, supplyC: 22, returnC: 36) == 0)
        #expect(e.fraction(outdoorC: 10, dewPointC: 16, supplyC: 22, returnC: 36) == 0)
        #expect(e.fraction(outdoorC: -20, dewPointC: -25, supplyC: 22, returnC: 36) == 1)
        // 100 kW of coil heat with −20 °C air mixed up to 22 °C: ṁ_oa = Q / (c_p · 56 K).
        let water = e.humidificationKgPerS(coilHeatW: 100_000, outdoorC: -20, dewPointC: -25, supplyC: 22, returnC: 36, pressurePa: 101_325)
        func ratio(_ dew: Double) -> Double {
            let p = Psychrometrics.saturationPressurePa(dew)
            return 0.621945 * p / (101_325 - p)
        }
        #expect(abs(water - 100_000 / (AirProperties.specificHeatJPerKgK * 56) * (ratio(-9) - ratio(-25))) < 1e-15)
        #expect(e.humidificationKgPerS(coilHeatW: 100_000, outdoorC: 10, dewPointC: 0, supplyC: 22, returnC: 36, pressurePa: 101_325) == 0)
    }
}

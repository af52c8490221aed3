import Testing
@testable import Models

/// The backup power and the power chain as values: each step checked against its closed form.
@Suite("Backup power and the power chain")
struct BackupPowerTests {
    /// 75 kWh, recharged in 2 h at 95 % charge efficiency; generators after 45 s.
    static let battery = BackupPower.Battery(energyJ: 75 * 3.6e6, rechargeTimeS: 7_200, chargeEfficiency: 0.95)

    /// An outage under 600 kW of critical load: the battery carries it for 75 kWh / 600 kW =
    /// 450 s (found at the end of the step it empties in, the overdraw at most one step), then
    /// the load is lost; the generators bring it back and the charger draws E/(t_recharge·η).
    @Test func batteryRidesThroughForItsEnergyThenGeneratorsRecharge() throws {
        var backup = BackupPower(battery: Self.battery, generatorStartDelayS: 45, generatorCapacityW: 2e6, hasUPS: true)
        let outage = backup.setUtility(up: false)
        #expect(outage.transitions == [.utilityOutage(started: true, stateOfCharge: 1)] && outage.generatorsOnlineAfterS == 45)
        #expect(backup.source == .battery && !backup.coolingPowered)
        let load = 600_000.0, dt = 7.0
        var t = 0.0, lostAt: Double? = nil
        while lostAt == nil && t < 2000 {
            t += dt
            if backup.step(chargeW: 0, dischargeW: load, dt: dt) == [.criticalLoadLost(.batteryEmpty)] { lostAt = t }
        }
        let expected = Self.battery.energyJ / load
        #expect(try #require(lostAt) >= expected && lostAt! < expected + dt)
        // 450 s is 64 steps of 7 s and 2 s: the 65th step overdraws 5 s of the load.
        #expect(abs(backup.overdrawJ - load * (65 * dt - expected)) < 1e-6)
        #expect(backup.source == .none && backup.stateOfCharge == 0)
        #expect(backup.bringGeneratorsOnline() == [.generatorsOnline(stateOfCharge: 0), .criticalLoadRestored])
        #expect(backup.source == .generator && backup.coolingPowered)
        let chargeW = backup.chargePowerW(dt: dt)
        #expect(abs(chargeW - Self.battery.energyJ / 7_200 / 0.95) <= 1e-12 * chargeW)
        // An empty battery refills in its recharge time at that rate.
        for _ in 0..<120 { _ = backup.step(chargeW: backup.chargePowerW(dt: 60), dischargeW: 0, dt: 60) }
        #expect(abs(backup.stateOfCharge - 1) < 1e-12 && backup.chargePowerW(dt: 60) < 1e-6 * chargeW)
        let back = backup.setUtility(up: true)
        #expect(back.transitions == [.utilityOutage(started: false, stateOfCharge: 1), .generatorsOffline] && back.generatorsOnlineAfterS == nil)
    }

    /// Without a UPS, or with an empty battery, the critical load is lost with the utility, at
    /// once; without generators nothing takes it back until the utility returns.
    @Test func withoutUPSOrBatteryTheLoadIsLostAtOnce() {
        var noUPS = BackupPower(battery: Self.battery, generatorStartDelayS: nil, generatorCapacityW: nil, hasUPS: false)
        let change = noUPS.setUtility(up: false)
        #expect(change.transitions == [.utilityOutage(started: true, stateOfCharge: 1), .criticalLoadLost(.noUPS)])
        #expect(change.generatorsOnlineAfterS == nil && noUPS.source == .none && noUPS.bringGeneratorsOnline().isEmpty)
        var noBattery = BackupPower(battery: nil, generatorStartDelayS: 30, generatorCapacityW: 1e6, hasUPS: true)
        #expect(noBattery.setUtility(up: false).transitions.last == .criticalLoadLost(.batteryUnavailable))
        #expect(noBattery.stateOfCharge.isNaN)
        let back = noBattery.setUtility(up: true).transitions
        #expect(back.count == 2 && back.last == .criticalLoadRestored && noBattery.source == .utility)
    }

    /// The chain's energy balance: utility = IT + PDU + UPS + transformer losses + mechanical +
    /// other loads, with the PDU loss a fixed fraction and each stage's loss its model's.
    @Test func chainBalancesStageByStage() {
        let ups = UPSModel(modules: 3, moduleRatingW: 500e3, usableCapacityW: 1e6, efficiencyAtHalfLoad: 0.955, eco: false)
        let transformers = TransformerModel(units: 2, ratingVA: 1.5e6, noLoadLossW: 2e3, loadLossW: 12e3)
        let chain = PowerChain(pduLossFraction: 0.01, ups: ups, transformers: transformers, utilityCapacityW: nil, otherLoadW: 2e4)
        let critical = chain.critical(itW: 800e3)
        #expect(critical.pduLossW == 8e3 && critical.upsOutputW == 808e3)
        #expect(critical.upsLossW == ups.lossW(outputW: 808e3))
        let step = chain.complete(critical, mechanicalW: 150e3, otherW: 2e4)
        let out = 808e3 + critical.upsLossW + 150e3 + 2e4
        #expect(step.transformerOutputW == out && step.transformerLossW == transformers.lossW(outputW: out))
        let sum = 800e3 + step.lossesW + 150e3 + 2e4
        #expect(abs(step.utilityW - sum) <= 1e-12 * sum)
        let lossless = PowerChain(pduLossFraction: 0, ups: nil, transformers: nil, utilityCapacityW: nil, otherLoadW: 0)
        #expect(lossless.complete(lossless.critical(itW: 1e6), mechanicalW: 1e5, otherW: 0).utilityW == 1.1e6)
    }
}

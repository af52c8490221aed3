import Foundation
import Testing
import Models
@testable import Scenario

/// `autosize`: design loads from nameplates and the design day, divided among the units that
/// carry them (docs/models/plant.md, "Autosizing").
@Suite("Autosizing")
struct AutosizeTests {
    static let modernHall = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SimulationTests/Fixtures/air-modern-year.yaml").path

    /// The upper empirical quantile: of 1...1000, 0.4 % (4 values: 997 to 1000) exceed 996.
    @Test func designConditionIsTheValueExceededForTheFraction() {
        let values = (1...1000).map(Double.init).shuffled()
        #expect(DesignConditions.exceeded(values, 0.004) == 996)
        #expect(DesignConditions.exceeded(values, 0) == 1000)
    }

    /// Every size follows its rule to rounding: CRAHs carry the racks' air heat and their own fans,
    /// UPS modules the IT and PDU losses, chillers the chilled-water load at the design day's
    /// condenser water; and an autosized coil, at its design conditions, delivers exactly its
    /// capacity (it is rated there).
    @Test func sizesFollowTheirRules() throws {
        let spec = try ScenarioLoader.load(path: Self.modernHall).spec
        let server = try #require(spec.serverType(named: "dgx-a100"))
        let itW = 40 * server.maxPowerW
        let crah = spec.cooling.crahGroups[0]
        let margin = 1.1
        #expect(abs(crah.capacityW - (itW + 4 * 4_000) * margin / 3) < 1e-6 * crah.capacityW)
        #expect(abs(crah.airflowM3PerS - 40 * server.airflowM3PerS * margin / 3) < 1e-12)
        let ups = try #require(spec.power.ups)
        #expect(abs(ups.moduleRatingW - itW * 1.01 * margin / 3) < 1e-6 * ups.moduleRatingW)
        #expect(ups.usableCapacityW >= itW * 1.01)

        let design = try #require(spec.sizing.design)
        #expect(design.wetBulbC > 24 && design.wetBulbC < 30, "Shanghai's 0.4 % wet bulb is near 27-28 °C; got \(design.wetBulbC)")
        let chillers = try #require(spec.cooling.chillers)
        let towers = try #require(spec.cooling.towers)
        let chiller = ChillerModel.waterCooledCentrifugal(capacityW: chillers.capacityW, cop: chillers.ratedCOP)
        let available = Double(chillers.units - chillers.redundantUnits)
            * chiller.availableCapacityW(leavingChilledC: 18, enteringCondenserC: design.wetBulbC + towers.approachK)
        let chilledLoad = (crah.capacityW * 3 / margin) + itW * 0.01 + itW * 1.01 * (1 / 0.97 - 1)
        #expect(abs(available - chilledLoad * margin) < 1e-6 * available)

        let coil = try #require(CoolingCoilModel(rating: crah.rating))
        let delivered = coil.maximumHeatW(units: 1, airHeatRateWPerK: crah.rating.airHeatRateWPerK, enteringAirC: crah.rating.enteringAirC,
                                          enteringWaterC: crah.rating.enteringWaterC)
        #expect(abs(delivered - crah.capacityW) < 1e-6 * crah.capacityW)
        #expect(spec.sizing.sized.count == 8)
    }

    /// A coil is rated where it is sized, so a rating beside `capacity: autosize` is refused at
    /// its key; so is an autosized coil that its given airflow cannot carry.
    @Test func contradictionsAreLocatedErrors() throws {
        let text = try String(contentsOfFile: Self.modernHall, encoding: .utf8)
        let rated = text.replacingOccurrences(of: "fan_power: 4 kW, fan_control: variable}",
                                              with: "fan_power: 4 kW, fan_control: variable, rating: {entering_air: 35 degC}}")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(text: rated, path: Self.modernHall) }
        do {
            _ = try ScenarioLoader.load(text: rated, path: Self.modernHall)
        } catch {
            #expect(error.diagnostics.contains { $0.keyPath == "cooling.crah[0].rating" && $0.location?.line == 32 })
        }
        let starved = text.replacingOccurrences(of: "airflow: autosize", with: "airflow: 0.5 m3/s")
        do {
            _ = try ScenarioLoader.load(text: starved, path: Self.modernHall)
            Issue.record("a coil of 100 kW on 0.5 m³/s of air was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.keyPath == "cooling.crah[0].capacity" && $0.message.contains("autosized") })
        }
    }
}

import Foundation
import Testing
import Models
import Scenario
@testable import Simulation

/// The cooling plant and the books, each on its own (not through a whole run); the backup power
/// and the power chain are tested in ModelsTests (BackupPowerTests).
@Suite("Plant, backup power and books on their own")
struct PlantAndPowerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ file: String, _ overrides: [String: String] = [:]) throws -> ScenarioSpec {
        try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path,
                                overrides: overrides.map { .init(keyPath: $0.key, value: $0.value) }).spec
    }

    /// Mechanical cooling on a hot day: the towers reject the load plus the compressors' heat
    /// (energy balance of the condenser loop), the chillers' COP is that of a water-cooled
    /// centrifugal machine (3-9), and the running units can carry the load.
    @Test func hotDayRejectsLoadPlusCompressorHeat() throws {
        var plant = try #require(CoolingPlant(spec: try spec("shanghai-a100-air.yaml")))
        let load = 0.5 * plant.usableChillerCapacityW
        let result = try plant.step(chilledLoadW: load, warmLoadW: 0, dryBulbC: 35, wetBulbC: 28)
        #expect(result.chilled.mode == .mechanical)
        #expect(abs(result.chilled.rejectedW - (load + result.chilled.chillerPowerW)) <= 1e-9 * load)
        let cop = load / result.chilled.chillerPowerW
        #expect((3...9).contains(cop), "COP \(cop)")
        #expect(result.unmetW == 0 && result.chilled.chillerLoadW == load)
        #expect(result.waterKgPerS > 0, "towers evaporate water")
    }

    /// A cold day with a water-side economiser: the towers make the chilled water alone once
    /// the changeover's hysteresis lets them; no compressor runs and the rejected heat is the load.
    @Test func coldDayEconomisesFully() throws {
        var plant = try #require(CoolingPlant(spec: try spec("shanghai-a100-air.yaml")))
        let load = 0.3 * plant.usableChillerCapacityW
        var result = CoolingPlant.StepResult()
        for _ in 0..<5 { result = try plant.step(chilledLoadW: load, warmLoadW: 0, dryBulbC: -8, wetBulbC: -10) }
        #expect(result.chilled.mode == .free)
        #expect(result.chillerPowerW == 0 && result.chilled.rejectedW == load && result.unmetW == 0)
    }

    /// Twice the usable chiller capacity on a hot day: every unit runs (the redundant one too),
    /// they serve what they can at that condenser water, and the rest is unmet, to the watt:
    /// load = served + unmet.
    @Test func loadAboveCapacityIsUnmetToTheWatt() throws {
        var plant = try #require(CoolingPlant(spec: try spec("shanghai-a100-air.yaml", ["cooling.economiser.mode": "none"])))
        let load = 2 * plant.usableChillerCapacityW
        let result = try plant.step(chilledLoadW: load, warmLoadW: 0, dryBulbC: 38, wetBulbC: 29)
        #expect(result.chilled.chillersRunning == plant.chillerUnits)
        #expect(result.unmetW > 0.25 * load)
        #expect(abs(result.chilled.chillerLoadW + result.unmetW - load) <= 1e-9 * load)
    }

    /// The books only add up: a day of the quickstart hall booked step by step. The IT energy is
    /// the thermal model's (one source of truth), utility = IT + cooling + losses + other closes
    /// to rounding, and the months add up to the totals.
    @Test func booksAddUpTheModelsFlows() throws {
        let spec = try spec("shanghai-a100-air.yaml", ["simulation.duration": "1 d"])
        let model = try FacilityThermalModel(spec: spec, facility: Facility(spec))
        let plantAndPower = try PlantAndPower(spec: spec)
        let books = FacilityBooks(spec: spec, plantAndPower: plantAndPower)
        for s in 0..<model.servers.serverCount where s % 2 == 0 { model.setUtilization(0.8, server: s) }
        try model.advance(from: 0, to: 86_400, maxStepS: 300) { time in
            if let step = try plantAndPower.step(to: time, model: model) { books.book(step.flows) }
            model.setPlantWater(plantAndPower.plantWater)
        }
        let s = books.summary
        #expect(abs(s.itEnergyJ - model.itEnergyJ) <= 1e-12 * model.itEnergyJ)
        #expect(abs(s.booksRelativeError) < 1e-12)
        #expect(abs(s.monthly.facilityJ.reduce(0, +) - s.facilityEnergyJ) <= 1e-9 * s.facilityEnergyJ)
        #expect(abs(s.monthly.itJ.reduce(0, +) - s.itEnergyJ) <= 1e-9 * s.itEnergyJ)
        #expect(s.pue > 1 && s.pue < 2)
    }

    /// The books compute nothing: given flows, they multiply by the step and add. One step on
    /// the utility and one on the generators, checked by hand: 1 MW for 10 min of generator is
    /// 166.7 kWh, 0.27 L/kWh of diesel = 45 L, at 2.70 kg CO₂/L = 121.5 kg.
    @Test func booksMultiplyAndAddByHand() throws {
        let spec = try spec("shanghai-a100-air.yaml")
        let books = FacilityBooks(spec: spec, plantAndPower: try PlantAndPower(spec: spec))
        var onUtility = FacilityStepFlows()
        onUtility.dt = 600
        onUtility.midS = 300
        onUtility.itW = 1e6
        onUtility.crahFanW = 4e4
        onUtility.utilityW = 1.2e6
        onUtility.otherW = 1e4
        books.book(onUtility)
        let price = try #require(spec.site.electricityPricePerJ), carbon = try #require(spec.site.gridCarbonKgPerJ)
        var s = books.summary
        #expect(s.utilityEnergyJ == 1.2e6 * 600 && s.itEnergyJ == 6e8 && s.crahFanEnergyJ == 2.4e7 && s.otherEnergyJ == 6e6)
        #expect(abs(s.carbonKg - carbon * 7.2e8) <= 1e-12 * s.carbonKg)
        #expect(abs(s.cost - books.lastPricePerJ * 7.2e8) <= 1e-12 * s.cost && books.lastPricePerJ >= price * 0.1)
        #expect(books.lastFacilityW == 1.2e6 && books.lastITW == 1e6)

        var onGenerators = onUtility
        onGenerators.midS = 900
        onGenerators.utilityW = 0
        onGenerators.generatorW = 1e6
        onGenerators.source = .generator
        onGenerators.utilityUp = false
        books.book(onGenerators)
        s = books.summary
        #expect(abs(s.generatorFuelL - 45) < 1e-9)
        #expect(abs(s.carbonKg - carbon * 7.2e8 - 121.5) <= 1e-9 * s.carbonKg)
        #expect(abs(s.outageHours - 1.0 / 6) < 1e-12 && s.generatorEnergyJ == 6e8)
        #expect(s.peakUtilityW == 1.2e6 && s.peakGeneratorW == 1e6)
    }
}

import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// Whole years of two halls with their plant and power chain (Tests/SimulationTests/Fixtures):
/// closed books, and PUE where physics and published surveys put it.
@Suite("Facility years: PUE, water and the books")
struct FacilityYearTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func run(_ file: String, _ overrides: [String: String] = [:]) throws -> FacilitySummary {
        let spec = try ScenarioLoader.load(path: Self.fixtures.appendingPathComponent(file).path,
                                           overrides: overrides.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) }).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-year-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        return try #require(summary.facility)
    }

    /// Utility = IT + cooling + losses + other to 1e-6, and every loss stage's heat lands in a
    /// cooling load (PDU and UPS losses in the chilled-water plant's load, transformer losses
    /// outdoors).
    func checkBooks(_ year: FacilitySummary) {
        #expect(abs(year.booksRelativeError) < 1e-6)
        let losses = year.pduLossJ + year.upsLossJ + year.transformerLossJ
        #expect(abs(year.lossHeatToPlantJ + year.lossHeatOutdoorsJ - losses) <= 1e-9 * losses)
        #expect(year.plantLoadJ > year.lossHeatToPlantJ)
        #expect(year.unmetCoolingJ == 0)
    }

    /// A typical air-cooled chilled-water hall (7 °C water, open aisles, constant-speed CRAH fans,
    /// 94 % UPS) in Shanghai lands in the band of the Uptime Institute survey averages (1.55-1.59
    /// since 2020; most such halls 1.4-1.6). In Ulanqab, with a dry continental climate (annual
    /// mean wet bulb near 0 °C), the same hall is lower because its economiser runs (fully or
    /// partly) for most of the year. Both have higher PUE in July than in January: warmer
    /// condenser water means less economiser and more lift.
    @Test func airCooledChilledWaterHallInShanghaiAndUlanqab() throws {
        let shanghai = try run("air-chilled-water-year.yaml")
        checkBooks(shanghai)
        #expect((1.4...1.6).contains(shanghai.pue), "Shanghai PUE \(shanghai.pue)")
        #expect(shanghai.wue > 1 && shanghai.wue < 3, "open towers use 1-3 L/kWh; WUE \(shanghai.wue)")
        let ulanqab = try run("air-chilled-water-year.yaml", ["site.catalog": "ulanqab"])
        checkBooks(ulanqab)
        #expect(ulanqab.pue < shanghai.pue - 0.05, "Ulanqab \(ulanqab.pue) against Shanghai \(shanghai.pue)")
        #expect(ulanqab.freeCoolingHours + ulanqab.partialFreeCoolingHours > 8760 / 2)
        #expect(ulanqab.freeCoolingHours > 3 * shanghai.freeCoolingHours)
        for year in [shanghai, ulanqab] { #expect(year.monthlyPUE[0] < year.monthlyPUE[6]) }
        // Cost and carbon follow the tariff and grid factor.
        #expect(shanghai.cost > 0 && shanghai.carbonKg > 0)
    }

    /// A direct air-side economiser in the same hall: in Ulanqab (cold, dry: dew point mostly
    /// below 15 °C) outdoor air carries the coils' heat for most of the year, so PUE falls below
    /// the hall without an economiser; in humid Shanghai (summer dew points above 15 °C) it runs
    /// far fewer hours than in Ulanqab.
    @Test func airSideEconomiserRunsWhereTheAirIsColdAndDry() throws {
        let ulanqab = try run("air-chilled-water-year.yaml", ["site.catalog": "ulanqab", "cooling.economiser.mode": "air-side"])
        checkBooks(ulanqab)
        let none = try run("air-chilled-water-year.yaml", ["site.catalog": "ulanqab", "cooling.economiser.mode": "none"])
        #expect(ulanqab.pue < none.pue - 0.05, "air-side \(ulanqab.pue) against none \(none.pue)")
        #expect(ulanqab.freeCoolingHours + ulanqab.partialFreeCoolingHours > 8760 / 2)
        #expect(ulanqab.outdoorAirHeatJ > 0.5 * ulanqab.itEnergyJ)
        let shanghai = try run("air-chilled-water-year.yaml", ["cooling.economiser.mode": "air-side"])
        #expect(shanghai.freeCoolingHours + shanghai.partialFreeCoolingHours
                < 0.8 * (ulanqab.freeCoolingHours + ulanqab.partialFreeCoolingHours))
    }

    /// An undersized plant warms its chilled water and, through the CRAH coils, the room: three
    /// July days with two 60 kW chillers for a ~200 kW hall leave the inlets far above the same
    /// hall's with 170 kW chillers, and the shortfall is reported.
    @Test func anUndersizedPlantWarmsTheRoom() throws {
        func july(_ capacity: String) throws -> (RunSummary, FacilitySummary) {
            let spec = try ScenarioLoader.load(path: Self.fixtures.appendingPathComponent("air-chilled-water-year.yaml").path,
                                               overrides: [.init(keyPath: "simulation.duration", value: "3 d"),
                                                           .init(keyPath: "simulation.start", value: "2026-07-15T00:00:00+08:00"),
                                                           .init(keyPath: "cooling.chillers.capacity", value: capacity),
                                                           .init(keyPath: "cooling.economiser.mode", value: "none")]).spec
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-undersized-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
            return (summary, try #require(summary.facility))
        }
        let (adequate, adequateBooks) = try july("170 kW")
        let (small, smallBooks) = try july("60 kW")
        #expect(adequateBooks.unmetCoolingJ == 0)
        #expect(smallBooks.unmetCoolingJ > 0)
        #expect(small.peakInletC > adequate.peakInletC + 10, "inlet \(small.peakInletC) °C against \(adequate.peakInletC) °C")
        #expect(abs(smallBooks.booksRelativeError) < 1e-9)
    }

    /// Warm-water DLC in Ulanqab: 80 % of the heat leaves at 32 °C through dry coolers, which the
    /// climate allows nearly all year (NREL's ESIF, chiller-less, reports an annualised 1.036);
    /// the small chilled-water side still needs chillers in summer. Expected near 1.05-1.15, with
    /// no chiller energy for most hours and no water.
    @Test func warmWaterLiquidCooledHallInUlanqab() throws {
        let year = try run("dlc-warm-water-year.yaml")
        checkBooks(year)
        #expect((1.05...1.15).contains(year.pue), "PUE \(year.pue)")
        #expect(year.chillerFreeHours > 8760 / 2)
        #expect(year.waterKg == 0)
        #expect(year.monthlyPUE[0] < year.monthlyPUE[6])
    }

    /// PUE is lower in winter than in summer at every Chinese site in the catalog: one January
    /// and one July of the air-cooled hall at each.
    @Test(arguments: ["beijing", "shanghai", "guangzhou", "shenzhen", "ulanqab", "hohhot", "guiyang", "zhongwei", "qingyang",
                      "chongqing", "dalian"])
    func winterBeatsSummer(site: String) throws {
        let january = try run("air-chilled-water-year.yaml", ["site.catalog": site, "simulation.duration": "31 d"])
        let july = try run("air-chilled-water-year.yaml", ["site.catalog": site, "simulation.duration": "31 d",
                                                           "simulation.start": "2026-07-01T00:00:00+08:00"])
        #expect(january.pue < july.pue, "\(site): January \(january.pue), July \(july.pue)")
    }
}

@Suite("Economics in the summary")
struct EconomicsSummaryTests {
    /// Straight-line depreciation for the simulated time and carbon at its price: two days of the
    /// Shanghai example (IT capex 7.7e8 CNY over 5 years, facility 1.2e8 over 15, 60 CNY/t).
    @Test func depreciationAndCarbonCostForTheSimulatedTime() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/shanghai-a100-air.yaml").path,
                                           overrides: [.init(keyPath: "simulation.duration", value: "2 d")]).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-economics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let facility = try #require(try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("e.h5").path).facility)
        let days = 2.0
        #expect(abs(facility.itDepreciation - 7.7e8 * days / (5 * 365)) < 1e-6)
        #expect(abs(facility.facilityDepreciation - 1.2e8 * days / (15 * 365)) < 1e-6)
        #expect(abs(facility.carbonCost - 0.060 * facility.carbonKg) < 1e-9 * facility.carbonCost)
        #expect(facility.currency == "CNY")
        #expect(abs(facility.totalCost - (facility.cost + facility.carbonCost + facility.itDepreciation + facility.facilityDepreciation)) < 1e-6)
        // Energy cost at the time-of-use tariff lies between all-valley and all-peak prices.
        let kWh = facility.utilityEnergyJ / 3.6e6
        #expect(facility.cost > 0.65 * 0.4 * kWh && facility.cost < 0.65 * 1.8 * kWh)
    }
}

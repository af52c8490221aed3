import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// Whole years of two halls with their plant and power chain (Tests/SimulationTests/Fixtures):
/// closed books, and PUE where physics and published surveys put it.
@Suite("Facility years: PUE, water and the books")
struct FacilityYearTests {

    func run(_ file: String, _ overrides: [String: String] = [:]) throws -> FacilitySummary {
        try #require(try runFixture(file, overrides).facility)
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

    /// The three archetypes of docs/models/kpis.md ("Archetypes against published bands"), each a
    /// year with its load held, in hot-humid Shanghai and cold-dry Ulanqab:
    ///
    /// - legacy air (air-chilled-water-year.yaml): 7/13 °C water, open aisles, constant fans,
    ///   94 % UPS; band 1.35-1.65 around the Uptime Institute survey averages (1.55-1.59 since
    ///   2020);
    /// - modern air (air-modern-year.yaml, autosized): 18/24 °C water with economiser, hot-aisle
    ///   containment, variable fans, 97 % modular UPS; band 1.08-1.30, from hyperscale fleets
    ///   (Google 1.10, Meta 1.08-1.09) to China's cap of 1.25-1.3 for new large sites;
    /// - warm-water DLC (dlc-warm-water-year.yaml): band 1.03-1.15, from NREL ESIF's annualised
    ///   1.036 to the 1.1-1.15 reported for cold-plate systems with a chilled-water remainder.
    ///
    /// In each site legacy > modern > DLC, every monthly PUE peaks in June to August, and the
    /// books close.
    @Test func archetypesOrderAndPublishedBands() throws {
        let archetypes: [(file: String, band: ClosedRange<Double>)] = [
            ("air-chilled-water-year.yaml", 1.35...1.65), ("air-modern-year.yaml", 1.08...1.30), ("dlc-warm-water-year.yaml", 1.03...1.15),
        ]
        for site in ["shanghai", "ulanqab"] {
            var pues: [Double] = []
            for archetype in archetypes {
                let year = try run(archetype.file, ["site.catalog": site])
                checkBooks(year)
                #expect(archetype.band.contains(year.pue), "\(archetype.file) in \(site): PUE \(year.pue)")
                let hottest = year.monthlyPUE.indices.max { year.monthlyPUE[$0] < year.monthlyPUE[$1] } ?? 0
                #expect((5...7).contains(hottest), "\(archetype.file) in \(site): monthly PUE peaks in month \(hottest + 1)")
                #expect(year.monthlyPUE[0] < year.monthlyPUE[6])
                pues.append(year.pue)
                if archetype.file.hasPrefix("dlc") {
                    // Dry coolers on 32 °C water: no water, and in Ulanqab no chiller most of the year.
                    #expect(year.waterKg == 0)
                    if site == "ulanqab" { #expect(year.chillerFreeHours > 8760 / 2) }
                } else {
                    #expect(year.wue > 0.5 && year.wue < 3, "open towers use 1-3 L/kWh; WUE \(year.wue)")
                }
            }
            #expect(pues[0] > pues[1] && pues[1] > pues[2], "\(site): legacy \(pues[0]), modern \(pues[1]), DLC \(pues[2])")
        }
    }

    /// The legacy hall in Ulanqab, with a dry continental climate (annual mean wet bulb near
    /// 0 °C), beats the same hall in Shanghai because its economiser runs (fully or partly) for
    /// most of the year.
    @Test func economiserHoursFollowTheClimate() throws {
        let shanghai = try run("air-chilled-water-year.yaml")
        let ulanqab = try run("air-chilled-water-year.yaml", ["site.catalog": "ulanqab"])
        #expect(ulanqab.pue < shanghai.pue - 0.05, "Ulanqab \(ulanqab.pue) against Shanghai \(shanghai.pue)")
        #expect(ulanqab.freeCoolingHours + ulanqab.partialFreeCoolingHours > 8760 / 2)
        #expect(ulanqab.freeCoolingHours > 3 * shanghai.freeCoolingHours)
        // Cost and carbon follow the tariff and grid factor.
        #expect(shanghai.cost > 0 && shanghai.carbonKg > 0)
    }

    /// A chilled-water reset on coil demand (up to 16 °C) in the legacy hall in Shanghai: the
    /// coils still hold their set points, the economiser runs far longer, and PUE falls.
    @Test func chilledWaterResetWidensTheEconomiserHours() throws {
        let fixed = try run("air-chilled-water-year.yaml")
        let reset = try run("air-chilled-water-year.yaml", ["cooling.chilled_water.reset.maximum_supply": "16 degC"])
        checkBooks(reset)
        #expect(reset.freeCoolingHours > 2 * fixed.freeCoolingHours, "free hours \(reset.freeCoolingHours) against \(fixed.freeCoolingHours)")
        #expect(reset.pue < fixed.pue - 0.02, "PUE \(reset.pue) against \(fixed.pue)")
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
            let summary = try runFixture("air-chilled-water-year.yaml", ["simulation.duration": "3 d", "simulation.start": "2026-07-15T00:00:00+08:00",
                                                                         "cooling.chillers.capacity": capacity, "cooling.economiser.mode": "none"])
            return (summary, try #require(summary.facility))
        }
        let (adequate, adequateBooks) = try july("170 kW")
        let (small, smallBooks) = try july("60 kW")
        #expect(adequateBooks.unmetCoolingJ == 0)
        #expect(smallBooks.unmetCoolingJ > 0)
        #expect(small.peakInletC > adequate.peakInletC + 10, "inlet \(small.peakInletC) °C against \(adequate.peakInletC) °C")
        #expect(abs(smallBooks.booksRelativeError) < 1e-9)
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

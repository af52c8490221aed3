import Testing
import Models
@testable import Scenario

@Suite("Built-in catalog")
struct CatalogTests {
    @Test func namesAreUniqueAndLowercase() {
        for names in [Catalog.accelerators.map(\.name), Catalog.servers.map(\.name), Catalog.sites.map(\.name), Catalog.equipment.map(\.name),
                      (Catalog.network + Catalog.scaleUpLinks).map(\.name)] {
            #expect(Set(names).count == names.count)
            #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        }
    }

    @Test func theIssuesListIsCovered() {
        for name in ["v100", "a100-sxm", "a100-pcie", "a800-sxm", "h100-sxm", "h100-pcie", "h800-sxm", "h20", "h200", "b200", "mi300x",
                     "ascend-910b", "mlu370-x8", "mlu590", "br100"] {
            #expect(Catalog.accelerator(named: name) != nil, "\(name)")
        }
        for name in ["dgx-a100", "dgx-h100", "hgx-h200", "inference-8x-pcie", "cpu-node"] { #expect(Catalog.server(named: name) != nil) }
        for name in ["beijing", "shanghai", "guangzhou", "ulanqab", "hohhot", "guiyang", "zhongwei", "qingyang", "chongqing", "dalian",
                     "ashburn", "dublin", "singapore"] {
            #expect(Catalog.site(named: name) != nil, "\(name)")
        }
    }

    @Test func everyEntryCitesASourceAndEveryEstimateSaysWhy() {
        for a in Catalog.accelerators {
            #expect(!a.sources.isEmpty, "\(a.name)")
            for figure in [a.tdpW, a.idlePowerW, a.maxOperatingTemperatureC] + [a.fp64TFLOPS, a.fp32TFLOPS, a.tf32TFLOPS, a.fp16TFLOPS,
                                                                               a.int8TOPS, a.memoryGB, a.memoryBandwidthTBps, a.dieAreaMM2].compactMap({ $0 }) {
                #expect(!figure.isEstimate || figure.note?.isEmpty == false, "\(a.name)")
                #expect(figure.value.isFinite && figure.value >= 0)
            }
        }
        for s in Catalog.servers { #expect(!s.sources.isEmpty) }
        for e in Catalog.equipment + Catalog.network + Catalog.scaleUpLinks {
            #expect(!e.sources.isEmpty, "\(e.name)")
            for (_, figure) in e.figures { #expect((!figure.isEstimate || figure.note?.isEmpty == false) && figure.value.isFinite, "\(e.name)") }
        }
        // Every accelerator has its scale-up link, and the export-limited parts have the cut figures.
        for a in Catalog.accelerators { #expect(Catalog.scaleUpLink(of: a.name) != nil, "\(a.name)") }
        #expect(Catalog.scaleUpLink(of: "a800-sxm")?.value("bandwidth_gbytes_per_s") == 400
                && Catalog.scaleUpLink(of: "a100-sxm")?.value("bandwidth_gbytes_per_s") == 600)
        #expect(Catalog.scaleUpLink(of: "h800-sxm")?.value("bandwidth_gbytes_per_s") == 400
                && Catalog.scaleUpLink(of: "h100-sxm")?.value("bandwidth_gbytes_per_s") == 900)
        for s in Catalog.sites {
            #expect(s.monthlyDryBulbC.count == 12 && s.monthlyRelativeHumidity.count == 12, "\(s.name)")
            #expect(s.monthlyRelativeHumidity.allSatisfy { (0...1).contains($0) })
            #expect(!s.climateSource.isEmpty && !s.priceSource.isEmpty && !s.carbonSource.isEmpty)
        }
    }

    /// Published figures checked against the sources (catalog-sources.md): a slip in data entry
    /// shows here.
    @Test func spotChecksAgainstTheSources() {
        #expect(Catalog.accelerator(named: "h100-sxm")?.tdpW == .published(700))
        #expect(Catalog.accelerator(named: "h100-sxm")?.fp16TFLOPS == .published(989.4))
        #expect(Catalog.accelerator(named: "a100-sxm")?.fp16TFLOPS == .published(312))
        #expect(Catalog.accelerator(named: "mi300x")?.memoryGB == .published(192))
        #expect(Catalog.server(named: "dgx-b200")?.maxPowerW == .published(14_300))
        #expect(Catalog.site(named: "beijing")?.monthlyDryBulbC[6] == 26.4)
        #expect(Catalog.site(named: "singapore")?.monthlyRelativeHumidity[10] == 0.89)
        #expect(Catalog.site(named: "ulanqab")?.gridCarbonKgPerKWh == .published(0.6849))
        // The A100's 312 TFLOPS at 40 % MFU is the workload issue's reference arithmetic.
        #expect(Catalog.accelerator(named: "a100-sxm")?.tdpW == .published(400))
    }

    /// The catalog's server decomposition reproduces each published maximum.
    @Test func catalogServersResolveToTheirPublishedPower() throws {
        for entry in Catalog.servers {
            let text = """
                simulation: {duration: 1 h}
                servers: {s: {catalog: \(entry.name)}}
                racks: {r: {server: s, servers: 1}}
                halls: [{rack: r}]
                """
            let server = try ScenarioLoader.load(text: text, path: "c.yaml").spec.serverTypes[0]
            #expect(abs(server.maxPowerW - entry.maxPowerW.value) < 1e-9, "\(entry.name)")
            #expect(abs(server.idlePowerW - entry.idlePowerW.value) < 1e-9, "\(entry.name)")
        }
    }

    /// With power supplies described, the published maximum is at the wall: the parts (DC) plus
    /// the supplies' loss at that load give it back.
    @Test func publishedPowerIsAtTheWallWhenPSUsAreDescribed() throws {
        let text = """
            simulation: {duration: 1 h}
            servers: {s: {catalog: dgx-h100, psu: {units: 6, rating: 3.3 kW, redundant: 2, efficiency: titanium}}}
            racks: {r: {server: s, servers: 1}}
            halls: [{rack: r}]
            """
        let server = try ScenarioLoader.load(text: text, path: "c.yaml").spec.serverTypes[0]
        let psu = PSUModel(units: 6, ratingW: 3_300, efficiencyClass: .titanium)
        let dcMax = Double(server.acceleratorCount) * server.accelerator!.tdpW + Double(server.cpuCount) * server.cpuTDPW + server.otherMaxPowerW
        #expect(abs(dcMax + psu.lossW(outputW: dcMax) - 10_200) < 1e-6)
        #expect(abs(server.maxPowerW - 10_200) < 1e-6)
        #expect(server.vrmEfficiency == 0.9)
    }
}

import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// The east-west scenario: routing policies disagree in the expected direction.
@Suite("Sites linked by a WAN")
struct MultiSiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ policy: MultiSiteSpec.Policy) throws -> MultiSiteSpec {
        var spec = try MultiSiteLoader.load(path: Self.root.appendingPathComponent("Scenarios/east-west/east-west.yaml").path)
        spec.policy = policy
        return spec
    }

    func routes(_ policy: MultiSiteSpec.Policy) throws -> [String: String] {
        let spec = try spec(policy)
        let router = SiteRouter(spec: spec)
        var sites: [String: String] = [:]
        for job in spec.jobs { sites[job.name] = router.route(job).site }
        for service in spec.services { sites[service.name] = router.route(service).site }
        return sites
    }

    /// Nearest keeps everything in Beijing, where the data and users are.
    @Test func nearestStaysWithDataAndUsers() throws {
        #expect(try routes(.nearest) == ["pretrain": "beijing", "finetune": "beijing", "chat": "beijing", "batch-embed": "beijing"])
    }

    /// Cheapest energy moves training west to Guiyang's hydro power (0.35 CNY/kWh against
    /// Beijing's 0.63 and Ulanqab's 0.38), the data's transfer energy notwithstanding.
    @Test func cheapestEnergyMovesTrainingWest() throws {
        let r = try routes(.cheapestEnergy)
        #expect(r["pretrain"] == "guiyang" && r["finetune"] == "guiyang")
    }

    /// Lowest carbon: Guiyang's grid (0.387 kg/kWh) over Ulanqab's coal (0.685) and Beijing's (0.678).
    @Test func lowestCarbonPrefersTheHydroGrid() throws {
        #expect(try routes(.lowestCarbon)["pretrain"] == "guiyang")
    }

    /// Latency-bounded keeps interactive chat (15 ms objective: 2 ms local + 8.4 ms service in
    /// Beijing; 12 ms more round trip to Ulanqab) near its users, and sends batch inference (5 s)
    /// to the cheapest site; training goes where energy is cheapest.
    @Test func latencyBoundedKeepsInteractiveInferenceNearUsers() throws {
        let spec = try spec(.latencyBounded)
        let router = SiteRouter(spec: spec)
        let chat = spec.services.first { $0.name == "chat" }!
        let service = router.serviceS(chat, at: spec.site("beijing")!)
        #expect(abs(service - 2e13 / (8 * 989.4e12 * 0.3)) < 1e-12)
        #expect(spec.roundTripS(toSite: "beijing")! + service <= 0.015)
        #expect(spec.roundTripS(toSite: "ulanqab")! + service > 0.015)
        let r = try routes(.latencyBounded)
        #expect(r["chat"] == "beijing")
        #expect(r["batch-embed"] == "guiyang")
        #expect(r["pretrain"] == "guiyang")
    }

    /// A whole run (shortened to 12 h): every site's file, the federation's tables, and the
    /// data transfer delaying the job's submission at its site by latency + size / bandwidth.
    @Test func runWritesEverySiteAndTheFederation() throws {
        var spec = try spec(.cheapestEnergy)
        for i in spec.sites.indices { spec.sites[i].scenario.simulation.durationS = 12 * 3600 }
        spec.services = []
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-sites-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try MultiSiteRunner.run(spec, outputPath: folder.appendingPathComponent("ew.h5").path)
        #expect(result.sites.map(\.name) == ["beijing", "ulanqab", "guiyang"])
        let root = try HDF5File.open(at: folder.appendingPathComponent("ew.h5").path).rootGroup()
        #expect(try root.openGroup("sites").readStringColumn("site_name") == ["beijing", "ulanqab", "guiyang"])
        #expect(try root.openGroup("jobs").readStringColumn("site") == ["guiyang", "guiyang"])
        let transfer = try root.openDataset("jobs/transfer_s").readDoubles()
        #expect(abs(transfer[0] - (0.014 + 40e12 / (100e9 / 8))) < 1e-9)
        let guiyang = try HDF5File.open(at: folder.appendingPathComponent("ew.guiyang.h5").path).rootGroup()
        let start = try guiyang.openDataset("jobs/start_s").readDoubles()
        #expect(abs(start[0] - transfer[0]) < 1e-9)
        #expect(try root.openDataset("jobs/transfer_energy_j").readDoubles()[0] == 40e12 * 0.005 * 3.6e6 / 1e9)
    }
}

import Foundation
import Testing
import Models
import Scenario
@testable import Simulation
import Storage

/// A hall whose accelerators use a package variant follows what the package solver predicts.
@Suite("Package variants in a hall")
struct PackageHallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run(_ file: String) throws -> (ScenarioSpec, RunSummary, PackageAnalysis, URL) {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path,
                                           overrides: [.init(keyPath: "simulation.duration", value: "1 h"),
                                                       .init(keyPath: "workload.jobs[0].duration", value: "1 h"),
                                                       .init(keyPath: "workload.jobs[0].utilization", value: "1")]).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-package-\(UUID().uuidString)")
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        let analysis = try PackageAnalysis(try #require(spec.packages[0].design), refine: false)
        return (spec, summary, analysis, folder)
    }

    @Test func chipletAndMonolithicHallsDifferAsTheirPackagesDo() throws {
        let (monoSpec, mono, monoPackage, a) = try run("package-hall-monolithic.yaml")
        let (chipSpec, chip, chipPackage, b) = try run("package-hall-chiplet.yaml")
        defer { for f in [a, b] { try? FileManager.default.removeItem(at: f) } }
        // Power at the reference temperature: the accelerators' TDP is the package budget.
        #expect(abs(monoSpec.serverTypes[0].accelerator!.tdpW - monoPackage.budget.totalW) < 1e-9)
        #expect(abs(chipSpec.serverTypes[0].accelerator!.tdpW - chipPackage.budget.totalW) < 1e-9)
        // Thermal: each server design carries its package's compact model.
        for (spec, package) in [(monoSpec, monoPackage), (chipSpec, chipPackage)] {
            let design = ServerThermalDesign(server: spec.serverTypes[0], rack: spec.rackTypes[0], package: package)
            #expect(abs(design.network.parameters.junctionToCaseKPerW - package.compact.junctionToCaseKPerW) < 1e-15)
            #expect(abs(design.network.parameters.junctionCapacityJPerK - package.compact.junctionCapacityJPerK) < 1e-15)
        }
        // Cost: 640 accelerators at each package's cost per good package.
        #expect(mono.packagedAccelerators == 640 && chip.packagedAccelerators == 640)
        #expect(abs((chip.packageCostUSD - mono.packageCostUSD) - 640 * (chipPackage.cost.costPerGoodPackageUSD - monoPackage.cost.costPerGoodPackageUSD)) < 1e-6)
        // The hall's IT power differs by about 640 × the packages' power difference (the rest of
        // the server is the same; leakage moves with each hall's own junction temperatures).
        let predicted = 640 * (chipPackage.steady.totalPowerW - monoPackage.steady.totalPowerW)
        let simulated = chip.meanITPowerW - mono.meanITPowerW
        #expect(abs(simulated - predicted) < 0.1 * abs(predicted), "IT power difference \(simulated) W against \(predicted) W predicted")
        // The chiplet package spreads its heat over four times the silicon: its junctions run cooler
        // in the package solver and in the hall alike.
        #expect(chipPackage.hottestC < monoPackage.hottestC)
        #expect(chip.peakJunctionC < mono.peakJunctionC)
    }
}

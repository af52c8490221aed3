import Foundation
import Testing
import Scenario
@testable import Simulation

/// Every example scenario runs (shortened to two simulated hours, so the suite stays quick) and
/// closes its energy books.
@Suite("Example scenarios run")
struct ExampleScenariosTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(arguments: examples)
    func runsAndClosesItsBooks(file: String) throws {
        let path = Self.repositoryRoot.appendingPathComponent("Scenarios/\(file)").path
        let spec = try ScenarioLoader.load(path: path, overrides: [
            .init(keyPath: "simulation.duration", value: "2 h"),
            .init(keyPath: "simulation.output.interval", value: "10 min"),
        ]).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        #expect(summary.itEnergyJ > 0)
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6, "\(file)")
        #expect(summary.samplesRecorded == 13)
        // Liquid-cooled halls send most of their heat to liquid; air-cooled ones none.
        let liquidShare = summary.heatToLiquidJ / summary.itEnergyJ
        if spec.rackTypes.contains(where: { $0.cooling == .directLiquid }) {
            #expect((0.5...0.95).contains(liquidShare), "\(file): liquid share \(liquidShare)")
        } else {
            #expect(liquidShare == 0, "\(file)")
        }
    }
}

/// The quickstart rack under each cooling type: the books close, and the share of heat leaving
/// by liquid follows the cooling. (A rear door with water colder than the inlet air can take more
/// than the rack's own heat: it cools the room too.)
@Suite("Cooling types")
struct CoolingTypeTests {
    @Test(arguments: [("air", 0.0...0.0), ("rear-door", 0.3...1.2), ("direct-liquid", 0.6...0.9), ("immersion", 0.95...1.0)])
    func liquidShareFollowsTheCooling(cooling: String, expected: ClosedRange<Double>) throws {
        let path = ExampleScenariosTests.repositoryRoot.appendingPathComponent("Scenarios/quickstart.yaml").path
        let spec = try ScenarioLoader.load(path: path, overrides: [
            .init(keyPath: "racks.superpod-air.cooling", value: cooling),
            .init(keyPath: "simulation.duration", value: "90 min"),
        ]).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-cooling-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6, "\(cooling)")
        let share = summary.heatToLiquidJ / summary.itEnergyJ
        #expect(expected.contains(share), "\(cooling): liquid share \(share)")
        #expect(summary.peakJunctionC < 90, "\(cooling): peak junction \(summary.peakJunctionC)")
    }
}

@Suite("Quasi-steady servers")
struct QuasiSteadyTests {
    /// `thermal: quasi-steady`: servers hold no heat, halls stay transient; the books still close.
    @Test func quasiSteadyServersCloseTheBooks() throws {
        let path = ExampleScenariosTests.repositoryRoot.appendingPathComponent("Scenarios/quickstart.yaml").path
        let spec = try ScenarioLoader.load(path: path, overrides: [.init(keyPath: "simulation.thermal", value: "quasi-steady")]).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-qs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        // Every joule the servers draw leaves them in the same step.
        #expect(abs(summary.heatToAirJ + summary.heatToLiquidJ - summary.itEnergyJ) < 1e-6 * summary.itEnergyJ)
    }
}

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

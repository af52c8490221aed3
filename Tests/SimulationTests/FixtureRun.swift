import Foundation
import Scenario
@testable import Simulation

/// Runs a scenario of `Tests/SimulationTests/Fixtures` with key-path overrides into a temporary
/// file (removed after), and returns its summary.
func runFixture(_ name: String, _ overrides: [String: String] = [:]) throws -> RunSummary {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    let spec = try ScenarioLoader.load(path: path, overrides: overrides.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) }).spec
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-fixture-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("out.h5").path)
}

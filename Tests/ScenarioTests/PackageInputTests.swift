import Foundation
import Testing
import Models
@testable import Scenario

/// Package files and HotSpot inputs: read, solved, and refused with located errors.
@Suite("Package and HotSpot inputs")
struct PackageInputTests {
    static let hotspot = repositoryRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/hotspot").path

    /// A HotSpot study: the mean row of the trace is solved, every watt leaves by the sink.
    @Test func hotSpotStudyRunsUnchanged() throws {
        let design = try HotSpotInput.load(floorplan: "\(Self.hotspot)/chip.flp", powerTrace: "\(Self.hotspot)/chip.ptrace",
                                           config: "\(Self.hotspot)/hotspot.config", layers: nil)
        let analysis = try PackageAnalysis(design, refine: false)
        // Mean rows: core 40 W, cache 5 W, io 3 W.
        #expect(abs(analysis.steady.totalPowerW - 48) < 1e-9)
        #expect(abs(analysis.steady.energyBalanceRelativeError) < 1e-8)
        let core = try #require(analysis.blocks.first { $0.name == "core" }), cache = try #require(analysis.blocks.first { $0.name == "cache" })
        #expect(core.maxC > cache.maxC)
        // Ambient 318.15 K: everything above 45 °C.
        #expect(analysis.blocks.allSatisfy { $0.meanC > 45 })
    }

    /// A transient replays the power trace row by row, one per `-sampling_intvl`: the core runs
    /// at 30 W, then 50 W (mean 40 W): cooler than a constant mean at the end of the first
    /// interval, hotter at the end of the second.
    @Test func transientsReplayTheTrace() throws {
        let design = try HotSpotInput.load(floorplan: "\(Self.hotspot)/chip.flp", powerTrace: "\(Self.hotspot)/chip.ptrace",
                                           config: "\(Self.hotspot)/trace.config", layers: nil)
        let schedule = try #require(design.sourceSchedule)
        let core = try #require(design.customProblem?.layers.flatMap(\.sources).firstIndex { $0.name == "core" })
        #expect(abs(schedule.scales(atS: 0.005)[core] - 30.0 / 40) < 1e-12)
        #expect(abs(schedule.scales(atS: 0.015)[core] - 50.0 / 40) < 1e-12)
        #expect(abs(schedule.scales(atS: 1)[core] - 50.0 / 40) < 1e-12)
        let solver = try PackageAnalysis(design, refine: false).solver
        let replayed = try solver.transient(durationS: 0.02, stepS: 1e-3, schedule: schedule)
        let constant = try solver.transient(durationS: 0.02, stepS: 1e-3)
        #expect(replayed.maxC[9] < constant.maxC[9])
        #expect(replayed.maxC[19] > constant.maxC[19])
    }

    /// Chip, spreader and sink of one size with uniform power: 1-D, so the chip's rise is the
    /// series resistances t/(k·A) of chip (half), TIM, spreader and sink, plus r_convec.
    @Test func uniformHotSpotStackIsOneDimensional() throws {
        let design = try HotSpotInput.load(floorplan: "\(Self.hotspot)/uniform.flp", powerTrace: nil, config: "\(Self.hotspot)/uniform.config",
                                           layers: nil)
        let analysis = try PackageAnalysis(design, refine: false)
        let area = 0.03 * 0.03, p = 1.0 // without a trace every block draws 1 W
        let expected = p * (0.00015 / 2 / (100 * area) + 20e-6 / (4 * area) + 0.001 / (400 * area) + 0.0069 / (400 * area) + 0.2)
        #expect(abs(analysis.dies[0].meanC - 45 - expected) < 1e-3 * expected)
    }

    /// A HotSpot layer file: two dissipating layers become tiers; the lower one, farther from
    /// the sink, runs hotter for the same power density.
    @Test func hotSpotLayerFileStacksDies() throws {
        let design = try HotSpotInput.load(floorplan: "\(Self.hotspot)/chip.flp", powerTrace: "\(Self.hotspot)/stack.ptrace",
                                           config: "\(Self.hotspot)/hotspot.config", layers: "\(Self.hotspot)/stack.lcf")
        #expect(design.kind == .stack3D && design.dies.count == 2)
        let analysis = try PackageAnalysis(design, refine: false)
        #expect(abs(analysis.steady.totalPowerW - 60) < 1e-9)
        #expect(abs(analysis.steady.energyBalanceRelativeError) < 1e-8)
        #expect(analysis.dies[0].meanC > analysis.dies[1].meanC)
    }

    @Test func badFloorplanLineIsLocated() {
        do {
            _ = try HotSpotInput.load(floorplan: "\(Self.hotspot)/bad.flp", powerTrace: nil, config: nil, layers: nil)
            Issue.record("a bad floorplan was accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("bad.flp:2"), "\(text)")
            #expect(text.contains("expected '<name> <width> <height> <left-x> <bottom-y> ["))
        }
    }

    /// Every example package file loads; a broken one names its file, line and key.
    @Test func examplePackagesLoadAndErrorsAreLocated() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios/packages").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 4)
        for file in files { _ = try PackageLoader.load(path: "\(folder)/\(file)") }

        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: broken) }
        try """
            kind: monolithic
            dies:
              - {name: d, node: 3nm, size: [10 mm, 10 mm], power: 100 W}
              - {name: e, size: [10 mm], power: 50 W}
            cooling: {kind: cold-plate, flow: 1.5 L/min}
            """.write(to: broken, atomically: true, encoding: .utf8)
        do {
            _ = try PackageLoader.load(path: broken.path)
            Issue.record("a broken package was accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains(":3:") && text.contains("dies[0].node"), "\(text)")
            #expect(text.contains(":4:") && text.contains("dies[1].size"), "\(text)")
        }
    }

    /// Power densities, an air-cooled sink from its airflow, orientation and TSVs are read.
    @Test func densitiesAirflowOrientationAndTSVs() throws {
        let design = try PackageLoader.load(text: """
            kind: stack-3d
            orientation: face-to-face
            dies:
              - {name: a, size: [10 mm, 10 mm], power_density: 1 W/mm2, tsv_fraction: 5 %,
                 blocks: [{name: hot, size: [2 mm, 2 mm], power_density: 2 W/mm2}]}
              - {name: b, size: [10 mm, 10 mm], tier: 1, power: 50 W}
            cooling: {kind: air, airflow: 0.05 m3/s, fluid_temperature: 35 degC}
            """, path: "p.yaml")
        #expect(design.orientation == .faceToFace)
        #expect(abs(design.dies[0].uniformPowerW - 100) < 1e-9)
        #expect(abs(design.dies[0].blocks[0].powerW - 8) < 1e-9)
        #expect(abs(design.dies[0].tsvFraction - 0.05) < 1e-12)
        // Sink-to-air 0.1 K/W at 0.025 m³/s, scaled by airflow^-0.8.
        guard case .resistance(let r, 35) = design.cooling else { Issue.record("expected a lumped resistance"); return }
        #expect(abs(r - 0.1 * pow(2, -0.8)) < 1e-12)
    }

    /// Overlapping dies in a tier, and a stacked die with nothing under it, are refused.
    @Test func impossibleStacksAreRefused() {
        for (dies, expected) in [
            ("[{name: a, size: [10 mm, 10 mm]}, {name: b, size: [10 mm, 10 mm], position: [5 mm, 0 mm]}]", "overlaps die 'a'"),
            ("[{name: a, size: [10 mm, 10 mm]}, {name: b, size: [10 mm, 10 mm], position: [20 mm, 0 mm], tier: 1}]", "no die of tier 0 under it"),
        ] {
            do {
                _ = try PackageLoader.load(text: "kind: stack-3d\ndies: \(dies)\ncooling: {kind: cold-plate, flow: 1.5 L/min}\n", path: "p.yaml")
                Issue.record("accepted: \(dies)")
            } catch {
                #expect(error.diagnostics.contains { $0.message.contains(expected) }, "\(error.diagnostics)")
            }
        }
    }

    /// Seeded mutations of every example package file (`SeededMutator`), 500 each: success or
    /// clean errors, never a crash.
    @Test func seededMutationsOfPackagesNeverCrash() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios/packages")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var mutator = SeededMutator(seed: 61_129)
        var accepted = 0, rejected = 0
        for file in files {
            let path = folder.appendingPathComponent(file).path
            let original = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
            for _ in 0..<500 {
                do {
                    _ = try PackageLoader.load(text: mutator.mutate(original), path: path)
                    accepted += 1
                } catch {
                    rejected += 1
                    #expect(!error.errors.isEmpty)
                }
            }
        }
        #expect(accepted > 0 && rejected > 0)
    }
}

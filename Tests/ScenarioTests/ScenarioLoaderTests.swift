import Foundation
import Testing
@testable import Scenario

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Scenario files: loading and located errors")
struct ScenarioLoaderTests {
    static let valid = """
        simulation:
          duration: 1 h
          seed: 7
          output:
            interval: 30 s
        servers:
          node:
            idle_power: 1 kW
            max_power: 8 kW
            airflow: 800 CFM
            heat_capacity: 50 kJ/K
            air_conductance: 700 W/K
        racks:
          r:
            server: node
            servers: 2
        halls:
          - name: h1
            rack: r
            supply_air_temperature: 22 degC
        workload:
          jobs:
            - name: a
              submit: 5 min
              duration: 20 min
              servers: 2
              utilization: 75 %
        """

    func errors(_ text: String) -> [String] {
        do {
            _ = try ScenarioLoader.load(text: text, path: "s.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func validScenarioLoadsInSI() throws {
        let loaded = try ScenarioLoader.load(text: Self.valid, path: "s.yaml")
        let spec = loaded.spec
        #expect(loaded.warnings.isEmpty)
        #expect(spec.simulation.durationS == 3600)
        #expect(spec.simulation.seed == 7)
        #expect(spec.simulation.outputIntervalS == 30)
        #expect(spec.simulation.startInstant == "2026-01-01T00:00:00Z")
        #expect(spec.serverTypes.first?.maxPowerW == 8000)
        #expect(spec.serverTypes.first?.idlePowerW == 1000)
        #expect(abs(spec.serverTypes[0].airflowM3PerS - 800 * 0.3048 * 0.3048 * 0.3048 / 60) < 1e-12)
        #expect(spec.halls[0].supplyAirTemperatureC == 22)
        #expect(spec.halls[0].rackCount == 1)
        #expect(spec.jobs[0].utilization == 0.75)
        #expect(spec.jobs[0].hall == "h1")
    }

    @Test func everyExampleScenarioIsValid() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for file in files {
            do {
                _ = try ScenarioLoader.load(path: folder.appendingPathComponent(file).path)
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
    }

    /// Golden error text: the exact line a user sees, so a change to it is deliberate.
    @Test func errorsAreLocatedAndAllReportedAtOnce() {
        let text = Self.valid
            .replacingOccurrences(of: "  seed: 7", with: "  sed: 7")
            .replacingOccurrences(of: "max_power: 8 kW", with: "max_power: -8 kW")
            .replacingOccurrences(of: "supply_air_temperature: 22 degC", with: "supply_air_temperature: 22 kW")
            .replacingOccurrences(of: "server: node", with: "server: nod")
        #expect(errors(text) == [
            "s.yaml:3:3: error: simulation.sed: unknown key 'sed' (did you mean 'seed'?); expected one of start, duration, time_step, seed, thermal, output, solver",
            "s.yaml:9:16: error: servers.node.max_power: expected a value in 0...1000000 W, found '-8 kW'",
            "s.yaml:15:13: error: racks.r.server: expected one of node, found 'nod' (did you mean 'node'?)",
            "s.yaml:20:29: error: halls[0].supply_air_temperature: expected a temperature such as '27 degC', found 'kW', a unit of power",
        ])
    }

    /// One mistake, one error: a hall refused for its own error leaves the keys that name it (a
    /// CRAH group's, a job's) without a second error, and a name that was never defined still
    /// gets one.
    @Test func aRefusedHallIsNotReportedAgainWhereItIsNamed() {
        let crah = { (hall: String) in "    - hall: \(hall)\n      units: 2\n      capacity: 100 kW\n      airflow: 10 m3/s\n      fan_power: 2 kW\n" }
        let text = Self.valid
            .replacingOccurrences(of: "    rack: r\n", with: "    rack: r\n    rows: 0\n")
            .replacingOccurrences(of: "      servers: 2\n", with: "      servers: 2\n      hall: h1\n")
            + "\ncooling:\n  crah:\n" + crah("h1") + crah("h2")
        #expect(errors(text) == [
            "s.yaml:20:11: error: halls[0].rows: expected a whole number in 1...1000, found 0",
            "s.yaml:37:13: error: cooling.crah[1].hall: 'h2' names nothing defined without errors (see the errors above, or define it)",
        ])
    }

    /// A room smaller than its racks with their aisles is warned of at its key (a unit slip, and a
    /// room that overshoots once the units stop); 10 m³ a rack is not.
    @Test func aRoomSmallerThanItsRacksIsWarnedOf() throws {
        func warnings(_ volume: String) throws -> [String] {
            let text = Self.valid.replacingOccurrences(of: "    rack: r\n", with: "    rack: r\n    racks_per_row: 10\n    room_volume: \(volume)\n")
            return try ScenarioLoader.load(text: text, path: "s.yaml").warnings.map(\.description).filter { $0.contains("a rack") }
        }
        let small = try warnings("30 m3")
        #expect(small.count == 1 && small[0].contains("halls[0].room_volume:") && small[0].contains("3 m³ a rack"), "\(small)")
        #expect(try warnings("100 m3").isEmpty)
    }

    @Test func nonFinitePowerIsAnError() {
        let text = Self.valid.replacingOccurrences(of: "idle_power: 1 kW", with: "idle_power: .inf kW")
        #expect(errors(text) == ["s.yaml:8:17: error: servers.node.idle_power: expected a finite number, found '.inf kW'"])
    }

    @Test func missingSectionsAreNamed() {
        #expect(errors("simulation:\n  duration: 1 h\n") == [
            "s.yaml:1:1: error: servers: missing required section",
            "s.yaml:1:1: error: racks: missing required section",
            "s.yaml:1:1: error: halls: missing required list",
        ])
    }

    @Test func wrongTypeSaysWhatWasFound() {
        #expect(errors("simulation: [1, 2]\nservers: {}\nracks: {}\nhalls: []\n").first
                == "s.yaml:1:13: error: simulation: expected a mapping of keys, found a list")
    }

    @Test func physicallyOddButLegalInputIsAWarning() throws {
        let text = Self.valid.replacingOccurrences(of: "22 degC", with: "30 degC")
        let loaded = try ScenarioLoader.load(text: text, path: "s.yaml")
        #expect(loaded.warnings.map(\.description) == [
            "s.yaml:20:29: warning: halls[0].supply_air_temperature: supply air at 30 °C is outside the ASHRAE A1 recommended range 18-27 °C",
        ])
    }

    @Test func jobLargerThanItsRackIsAnError() {
        let text = Self.valid.replacingOccurrences(of: "      servers: 2\n      utilization", with: "      servers: 3\n      utilization")
        #expect(errors(text) == ["s.yaml:26:16: error: workload.jobs[0].servers: job needs 3 servers but hall 'h1' has 2"])
    }
}

@Suite("Hostile input gets a clean error, never a crash or a hang")
struct HostileInputTests {
    func firstError(_ text: String) -> String? {
        do {
            _ = try ScenarioLoader.load(text: text, path: "h.yaml")
            return nil
        } catch {
            return error.diagnostics.first?.description
        }
    }

    @Test func syntaxError() {
        #expect(firstError("simulation:\n  duration: [1, 2\n") == "h.yaml:3:1: error: YAML syntax error: did not find expected ',' or ']'")
    }

    @Test func emptyFile() {
        #expect(firstError("") == "h.yaml: error: file is empty: expected a YAML mapping of scenario sections")
        #expect(firstError("# only a comment\n") == "h.yaml: error: file is empty: expected a YAML mapping of scenario sections")
    }

    @Test func duplicateKey() {
        #expect(firstError("simulation:\n  duration: 2 h\n  duration: 3 h\n")
                == "h.yaml:2:3: error: duplicate key 'duration' in a mapping: each key may appear once")
    }

    @Test func aliasBomb() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "f"]) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(firstError(text)?.contains("expands to more than 200000 nodes") == true)
    }

    @Test func deepNesting() {
        let text = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(firstError(text) == "h.yaml:1:68: error: nesting deeper than 64 levels")
        var block = ""
        for depth in 0..<200 { block += String(repeating: " ", count: depth) + "k\(depth):\n" }
        #expect(firstError(block)?.contains("nesting deeper than 64 levels") == true)
    }

    @Test func binaryAndNonUTF8Files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("binary.yaml")
        try Data([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]).write(to: binary)
        let latin1 = folder.appendingPathComponent("latin1.yaml")
        try Data([0x63, 0x61, 0x66, 0xe9, 0x3a, 0x20, 0x31]).write(to: latin1)
        for (file, expected) in [(binary, "file contains NUL bytes"), (latin1, "file is not UTF-8 text")] {
            do {
                _ = try ScenarioLoader.load(path: file.path)
                Issue.record("\(file.lastPathComponent) accepted")
            } catch {
                #expect(error.diagnostics.first?.message.hasPrefix(expected) == true, "\(error)")
            }
        }
        do {
            _ = try ScenarioLoader.load(path: folder.appendingPathComponent("missing.yaml").path)
        } catch {
            #expect(error.diagnostics.first?.message == "no such file")
        }
    }

    @Test func hugeNumbers() {
        let text = ScenarioLoaderTests.valid.replacingOccurrences(of: "    servers: 2", with: "    servers: 99999999999999999999999")
        #expect(firstError(text)?.contains("racks.r.servers: expected a whole number in 1...200") == true)
    }

    /// Seeded mutations of every example scenario (byte flips, deletions, duplications,
    /// truncation), 1,500 per example: each gives success or clean errors, each with a location
    /// or at least a file, and no reader gives up without saying why.
    @Test func seededMutationsNeverCrash() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var mutator = SeededMutator(seed: 20_261_129, alphabet: " :-[]{}&*!|>'\"#\n\t0123456789.eE%abkWCFsm")
        var accepted = 0, rejected = 0
        for file in files {
            // Mutations of a file that extends another keep its relative path working.
            let path = folder.appendingPathComponent(file).path
            let original = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
            for _ in 0..<1_500 {
                let text = mutator.mutate(original)
                do {
                    let spec = try ScenarioLoader.load(text: text, path: path).spec
                    accepted += 1
                    // What the output stores must run again: emit → load gives the same text.
                    do {
                        let again = try ScenarioLoader.load(text: spec.resolvedText, path: path).spec
                        #expect(again.resolvedText == spec.resolvedText, "round trip of:\n\(text)")
                    } catch {
                        Issue.record("the resolved text of a valid scenario does not load again: \(error)\n\(spec.resolvedText)")
                    }
                } catch {
                    rejected += 1
                    #expect(!error.errors.isEmpty)
                    for diagnostic in error.diagnostics {
                        #expect(diagnostic.description.hasPrefix(folder.path) || diagnostic.description.hasPrefix("<override"))
                        #expect(!diagnostic.message.contains("scenario is incomplete"), "a reader gave up silently on:\n\(text)")
                    }
                }
            }
        }
        #expect(accepted > 0 && rejected > 0)
    }
}

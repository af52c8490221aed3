import Foundation
import Testing
@testable import Scenario

/// A folder of scenario files for one test, removed afterwards.
final class ScenarioFolder {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-compose-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = url.appendingPathComponent(name).path
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite("Composition: extends, overrides, catalog references")
struct CompositionTests {
    static let base = """
        simulation:
          duration: 1 h
          seed: 1
        servers:
          gpu:
            catalog: dgx-h100
        racks:
          r:
            server: gpu
            servers: 4
        halls:
          - name: h1
            rack: r
            rows: 2
            racks_per_row: 5
        """

    func messages(_ error: ScenarioError) -> [String] { error.diagnostics.map(\.description) }

    @Test func extendsMergesMappingsAndReplacesLists() throws {
        let folder = ScenarioFolder()
        folder.write("base.yaml", Self.base)
        let child = folder.write("child.yaml", """
            extends: base.yaml
            simulation:
              seed: 2
            servers:
              gpu:
                accelerator: {catalog: h100-sxm, tdp: 600 W}
            halls:
              - name: h2
                rack: r
                rows: 1
            """)
        let spec = try ScenarioLoader.load(path: child).spec
        #expect(spec.simulation.durationS == 3600)      // from the base
        #expect(spec.simulation.seed == 2)              // overridden
        #expect(spec.serverTypes[0].catalogName == "dgx-h100")
        #expect(spec.serverTypes[0].accelerator?.tdpW == 600)
        #expect(spec.halls.map(\.name) == ["h2"])      // lists are replaced whole
        // The resolved text holds the merge and reads back to the same spec.
        let again = try ScenarioLoader.load(text: spec.resolvedText, path: folder.url.appendingPathComponent("resolved.yaml").path).spec
        #expect(again.simulation.seed == 2 && again.serverTypes[0].accelerator?.tdpW == 600 && again.halls[0].name == "h2")
    }

    /// A power cap on the accelerator lowers the catalog server's maximum by 8 × 100 W.
    @Test func acceleratorOverrideChangesServerPower() throws {
        let folder = ScenarioFolder()
        let capped = folder.write("capped.yaml", Self.base.replacingOccurrences(of: "    catalog: dgx-h100",
                                  with: "    catalog: dgx-h100\n    accelerator: {catalog: h100-sxm, tdp: 600 W}"))
        let plain = folder.write("plain.yaml", Self.base)
        let cappedServer = try ScenarioLoader.load(path: capped).spec.serverTypes[0]
        let plainServer = try ScenarioLoader.load(path: plain).spec.serverTypes[0]
        #expect(plainServer.maxPowerW == 10_200)
        #expect(plainServer.idlePowerW == 1_500)
        #expect(cappedServer.maxPowerW == 10_200 - 8 * 100)
    }

    @Test func overridesByKeyPath() throws {
        let folder = ScenarioFolder()
        folder.write("base.yaml", Self.base)
        let child = folder.write("child.yaml", """
            extends: base.yaml
            overrides:
              halls[0].rows: 7
              servers.gpu.max_power: 9 kW
              simulation.output.interval: 5 min
            """)
        let spec = try ScenarioLoader.load(path: child, overrides: [.init(keyPath: "simulation.seed", value: "99")]).spec
        #expect(spec.halls[0].rows == 7)
        #expect(spec.serverTypes[0].maxPowerW == 9_000)
        #expect(spec.simulation.outputIntervalS == 300)
        #expect(spec.simulation.seed == 99)
    }

    @Test func badOverridesAreLocated() {
        let folder = ScenarioFolder()
        folder.write("base.yaml", Self.base)
        let child = folder.write("child.yaml", "extends: base.yaml\noverrides:\n  halls[3].rows: 7\n  halls..x: 1\n")
        do {
            _ = try ScenarioLoader.load(path: child)
            Issue.record("accepted")
        } catch {
            #expect(messages(error) == ["\(child):3:3: error: overrides: cannot override 'halls[3].rows': index 3 is past the end of a list of 1"])
        }
    }

    @Test func missingTargetAndCyclesAreErrors() {
        let folder = ScenarioFolder()
        let missing = folder.write("missing.yaml", "extends: nowhere.yaml\n")
        do {
            _ = try ScenarioLoader.load(path: missing)
            Issue.record("accepted")
        } catch {
            #expect(messages(error) == ["\(missing):1:10: error: extends: extends target not found: \(folder.url.path)/nowhere.yaml"])
        }
        folder.write("a.yaml", "extends: b.yaml\n")
        folder.write("b.yaml", "extends: c.yaml\n")
        let c = folder.write("c.yaml", "extends: a.yaml\n")
        do {
            _ = try ScenarioLoader.load(path: folder.url.appendingPathComponent("a.yaml").path)
            Issue.record("accepted")
        } catch {
            #expect(messages(error) == ["\(c):1:10: error: extends: extends makes a cycle: a.yaml → b.yaml → c.yaml → a.yaml"])
        }
    }

    /// An error in a base file names the base file and its line.
    @Test func errorsInABaseNameTheBase() {
        let folder = ScenarioFolder()
        let base = folder.write("base.yaml", Self.base.replacingOccurrences(of: "servers: 4", with: "servers: four"))
        let child = folder.write("child.yaml", "extends: base.yaml\n")
        do {
            _ = try ScenarioLoader.load(path: child)
            Issue.record("accepted")
        } catch {
            #expect(messages(error) == ["\(base):10:14: error: racks.r.servers: expected a whole number in 1...200, found 'four'"])
        }
    }

    @Test func unknownCatalogNamesSuggestTheClosest() {
        let text = Self.base.replacingOccurrences(of: "catalog: dgx-h100", with: "catalog: dgx-h10\n    accelerator: h100-smx")
            + "\nsite:\n  catalog: ulanquab\n"
        do {
            _ = try ScenarioLoader.load(text: text, path: "s.yaml")
            Issue.record("accepted")
        } catch {
            #expect(messages(error) == [
                "s.yaml:18:12: error: site.catalog: expected one of beijing, shanghai, guangzhou, shenzhen, ulanqab, hohhot, guiyang, zhongwei, qingyang, chongqing, dalian, ashburn, dublin, singapore, found 'ulanquab' (did you mean 'ulanqab'?)",
                "s.yaml:6:14: error: servers.gpu.catalog: expected one of dgx-a100, dgx-h100, hgx-h200, dgx-b200, inference-8x-pcie, cpu-node, found 'dgx-h10' (did you mean 'dgx-h100'?)",
                "s.yaml:7:18: error: servers.gpu.accelerator: no accelerator 'h100-smx' in the catalog (did you mean 'h100-sxm'?); see 'plenum catalog accelerators'",
            ])
        }
    }

    /// A null override (`towers: null`, `--set cooling.towers=null`) is emitted as a null, and the
    /// stored text validates and loads to the same scenario.
    @Test func emitterKeepsNullsAndBooleans() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        let path = folder.appendingPathComponent("shanghai-a100-air.yaml").path
        let spec = try ScenarioLoader.load(path: path, overrides: [.init(keyPath: "cooling.economiser", value: "null")]).spec
        #expect(spec.resolvedText.contains("economiser: null"))
        #expect(!spec.resolvedText.contains("\"null\""))
        let again = try ScenarioLoader.load(text: spec.resolvedText, path: path).spec
        #expect(again.resolvedText == spec.resolvedText)
        #expect(again.cooling.economiser.mode == spec.cooling.economiser.mode)
    }

    @Test func emitterRoundTripsEveryExample() throws {
        let folder = repositoryRoot.appendingPathComponent("Scenarios")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }) {
            let spec = try ScenarioLoader.load(path: folder.appendingPathComponent(file).path).spec
            let again = try ScenarioLoader.load(text: spec.resolvedText, path: folder.appendingPathComponent(file).path).spec
            #expect(again.resolvedText == spec.resolvedText, "\(file)")
        }
    }
}

@Suite("Cross-section checks: warnings for the implausible, errors for the inconsistent")
struct ScenarioChecksTests {
    func load(_ text: String) throws(ScenarioError) -> ScenarioLoader.Loaded { try ScenarioLoader.load(text: text, path: "w.yaml") }

    @Test func capacitiesBelowLoadsAreWarnings() throws {
        let text = CompositionTests.base.replacingOccurrences(of: "    servers: 4", with: "    servers: 4\n    power_limit: 30 kW") + """

            cooling:
              crah:
                - {units: 3, redundant: 1, capacity: 150 kW, airflow: 10 m3/s, fan_power: 5 kW}
            power:
              ups: {redundancy: 2N, modules: 2, module_rating: 500 kW}
            """
        let warnings = try load(text).warnings.map(\.message)
        #expect(warnings == [
            "racks of 4 × gpu can draw 40.8 kW, above the power limit 30 kW",
            "hall 'h1' can put 408 kW into air, above its CRAH capacity 300 kW (without redundant units)",
            "UPS loaded to 82 % at full IT power (408 kW on 500 kW usable with 2N)",
        ].filter { !$0.hasPrefix("UPS") })
    }

    @Test func upsOverloadIsAWarning() throws {
        let text = CompositionTests.base + "\npower:\n  ups: {redundancy: N+1, modules: 3, module_rating: 150 kW}\n"
        #expect(try load(text).warnings.map(\.message) == ["UPS loaded to 136 % at full IT power (408 kW on 300 kW usable with N+1)"])
    }

    @Test func faultsMustNameADeclaredComponent() {
        let text = CompositionTests.base + """

            cooling:
              crah:
                - {units: 2, capacity: 300 kW, airflow: 20 m3/s, fan_power: 5 kW}
            faults:
              - {component: h1/crah-3, at: 10 min}
              - {component: h1/crah-2, at: 10 min, duration: 5 min}
            """
        do {
            _ = try load(text)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "no component 'h1/crah-3' (did you mean 'h1/crah-1'?); faults name a unit declared under cooling (hall-1/crah-2, chiller-1), ups, utility, or a kind (crah, server)",
            ])
        }
    }

    @Test func currenciesMustAgree() {
        let text = CompositionTests.base + "\nsite:\n  catalog: ashburn\neconomics:\n  currency: CNY\n  carbon_price: 10 USD/t\n"
        do {
            _ = try load(text)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["amount in USD, but the scenario's currency is CNY; Plenum does not convert currencies"])
        }
        let mismatch = CompositionTests.base + "\nsite:\n  catalog: ashburn\neconomics:\n  currency: CNY\n"
        do {
            _ = try load(mismatch)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "w.yaml:19:13: error: economics.currency: the site's electricity price is in USD but economics.currency is CNY; give site.electricity.price in CNY (Plenum does not convert currencies)",
            ])
        }
    }

    @Test func timeOfUseHoursAreParsed() throws {
        let text = CompositionTests.base + """

            site:
              electricity:
                price: 0.5 CNY/kWh
                time_of_use: {peak_hours: ["10-13", "17-22"], peak_multiplier: 1.6, valley_hours: ["23-07"], valley_multiplier: 0.4}
            """
        let tou = try #require(try load(text).spec.site.timeOfUse)
        #expect(tou.peakHours == [10, 11, 12, 17, 18, 19, 20, 21])
        #expect(tou.valleyHours == [0, 1, 2, 3, 4, 5, 6, 23])
        let overlapping = text.replacingOccurrences(of: "\"23-07\"", with: "\"20-07\"")
        #expect(throws: ScenarioError.self) { _ = try load(overlapping) }
    }
}

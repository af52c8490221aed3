import Foundation
import Testing
@testable import Scenario

/// `network:` and training jobs described by a model: what is read, and what is refused.
@Suite("Network section and model-described training jobs")
struct NetworkScenarioTests {
    static let base = """
        simulation:
          duration: 1 h
          seed: 7
        servers:
          dgx:
            catalog: dgx-h100
        racks:
          r: {server: dgx, servers: 4}
        halls:
          - {name: h1, rack: r, rows: 4, racks_per_row: 8}
        workload:
          jobs:
            - {name: gpt, kind: training, accelerators: 1024, model: gpt3-175b, global_batch: 1536, steps: 10}

        """
    static let network = "network: {switch: quantum-2-qm9700, oversubscription: 2}\n"

    func load(_ text: String) throws -> ScenarioSpec { try ScenarioLoader.load(text: text, path: "n.yaml").spec }
    func errors(_ text: String) -> [String] {
        do {
            _ = try ScenarioLoader.load(text: text, path: "n.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func fabricAndModelAreResolvedFromTheCatalog() throws {
        let spec = try load(Self.base + Self.network)
        let network = try #require(spec.network)
        #expect(network.switchRadix == 64 && network.switchTypicalW == 747 && network.nicGbps == 400 && network.oversubscription == 2)
        #expect(network.switchOptics == "osfp-800g-2xsr4" && network.switchOpticsLinks == 2 && network.nicPowerInServer)
        let model = try #require(spec.jobs[0].training?.model)
        #expect(model.model.layers == 96 && model.model.hidden == 12288 && model.tensor == nil && model.steps == 10)
        #expect(spec.jobs[0].training!.flops == 10 * model.model.modelFLOPs)
        let h100 = try #require(spec.serverTypes[0].accelerator)
        #expect(h100.memoryGB == 80 && h100.scaleUpGBytesPerS == 900 && h100.scaleUpDomain == 8)
    }

    @Test func aHallMayHaveItsOwnFabric() throws {
        let text = Self.base.replacingOccurrences(of: "racks_per_row: 8}\n", with: "racks_per_row: 8, network: {nic: connectx-6-hdr, switch: quantum-qm8700}}\n  - {name: h2, rack: r}\n")
            + Self.network
        let spec = try load(text)
        #expect(spec.fabric(ofHall: 0)?.switchName == "quantum-qm8700" && spec.fabric(ofHall: 0)?.oversubscription == 1)
        #expect(spec.fabric(ofHall: 1)?.switchName == "quantum-2-qm9700" && spec.fabric(ofHall: 1)?.oversubscription == 2)
        // Without a scenario-wide network, a hall's own fabric is enough for its jobs.
        let own = Self.base.replacingOccurrences(of: "racks_per_row: 8}", with: "racks_per_row: 8, network: {}}")
        #expect(errors(own).isEmpty)
    }

    @Test func aMixtureOfExpertsIsReadWithItsParallelism() throws {
        let moe = Self.base.replacingOccurrences(of: "model: gpt3-175b, global_batch: 1536, steps: 10}",
                                                 with: "model: {layers: 32, hidden: 4096, sequence: 4096, experts: 8, experts_per_token: 2}, global_batch: 1024, expert_parallel: 8, steps: 10}")
            + Self.network
        let spec = try load(moe)
        let model = try #require(spec.jobs[0].training?.model)
        #expect(model.model.experts == 8 && model.model.expertsPerToken == 2 && model.expert == 8)
        let lh2 = 32.0 * 4096 * 4096
        #expect(model.model.parameters == 4 * lh2 + 64 * lh2 + 51200 * 4096)
        let tooMany = moe.replacingOccurrences(of: "experts_per_token: 2", with: "experts_per_token: 9")
        #expect(errors(tooMany).contains { $0.contains("experts_per_token (9) exceeds experts (8)") })
        let uneven = moe.replacingOccurrences(of: "expert_parallel: 8", with: "expert_parallel: 3")
        #expect(errors(uneven).contains { $0.contains("expert_parallel 3 does not divide the 8 experts") })
    }

    @Test func aModelNeedsANetworkAndTakesNoMFU() {
        #expect(errors(Self.base).contains { $0.contains("has a model, but its hall has no fabric") })
        let withMFU = Self.base.replacingOccurrences(of: "steps: 10}", with: "steps: 10, mfu: 40 %}") + Self.network
        #expect(errors(withMFU).contains { $0.contains("takes 'steps' (iterations) and no 'flops', 'flops_per_step' or 'mfu'") })
    }

    @Test func layoutsThatCannotWorkAreRefusedWithTheirNumbers() {
        let uneven = Self.base.replacingOccurrences(of: "steps: 10}", with: "steps: 10, pipeline_parallel: 7}") + Self.network
        #expect(errors(uneven).contains { $0.contains("96 layers do not split into 7 equal pipeline stages") })
        let tooBig = Self.base.replacingOccurrences(of: "accelerators: 1024, model: gpt3-175b", with: "accelerators: 8, model: gpt-1t")
            + Self.network
        #expect(errors(tooBig).contains { $0.contains("does not fit in memory") && $0.contains("80 GB") })
        let indivisible = Self.base.replacingOccurrences(of: "global_batch: 1536", with: "global_batch: 7") + Self.network
        #expect(errors(indivisible).contains { $0.contains("divides the global batch of 7") })
        let slowSwitch = Self.base + "network: {switch: quantum-qm8700}\n"
        #expect(errors(slowSwitch).contains { $0.contains("slower than the NIC") })
        let twoTiers = Self.base + "network: {switch: quantum-qm8700, nic: connectx-6-hdr, tiers: 2}\n"
        #expect(errors(twoTiers).contains { $0.contains("hall 'h1' has 1024 NICs, but 2 tiers of 40-port switches reach 800") })
        let preset = Self.base.replacingOccurrences(of: "gpt3-175b", with: "gpt3-175") + Self.network
        #expect(errors(preset).contains { $0.contains("no model preset 'gpt3-175' (did you mean 'gpt3-175b'?)") })
    }
}

import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// Runs of the export-limited examples: interconnect decides the step time; the fabric draws power
/// that the books count as IT and the halls as heat.
@Suite("Training on a fabric (the export-limited examples)")
struct NetworkRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run(_ file: String, _ overrides: [String: String] = [:]) throws -> (RunSummary, HDF5Group, URL) {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path,
                                           overrides: overrides.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) }).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-network-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("out.h5").path
        let summary = try SimulationRunner.run(spec, outputPath: path)
        return (summary, try HDF5File.open(at: path).rootGroup(), folder)
    }

    /// Step times, s, of the four jobs: [full part at 1,024, limited at 1,024, full at 4,096, limited at 4,096].
    func stepTimes(_ root: HDF5Group) throws -> [Double] { try root.openDataset("jobs/step_time_s").readDoubles() }

    @Test("A800 and H800 run slower than A100 and H100, and the H800's larger NVLink cut costs more")
    func exportLimitedPartsAreSlower() throws {
        let (aSummary, a, aFolder) = try run("export-limited-a800.yaml")
        defer { try? FileManager.default.removeItem(at: aFolder) }
        let (hSummary, h, hFolder) = try run("export-limited-h800.yaml")
        defer { try? FileManager.default.removeItem(at: hFolder) }
        let aSteps = try stepTimes(a), hSteps = try stepTimes(h)
        for steps in [aSteps, hSteps] {
            #expect(steps[1] > steps[0] && steps[3] > steps[2], "\(steps)")
            #expect(steps[2] < steps[0] / 2, "4× the devices at least halves the step: \(steps)")
        }
        // NVLink keeps 2/3 of its bandwidth on the A800 and 4/9 on the H800.
        #expect(hSteps[1] / hSteps[0] > aSteps[1] / aSteps[0] && hSteps[3] / hSteps[2] > aSteps[3] / aSteps[2])
        // Pinned (docs/models/network.md): A800 +3.4 % and +3.0 %, H800 +7.6 % and +14.1 %.
        let slowdowns = [aSteps[1] / aSteps[0], aSteps[3] / aSteps[2], hSteps[1] / hSteps[0], hSteps[3] / hSteps[2]].map { $0 - 1 }
        for (value, pinned) in zip(slowdowns, [0.034, 0.030, 0.076, 0.141]) { #expect(abs(value - pinned) < 0.005, "\(slowdowns)") }
        // MFU is an output below the kernels' 60 %, and jobs ran their 100 steps.
        let mfu = try h.openDataset("jobs/mfu").readDoubles(), run = try h.openDataset("jobs/run_s").readDoubles()
        #expect(mfu.allSatisfy { $0 > 0.2 && $0 < 0.6 })
        for (r, s) in zip(run, hSteps) { #expect(abs(r / (100 * s) - 1) < 0.02, "run \(r) s for 100 steps of \(s) s") }
        // The fabric is IT: in the IT energy, in the heat to air, and the balance still closes.
        for (summary, root) in [(aSummary, a), (hSummary, h)] {
            let energy = try root.openDataset("network/energy_j").readDoubles().reduce(0, +)
            #expect(summary.networkEnergyJ > 0 && abs(energy / summary.networkEnergyJ - 1) < 1e-9)
            #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
            let it = try root.openDataset("timeseries/facility/it_power_w").readDoubles()
            let network = try root.openDataset("timeseries/facility/network_power_w").readDoubles()
            #expect(zip(it, network).allSatisfy { $0 > $1 && $1 > 0 })
        }
    }

    @Test("A power limit slows the clocks, and the synchronous job follows its slowest device")
    func throttledDevicesSlowTheStep() throws {
        let (_, free, freeFolder) = try run("export-limited-h800.yaml")
        defer { try? FileManager.default.removeItem(at: freeFolder) }
        let (_, capped, cappedFolder) = try run("export-limited-h800.yaml", ["servers.dgx-h100.accelerator.power_limit": "400 W"])
        defer { try? FileManager.default.removeItem(at: cappedFolder) }
        let freeRun = try free.openDataset("jobs/run_s").readDoubles(), cappedRun = try capped.openDataset("jobs/run_s").readDoubles()
        #expect(cappedRun[0] > freeRun[0] * 1.05 && cappedRun[2] > freeRun[2] * 1.05, "\(freeRun) \(cappedRun)")
        // The H800 halls are not capped: unchanged.
        #expect(abs(cappedRun[1] / freeRun[1] - 1) < 1e-9)
    }

    /// The same 256-GPU job under one rail leaf, and split over two leaves of a 4:1 oversubscribed
    /// fabric: the split one crosses the spines at a quarter of the NIC's bandwidth.
    @Test("Placement matters: a job split across leaves of an oversubscribed fabric runs slower")
    func placementAcrossLeaves() throws {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/export-limited-h800.yaml").path,
                                           overrides: [.init(keyPath: "network.oversubscription", value: "4")]).spec
        let network = try #require(spec.network)
        let server = try #require(spec.serverType(named: "dgx-h100")), accelerator = try #require(server.accelerator)
        var model = try #require(spec.jobs[0].training?.model)
        model.tensor = 8
        model.pipeline = 8
        let fabric = HallFabric(spec: network, servers: 512, acceleratorsPerServer: 8)
        let perLeaf = fabric.topology.serversPerLeaf
        #expect(perLeaf == 51)                          // ⌊64 · 4/5⌋ down ports, one server per port on a rail
        func stepS(_ servers: [Int]) throws -> Double {
            let job = try #require(ModelTrainingJob(model: model, servers: servers, acceleratorsPerServer: 8, accelerator: accelerator,
                                                    peakFLOPS: 989.4e12, fabric: fabric))
            #expect(job.devices == 256)
            return job.step(clock: 1).breakdown.totalS
        }
        let packed = try stepS(Array(0..<32)), split = try stepS(Array(0..<16) + Array(perLeaf..<(perLeaf + 16)))
        #expect(split > packed * 1.02, "packed \(packed) s, split \(split) s")
        let packedLink = fabric.scaleOutLink(servers: Array(0..<32), nicsPerDevice: 1)
        let splitLink = fabric.scaleOutLink(servers: Array(0..<16) + Array(perLeaf..<(perLeaf + 16)), nicsPerDevice: 1)
        #expect(packedLink.bandwidthBytesPerS == 4 * splitLink.bandwidthBytesPerS && splitLink.latencyS > packedLink.latencyS)
    }

    /// The fabric of a 10,000-GPU rail-optimised NDR hall (1,250 DGX H100), NICs and their modules
    /// included, against published designs:
    /// - a 512-server (4,096 H100) NDR cluster built as 4 SuperPods of 32 leaf, 32 spine and 16 core
    ///   QM9700 switches: 320 switches, 0.078 per GPU (apetops-us.com, "512 H100 clustering solution");
    /// - "storage servers, network switches, and optical transceivers … approximately 10 % of the
    ///   total power" of a 100,000-H100 cluster (apetops-us.com, after SemiAnalysis' 100k-H100 study).
    @Test("A 10,000-GPU fabric: the published switch count, and about a tenth of the power")
    func tenThousandGPUFabric() throws {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/export-limited-h800.yaml").path,
                                           overrides: [.init(keyPath: "network.nic_power_in_server", value: "false")]).spec
        let network = try #require(spec.network)
        let design4096 = HallFabric(spec: network, servers: 512, acceleratorsPerServer: 8)
        #expect(design4096.inventory.switches == 320 && design4096.inventory.leaves == 128 && design4096.inventory.cores == 64)
        let fabric = HallFabric(spec: network, servers: 1250, acceleratorsPerServer: 8)
        let gpus = 10_000.0
        let perGPUFullW = fabric.powerW(utilization: 1) / gpus, perGPUIdleW = fabric.powerW(utilization: 0) / gpus
        #expect((0.07...0.09).contains(Double(fabric.inventory.switches) / gpus))
        // NICs (25 W), NIC modules (8 W), switch modules (15 W per two links) and switches.
        #expect((100...150).contains(perGPUFullW) && perGPUIdleW < perGPUFullW)
        // Against a DGX H100 at full power (10.2 kW for 8 GPUs): under a tenth of the total.
        let share = perGPUFullW / (10_200 / 8 + perGPUFullW)
        #expect(share > 0.05 && share < 0.10, "\(perGPUFullW) W per GPU, \(share)")
    }
}

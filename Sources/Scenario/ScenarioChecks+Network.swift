import Models

/// The fabric: enough tiers for every hall's NICs. Training jobs described by a model: a fabric to
/// run on, a layout that divides the devices and the batch, and one that fits in device memory.
extension ScenarioChecks {
    static func checkFabric(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        if spec.workload.placement == .fabric, let bare = spec.halls.indices.first(where: { spec.fabric(ofHall: $0) == nil }) {
            diagnostics.warning("placement 'fabric' needs a fabric; hall '\(spec.halls[bare].name)' has none and places its jobs packed",
                                at: locate("workload.placement"), keyPath: "workload.placement")
        }
        for (h, hall) in spec.halls.enumerated() {
            guard let network = spec.fabric(ofHall: h), let rack = spec.rackType(named: hall.rackType), let server = spec.serverType(named: rack.serverType) else { continue }
            let topology = FabricTopology(layout: network.layout, servers: hall.rackCount * rack.serverCount,
                                          nicsPerServer: network.nicsPerServer ?? max(1, server.acceleratorCount),
                                          radix: network.switchRadix, oversubscription: network.oversubscription, tiers: network.tiers)
            guard !topology.fits else { continue }
            let reach = topology.tiers >= 3 ? topology.threeTierCapacity : topology.tiers == 2 ? topology.twoTierCapacity : topology.leafDownPorts
            let prefix = hall.network == nil ? "network" : "halls[\(h)].network"
            let key = prefix + (network.tiers == nil ? ".switch" : ".tiers")
            diagnostics.error("hall '\(hall.name)' has \(topology.endpoints) NICs, but \(topology.tiers) tiers of \(network.switchRadix)-port switches "
                              + "reach \(reach) at oversubscription \(format(network.oversubscription))"
                              + (network.tiers == nil ? "; choose a switch with more ports" : "; use more tiers"), at: locate(key), keyPath: key)
        }
    }

    static func checkTrainingModels(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        for (index, job) in spec.jobs.enumerated() {
            guard let model = job.training?.model else { continue }
            let listed = index < spec.workload.explicitJobCount
            let key = listed ? "workload.jobs[\(index)].model" : "workload"
            guard let h = spec.halls.firstIndex(where: { $0.name == job.hall }), let network = spec.fabric(ofHall: h) else {
                diagnostics.error("training job '\(job.name)' has a model, but its hall has no fabric (no 'network:' section, nor 'halls[].network'): its data-parallel traffic needs one",
                                  at: locate(key), keyPath: key)
                continue
            }
            guard let hall = spec.hall(named: job.hall), let rack = spec.rackType(named: hall.rackType),
                  let server = spec.serverType(named: rack.serverType), let accelerator = server.accelerator, server.acceleratorCount > 0 else { continue }
            let devices = job.serverCount * server.acceleratorCount
            guard let memoryGB = accelerator.memoryGB else {
                diagnostics.error("training job '\(job.name)' has a model, but accelerator '\(accelerator.name)' has no memory figure: give 'memory_gb'",
                                  at: locate(key), keyPath: key)
                continue
            }
            let domain = network.scaleUpDomain ?? accelerator.scaleUpDomain ?? server.acceleratorCount
            let layouts = model.layouts(devices: devices, scaleUpDomain: domain)
            if layouts.isEmpty {
                diagnostics.error("training job '\(job.name)': no layout of \(devices) devices"
                                  + (model.tensor.map { " with tensor_parallel \($0)" } ?? "") + (model.pipeline.map { " and pipeline_parallel \($0)" } ?? "")
                                  + " divides the global batch of \(model.model.globalBatch) into micro-batches of \(model.model.microBatch)",
                                  at: locate(key), keyPath: key)
                continue
            }
            let fitting = layouts.filter { TrainingLayout.fits(model: model.model, parallelism: $0, deviceMemoryBytes: memoryGB * 1e9) }
            if fitting.isEmpty {
                let least = layouts.map { TrainingLayout.memoryBytes(model: model.model, parallelism: $0) }.min()!
                diagnostics.error("training job '\(job.name)' does not fit in memory: its smallest layout needs \(format(least / 1e9)) GB per device, "
                                  + "\(accelerator.name) has \(format(memoryGB)) GB (\(Int(TrainingLayout.usableFraction * 100)) % usable)",
                                  at: locate(key), keyPath: key)
            }
        }
    }
}

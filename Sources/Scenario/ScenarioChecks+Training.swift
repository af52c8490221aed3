import Models

/// Training jobs described by a model: a fabric to run on, a layout that divides the devices and
/// the batch, and one that fits in device memory.
extension ScenarioChecks {
    static func checkTrainingModels(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        for (index, job) in spec.jobs.enumerated() {
            guard let model = job.training?.model else { continue }
            let listed = index < spec.workload.explicitJobCount
            let key = listed ? "workload.jobs[\(index)].model" : "workload"
            guard spec.network != nil else {
                diagnostics.error("training job '\(job.name)' has a model, but the scenario has no 'network:' section: its data-parallel traffic needs a fabric",
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
            let domain = spec.network?.scaleUpDomain ?? accelerator.scaleUpDomain ?? server.acceleratorCount
            var layouts = TrainingLayout.candidates(model: model.model, devices: devices, scaleUpDomain: max(domain, model.tensor ?? 1))
            if let t = model.tensor { layouts = layouts.filter { $0.tensor == t } }
            if let p = model.pipeline { layouts = layouts.filter { $0.pipeline == p } }
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

import Foundation
import Scenario
import Storage

/// Writes `/jobs` (one row per job, columns as 1-D datasets) and `/jobs/inference` (one row per
/// service), and puts the workload's figures into the run summary (docs/output.md).
enum JobOutput {
    static func write(_ workload: WorkloadRunner, facility: Facility, to recorder: RunRecorder, summary: inout RunSummary) throws(StorageError) {
        let spec = workload.spec, records = workload.records
        let duration = spec.simulation.durationS
        // Slowdown: (wait + run) / run, bounded below at 10 s of run (Feitelson's bounded slowdown).
        func slowdown(_ r: JobRecord) -> Double { r.finished ? (r.waitS + r.runS) / max(r.runS, 10) : .nan }
        var completed = records.filter(\.finished)
        summary.jobMeanWaitS = completed.isEmpty ? .nan : completed.reduce(0) { $0 + $1.waitS } / Double(completed.count)
        summary.jobMeanSlowdown = completed.isEmpty ? .nan : completed.reduce(0) { $0 + slowdown($1) } / Double(completed.count)
        let servers = Double(facility.serverCount)
        summary.serverUtilization = servers > 0 ? workload.busyServerSeconds.reduce(0, +) / (servers * duration) : .nan
        var mfuWeight = 0.0, mfuSum = 0.0
        for job in records.indices where spec.jobs[job].training?.model != nil && records[job].progressingS > 0 {
            let weight = Double(records[job].servers.count) * records[job].progressingS
            mfuSum += workload.achievedMFU(job) * weight
            mfuWeight += weight
        }
        summary.trainingMeanMFU = mfuWeight > 0 ? mfuSum / mfuWeight : .nan
        // Why each model-described job ran at its speed: the step and its parts.
        summary.trainingSteps = records.indices.compactMap { job in
            guard let layout = records[job].parallelism, let parts = records[job].stepParts else { return nil }
            func s(_ value: Double) -> String { String(format: "%.2f", value) }
            let experts = layout.expert > 1 ? " (e \(layout.expert))" : ""
            return "\(spec.jobs[job].name): t \(layout.tensor) × p \(layout.pipeline) × d \(layout.data)\(experts), step \(s(records[job].stepS)) s = compute \(s(parts.computeS))"
                + " + bubble \(s(parts.bubbleS)) + tensor \(s(parts.tensorS)) + pipeline \(s(parts.pipelineS)) + data \(s(parts.dataS)) s"
                + (layout.expert > 1 ? " + experts \(s(parts.expertS)) s" : "") + "; "
                + String(format: "MFU %.1f %%", 100 * workload.achievedMFU(job))
        }
        completed = []

        let group = try recorder.createGroup("jobs")
        try group.setAttribute("long_name", "one row per job of the scenario (listed, generated and traced), in scenario order")
        if !records.isEmpty {
            let jobs = try NamedAxis(in: group, name: "job", labels: spec.jobs.map(\.name), longName: "job of the scenario")
            try jobs.textColumn("kind", spec.jobs.map(\.kind.rawValue), longName: "batch, training or inference")
            try jobs.textColumn("hall", spec.jobs.map(\.hall), longName: "hall it runs in")
            let columns: [(String, [Double], String, String)] = [
                ("submit_s", records.map(\.submitS), "s", "submission time"),
                ("start_s", records.map(\.startS), "s", "start (nan: never started)"),
                ("end_s", records.map(\.endS), "s", "end (nan: not finished by the end of the run)"),
                ("wait_s", records.map(\.waitS), "s", "start - submit"),
                ("run_s", records.map(\.runS), "s", "end - start"),
                ("slowdown", records.map(slowdown), "1", "(wait + run) / max(run, 10 s)"),
                ("servers", spec.jobs.map { Double($0.serverCount) }, "1", "servers held"),
                ("it_energy_j", records.map(\.itEnergyJ), "J", "IT energy of its servers while it ran"),
                ("facility_energy_j", records.map(\.facilityEnergyJ), "J", "its IT energy times each step's facility / IT power"),
                ("energy_cost", records.map(\.cost), spec.site.currency ?? "1", "facility energy at the step's tariff"),
                ("carbon_kg", records.map(\.carbonKg), "kg", "facility energy at the grid factor"),
                ("delivered_fraction", records.map(\.deliveredFraction), "1", "training: delivered / nominal throughput while progressing"),
                ("interruptions", records.map { Double($0.interruptions) }, "1", "training: times it was interrupted"),
                ("mfu", records.indices.map(workload.achievedMFU), "1",
                 "training: model FLOPs delivered / (devices x peak x time progressing); an output for jobs described by a model"),
                ("step_time_s", records.map(\.stepS), "s", "training with a model: one iteration at full clock on its placement (nan: none)"),
                ("step_compute_s", records.map { $0.stepParts?.computeS ?? .nan }, "s", "training with a model: compute part of the step"),
                ("step_bubble_s", records.map { $0.stepParts?.bubbleS ?? .nan }, "s", "training with a model: pipeline bubble"),
                ("step_tensor_s", records.map { $0.stepParts?.tensorS ?? .nan }, "s", "training with a model: tensor-parallel all-reduces"),
                ("step_pipeline_s", records.map { $0.stepParts?.pipelineS ?? .nan }, "s", "training with a model: pipeline sends"),
                ("step_data_s", records.map { $0.stepParts?.dataS ?? .nan }, "s", "training with a model: data-parallel all-reduce not hidden"),
                ("step_expert_s", records.map { $0.stepParts?.expertS ?? .nan }, "s", "training with a model: expert all-to-alls (0 for dense models)"),
                ("tensor_parallel", records.map { $0.parallelism.map { Double($0.tensor) } ?? .nan }, "1", "training with a model: tensor-parallel size"),
                ("pipeline_parallel", records.map { $0.parallelism.map { Double($0.pipeline) } ?? .nan }, "1", "training with a model: pipeline stages"),
                ("data_parallel", records.map { $0.parallelism.map { Double($0.data) } ?? .nan }, "1", "training with a model: data-parallel replicas"),
                ("expert_parallel", records.map { $0.parallelism.map { Double($0.expert) } ?? .nan }, "1",
                 "training with a model: ranks the experts are spread over (1: dense or none)"),
            ]
            for (name, values, units, meaning) in columns { try jobs.column(name, values, units: units, longName: meaning) }
        }
        // Per class (batch, training): counts, waits, slowdowns, energy, money and carbon.
        let kinds = JobSpec.Kind.allCases.filter { kind in spec.jobs.contains { $0.kind == kind } }
        if !kinds.isEmpty {
            let classes = try NamedAxis(in: group.createGroup("classes"), name: "job_class", labels: kinds.map(\.rawValue),
                                        labelVariable: "kind", longName: "job class")
            func stat(_ value: (JobSpec.Kind) -> Double) -> [Double] { kinds.map(value) }
            func members(_ kind: JobSpec.Kind) -> [JobRecord] { records.indices.filter { spec.jobs[$0].kind == kind }.map { records[$0] } }
            func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
            let columns: [(String, [Double], String, String)] = [
                ("jobs", stat { Double(members($0).count) }, "1", "jobs of the class"),
                ("completed", stat { Double(members($0).filter(\.finished).count) }, "1", "jobs completed"),
                ("mean_wait_s", stat { mean(members($0).filter(\.finished).map(\.waitS)) }, "s", "mean wait of completed jobs"),
                ("mean_slowdown", stat { mean(members($0).filter(\.finished).map(slowdown)) }, "1", "mean bounded slowdown of completed jobs"),
                ("it_energy_j", stat { members($0).reduce(0) { $0 + $1.itEnergyJ } }, "J", "IT energy"),
                ("facility_energy_j", stat { members($0).reduce(0) { $0 + $1.facilityEnergyJ } }, "J", "facility energy"),
                ("energy_cost", stat { members($0).reduce(0) { $0 + $1.cost } }, spec.site.currency ?? "1", "energy cost"),
                ("carbon_kg", stat { members($0).reduce(0) { $0 + $1.carbonKg } }, "kg", "carbon"),
            ]
            for (name, values, units, meaning) in columns { try classes.column(name, values, units: units, longName: meaning) }
        }
        let services = workload.services
        if !services.isEmpty {
            let inference = try NamedAxis(in: group.createGroup("inference"), name: "service", labels: services.map(\.spec.name),
                                          longName: "inference service")
            let columns: [(String, [Double], String, String)] = [
                ("requests", services.map { Double($0.arrived) }, "1", "requests arrived"),
                ("completed", services.map { Double($0.completed) }, "1", "requests completed"),
                ("mean_wait_s", services.map(\.meanWaitS), "s", "mean time in the queue"),
                ("mean_latency_s", services.map(\.meanLatencyS), "s", "mean wait + service + network round trip"),
                ("p99_latency_s", services.map(\.p99LatencyS), "s", "99th percentile latency"),
                ("slo_attainment", services.map(\.attainment), "1", "share of completed requests within the latency objective"),
                ("mean_in_system", services.map { $0.inSystemIntegral / duration }, "1", "time-average requests waiting or in service"),
            ]
            for (name, values, units, meaning) in columns { try inference.column(name, values, units: units, longName: meaning) }
            let met = services.reduce(0) { $0 + $1.met }, done = services.reduce(0) { $0 + $1.completed }
            summary.inferenceSLOAttainment = done > 0 ? Double(met) / Double(done) : .nan
            summary.inferenceRequests = services.reduce(0) { $0 + $1.completed }
        }
    }
}

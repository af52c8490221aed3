/// Reads `workload:` and `faults:`.
enum WorkloadSection {
    static func readJobs(_ document: inout MappingReader, hallNames: [String], durationS: Double?,
                         _ diagnostics: inout DiagnosticCollector) -> [JobSpec] {
        guard var workload = document.mapping("workload", diagnostics: &diagnostics) else { return [] }
        let readers = workload.mappingList("jobs", diagnostics: &diagnostics) ?? []
        workload.finish(diagnostics: &diagnostics)
        var jobs: [JobSpec] = []
        let maximum = SimulationSection.maximumDurationS
        for (index, var job) in readers.enumerated() {
            let name = job.string("name", default: "job-\(index + 1)", diagnostics: &diagnostics)
            let hall = job.string("hall", allowed: hallNames.isEmpty ? nil : hallNames, default: hallNames.first ?? "", diagnostics: &diagnostics)
            let submit = job.quantity("submit", .duration, range: 0...maximum, default: 0, diagnostics: &diagnostics)
            let duration = job.quantity("duration", .duration, range: 1e-3...maximum, diagnostics: &diagnostics)
            let servers = job.integer("servers", range: 1...1_000_000, diagnostics: &diagnostics)
            let utilization = job.quantity("utilization", .fraction, range: 0...1, default: 1, diagnostics: &diagnostics)
            job.finish(diagnostics: &diagnostics)
            guard let name, let hall, let submit, let duration, let servers, let utilization else { continue }
            if let durationS, submit > durationS {
                diagnostics.warning("job is submitted after the run ends (\(format(durationS)) s) and never starts",
                                    at: job.location(of: "submit"), keyPath: job.path("submit"))
            }
            jobs.append(JobSpec(name: name, hall: hall, submitS: submit, durationS: duration, serverCount: servers, utilization: utilization))
        }
        return jobs
    }

    static func readFaults(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> [FaultSpec] {
        var faults: [FaultSpec] = []
        let maximum = SimulationSection.maximumDurationS
        for var reader in document.mappingList("faults", diagnostics: &diagnostics) ?? [] {
            let component = reader.string("component", diagnostics: &diagnostics)
            let at = reader.quantity("at", .duration, range: 0...maximum, default: -1, diagnostics: &diagnostics)
            let duration = reader.quantity("duration", .duration, range: 1e-3...maximum, default: -1, diagnostics: &diagnostics)
            let mtbf = reader.quantity("mtbf", .duration, range: 1...(1000 * 365 * 86_400), default: -1, diagnostics: &diagnostics)
            let mttr = reader.quantity("mttr", .duration, range: 1...maximum, default: -1, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            guard let component, let at, let duration, let mtbf, let mttr else { continue }
            switch (at >= 0, mtbf >= 0) {
            case (true, false):
                if mttr >= 0 {
                    diagnostics.error("mttr goes with mtbf (random failures); a scheduled failure takes 'duration'",
                                      at: reader.location(of: "mttr"), keyPath: reader.path("mttr"))
                    continue
                }
                faults.append(FaultSpec(component: component, trigger: .scheduled(atS: at, durationS: duration >= 0 ? duration : nil)))
            case (false, true):
                guard mttr >= 0 else {
                    diagnostics.error("missing required key: random failures need a mean time to repair, such as '8 h'",
                                      at: reader.location, keyPath: reader.path("mttr"))
                    continue
                }
                faults.append(FaultSpec(component: component, trigger: .random(mtbfS: mtbf, mttrS: mttr)))
            default:
                diagnostics.error("expected either 'at' (a scheduled failure) or 'mtbf' with 'mttr' (random failures), not \(at >= 0 ? "both" : "neither")",
                                  at: reader.location, keyPath: reader.keyPath)
            }
        }
        return faults
    }
}

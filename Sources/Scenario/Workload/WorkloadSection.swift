/// Reads `workload:` and `faults:`.
enum WorkloadSection {
    /// Reads `workload:`: settings, explicit jobs, inference services, arrival generators and a
    /// trace. Generated jobs draw from streams derived from the simulation seed, so the same
    /// scenario gives the same jobs.
    static func read(_ document: inout MappingReader, hallNames: DefinedNames, durationS: Double?, seed: UInt64, startLocalHour: Double,
                     acceleratorsPerServer: (String) -> Int?, _ diagnostics: inout DiagnosticCollector)
        -> (settings: WorkloadSettings, jobs: [JobSpec], services: [InferenceServiceSpec]) {
        var settings = WorkloadSettings()
        guard var workload = document.mapping("workload", diagnostics: &diagnostics) else { return (settings, [], []) }
        let maximum = SimulationSection.maximumDurationS
        if let scheduler = workload.string("scheduler", allowed: WorkloadSettings.Scheduler.allCases.map(\.rawValue), default: "fcfs",
                                           diagnostics: &diagnostics) { settings.scheduler = .init(rawValue: scheduler)! }
        if let placement = workload.string("placement", allowed: WorkloadSettings.Placement.allCases.map(\.rawValue), default: "packed",
                                           diagnostics: &diagnostics) { settings.placement = .init(rawValue: placement)! }
        if let gang = workload.string("gang", allowed: WorkloadSettings.Gang.allCases.map(\.rawValue), default: "hall",
                                      diagnostics: &diagnostics) { settings.gang = .init(rawValue: gang)! }
        if var cap = workload.mapping("power_cap", diagnostics: &diagnostics) {
            settings.powerCapW = cap.optionalQuantity("it_power", .power, range: 1...1e10, diagnostics: &diagnostics) ?? nil
            settings.rackPowerCapW = cap.optionalQuantity("rack_power", .power, range: 1...1e7, diagnostics: &diagnostics) ?? nil
            if settings.powerCapW == nil && settings.rackPowerCapW == nil {
                diagnostics.error("a power cap needs 'it_power' (the facility's) or 'rack_power' (each rack's)", at: cap.location, keyPath: cap.keyPath)
            }
            if let enforce = cap.string("enforce", allowed: WorkloadSettings.CapEnforcement.allCases.map(\.rawValue), default: "throttle",
                                        diagnostics: &diagnostics) { settings.capEnforcement = .init(rawValue: enforce)! }
            cap.finish(diagnostics: &diagnostics)
        }
        func hallOf(_ reader: inout MappingReader) -> String? {
            // With no hall read at all, any name is taken: the halls' errors say what to mend.
            hallNames.valid.isEmpty ? reader.string("hall", default: "", diagnostics: &diagnostics)
                : reader.reference("hall", to: hallNames, default: hallNames.valid[0], diagnostics: &diagnostics)
        }
        func precision(_ reader: inout MappingReader) -> TrainingSpec.Precision? {
            reader.string("precision", allowed: TrainingSpec.Precision.allCases.map(\.rawValue), default: "bf16", diagnostics: &diagnostics)
                .flatMap(TrainingSpec.Precision.init(rawValue:))
        }
        /// Servers from `servers`, or from `accelerators` over the hall's accelerators per server.
        func servers(_ reader: inout MappingReader, hall: String?) -> Int? {
            let servers = reader.optionalInteger("servers", range: 1...1_000_000, diagnostics: &diagnostics)
            let accelerators = reader.optionalInteger("accelerators", range: 1...100_000_000, diagnostics: &diagnostics)
            guard let servers, let accelerators else { return nil }
            switch (servers, accelerators) {
            case (.some(let servers), nil): return servers
            case (nil, .some(let accelerators)):
                guard let hall, let perServer = acceleratorsPerServer(hall), perServer > 0 else {
                    diagnostics.error("the hall's servers have no accelerators: give 'servers'", at: reader.location(of: "accelerators"),
                                      keyPath: reader.path("accelerators"))
                    return nil
                }
                return (accelerators + perServer - 1) / perServer
            case (.some, .some):
                diagnostics.error("give 'servers' or 'accelerators', not both", at: reader.location, keyPath: reader.path("accelerators"))
                return nil
            case (nil, nil):
                diagnostics.error("missing required key: 'servers' (or 'accelerators')", at: reader.location, keyPath: reader.path("servers"))
                return nil
            }
        }

        var jobs: [JobSpec] = []
        for (index, var job) in (workload.mappingList("jobs", diagnostics: &diagnostics) ?? []).enumerated() {
            let name = job.string("name", default: "job-\(index + 1)", diagnostics: &diagnostics)
            let hall = hallOf(&job)
            let kind = job.string("kind", allowed: JobSpec.Kind.allCases.map(\.rawValue), default: "batch", diagnostics: &diagnostics)
                .flatMap(JobSpec.Kind.init(rawValue:))
            let submit = job.quantity("submit", .duration, range: 0...maximum, default: 0, diagnostics: &diagnostics)
            let count = servers(&job, hall: hall)
            let utilization = job.quantity("utilization", .fraction, range: 0...1, default: 1, diagnostics: &diagnostics)
            let dataSize = job.quantity("input_data", .dataSize, range: 0...1e18, default: 0, diagnostics: &diagnostics)
            let dataSite = job.string("data_site", default: "", diagnostics: &diagnostics)
            var duration: Double? = nil
            var training: TrainingSpec? = nil
            if kind == .training {
                training = readTraining(&job, &diagnostics)
            } else {
                duration = job.quantity("duration", .duration, range: 1e-3...maximum, diagnostics: &diagnostics)
            }
            job.finish(diagnostics: &diagnostics)
            guard let name, let hall, let kind, let submit, let count, let utilization, let dataSize, let dataSite,
                  kind == .training ? training != nil : duration != nil else { continue }
            if let durationS, submit > durationS {
                diagnostics.warning("job is submitted after the run ends (\(format(durationS)) s) and never starts",
                                    at: job.location(of: "submit"), keyPath: job.path("submit"))
            }
            var spec = JobSpec(name: name, hall: hall, kind: kind, submitS: submit, durationS: duration, serverCount: count, utilization: utilization,
                               training: training)
            spec.inputDataBytes = dataSize
            spec.dataSite = dataSite.isEmpty ? nil : dataSite
            jobs.append(spec)
        }
        settings.explicitJobCount = jobs.count

        var services: [InferenceServiceSpec] = []
        for (index, var service) in (workload.mappingList("inference", diagnostics: &diagnostics) ?? []).enumerated() {
            let name = service.string("name", default: "service-\(index + 1)", diagnostics: &diagnostics)
            let hall = hallOf(&service)
            let count = servers(&service, hall: hall)
            let rate = service.number("arrival_rate_per_s", range: 0...1e7, diagnostics: &diagnostics)
            let profile = service.quantityList("daily_profile", .fraction, count: 24, range: 0...100, meaning: "one multiplier per local hour, midnight first",
                                               diagnostics: &diagnostics)
            let flops = service.optionalNumber("flops_per_request", range: 0...1e22, diagnostics: &diagnostics)
            let tokens = service.optionalNumber("tokens_per_request", range: 0...1e9, diagnostics: &diagnostics)
            let flopsPerToken = service.optionalNumber("flops_per_token", range: 0...1e15, diagnostics: &diagnostics)
            let objective = service.quantity("latency_objective", .duration, range: 1e-6...3600, diagnostics: &diagnostics)
            let batch = service.integer("batch_size", range: 1...4096, default: 1, diagnostics: &diagnostics)
            let precisionValue = precision(&service)
            let mfu = service.quantity("mfu", .fraction, range: 0.001...1, default: 0.3, diagnostics: &diagnostics)
            let serviceTime = service.string("service_time", allowed: InferenceServiceSpec.ServiceTime.allCases.map(\.rawValue),
                                             default: "exponential", diagnostics: &diagnostics).flatMap(InferenceServiceSpec.ServiceTime.init(rawValue:))
            var work: Double? = nil
            if let flops, let tokens, let flopsPerToken {
                if let flops, flops > 0, tokens == nil { work = flops }
                else if flops == nil, let tokens, tokens > 0, let flopsPerToken, flopsPerToken > 0 { work = tokens * flopsPerToken }
                else {
                    diagnostics.error("give 'flops_per_request', or 'tokens_per_request' with 'flops_per_token'", at: service.location,
                                      keyPath: service.path("flops_per_request"))
                }
            }
            service.finish(diagnostics: &diagnostics)
            guard let name, let hall, let count, let rate, let work, let objective, let batch, let precisionValue, let mfu, let serviceTime else { continue }
            services.append(InferenceServiceSpec(name: name, hall: hall, serverCount: count, arrivalRatePerS: rate, dailyProfile: profile,
                                                 flopsPerRequest: work, latencyObjectiveS: objective, batchSize: batch, precision: precisionValue,
                                                 modelFlopsUtilization: mfu, serviceTime: serviceTime))
        }

        let until = durationS ?? 0
        for (index, var generator) in (workload.mappingList("arrivals", diagnostics: &diagnostics) ?? []).enumerated() {
            let hall = hallOf(&generator)
            jobs += ArrivalGenerator.read(&generator, index: index, hall: hall, untilS: until, seed: seed, startLocalHour: startLocalHour, &diagnostics)
        }
        if var trace = workload.mapping("trace", diagnostics: &diagnostics) {
            let file = trace.string("file", diagnostics: &diagnostics)
            let hall = hallOf(&trace)
            let fileLocation = trace.location(of: "file")
            trace.finish(diagnostics: &diagnostics)
            if let file, let hall {
                let path = InputPath.resolve(file, at: fileLocation)
                jobs += JobTraceReader.read(path: path, hall: hall, acceleratorsPerServer: acceleratorsPerServer(hall), referencedAt: fileLocation,
                                            keyPath: "workload.trace.file", &diagnostics)
            }
        }
        workload.finish(diagnostics: &diagnostics)
        return (settings, jobs, services)
    }

    /// A training job's work: `flops`, or `steps` × `flops_per_step`; precision, MFU, checkpoints.
    static func readTraining(_ job: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> TrainingSpec? {
        let flops = job.optionalNumber("flops", range: 1...1e30, diagnostics: &diagnostics)
        let steps = job.optionalNumber("steps", range: 1...1e12, diagnostics: &diagnostics)
        let perStep = job.optionalNumber("flops_per_step", range: 1...1e25, diagnostics: &diagnostics)
        let precisionName = job.string("precision", allowed: TrainingSpec.Precision.allCases.map(\.rawValue), default: "bf16", diagnostics: &diagnostics)
        let givenMFU = job.optionalQuantity("mfu", .fraction, range: 0.001...1, diagnostics: &diagnostics)
        let checkpoint = job.optionalQuantity("checkpoint_interval", .duration, range: 1...SimulationSection.maximumDurationS,
                                              diagnostics: &diagnostics)
        let restart = job.quantity("restart_cost", .duration, range: 0...86_400, default: 600, diagnostics: &diagnostics)
        let model = NetworkSection.readModel(&job, &diagnostics)
        guard let flops, let steps, let perStep, let precisionName, let precision = TrainingSpec.Precision(rawValue: precisionName),
              let givenMFU, let checkpoint, let restart, let model else { return nil }
        if var model {
            // The model sets the work and the speed: MFU is an output.
            guard let steps, flops == nil, perStep == nil, givenMFU == nil else {
                diagnostics.error("a training job with a 'model' takes 'steps' (iterations) and no 'flops', 'flops_per_step' or 'mfu': its speed follows from compute and communication",
                                  at: job.location(of: "model"), keyPath: job.path("steps"))
                return nil
            }
            model.steps = steps
            var spec = TrainingSpec(flops: steps * model.model.modelFLOPs, precision: precision, modelFlopsUtilization: 0,
                                    checkpointIntervalS: checkpoint, restartCostS: restart)
            spec.model = model
            return spec
        }
        let work: Double
        if let flops, steps == nil, perStep == nil { work = flops }
        else if flops == nil, let steps, let perStep { work = steps * perStep }
        else {
            diagnostics.error("a training job needs 'flops', or 'steps' with 'flops_per_step'", at: job.location, keyPath: job.path("flops"))
            return nil
        }
        return TrainingSpec(flops: work, precision: precision, modelFlopsUtilization: givenMFU ?? 0.4, checkpointIntervalS: checkpoint,
                            restartCostS: restart)
    }

    static func readFaults(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> [FaultSpec] {
        var faults: [FaultSpec] = []
        let maximum = SimulationSection.maximumDurationS
        for var reader in document.mappingList("faults", diagnostics: &diagnostics) ?? [] {
            let component = reader.string("component", diagnostics: &diagnostics)
            let at = reader.optionalQuantity("at", .duration, range: 0...maximum, diagnostics: &diagnostics)
            let duration = reader.optionalQuantity("duration", .duration, range: 1e-3...maximum, diagnostics: &diagnostics)
            let mtbf = reader.optionalQuantity("mtbf", .duration, range: 1...(1000 * 365 * 86_400), diagnostics: &diagnostics)
            let mttr = reader.optionalQuantity("mttr", .duration, range: 1...maximum, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            guard let component, let at, let duration, let mtbf, let mttr else { continue }
            switch (at, mtbf) {
            case (.some(let at), nil):
                if mttr != nil {
                    diagnostics.error("mttr goes with mtbf (random failures); a scheduled failure takes 'duration'",
                                      at: reader.location(of: "mttr"), keyPath: reader.path("mttr"))
                    continue
                }
                faults.append(FaultSpec(component: component, trigger: .scheduled(atS: at, durationS: duration)))
            case (nil, .some(let mtbf)):
                guard let mttr else {
                    diagnostics.error("missing required key: random failures need a mean time to repair, such as '8 h'",
                                      at: reader.location, keyPath: reader.path("mttr"))
                    continue
                }
                faults.append(FaultSpec(component: component, trigger: .random(mtbfS: mtbf, mttrS: mttr)))
            default:
                diagnostics.error("expected either 'at' (a scheduled failure) or 'mtbf' with 'mttr' (random failures), not \(at != nil ? "both" : "neither")",
                                  at: reader.location, keyPath: reader.keyPath)
            }
        }
        return faults
    }
}

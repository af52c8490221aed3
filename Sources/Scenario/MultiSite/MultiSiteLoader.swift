import Foundation
import Models

/// Loads a multi-site scenario: a file with `sites:` (each a scenario file of its own), `links:`,
/// `users:`, `routing:`, `network:` and `workload:` (jobs and services without halls: the
/// router places them). Errors carry file, line and key, from this file or a site's.
public enum MultiSiteLoader {
    /// Whether a file is a multi-site scenario (a top-level `sites:` key).
    public static func isMultiSiteFile(path: String) -> Bool {
        ConfigDocumentReader.hasTopLevelKey("sites", path: path)
    }

    public static func load(path: String) throws(ScenarioError) -> MultiSiteSpec {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(path: path, diagnostics: &diagnostics),
              var document = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        var sites: [MultiSiteSpec.Site] = []
        for (name, var reader) in document.namedMappings("sites", required: true, diagnostics: &diagnostics) ?? [] {
            let file = reader.string("scenario", diagnostics: &diagnostics)
            let rtt = reader.quantity("users_round_trip", .duration, range: 0...10, default: 0.002, diagnostics: &diagnostics)
            let pue = reader.number("expected_pue", range: 1...5, default: 1, diagnostics: &diagnostics)
            let location = reader.location(of: "scenario")
            reader.finish(diagnostics: &diagnostics)
            guard let file, let rtt, let pue else { continue }
            let sitePath = InputPath.resolve(file, namedIn: path)
            do {
                let loaded = try ScenarioLoader.load(path: sitePath)
                sites.append(.init(name: name, scenarioPath: sitePath, scenario: loaded.spec, localRoundTripS: rtt, expectedPUE: pue))
            } catch {
                diagnostics.error("site '\(name)': its scenario is not valid (its errors follow)", at: location, keyPath: reader.path("scenario"))
                for diagnostic in error.diagnostics { diagnostics.append(diagnostic) }
            }
        }
        let names = sites.map(\.name)
        var links: [MultiSiteSpec.Link] = []
        for var l in document.mappingList("links", diagnostics: &diagnostics) ?? [] {
            let between = l.stringList("between", diagnostics: &diagnostics)
            let latency = l.quantity("latency", .duration, range: 0...10, diagnostics: &diagnostics)
            let bandwidth = l.quantity("bandwidth", .dataRate, range: 1...1e15, diagnostics: &diagnostics)
            l.finish(diagnostics: &diagnostics)
            guard let between, let latency, let bandwidth else { continue }
            guard between.count == 2, between.allSatisfy({ names.contains($0.0) }), between[0].0 != between[1].0 else {
                diagnostics.error("expected two different site names (\(names.joined(separator: ", ")))", at: l.location(of: "between"), keyPath: l.path("between"))
                continue
            }
            links.append(.init(a: between[0].0, b: between[1].0, latencyS: latency, bandwidthBytesPerS: bandwidth))
        }
        let users = document.string("users", allowed: names.isEmpty ? nil : names, default: names.first ?? "", diagnostics: &diagnostics)
        var policy = MultiSiteSpec.Policy.nearest
        if var routing = document.mapping("routing", diagnostics: &diagnostics) {
            if let p = routing.string("policy", allowed: MultiSiteSpec.Policy.allCases.map(\.rawValue), default: "nearest", diagnostics: &diagnostics) {
                policy = .init(rawValue: p)!
            }
            routing.finish(diagnostics: &diagnostics)
        }
        var transfer = 0.005 * 3.6e6 / 1e9
        if var network = document.mapping("network", diagnostics: &diagnostics) {
            // Energy per GB moved: an energy per 1 GB, e.g. '0.005 kWh'.
            transfer = (network.quantity("energy_per_gb", .energy, range: 0...1e9, default: 0.005 * 3.6e6, diagnostics: &diagnostics) ?? 0) / 1e9
            network.finish(diagnostics: &diagnostics)
        }
        // Jobs and services: the site readers' keys without halls (the router picks the site).
        var jobs: [JobSpec] = [], services: [InferenceServiceSpec] = []
        if var workload = document.mapping("workload", diagnostics: &diagnostics) {
            for (index, var job) in (workload.mappingList("jobs", diagnostics: &diagnostics) ?? []).enumerated() {
                let name = job.string("name", default: "job-\(index + 1)", diagnostics: &diagnostics)
                let kind = job.string("kind", allowed: JobSpec.Kind.allCases.map(\.rawValue), default: "training", diagnostics: &diagnostics)
                    .flatMap(JobSpec.Kind.init(rawValue:))
                let submit = job.quantity("submit", .duration, range: 0...SimulationSection.maximumDurationS, default: 0, diagnostics: &diagnostics)
                let servers = job.integer("servers", range: 1...1_000_000, diagnostics: &diagnostics)
                let utilization = job.quantity("utilization", .fraction, range: 0...1, default: 1, diagnostics: &diagnostics)
                let data = job.quantity("input_data", .dataSize, range: 0...1e18, default: 0, diagnostics: &diagnostics)
                let dataSite = job.string("data_site", allowed: names.isEmpty ? nil : names, default: users ?? "", diagnostics: &diagnostics)
                var duration: Double? = nil, training: TrainingSpec? = nil
                if kind == .training { training = WorkloadSection.readTraining(&job, &diagnostics) }
                else { duration = job.quantity("duration", .duration, range: 1e-3...SimulationSection.maximumDurationS, diagnostics: &diagnostics) }
                job.finish(diagnostics: &diagnostics)
                guard let name, let kind, let submit, let servers, let utilization, let data, let dataSite,
                      kind == .training ? training != nil : duration != nil else { continue }
                var spec = JobSpec(name: name, hall: "", kind: kind, submitS: submit, durationS: duration, serverCount: servers, utilization: utilization,
                                   training: training)
                spec.inputDataBytes = data
                spec.dataSite = dataSite
                jobs.append(spec)
            }
            for (index, var s) in (workload.mappingList("inference", diagnostics: &diagnostics) ?? []).enumerated() {
                let name = s.string("name", default: "service-\(index + 1)", diagnostics: &diagnostics)
                let servers = s.integer("servers", range: 1...1_000_000, diagnostics: &diagnostics)
                let rate = s.number("arrival_rate_per_s", range: 0...1e7, diagnostics: &diagnostics)
                let flops = s.number("flops_per_request", range: 1...1e22, diagnostics: &diagnostics)
                let objective = s.quantity("latency_objective", .duration, range: 1e-6...3600, diagnostics: &diagnostics)
                let batch = s.integer("batch_size", range: 1...4096, default: 1, diagnostics: &diagnostics)
                let mfu = s.quantity("mfu", .fraction, range: 0.001...1, default: 0.3, diagnostics: &diagnostics)
                s.finish(diagnostics: &diagnostics)
                guard let name, let servers, let rate, let flops, let objective, let batch, let mfu else { continue }
                services.append(InferenceServiceSpec(name: name, hall: "", serverCount: servers, arrivalRatePerS: rate, dailyProfile: nil,
                                                     flopsPerRequest: flops, latencyObjectiveS: objective, batchSize: batch, precision: .bf16,
                                                     modelFlopsUtilization: mfu, serviceTime: .exponential))
            }
            workload.finish(diagnostics: &diagnostics)
        }
        document.finish(diagnostics: &diagnostics)
        if let users, sites.count > 1 {
            for site in sites where site.name != users && links.first(where: { Set([$0.a, $0.b]) == Set([users, site.name]) }) == nil {
                diagnostics.error("no link between the users' site '\(users)' and '\(site.name)'", at: document.location(of: "links"), keyPath: "links")
            }
        }
        guard !diagnostics.hasErrors, let users, !sites.isEmpty else {
            if !diagnostics.hasErrors { diagnostics.error("a multi-site scenario needs at least one site", at: nil, keyPath: "sites") }
            throw ScenarioError(diagnostics.diagnostics)
        }
        return MultiSiteSpec(sites: sites, links: links, usersSite: users, policy: policy, transferEnergyJPerByte: transfer, jobs: jobs,
                             services: services, sourcePath: path)
    }
}

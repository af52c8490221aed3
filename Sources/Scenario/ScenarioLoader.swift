import Foundation

/// Reads a scenario file into a `ScenarioSpec`, reporting every problem at once.
///
/// Errors make the load fail (`ScenarioError`); warnings (legal but implausible values) are
/// returned beside the spec.
public enum ScenarioLoader {
    /// The result of a successful load.
    public struct Loaded: Sendable {
        public let spec: ScenarioSpec
        public let warnings: [Diagnostic]
    }

    /// Loads the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Loaded {
        var diagnostics = DiagnosticCollector(file: path)
        guard let text = ConfigDocumentReader.readText(path: path, into: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        return try load(text: text, path: path, diagnostics: diagnostics)
    }

    /// Loads scenario `text`; `path` names it in messages.
    public static func load(text: String, path: String) throws(ScenarioError) -> Loaded {
        try load(text: text, path: path, diagnostics: DiagnosticCollector(file: path))
    }

    private static func load(text: String, path: String, diagnostics initial: DiagnosticCollector) throws(ScenarioError) -> Loaded {
        var diagnostics = initial
        guard let root = ConfigDocumentReader.parse(text: text, file: path, into: &diagnostics),
              var document = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        let simulation = readSimulation(&document, &diagnostics)
        let (serverTypes, serverTypeNames) = readServerTypes(&document, &diagnostics)
        let racks = readRacks(&document, serverTypeNames: serverTypeNames, &diagnostics)
        let jobs = readWorkload(&document, racks: racks, durationS: simulation?.durationS, &diagnostics)
        document.finish(diagnostics: &diagnostics)

        guard !diagnostics.hasErrors, let simulation, let serverTypes, let racks, let jobs else {
            if !diagnostics.hasErrors {
                // Every reader that gives up reports why; this guards the promise of a message.
                diagnostics.error("scenario is incomplete (a section could not be read)", at: nil, keyPath: "")
            }
            throw ScenarioError(diagnostics.diagnostics)
        }
        let spec = ScenarioSpec(simulation: simulation, serverTypes: serverTypes, racks: racks, jobs: jobs,
                                sourceText: text, sourcePath: path)
        return Loaded(spec: spec, warnings: diagnostics.diagnostics.filter { $0.severity == .warning })
    }

    // MARK: simulation

    private static func readSimulation(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> SimulationSpec? {
        guard var section = document.mapping("simulation", required: true, diagnostics: &diagnostics) else { return nil }
        let start = readStartInstant(&section, &diagnostics)
        let duration = section.quantity("duration", .duration, range: 1...(100 * 365 * 86_400), diagnostics: &diagnostics)
        let seed = section.unsigned("seed", default: 1, diagnostics: &diagnostics)
        var interval: Double? = 60
        var tolerance: Double? = 1e-8
        if var output = section.mapping("output", diagnostics: &diagnostics) {
            interval = output.quantity("interval", .duration, range: 0.001...(365 * 86_400), default: 60, diagnostics: &diagnostics)
            output.finish(diagnostics: &diagnostics)
        }
        if var solver = section.mapping("solver", diagnostics: &diagnostics) {
            tolerance = solver.quantity("relative_tolerance", .fraction, range: 1e-12...1e-3, default: 1e-8, diagnostics: &diagnostics)
            solver.finish(diagnostics: &diagnostics)
        }
        section.finish(diagnostics: &diagnostics)
        guard let start, let duration, let seed, let interval, let tolerance else { return nil }
        if interval > duration {
            diagnostics.warning("output interval (\(interval) s) is longer than the run (\(duration) s): only the first and last samples are recorded",
                                at: section.location(of: "output"), keyPath: "simulation.output.interval")
        }
        return SimulationSpec(startInstant: start, durationS: duration, seed: seed, outputIntervalS: interval,
                              relativeTolerance: tolerance)
    }

    private static func readStartInstant(_ section: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> String? {
        let defaultStart = "2026-01-01T00:00:00Z"
        guard let node = section.node("start") else { return defaultStart }
        guard case .scalar(let text, let location, _) = node else {
            diagnostics.error("expected an ISO-8601 instant such as '2026-07-01T00:00:00Z', found \(node.kindDescription)",
                              at: node.location, keyPath: "simulation.start")
            return nil
        }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else {
            diagnostics.error("expected an ISO-8601 instant with a zone such as '2026-07-01T00:00:00Z', found '\(text)'",
                              at: location, keyPath: "simulation.start")
            return nil
        }
        return formatter.string(from: date)
    }

    // MARK: servers

    /// The server types, or nil when any has an error; and the names declared either way, so
    /// that references to them can still be checked.
    private static func readServerTypes(_ document: inout MappingReader,
                                        _ diagnostics: inout DiagnosticCollector) -> ([ServerSpec]?, [String]?) {
        guard let node = document.node("servers") else {
            diagnostics.error("missing required section: expected server types by name", at: document.location, keyPath: "servers")
            return (nil, nil)
        }
        guard case .mapping(let entries, _) = node else {
            diagnostics.error("expected server types by name (a mapping), found \(node.kindDescription)", at: node.location, keyPath: "servers")
            return (nil, nil)
        }
        var types: [ServerSpec] = []
        var failed = false
        for entry in entries {
            guard var server = MappingReader(entry.value, keyPath: "servers.\(entry.key)", diagnostics: &diagnostics) else {
                failed = true
                continue
            }
            let nonNegativePower = 0...Double.greatestFiniteMagnitude
            let idle = server.quantity("idle_power", .power, range: nonNegativePower, diagnostics: &diagnostics)
            let max = server.quantity("max_power", .power, range: nonNegativePower, diagnostics: &diagnostics)
            let airflow = server.quantity("airflow", .volumeFlow, range: 1e-6...100, diagnostics: &diagnostics)
            let capacity = server.quantity("heat_capacity", .heatCapacity, range: 1...1e9, diagnostics: &diagnostics)
            let conductance = server.quantity("air_conductance", .thermalConductance, range: 1e-3...1e7, diagnostics: &diagnostics)
            let volume = server.quantity("internal_air_volume", .volume, range: 1e-6...10, default: 0.02, diagnostics: &diagnostics)
            server.finish(diagnostics: &diagnostics)
            guard let idle, let max, let airflow, let capacity, let conductance, let volume else {
                failed = true
                continue
            }
            if max < idle {
                diagnostics.error("max_power (\(max) W) is below idle_power (\(idle) W)", at: server.location(of: "max_power"),
                                  keyPath: "servers.\(entry.key).max_power")
                failed = true
            }
            types.append(ServerSpec(name: entry.key, idlePowerW: idle, maxPowerW: max, airflowM3PerS: airflow,
                                    heatCapacityJPerK: capacity, airConductanceWPerK: conductance, internalAirVolumeM3: volume))
        }
        if entries.isEmpty {
            diagnostics.error("expected at least one server type", at: node.location, keyPath: "servers")
            return (nil, nil)
        }
        return (failed ? nil : types, entries.map(\.key))
    }

    // MARK: racks

    private static func readRacks(_ document: inout MappingReader, serverTypeNames: [String]?,
                                  _ diagnostics: inout DiagnosticCollector) -> [RackSpec]? {
        guard let items = document.sequence("racks", required: true, diagnostics: &diagnostics) else { return nil }
        if items.isEmpty {
            diagnostics.error("expected at least one rack", at: document.location, keyPath: "racks")
            return nil
        }
        var racks: [RackSpec] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let keyPath = "racks[\(index)]"
            guard var rack = MappingReader(item, keyPath: keyPath, diagnostics: &diagnostics) else {
                failed = true
                continue
            }
            let name = rack.string("name", default: "rack-\(index + 1)", diagnostics: &diagnostics)
            let serverType = rack.string("server", allowed: serverTypeNames, diagnostics: &diagnostics)
            let count = rack.integer("count", range: 1...10_000, diagnostics: &diagnostics)
            let supply = rack.quantity("supply_air_temperature", .temperature, range: -20...60, diagnostics: &diagnostics)
            rack.finish(diagnostics: &diagnostics)
            // ASHRAE TC 9.9 (2021), class A1: recommended inlet 18-27 °C.
            if let supply, !(18...27).contains(supply) {
                diagnostics.warning("supply air at \(supply) °C is outside the ASHRAE A1 recommended range 18-27 °C",
                                    at: rack.location(of: "supply_air_temperature"), keyPath: "\(keyPath).supply_air_temperature")
            }
            guard let name, let serverType, let count, let supply else {
                failed = true
                continue
            }
            if racks.contains(where: { $0.name == name }) {
                diagnostics.error("rack name '\(name)' is used twice; names identify racks in the output", at: rack.location(of: "name"),
                                  keyPath: "\(keyPath).name")
                failed = true
            }
            racks.append(RackSpec(name: name, serverType: serverType, serverCount: count, supplyAirTemperatureC: supply))
        }
        return failed ? nil : racks
    }

    // MARK: workload

    private static func readWorkload(_ document: inout MappingReader, racks: [RackSpec]?, durationS: Double?,
                                     _ diagnostics: inout DiagnosticCollector) -> [JobSpec]? {
        // Absent or empty (`workload:` with nothing after it) means no jobs; a wrong type has
        // been reported by `mapping`.
        guard var workload = document.mapping("workload", diagnostics: &diagnostics) else { return [] }
        let items = workload.sequence("jobs", diagnostics: &diagnostics) ?? []
        workload.finish(diagnostics: &diagnostics)
        var jobs: [JobSpec] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let keyPath = "workload.jobs[\(index)]"
            guard var job = MappingReader(item, keyPath: keyPath, diagnostics: &diagnostics) else {
                failed = true
                continue
            }
            let name = job.string("name", default: "job-\(index + 1)", diagnostics: &diagnostics)
            let rackNames = racks?.map(\.name)
            // When the racks have errors of their own, the reference cannot be checked: accept it.
            let rackName = job.string("rack", allowed: rackNames, default: racks?.first?.name ?? "", diagnostics: &diagnostics)
            let submit = job.quantity("submit", .duration, range: 0...(100 * 365 * 86_400), default: 0, diagnostics: &diagnostics)
            let duration = job.quantity("duration", .duration, range: 1e-3...(100 * 365 * 86_400), diagnostics: &diagnostics)
            let servers = job.integer("servers", range: 1...10_000, diagnostics: &diagnostics)
            let utilization = job.quantity("utilization", .fraction, range: 0...1, default: 1, diagnostics: &diagnostics)
            job.finish(diagnostics: &diagnostics)
            guard let name, let rackName, let submit, let duration, let servers, let utilization else {
                failed = true
                continue
            }
            if let rack = racks?.first(where: { $0.name == rackName }), servers > rack.serverCount {
                diagnostics.error("job needs \(servers) servers but rack '\(rackName)' has \(rack.serverCount)", at: job.location(of: "servers"),
                                  keyPath: "\(keyPath).servers")
                failed = true
            }
            if let durationS, submit > durationS {
                diagnostics.warning("job is submitted after the run ends (\(durationS) s) and never starts", at: job.location(of: "submit"),
                                    keyPath: "\(keyPath).submit")
            }
            jobs.append(JobSpec(name: name, rack: rackName, submitS: submit, durationS: duration, serverCount: servers,
                                utilization: utilization))
        }
        return failed ? nil : jobs
    }
}

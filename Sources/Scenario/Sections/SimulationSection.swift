import Foundation

/// Reads `simulation:`.
enum SimulationSection {
    static let maximumDurationS = 100 * 365 * 86_400.0

    static func read(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> SimulationSpec? {
        guard var section = document.mapping("simulation", required: true, diagnostics: &diagnostics) else { return nil }
        let startRead = readStartInstant(&section, &diagnostics)
        let start = startRead?.instant, offset = startRead?.utcOffsetS ?? 0
        let duration = section.quantity("duration", .duration, range: 1...maximumDurationS, diagnostics: &diagnostics)
        let step = section.quantity("time_step", .duration, range: 0.001...86_400, default: 60, diagnostics: &diagnostics)
        let seed = section.unsigned("seed", default: 1, diagnostics: &diagnostics)
        let thermal = section.string("thermal", allowed: SimulationSpec.ThermalMode.allCases.map(\.rawValue), default: "transient",
                                     diagnostics: &diagnostics).flatMap(SimulationSpec.ThermalMode.init(rawValue:))
        var interval: Double? = 60
        var levels: [SimulationSpec.OutputLevel]? = [.facility, .hall, .rack, .server]
        var tolerance: Double? = 1e-8
        var serverTolerance: Double? = SimulationSpec.defaultServerToleranceK
        var levelIntervals: [SimulationSpec.OutputLevel: Double] = [:]
        if var output = section.mapping("output", diagnostics: &diagnostics) {
            interval = output.quantity("interval", .duration, range: 0.001...(365 * 86_400), default: 60, diagnostics: &diagnostics)
            if let names = output.stringList("levels", diagnostics: &diagnostics) {
                levels = []
                let allowed = SimulationSpec.OutputLevel.allCases.map(\.rawValue)
                for (index, (name, location)) in names.enumerated() {
                    if let level = SimulationSpec.OutputLevel(rawValue: name) {
                        levels?.append(level)
                    } else {
                        let hint = closestMatch(to: name, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                        diagnostics.error("expected one of \(allowed.joined(separator: ", ")), found '\(name)'\(hint)", at: location,
                                          keyPath: "simulation.output.levels[\(index)]")
                        levels = nil
                        break
                    }
                }
            }
            if var intervals = output.mapping("intervals", diagnostics: &diagnostics) {
                for level in SimulationSpec.OutputLevel.allCases {
                    if case .some(.some(let value)) = intervals.optionalQuantity(level.rawValue, .duration, range: 0.001...(365 * 86_400),
                                                                                  diagnostics: &diagnostics) {
                        levelIntervals[level] = value
                    }
                }
                intervals.finish(diagnostics: &diagnostics)
            }
            output.finish(diagnostics: &diagnostics)
        }
        if var solver = section.mapping("solver", diagnostics: &diagnostics) {
            tolerance = solver.quantity("relative_tolerance", .fraction, range: 1e-12...1e-3, default: 1e-8, diagnostics: &diagnostics)
            serverTolerance = solver.quantity("server_tolerance", .temperatureDifference, range: 0...5,
                                              default: SimulationSpec.defaultServerToleranceK, diagnostics: &diagnostics)
            solver.finish(diagnostics: &diagnostics)
        }
        section.finish(diagnostics: &diagnostics)
        guard let start, let duration, let step, let seed, let thermal, let interval, let levels, let tolerance,
              let serverTolerance else { return nil }
        if interval > duration {
            diagnostics.warning("output interval (\(interval) s) is longer than the run (\(duration) s): only the first and last samples are recorded",
                                at: section.location(of: "output"), keyPath: "simulation.output.interval")
        }
        var spec = SimulationSpec(startInstant: start, durationS: duration, timeStepS: step, seed: seed, thermalMode: thermal,
                              outputIntervalS: interval, outputLevels: levels, levelIntervalsS: levelIntervals,
                              relativeTolerance: tolerance)
        spec.utcOffsetS = offset
        spec.serverToleranceK = serverTolerance
        return spec
    }

    /// The zone offset of an ISO-8601 instant, s (`Z` → 0, `+08:00` → 28,800).
    static func utcOffsetS(of text: String) -> Double {
        guard !text.hasSuffix("Z") && !text.hasSuffix("z"), text.count >= 6 else { return 0 }
        let zone = text.suffix(6)
        guard let sign = zone.first, sign == "+" || sign == "-", zone.dropFirst(3).first == ":",
              let hours = Double(zone.dropFirst().prefix(2)), let minutes = Double(zone.suffix(2)) else { return 0 }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    private static func readStartInstant(_ section: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> (instant: String, utcOffsetS: Double)? {
        guard let node = section.node("start", diagnostics: &diagnostics) else { return ("2026-01-01T00:00:00Z", 0) }
        guard case .scalar(let text, let location, _) = node else {
            diagnostics.error("expected an ISO-8601 instant such as '2026-07-01T00:00:00Z', found \(node.kindDescription)",
                              at: node.location, keyPath: "simulation.start")
            return nil
        }
        if let problem = ISOInstant.problem(text) {
            diagnostics.error("\(problem); expected an ISO-8601 instant such as '2026-07-01T00:00:00+08:00', found '\(text)'",
                              at: location, keyPath: "simulation.start")
            return nil
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions.insert(.withFractionalSeconds)
        let plain = ISO8601DateFormatter()
        guard let date = plain.date(from: text) ?? formatter.date(from: text) else {
            diagnostics.error("expected an ISO-8601 instant with a zone such as '2026-07-01T00:00:00Z', found '\(text)'",
                              at: location, keyPath: "simulation.start")
            return nil
        }
        return (plain.string(from: date), utcOffsetS(of: text))
    }
}

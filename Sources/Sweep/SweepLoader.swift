import Foundation
import Numerics
import Scenario

/// Reads a sweep file, reporting every problem with its location, like scenario files.
public enum SweepLoader {
    public static let defaultLimit = 10_000

    /// True when `path` looks like a sweep file (a top-level `scenario:` key), so `plenum
    /// validate` can tell the two kinds apart.
    public static func isSweepFile(path: String) -> Bool {
        ConfigDocumentReader.hasTopLevelKey("scenario", path: path)
    }

    public static func load(path: String) throws(ScenarioError) -> SweepSpec {
        var diagnostics = DiagnosticCollector(file: path)
        guard let text = ConfigDocumentReader.readText(path: path, into: &diagnostics),
              let root = ConfigDocumentReader.parse(text: text, file: path, into: &diagnostics),
              var document = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        func resolve(_ file: String) -> String { InputPath.resolve(file, namedIn: path) }
        let scenario = document.string("scenario", diagnostics: &diagnostics).map(resolve)
        if let scenario, !FileManager.default.fileExists(atPath: scenario) {
            diagnostics.error("base scenario not found: \(scenario)", at: document.location(of: "scenario"), keyPath: "scenario")
        }
        let seed = document.unsigned("seed", default: 1, diagnostics: &diagnostics)
        let limit = document.integer("limit", range: 1...10_000_000, default: defaultLimit, diagnostics: &diagnostics)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let output = document.string("output", default: "Output/\(stem)", diagnostics: &diagnostics)
        var axes: [SweepAxis] = []
        for item in document.sequence("axes", diagnostics: &diagnostics) ?? [] {
            if let axis = readAxis(item, &diagnostics) { axes.append(axis) }
        }
        var slurm = SlurmOptions()
        if var section = document.mapping("slurm", diagnostics: &diagnostics) {
            for key in ["partition", "account", "qos", "constraint"] {
                if let value = section.string(key, default: "", diagnostics: &diagnostics), !value.isEmpty {
                    if let problem = SlurmOptions.problem(key: key, value: value) {
                        diagnostics.error(problem, at: section.location(of: key), keyPath: section.path(key))
                    } else {
                        slurm.set(key, value)
                    }
                }
            }
            slurm.modules = section.stringList("modules", diagnostics: &diagnostics)?.map(\.0) ?? []
            for module in slurm.modules where module.isEmpty || module.contains(where: { $0.isWhitespace || "\"'`$;&|".contains($0) }) {
                diagnostics.error("expected a module name such as 'gsl/2.7', found '\(module)'", at: section.location(of: "modules"),
                                  keyPath: section.path("modules"))
            }
            section.finish(diagnostics: &diagnostics)
        }
        var sample: SampledDesign? = nil
        if var section = document.mapping("sample", diagnostics: &diagnostics) {
            sample = readSample(&section, &diagnostics)
            section.finish(diagnostics: &diagnostics)
        }
        document.finish(diagnostics: &diagnostics)
        if axes.isEmpty && sample == nil && !diagnostics.hasErrors {
            diagnostics.error("expected at least one axis under 'axes' or a 'sample' design", at: document.location, keyPath: "axes")
        }
        var total = sample?.points ?? 1
        for axis in axes {
            let (product, overflow) = total.multipliedReportingOverflow(by: axis.count)
            total = overflow ? Int.max : product
        }
        if total > SweepLimits.maximumPoints {
            diagnostics.error("the axes make \(total == Int.max ? "more than 2^63" : String(total)) points; at most \(SweepLimits.maximumPoints) are allowed",
                              at: document.location(of: "axes"), keyPath: "axes")
        }
        let allKeys = axes.flatMap(\.keys) + (sample?.ranges.map(\.key) ?? [])
        for (index, key) in allKeys.enumerated() where allKeys[..<index].contains(key) {
            diagnostics.error("key '\(key)' is varied by two axes", at: document.location(of: "axes"), keyPath: "axes")
        }
        guard !diagnostics.hasErrors, let scenario, let seed, let limit, let output else { throw ScenarioError(diagnostics.diagnostics) }
        var spec = SweepSpec(path: path, scenarioPath: scenario, seed: seed, limit: limit, outputFolder: output, axes: axes, sample: sample,
                             text: text)
        spec.slurm = slurm
        return spec
    }

    // MARK: axes

    private static func readAxis(_ node: ConfigNode, _ diagnostics: inout DiagnosticCollector) -> SweepAxis? {
        guard var reader = MappingReader(node, keyPath: "axes[]", diagnostics: &diagnostics) else { return nil }
        if let members = reader.sequence("zip", diagnostics: &diagnostics) {
            reader.finish(diagnostics: &diagnostics)
            var keys: [String] = [], columns: [SweepColumn] = []
            for member in members {
                guard var memberReader = MappingReader(member, keyPath: "axes[].zip[]", diagnostics: &diagnostics),
                      let (key, values) = readValues(&memberReader, &diagnostics) else { return nil }
                memberReader.finish(diagnostics: &diagnostics)
                keys.append(key)
                columns.append(values)
            }
            guard let first = columns.first else {
                diagnostics.error("expected at least one member in 'zip'", at: node.location, keyPath: "axes[].zip")
                return nil
            }
            if columns.contains(where: { $0.count != first.count }) {
                diagnostics.error("zipped axes move together and need the same number of values, found \(columns.map { String($0.count) }.joined(separator: ", "))",
                                  at: node.location, keyPath: "axes[].zip")
                return nil
            }
            return SweepAxis(keys: keys, columns: columns, location: node.location)
        }
        guard let (key, values) = readValues(&reader, &diagnostics) else {
            reader.finish(diagnostics: &diagnostics)
            return nil
        }
        reader.finish(diagnostics: &diagnostics)
        return SweepAxis(keys: [key], columns: [values], location: node.location)
    }

    /// `key` with `values: [...]` or `range: {from, to, step}`.
    private static func readValues(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> (String, SweepColumn)? {
        guard let key = reader.string("key", diagnostics: &diagnostics) else { return nil }
        if let items = reader.sequence("values", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.error("empty axis: expected at least one value", at: reader.location(of: "values"), keyPath: "\(reader.keyPath).values")
                return nil
            }
            var values: [String] = []
            for item in items {
                switch item {
                case .scalar(let text, _, _): values.append(text)
                default: values.append(ConfigEmitter.yaml(item).trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            return (key, .list(values))
        }
        guard var range = reader.mapping("range", diagnostics: &diagnostics) else {
            diagnostics.error("missing required key: expected 'values' or 'range'", at: reader.location, keyPath: reader.keyPath)
            return nil
        }
        defer { range.finish(diagnostics: &diagnostics) }
        let texts = ["from", "to", "step"].map { range.node($0, diagnostics: &diagnostics) }
        guard case .scalar(let fromText, _, _)? = texts[0], case .scalar(let toText, _, _)? = texts[1],
              case .scalar(let stepText, let stepLocation, _)? = texts[2] else {
            diagnostics.error("expected 'from', 'to' and 'step' values", at: range.location, keyPath: range.keyPath)
            return nil
        }
        guard let (from, to, step, unit) = quantities(fromText, toText, stepText) else {
            diagnostics.error("expected from, to and step of one dimension (a step of a temperature in K), found '\(fromText)', '\(toText)', '\(stepText)'",
                              at: range.location, keyPath: range.keyPath)
            return nil
        }
        guard step != 0, (to - from) / step >= -1e-12 else {
            diagnostics.error(step == 0 ? "step of zero never reaches 'to'" : "step has the wrong sign: from \(fromText) it never reaches \(toText)",
                              at: stepLocation, keyPath: "\(range.keyPath).step")
            return nil
        }
        guard let count = CheckedConversion.stepCount(from: from, to: to, step: step, limit: SweepLimits.maximumPoints) else {
            let values = ((to - from) / step).magnitude
            diagnostics.error("range has \(values.isFinite ? String(format: "%.3g", values + 1) : "infinitely many") values; at most "
                              + "\(SweepLimits.maximumPoints) are allowed", at: stepLocation, keyPath: "\(range.keyPath).step")
            return nil
        }
        return (key, .range(from: from, step: step, count: count, unit: unit))
    }

    /// Two values of one dimension in its SI unit (or plain numbers), with the dimension.
    static func pair(_ fromText: String, _ toText: String) -> (Double, Double, PhysicalDimension?)? {
        if let from = Double(fromText), let to = Double(toText), from.isFinite, to.isFinite { return (from, to, nil) }
        for dimension in PhysicalDimension.allCases {
            if case .success(let from) = Units.parse(fromText, as: dimension), case .success(let to) = Units.parse(toText, as: dimension) {
                return (from, to, dimension)
            }
        }
        return nil
    }

    /// From, to and step in the SI unit of one dimension (or plain numbers), and that unit. A
    /// range of temperatures steps by a temperature difference (`1 K`).
    static func quantities(_ fromText: String, _ toText: String, _ stepText: String) -> (Double, Double, Double, String)? {
        guard let (from, to, dimension) = pair(fromText, toText) else { return nil }
        guard let dimension else {
            guard let step = Double(stepText), step.isFinite else { return nil }
            return (from, to, step, "")
        }
        let stepDimension: PhysicalDimension = dimension == .temperature ? .temperatureDifference : dimension
        guard case .success(let step) = Units.parse(stepText, as: stepDimension) else { return nil }
        return (from, to, step, unit(of: dimension))
    }

    static func unit(of dimension: PhysicalDimension?) -> String {
        guard let dimension, dimension.storedUnit != "1" else { return "" }
        return dimension.storedUnit
    }

    /// A value as override text: `30000 W`, `22.5 degC`, `4`.
    static func render(_ value: Double, unit: String) -> String {
        let rounded = (value * 1e9).rounded() / 1e9
        let number = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        return unit.isEmpty ? number : "\(number) \(unit)"
    }

    // MARK: sampled designs

    private static func readSample(_ section: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> SampledDesign? {
        let method = section.string("method", allowed: SampledDesign.Method.allCases.map(\.rawValue), diagnostics: &diagnostics)
            .flatMap(SampledDesign.Method.init(rawValue:))
        let points = section.integer("points", range: 1...1_000_000, diagnostics: &diagnostics)
        var ranges: [SampledDesign.Range] = []
        for var reader in section.mappingList("ranges", required: true, diagnostics: &diagnostics) ?? [] {
            defer { reader.finish(diagnostics: &diagnostics) }
            guard let key = reader.string("key", diagnostics: &diagnostics),
                  case .scalar(let fromText, _, _)? = reader.node("from", diagnostics: &diagnostics),
                  case .scalar(let toText, _, _)? = reader.node("to", diagnostics: &diagnostics) else {
                diagnostics.error("expected 'key', 'from' and 'to'", at: reader.location, keyPath: reader.keyPath)
                continue
            }
            guard let (from, to, dimension) = pair(fromText, toText), to > from else {
                diagnostics.error("expected 'from' below 'to', both of one dimension, found '\(fromText)', '\(toText)'",
                                  at: reader.location, keyPath: reader.keyPath)
                continue
            }
            ranges.append(SampledDesign.Range(key: key, from: from, to: to, unit: unit(of: dimension), location: reader.location))
        }
        guard let method, let points else { return nil }
        if ranges.isEmpty {
            diagnostics.error("expected at least one range", at: section.location, keyPath: "sample.ranges")
            return nil
        }
        if method == .sobol && ranges.count > 40 {
            diagnostics.error("Sobol points cover at most 40 ranges, found \(ranges.count)", at: section.location, keyPath: "sample.ranges")
            return nil
        }
        return SampledDesign(method: method, points: points, ranges: ranges)
    }
}

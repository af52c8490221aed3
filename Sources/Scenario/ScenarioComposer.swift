import Foundation

/// Resolves a scenario's composition into one document: `extends:` (a base file, itself possibly
/// extending another), then the file's own `overrides:` (key path → value), then overrides
/// from the command line or a sweep. Every node keeps the location of the file it came from,
/// so an error in a base file names that file.
///
/// Merge rule: mappings merge key by key (the extending file wins, recursively); lists and
/// scalars are replaced whole.
public enum ScenarioComposer {
    /// An override from outside the files (command line, sweep point): key path and YAML value.
    public struct Override: Sendable {
        public let keyPath: String
        public let value: String
        /// Where the value was written (a sweep file's axis), so that an error in it points
        /// there; nil for the command line, whose errors name the key path instead.
        public let origin: SourceLocation?
        public init(keyPath: String, value: String, origin: SourceLocation? = nil) {
            self.keyPath = keyPath
            self.value = value
            self.origin = origin
        }
    }

    /// The most files one `extends` chain may have.
    static let maximumDepth = 16

    /// Composes the file at `path`. Nil, with errors in `diagnostics`, when any file fails.
    public static func compose(path: String, overrides: [Override] = [],
                               diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        guard var root = load(path: path, chain: [], diagnostics: &diagnostics) else { return nil }
        for override in overrides {
            let name = override.origin?.file ?? "<override \(override.keyPath)>"
            var local = DiagnosticCollector(file: name)
            let location = override.origin ?? SourceLocation(file: name, line: 1, column: 1)
            guard var value = ConfigDocumentReader.parse(text: override.value.isEmpty ? "''" : override.value, file: name,
                                                         into: &local) else {
                if let origin = override.origin {
                    diagnostics.append(contentsOf: local.relocated(to: origin))
                } else {
                    diagnostics.append(contentsOf: local)
                }
                return nil
            }
            if let origin = override.origin { value = value.relocated(to: origin) }
            guard apply(value, at: override.keyPath, keyLocation: location, to: &root, diagnostics: &diagnostics) else { return nil }
        }
        return root
    }

    /// Composes already-read text (tests, standard input); `extends` is resolved relative to `path`.
    public static func compose(text: String, path: String, diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        guard let node = ConfigDocumentReader.parse(text: text, file: path, into: &diagnostics) else { return nil }
        return resolve(node, path: path, chain: [canonical(path)], diagnostics: &diagnostics)
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func load(path: String, chain: [String], diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        var local = DiagnosticCollector(file: path)
        guard let text = ConfigDocumentReader.readText(path: path, into: &local),
              let node = ConfigDocumentReader.parse(text: text, file: path, into: &local) else {
            diagnostics.append(contentsOf: local)
            return nil
        }
        diagnostics.append(contentsOf: local) // no diagnostics, but the file read: an input of the run
        return resolve(node, path: path, chain: chain + [canonical(path)], diagnostics: &diagnostics)
    }

    /// Applies `extends` and `overrides` of one file's document.
    private static func resolve(_ node: ConfigNode, path: String, chain: [String],
                                diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        guard case .mapping(var entries, let location) = node else { return node } // the reader reports the type
        var result = node
        if let index = entries.firstIndex(where: { $0.key == "extends" }) {
            let entry = entries.remove(at: index)
            diagnostics.recordAccepted("extends")
            guard case .scalar(let target, let targetLocation, _) = entry.value, !entry.value.isNull else {
                diagnostics.error("expected the path of a base scenario file, found \(entry.value.kindDescription)",
                                  at: entry.value.location, keyPath: "extends")
                return nil
            }
            let basePath = InputPath.resolve(target, namedIn: path)
            if chain.contains(canonical(basePath)) {
                let cycle = (chain + [canonical(basePath)]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
                diagnostics.error("extends makes a cycle: \(cycle)", at: targetLocation, keyPath: "extends")
                return nil
            }
            if chain.count >= maximumDepth {
                diagnostics.error("extends chain deeper than \(maximumDepth) files", at: targetLocation, keyPath: "extends")
                return nil
            }
            if let problem = InputPath.problem(reading: basePath) {
                diagnostics.error(problem == "not found" ? "extends target not found: \(basePath)" : "extends target \(basePath) \(problem)",
                                  at: targetLocation, keyPath: "extends")
                return nil
            }
            var baseDiagnostics = DiagnosticCollector(file: basePath)
            guard let base = load(path: basePath, chain: chain, diagnostics: &baseDiagnostics) else {
                diagnostics.append(contentsOf: baseDiagnostics)
                return nil
            }
            diagnostics.append(contentsOf: baseDiagnostics)
            result = merge(base: base, over: .mapping(entries, location: location))
        }
        guard case .mapping(var merged, let mergedLocation) = result else { return result }
        if let index = merged.firstIndex(where: { $0.key == "overrides" }) {
            let entry = merged.remove(at: index)
            diagnostics.recordAccepted("overrides")
            result = .mapping(merged, location: mergedLocation)
            guard case .mapping(let overrides, _) = entry.value else {
                if !entry.value.isNull {
                    diagnostics.error("expected key paths with values (a mapping), found \(entry.value.kindDescription)",
                                      at: entry.value.location, keyPath: "overrides")
                    return nil
                }
                return result
            }
            for override in overrides {
                guard apply(override.value, at: override.key, keyLocation: override.keyLocation, to: &result, diagnostics: &diagnostics) else {
                    return nil
                }
            }
        }
        return result
    }

    /// The base document with `over` laid on top.
    static func merge(base: ConfigNode, over: ConfigNode) -> ConfigNode {
        guard case .mapping(var baseEntries, _) = base, case .mapping(let overEntries, let location) = over else { return over }
        for entry in overEntries {
            if let index = baseEntries.firstIndex(where: { $0.key == entry.key }) {
                baseEntries[index] = ConfigEntry(key: entry.key, keyLocation: entry.keyLocation,
                                                 value: merge(base: baseEntries[index].value, over: entry.value))
            } else {
                baseEntries.append(entry)
            }
        }
        return .mapping(baseEntries, location: location)
    }

    // MARK: key paths

    /// One step of a key path: a mapping key or a list index.
    enum PathStep: Equatable { case key(String), index(Int) }

    /// Parses `halls[0].rows`, `servers.gpu-node.max_power`. Nil when malformed.
    static func parseKeyPath(_ text: String) -> [PathStep]? {
        var steps: [PathStep] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            guard let nameEnd = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let name = rest[..<nameEnd]
            if name.isEmpty && steps.isEmpty { return nil }
            if !name.isEmpty { steps.append(.key(String(name))) }
            rest = rest[nameEnd...]
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else {
                    return nil
                }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty || (name.isEmpty && part.first != "[") { return nil }
        }
        return steps.isEmpty ? nil : steps
    }

    /// Replaces (or adds, for a mapping key) the node at `keyPath`.
    static func apply(_ value: ConfigNode, at keyPath: String, keyLocation: SourceLocation, to root: inout ConfigNode,
                      diagnostics: inout DiagnosticCollector) -> Bool {
        guard let steps = parseKeyPath(keyPath) else {
            diagnostics.error("malformed key path '\(keyPath)': expected keys joined by '.', with [N] for list items (halls[0].rows)",
                              at: keyLocation, keyPath: "overrides")
            return false
        }
        var failure: String? = nil
        root = replacing(root, steps[...], with: value, failure: &failure)
        if let failure {
            diagnostics.error("cannot override '\(keyPath)': \(failure)", at: keyLocation, keyPath: "overrides")
            return false
        }
        return true
    }

    private static func replacing(_ node: ConfigNode, _ steps: ArraySlice<PathStep>, with value: ConfigNode,
                                  failure: inout String?) -> ConfigNode {
        guard let step = steps.first else { return value }
        switch (step, node) {
        case (.key(let key), .mapping(var entries, let location)):
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index] = ConfigEntry(key: key, keyLocation: entries[index].keyLocation,
                                             value: replacing(entries[index].value, steps.dropFirst(), with: value, failure: &failure))
            } else if steps.count == 1 {
                entries.append(ConfigEntry(key: key, keyLocation: value.location, value: value))
            } else {
                // Create the missing intermediate mapping.
                let created = replacing(.mapping([], location: value.location), steps.dropFirst(), with: value, failure: &failure)
                entries.append(ConfigEntry(key: key, keyLocation: value.location, value: created))
            }
            return .mapping(entries, location: location)
        case (.index(let index), .sequence(var items, let location)):
            guard index < items.count else {
                failure = "index \(index) is past the end of a list of \(items.count)"
                return node
            }
            items[index] = replacing(items[index], steps.dropFirst(), with: value, failure: &failure)
            return .sequence(items, location: location)
        case (.key(let key), _):
            failure = "'\(key)' is not inside a mapping (found \(node.kindDescription))"
            return node
        case (.index(let index), _):
            failure = "[\(index)] is not inside a list (found \(node.kindDescription))"
            return node
        }
    }
}

import Foundation

/// Reads the keys of one YAML mapping into typed values, collecting every problem with its
/// location and key path instead of stopping at the first.
///
/// Each accessor records the key as known; `finish()` then reports the keys present in the file
/// that no accessor asked for (misspellings, keys from another section), with a suggestion.
public struct MappingReader {
    public let keyPath: String
    public let location: SourceLocation
    private let entries: [ConfigEntry]
    private var known: [String] = []

    /// Nil (with an error reported) when `node` is not a mapping.
    public init?(_ node: ConfigNode, keyPath: String, diagnostics: inout DiagnosticCollector) {
        guard case .mapping(let entries, let location) = node else {
            diagnostics.error("expected a mapping of keys, found \(node.kindDescription)", at: node.location, keyPath: keyPath)
            return nil
        }
        self.keyPath = keyPath
        self.location = location
        self.entries = entries
    }

    /// The key path of a child key.
    public func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// The value node of `key`, marking it known; nil when absent or null.
    public mutating func node(_ key: String) -> ConfigNode? {
        if !known.contains(key) { known.append(key) }
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
    }

    /// Where the value of `key` is, or the mapping itself when the key is absent.
    public func location(of key: String) -> SourceLocation {
        entries.first { $0.key == key }?.value.location ?? location
    }

    /// The keys present, in file order.
    public var presentKeys: [String] { entries.map(\.key) }

    private mutating func required<T>(_ key: String, _ value: T?, _ expectation: String,
                                      _ diagnostics: inout DiagnosticCollector) -> T? {
        if value == nil && node(key) == nil {
            diagnostics.error("missing required key: expected \(expectation)", at: location, keyPath: path(key))
        }
        return value
    }

    /// A quantity with a unit, in the stored SI unit of `dimension`, checked against `range`.
    /// Absent: `defaultValue`, or an error when there is none.
    public mutating func quantity(_ key: String, _ dimension: PhysicalDimension, range: ClosedRange<Double>? = nil,
                                  default defaultValue: Double? = nil, diagnostics: inout DiagnosticCollector) -> Double? {
        guard let value = node(key) else {
            return defaultValue ?? required(key, nil as Double?, "a \(dimension.rawValue) such as '\(dimension.example)'", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value else {
            diagnostics.error("expected a \(dimension.rawValue) such as '\(dimension.example)', found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        switch Units.parse(text, as: dimension) {
        case .failure(let failure):
            diagnostics.error(failure.message, at: location, keyPath: path(key))
            return nil
        case .success(let parsed):
            if let range, !range.contains(parsed) {
                diagnostics.error("expected a value in \(describe(range, dimension)), found '\(text)'", at: location, keyPath: path(key))
                return nil
            }
            return parsed
        }
    }

    /// A whole number in `range`.
    public mutating func integer(_ key: String, range: ClosedRange<Int>, default defaultValue: Int? = nil,
                                 diagnostics: inout DiagnosticCollector) -> Int? {
        guard let value = node(key) else {
            return defaultValue ?? required(key, nil as Int?, "a whole number in \(range.lowerBound)...\(range.upperBound)", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value, let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            diagnostics.error("expected a whole number in \(range.lowerBound)...\(range.upperBound), found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        guard range.contains(number) else {
            diagnostics.error("expected a whole number in \(range.lowerBound)...\(range.upperBound), found \(number)",
                              at: location, keyPath: path(key))
            return nil
        }
        return number
    }

    /// An unsigned 64-bit integer (a seed).
    public mutating func unsigned(_ key: String, default defaultValue: UInt64, diagnostics: inout DiagnosticCollector) -> UInt64? {
        guard let value = node(key) else { return defaultValue }
        guard case .scalar(let text, _, _) = value, let number = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            diagnostics.error("expected a whole number in 0...\(UInt64.max), found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        return number
    }

    /// A text value; `allowed`, when given, lists the accepted words.
    public mutating func string(_ key: String, allowed: [String]? = nil, default defaultValue: String? = nil,
                                diagnostics: inout DiagnosticCollector) -> String? {
        guard let value = node(key) else {
            return defaultValue ?? required(key, nil as String?, allowed.map { "one of \($0.joined(separator: ", "))" } ?? "a name", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value else {
            diagnostics.error("expected text, found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        if let allowed, !allowed.contains(text) {
            let hint = closestMatch(to: text, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            diagnostics.error("expected one of \(allowed.joined(separator: ", ")), found '\(text)'\(hint)", at: location, keyPath: path(key))
            return nil
        }
        return text
    }

    /// A nested mapping, or nil (with an error when `required` and absent).
    public mutating func mapping(_ key: String, required isRequired: Bool = false,
                                 diagnostics: inout DiagnosticCollector) -> MappingReader? {
        guard let value = node(key) else {
            if isRequired { diagnostics.error("missing required section", at: location, keyPath: path(key)) }
            return nil
        }
        return MappingReader(value, keyPath: path(key), diagnostics: &diagnostics)
    }

    /// A list of nodes, or nil (with an error when `required` and absent, or when not a list).
    public mutating func sequence(_ key: String, required isRequired: Bool = false,
                                  diagnostics: inout DiagnosticCollector) -> [ConfigNode]? {
        guard let value = node(key) else {
            if isRequired { diagnostics.error("missing required list", at: location, keyPath: path(key)) }
            return nil
        }
        guard case .sequence(let items, _) = value else {
            diagnostics.error("expected a list, found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        return items
    }

    /// Reports every present key that no accessor asked for.
    public func finish(diagnostics: inout DiagnosticCollector) {
        for entry in entries where !known.contains(entry.key) {
            let hint = closestMatch(to: entry.key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            let expected = known.isEmpty ? "" : "; expected one of \(known.joined(separator: ", "))"
            diagnostics.error("unknown key '\(entry.key)'\(hint)\(expected)", at: entry.keyLocation, keyPath: path(entry.key))
        }
    }

    private func describe(_ range: ClosedRange<Double>, _ dimension: PhysicalDimension) -> String {
        let unit = dimension.storedUnit == "1" ? "" : " \(dimension.storedUnit)"
        func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        if range.upperBound == .greatestFiniteMagnitude || range.upperBound == .infinity {
            return "\(format(range.lowerBound))\(unit) or more"
        }
        return "\(format(range.lowerBound))...\(format(range.upperBound))\(unit)"
    }
}

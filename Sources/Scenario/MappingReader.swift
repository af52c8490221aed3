import Foundation

/// Reads the keys of one YAML mapping into typed values, collecting every problem with its
/// location and key path instead of stopping at the first.
///
/// Each accessor records the key as known; `finish()` then reports the keys present in the file
/// that no accessor asked for (misspellings, keys from another section), with a suggestion.
public struct MappingReader {
    public let keyPath: String
    /// The key path with list indices as `[]` and user-chosen names as `<name>`.
    public let schemaPath: String
    public let location: SourceLocation
    private let entries: [ConfigEntry]
    private var known: [String] = []

    /// Nil (with an error reported) when `node` is not a mapping.
    public init?(_ node: ConfigNode, keyPath: String, schemaPath: String? = nil, diagnostics: inout DiagnosticCollector) {
        guard case .mapping(let entries, let location) = node else {
            diagnostics.error("expected a mapping of keys, found \(node.kindDescription)", at: node.location, keyPath: keyPath)
            return nil
        }
        self.keyPath = keyPath
        self.schemaPath = schemaPath ?? keyPath
        self.location = location
        self.entries = entries
    }

    /// The key path of a child key.
    public func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// The schema path of a child key.
    public func schema(_ key: String) -> String { schemaPath.isEmpty ? key : "\(schemaPath).\(key)" }

    /// Registers the keys this reader accepts (call `node` or an accessor for each).
    public mutating func node(_ key: String, diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        diagnostics.recordAccepted(schema(key))
        return node(key)
    }

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
        if value == nil && node(key, diagnostics: &diagnostics) == nil {
            diagnostics.error("missing required key: expected \(expectation)", at: location, keyPath: path(key))
        }
        return value
    }

    /// A quantity with a unit, in the stored SI unit of `dimension`, checked against `range`.
    /// Absent: `defaultValue`, or an error when there is none.
    public mutating func quantity(_ key: String, _ dimension: PhysicalDimension, range: ClosedRange<Double>? = nil,
                                  default defaultValue: Double? = nil, diagnostics: inout DiagnosticCollector) -> Double? {
        guard let value = node(key, diagnostics: &diagnostics) else {
            return defaultValue ?? required(key, nil as Double?, "a \(dimension.rawValue) such as '\(dimension.example)'", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value else {
            diagnostics.error("expected a \(dimension.rawValue) such as '\(dimension.example)', found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        return parseQuantity(text, at: location, keyPath: path(key), dimension, range: range, &diagnostics)
    }

    /// A quantity, or the word `autosize` (then `.autosize`: the facility's sizing step,
    /// `Autosizer`, chooses the value from the design day and the peak load).
    public mutating func sizableQuantity(_ key: String, _ dimension: PhysicalDimension, range: ClosedRange<Double>? = nil,
                                         default defaultValue: Double? = nil, diagnostics: inout DiagnosticCollector) -> Sizable? {
        if case .scalar(let raw, let location, _)? = node(key, diagnostics: &diagnostics) {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text == Sizable.keyword { return .autosize }
            // A word, not a number: name both forms this key takes.
            if let first = text.first, first.isLetter {
                let hint = closestMatch(to: text, among: [Sizable.keyword]).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.error("expected a \(dimension.rawValue) such as '\(dimension.example)' or '\(Sizable.keyword)', found '\(text)'\(hint)",
                                  at: location, keyPath: path(key))
                return nil
            }
        }
        return quantity(key, dimension, range: range, default: defaultValue, diagnostics: &diagnostics).map(Sizable.value)
    }

    /// One quantity checked for its unit and range; the shared core of `quantity` and `quantityList`.
    private func parseQuantity(_ text: String, at location: SourceLocation, keyPath: String, _ dimension: PhysicalDimension,
                               range: ClosedRange<Double>?, _ diagnostics: inout DiagnosticCollector) -> Double? {
        switch Units.parse(text, as: dimension) {
        case .failure(let failure):
            diagnostics.error(failure.message, at: location, keyPath: keyPath)
            return nil
        case .success(let parsed):
            if let range, !range.contains(parsed) {
                diagnostics.error("expected a value in \(describe(range, dimension)), found '\(text)'", at: location, keyPath: keyPath)
                return nil
            }
            return parsed
        }
    }

    /// A whole number in `range`.
    public mutating func integer(_ key: String, range: ClosedRange<Int>, default defaultValue: Int? = nil,
                                 diagnostics: inout DiagnosticCollector) -> Int? {
        guard let value = node(key, diagnostics: &diagnostics) else {
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

    // Keys that may be left out. The outer optional is nil when the value is invalid (the error
    // is recorded); the inner one is nil when the key is absent or null. So several can go in one
    // `guard let`, and each then reads `x ?? fallback`: no sentinel such as -1 for "not given".

    /// A quantity that may be left out (see above).
    public mutating func optionalQuantity(_ key: String, _ dimension: PhysicalDimension, range: ClosedRange<Double>? = nil,
                                          diagnostics: inout DiagnosticCollector) -> Double?? {
        guard node(key, diagnostics: &diagnostics) != nil else { return .some(nil) }
        return quantity(key, dimension, range: range, diagnostics: &diagnostics).map(Optional.some)
    }

    /// A quantity or `autosize` that may be left out (see above).
    public mutating func optionalSizableQuantity(_ key: String, _ dimension: PhysicalDimension, range: ClosedRange<Double>? = nil,
                                                 diagnostics: inout DiagnosticCollector) -> Sizable?? {
        guard node(key, diagnostics: &diagnostics) != nil else { return .some(nil) }
        return sizableQuantity(key, dimension, range: range, diagnostics: &diagnostics).map(Optional.some)
    }

    /// A whole number that may be left out (see above).
    public mutating func optionalInteger(_ key: String, range: ClosedRange<Int>, diagnostics: inout DiagnosticCollector) -> Int?? {
        guard node(key, diagnostics: &diagnostics) != nil else { return .some(nil) }
        return integer(key, range: range, diagnostics: &diagnostics).map(Optional.some)
    }

    /// A plain number that may be left out (see above).
    public mutating func optionalNumber(_ key: String, range: ClosedRange<Double>, diagnostics: inout DiagnosticCollector) -> Double?? {
        guard node(key, diagnostics: &diagnostics) != nil else { return .some(nil) }
        return number(key, range: range, diagnostics: &diagnostics).map(Optional.some)
    }

    /// An unsigned 64-bit integer (a seed).
    public mutating func unsigned(_ key: String, default defaultValue: UInt64, diagnostics: inout DiagnosticCollector) -> UInt64? {
        guard let value = node(key, diagnostics: &diagnostics) else { return defaultValue }
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
        guard let value = node(key, diagnostics: &diagnostics) else {
            return defaultValue ?? required(key, nil as String?, allowed.map { "one of \($0.joined(separator: ", "))" } ?? "a name", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value else {
            diagnostics.error("expected text, found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        if let allowed, !allowed.contains(text) {
            // Nothing to name: what it refers to was refused (a hall with an error) or is missing.
            guard !allowed.isEmpty else {
                diagnostics.error("'\(text)' names nothing defined without errors (see the errors above, or define it)", at: location, keyPath: path(key))
                return nil
            }
            let hint = closestMatch(to: text, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            diagnostics.error("expected one of \(allowed.joined(separator: ", ")), found '\(text)'\(hint)", at: location, keyPath: path(key))
            return nil
        }
        return text
    }

    /// A nested mapping, or nil (with an error when `required` and absent).
    public mutating func mapping(_ key: String, required isRequired: Bool = false,
                                 diagnostics: inout DiagnosticCollector) -> MappingReader? {
        guard let value = node(key, diagnostics: &diagnostics) else {
            if isRequired { diagnostics.error("missing required section", at: location, keyPath: path(key)) }
            return nil
        }
        return MappingReader(value, keyPath: path(key), schemaPath: schema(key), diagnostics: &diagnostics)
    }

    /// A list of nodes, or nil (with an error when `required` and absent, or when not a list).
    public mutating func sequence(_ key: String, required isRequired: Bool = false,
                                  diagnostics: inout DiagnosticCollector) -> [ConfigNode]? {
        guard let value = node(key, diagnostics: &diagnostics) else {
            if isRequired { diagnostics.error("missing required list", at: location, keyPath: path(key)) }
            return nil
        }
        guard case .sequence(let items, _) = value else {
            diagnostics.error("expected a list, found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        return items
    }

    /// A plain number (where the key's name carries its unit, `latitude_deg`, or it is a ratio).
    public mutating func number(_ key: String, range: ClosedRange<Double>, default defaultValue: Double? = nil,
                                diagnostics: inout DiagnosticCollector) -> Double? {
        guard let value = node(key, diagnostics: &diagnostics) else {
            return defaultValue ?? required(key, nil as Double?, "a number in \(range.lowerBound)...\(range.upperBound)", &diagnostics)
        }
        guard case .scalar(let text, let location, _) = value, let number = Double(text.trimmingCharacters(in: .whitespaces)),
              number.isFinite else {
            diagnostics.error("expected a number in \(range.lowerBound)...\(range.upperBound), found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        guard range.contains(number) else {
            diagnostics.error("expected a number in \(range.lowerBound)...\(range.upperBound), found \(text)", at: location, keyPath: path(key))
            return nil
        }
        return number
    }

    /// Money, a price per energy or per carbon, with its currency.
    public mutating func money(_ key: String, basis: MoneyQuantity.Basis, nonNegative: Bool = true,
                               diagnostics: inout DiagnosticCollector) -> MoneyQuantity? {
        guard let value = node(key, diagnostics: &diagnostics) else { return nil }
        guard case .scalar(let text, let location, _) = value else {
            diagnostics.error("expected money such as '0.45 CNY/kWh', found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        switch MoneyQuantity.parse(text, expecting: basis) {
        case .failure(let failure):
            diagnostics.error(failure.message, at: location, keyPath: path(key))
            return nil
        case .success(let money):
            if nonNegative && money.amount < 0 {
                diagnostics.error("expected a value of 0 or more, found '\(text)'", at: location, keyPath: path(key))
                return nil
            }
            return money
        }
    }

    /// A list of exactly `count` quantities (12 monthly values).
    public mutating func quantityList(_ key: String, _ dimension: PhysicalDimension, count: Int, range: ClosedRange<Double>,
                                      meaning: String = "one per month, January first",
                                      diagnostics: inout DiagnosticCollector) -> [Double]? {
        guard let value = node(key, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let items, let location) = value else {
            diagnostics.error("expected a list of \(count) values such as '\(dimension.example)', found \(value.kindDescription)",
                              at: value.location, keyPath: path(key))
            return nil
        }
        guard items.count == count else {
            diagnostics.error("expected \(count) values (\(meaning)), found \(items.count)", at: location, keyPath: path(key))
            return nil
        }
        var values: [Double] = []
        for (index, item) in items.enumerated() {
            guard case .scalar(let text, let itemLocation, _) = item else {
                diagnostics.error("expected a \(dimension.rawValue), found \(item.kindDescription)", at: item.location, keyPath: "\(path(key))[\(index)]")
                return nil
            }
            guard let parsed = parseQuantity(text, at: itemLocation, keyPath: "\(path(key))[\(index)]", dimension, range: range,
                                             &diagnostics) else { return nil }
            values.append(parsed)
        }
        return values
    }

    /// A list of text values.
    public mutating func stringList(_ key: String, diagnostics: inout DiagnosticCollector) -> [(String, SourceLocation)]? {
        guard let value = node(key, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let items, _) = value else {
            diagnostics.error("expected a list, found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        var strings: [(String, SourceLocation)] = []
        for (index, item) in items.enumerated() {
            guard case .scalar(let text, let location, _) = item else {
                diagnostics.error("expected text, found \(item.kindDescription)", at: item.location, keyPath: "\(path(key))[\(index)]")
                return nil
            }
            strings.append((text, location))
        }
        return strings
    }

    /// Entries of a mapping from user-chosen names to mappings (`servers: {gpu-node: {...}}`).
    public mutating func namedMappings(_ key: String, required isRequired: Bool = false,
                                       diagnostics: inout DiagnosticCollector) -> [(name: String, reader: MappingReader)]? {
        guard let value = node(key, diagnostics: &diagnostics) else {
            if isRequired { diagnostics.error("missing required section", at: location, keyPath: path(key)) }
            return nil
        }
        guard case .mapping(let entries, _) = value else {
            diagnostics.error("expected entries by name (a mapping), found \(value.kindDescription)", at: value.location, keyPath: path(key))
            return nil
        }
        var readers: [(String, MappingReader)] = []
        for entry in entries {
            if let reader = MappingReader(entry.value, keyPath: "\(path(key)).\(entry.key)", schemaPath: "\(schema(key)).<name>",
                                          diagnostics: &diagnostics) {
                readers.append((entry.key, reader))
            }
        }
        return readers
    }

    /// A list of mappings (`halls: [{...}, {...}]`).
    public mutating func mappingList(_ key: String, required isRequired: Bool = false,
                                     diagnostics: inout DiagnosticCollector) -> [MappingReader]? {
        guard let items = sequence(key, required: isRequired, diagnostics: &diagnostics) else { return nil }
        var readers: [MappingReader] = []
        for (index, item) in items.enumerated() {
            if let reader = MappingReader(item, keyPath: "\(path(key))[\(index)]", schemaPath: "\(schema(key))[]", diagnostics: &diagnostics) {
                readers.append(reader)
            }
        }
        return readers
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

import Foundation
import Yams

/// A parsed YAML document with a source location on every node: what the readers of scenario
/// and sweep files walk. Built from Yams' composed tree, with the limits that keep hostile input
/// from exhausting memory or the stack.
public indirect enum ConfigNode: Sendable {
    case scalar(String, location: SourceLocation, isPlain: Bool)
    case mapping([ConfigEntry], location: SourceLocation)
    case sequence([ConfigNode], location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, let location, _), .mapping(_, let location), .sequence(_, let location): return location
        }
    }

    /// A plain (unquoted) `~`, `null` or empty scalar.
    public var isNull: Bool {
        if case .scalar(let text, _, true) = self { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    /// The same node with every location moved to `origin`: a value that came from another file
    /// (a sweep axis) reports its errors, and resolves its relative paths, where it was written.
    public func relocated(to origin: SourceLocation) -> ConfigNode {
        switch self {
        case .scalar(let text, _, let isPlain): return .scalar(text, location: origin, isPlain: isPlain)
        case .mapping(let entries, _):
            return .mapping(entries.map { ConfigEntry(key: $0.key, keyLocation: origin, value: $0.value.relocated(to: origin)) },
                            location: origin)
        case .sequence(let items, _): return .sequence(items.map { $0.relocated(to: origin) }, location: origin)
        }
    }

    /// What a user would call this node's type, for "expected ..., found ..." messages.
    public var kindDescription: String {
        switch self {
        case .scalar(let text, _, _): return isNull ? "nothing (null)" : "'\(text.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

public struct ConfigEntry: Sendable {
    public let key: String
    public let keyLocation: SourceLocation
    public let value: ConfigNode
}

/// Limits on what a configuration file may be. Generous for any real scenario; small enough that
/// a malicious file fails fast with a clear message.
public enum ConfigLimits {
    /// Largest file read, bytes.
    public static let maximumFileBytes = 8 * 1024 * 1024
    /// Most nodes after aliases are expanded (defeats "billion laughs").
    public static let maximumNodes = 200_000
    /// Deepest nesting of mappings and lists.
    public static let maximumDepth = 64
}

/// Reads and parses a YAML configuration file into a `ConfigNode`, or reports why it cannot.
public enum ConfigDocumentReader {
    /// Whether the file at `path` has `key` at its top level (a line starting `key:`): how the
    /// command line tells scenarios, sweeps, multi-site scenarios and package files apart.
    public static func hasTopLevelKey(_ key: String, path: String) -> Bool {
        var ignored = DiagnosticCollector(file: path)
        guard let text = readText(path: path, into: &ignored) else { return false }
        return text.split(separator: "\n").contains { $0.hasPrefix(key + ":") }
    }

    /// Parses `text` from `file` (the name used in messages).
    /// - Returns: the root node, or nil with errors in `diagnostics`.
    public static func parse(text: String, file: String, into diagnostics: inout DiagnosticCollector) -> ConfigNode? {
        if text.utf8.count > ConfigLimits.maximumFileBytes {
            diagnostics.error("file is larger than \(ConfigLimits.maximumFileBytes / 1_048_576) MiB; a scenario is a page of YAML",
                              at: nil, keyPath: "")
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            diagnostics.error("file contains NUL bytes: expected YAML text, found binary data", at: nil, keyPath: "")
            return nil
        }
        if let depthProblem = flowNestingProblem(text, file: file) {
            diagnostics.error(depthProblem.message, at: depthProblem.location, keyPath: "")
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (message, location) = describe(error, file: file)
            diagnostics.error(message, at: location, keyPath: "")
            return nil
        } catch {
            diagnostics.error("cannot parse YAML: \(error)", at: nil, keyPath: "")
            return nil
        }
        guard let root else {
            diagnostics.error("file is empty: expected a YAML mapping of scenario sections", at: nil, keyPath: "")
            return nil
        }
        var budget = ConfigLimits.maximumNodes
        do {
            return try convert(root, file: file, depth: 0, budget: &budget)
        } catch {
            diagnostics.error(error.message, at: error.location, keyPath: "")
            return nil
        }
    }

    /// Reads the file at `path` as UTF-8 text, reporting an unreadable or non-UTF-8 file.
    public static func readText(path: String, into diagnostics: inout DiagnosticCollector) -> String? {
        readText(path: path, limitBytes: ConfigLimits.maximumFileBytes, what: "a scenario is a page of YAML", into: &diagnostics)
    }

    /// Reads a text input of at most `limitBytes`: checked to be a regular file first (a FIFO
    /// would block for ever, a device never end), then UTF-8, then normalised by
    /// `normalisedLineEnds` so that every reader sees `\n` lines without a byte-order mark.
    /// - Parameter what: why the limit is what it is, for the message.
    public static func readText(path: String, limitBytes: Int, what: String, into diagnostics: inout DiagnosticCollector) -> String? {
        diagnostics.recordInput(path)
        if let problem = InputPath.problem(reading: path) {
            diagnostics.error(problem == "not found" ? "no such file" : problem, at: nil, keyPath: "")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.error("cannot be read", at: nil, keyPath: "")
            return nil
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limitBytes + 1) ?? Data()
        } catch {
            diagnostics.error("cannot be read: \(error.localizedDescription)", at: nil, keyPath: "")
            return nil
        }
        if data.count > limitBytes {
            diagnostics.error("file is larger than \(ByteCountText.describe(limitBytes)); \(what)", at: nil, keyPath: "")
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data)
            diagnostics.error("file is not UTF-8 text (invalid byte at offset \(offset))", at: nil, keyPath: "")
            return nil
        }
        return normalisedLineEnds(text)
    }

    /// `text` without a leading UTF-8 byte-order mark, with Windows (CRLF) and old Mac (CR) line
    /// ends turned into `\n`. In Swift "\r\n" is one Character, so a CRLF file split on "\n" is
    /// one line: every reader normalises first.
    public static func normalisedLineEnds(_ text: String) -> String {
        var result = text
        if result.unicodeScalars.first == "\u{FEFF}" { result.unicodeScalars.removeFirst() }
        guard result.utf8.contains(13) else { return result }
        return result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private struct ConversionError: Error {
        let message: String
        let location: SourceLocation?
    }

    /// Line and column (in Unicode scalars) of a byte offset: libyaml's reader errors carry only
    /// the offset.
    private static func location(ofByteOffset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, bytes = 0
        for scalar in text.unicodeScalars {
            if bytes >= offset { break }
            bytes += UTF8.width(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws(ConversionError) -> ConfigNode {
        budget -= 1
        if budget < 0 {
            throw ConversionError(message: "document expands to more than \(ConfigLimits.maximumNodes) nodes (through aliases?); refusing to read it",
                                  location: location(node.mark, file))
        }
        if depth > ConfigLimits.maximumDepth {
            throw ConversionError(message: "nesting deeper than \(ConfigLimits.maximumDepth) levels", location: location(node.mark, file))
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, location: location(scalar.mark, file), isPlain: scalar.style == .plain || scalar.style == .any)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ConversionError(message: "mapping keys must be plain names, found a \(key.mapping != nil ? "mapping" : "list") as a key",
                                          location: location(key.mark, file))
                }
                entries.append(ConfigEntry(key: keyScalar.string, keyLocation: location(keyScalar.mark, file),
                                           value: try convert(value, file: file, depth: depth + 1, budget: &budget)))
            }
            return .mapping(entries, location: location(mapping.mark, file))
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1, budget: &budget)) }
            return .sequence(items, location: location(sequence.mark, file))
        case .alias(let alias):
            throw ConversionError(message: "unresolved alias", location: location(alias.mark, file))
        }
    }

    private static func describe(_ error: YamlError, file: String) -> (String, SourceLocation?) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ("YAML syntax error: \(problem)", location(mark, file))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping: each key may appear once",
                    location(context.mark, file))
        case .reader(let problem, let offset, let value, let yaml):
            let found = value >= 0 ? String(format: " (character U+%04X)", value) : ""
            return ("cannot read YAML: \(problem)\(found)", offset.map { location(ofByteOffset: $0, in: yaml, file: file) })
        default:
            return ("cannot parse YAML: \(error)", nil)
        }
    }

    /// libyaml and Yams recurse per nesting level of flow collections (`[[[[...]]]]`); a
    /// pathological depth would overflow the stack before any limit of ours could see it, so it
    /// is measured on the raw text first (brackets inside quotes and comments are skipped).
    private static func flowNestingProblem(_ text: String, file: String) -> (message: String, location: SourceLocation)? {
        var depth = 0, line = 1, column = 0
        var quote: Character? = nil, inComment = false
        for character in text {
            column += 1
            if character == "\n" { line += 1; column = 0; inComment = false; continue }
            if inComment { continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "#": inComment = true
            case "[", "{":
                depth += 1
                if depth > ConfigLimits.maximumDepth {
                    return ("nesting deeper than \(ConfigLimits.maximumDepth) levels", SourceLocation(file: file, line: line, column: column))
                }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset = consumed
                consumed += String(scalar).utf8.count
            case .emptyInput: return consumed
            case .error: return consumed > offset ? consumed : offset
            }
        }
    }
}

/// A place in an input file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in an input file.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    /// Where it is; nil only when the problem is the whole file (unreadable, empty).
    public let location: SourceLocation?
    /// The file, kept separately for problems without a location.
    public let file: String
    /// The key path, `racks[0].supply_air_temperature`; empty for the document itself.
    public let keyPath: String
    /// What was expected and what was found.
    public let message: String

    public init(_ severity: Severity, file: String, location: SourceLocation?, keyPath: String, message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: KEY.PATH: message`, the form compilers use, so editors can
    /// jump to it.
    public var description: String {
        let place = location?.description ?? file
        let key = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(place): \(severity.rawValue): \(key)\(message)"
    }
}

/// Thrown when an input has errors: every problem found, not just the first.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty)
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a file is read, so all of them can be reported at once.
public struct DiagnosticCollector: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []
    /// Every key path a reader asked for, in schema form (`servers.<name>.max_power`,
    /// `halls[].rows`): the keys this version accepts, which docs/scenario.md must list.
    public private(set) var acceptedKeyPaths: Set<String> = []

    /// Every file read while loading (the file itself, `extends` bases, package, weather and
    /// trace files), in reading order: what an output may never replace.
    public private(set) var inputFiles: [String] = []

    public init(file: String) { self.file = file }

    public mutating func recordInput(_ path: String) {
        if !inputFiles.contains(path) { inputFiles.append(path) }
    }

    mutating func recordAccepted(_ schemaPath: String) { acceptedKeyPaths.insert(schemaPath) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Records an error. The file named is the location's (a file reached through `extends`)
    /// or, without a location, the collector's.
    public mutating func error(_ message: String, at location: SourceLocation?, keyPath: String) {
        diagnostics.append(Diagnostic(.error, file: location?.file ?? file, location: location, keyPath: keyPath, message: message))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?, keyPath: String) {
        diagnostics.append(Diagnostic(.warning, file: location?.file ?? file, location: location, keyPath: keyPath, message: message))
    }

    /// Adds one diagnostic made elsewhere (a site's scenario of a multi-site run).
    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// These diagnostics placed at `origin`, where the text they describe was written.
    public func relocated(to origin: SourceLocation) -> DiagnosticCollector {
        var moved = DiagnosticCollector(file: origin.file)
        for diagnostic in diagnostics {
            moved.diagnostics.append(Diagnostic(diagnostic.severity, file: origin.file, location: origin, keyPath: diagnostic.keyPath,
                                                message: diagnostic.message))
        }
        return moved
    }

    /// Adds diagnostics collected elsewhere (another file of the composition).
    public mutating func append(contentsOf other: DiagnosticCollector) {
        diagnostics.append(contentsOf: other.diagnostics)
        acceptedKeyPaths.formUnion(other.acceptedKeyPaths)
        for path in other.inputFiles { recordInput(path) }
    }
}

import Foundation
import Testing
@testable import Scenario

/// docs/scenario.md must document exactly the keys the reader accepts.
@Suite("docs/scenario.md agrees with the reader")
struct SchemaDocsTests {
    /// Key paths in the first column of the tables of docs/scenario.md.
    func documentedKeys() throws -> Set<String> {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario.md"), encoding: .utf8)
        var keys = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            keys.insert(String(cell))
        }
        return keys
    }

    /// The keys the reader asks for while reading the fixture that uses every section.
    func acceptedKeys() throws -> Set<String> {
        let fixture = repositoryRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/everything.yaml").path
        return try ScenarioLoader.load(path: fixture).acceptedKeyPaths
    }

    @Test func everyAcceptedKeyIsDocumented() throws {
        let missing = try acceptedKeys().subtracting(documentedKeys())
        #expect(missing.isEmpty, "not in docs/scenario.md: \(missing.sorted())")
    }

    @Test func everyDocumentedKeyIsAccepted() throws {
        // Units and the composition table's first column hold values, not keys.
        let extra = try documentedKeys().subtracting(acceptedKeys())
        #expect(extra.isEmpty, "documented but not read: \(extra.sorted())")
    }
}

import Scenario

/// The inputs that differ between runs: each run's resolved scenario (`/scenario/text`) as
/// key paths and values (`cooling.crah[0].capacity = 400 kW`), compared path by path.
public enum ScenarioDifferences {
    /// Every scalar of a YAML document by its key path.
    public static func leaves(_ text: String) -> [String: String] {
        var diagnostics = DiagnosticCollector(file: "scenario")
        guard let node = ConfigDocumentReader.parse(text: text, file: "scenario", into: &diagnostics) else { return [:] }
        var out: [String: String] = [:]
        func visit(_ node: ConfigNode, _ path: String) {
            switch node {
            case .scalar(let text, _, _): out[path] = text
            case .mapping(let entries, _): for entry in entries { visit(entry.value, path.isEmpty ? entry.key : path + "." + entry.key) }
            case .sequence(let items, _):
                if items.isEmpty { out[path] = "[]" }
                for (index, item) in items.enumerated() { visit(item, "\(path)[\(index)]") }
            }
        }
        visit(node, "")
        return out
    }

    /// Key paths whose values are not all the same, with each run's value ("" when absent).
    public static func between(_ texts: [String]) -> [(path: String, values: [String])] {
        let maps = texts.map(leaves)
        let paths = Set(maps.flatMap(\.keys)).sorted()
        return paths.compactMap { path in
            let values = maps.map { $0[path] ?? "" }
            return Set(values).count > 1 ? (path, values) : nil
        }
    }
}

import Foundation

/// Writes a `ConfigNode` back as YAML: the resolved scenario (after `extends` and overrides)
/// stored in every output file, so a run can be repeated from its output alone.
///
/// Deterministic: keys keep their order. Scalars that YAML could read differently (empty, with
/// `:` or `#`, leading special characters, `yes`/`no`-like words) are double-quoted.
public enum ConfigEmitter {
    public static func yaml(_ node: ConfigNode) -> String {
        var lines: [String] = []
        emit(node, indent: 0, into: &lines, inlineFirst: nil)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emit(_ node: ConfigNode, indent: Int, into lines: inout [String], inlineFirst prefix: String?) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .scalar(let text, _, let isPlain):
            lines.append((prefix ?? pad) + scalar(text, wasPlain: isPlain))
        case .mapping(let entries, _):
            if entries.isEmpty { lines.append((prefix ?? pad) + "{}"); return }
            for (offset, entry) in entries.enumerated() {
                let head = (offset == 0 ? (prefix ?? pad) : pad) + key(entry.key) + ":"
                switch entry.value {
                case .scalar:
                    emit(entry.value, indent: indent + 2, into: &lines, inlineFirst: head + " ")
                case .mapping(let children, _) where children.isEmpty:
                    lines.append(head + " {}")
                case .sequence(let items, _) where items.isEmpty:
                    lines.append(head + " []")
                default:
                    lines.append(head)
                    emit(entry.value, indent: indent + 2, into: &lines, inlineFirst: nil)
                }
            }
        case .sequence(let items, _):
            if items.isEmpty { lines.append((prefix ?? pad) + "[]"); return }
            for (offset, item) in items.enumerated() {
                let dash = (offset == 0 ? (prefix ?? pad) : pad) + "- "
                emit(item, indent: indent + 2, into: &lines, inlineFirst: dash)
            }
        }
    }

    private static func key(_ text: String) -> String { needsQuotes(text) ? quoted(text) : text }

    private static func scalar(_ text: String, wasPlain: Bool) -> String {
        if wasPlain {
            // A plain null or boolean-like word meant what YAML reads it as: `towers: null` must
            // stay a null, not become the string "null".
            if text.isEmpty { return "null" }
            if reservedWords.contains(text.lowercased()) { return text }
            if !needsQuotes(text) { return text }
        }
        return quoted(text)
    }

    private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty || text != text.trimmingCharacters(in: .whitespaces) { return true }
        if reservedWords.contains(text.lowercased()) { return true }
        if let first = text.first, "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            // A leading minus is fine for numbers: "-2.9 degC".
            if first == "-", text.dropFirst().first.map({ $0.isNumber || $0 == "." }) == true { return text.contains(": ") || text.contains(" #") }
            return true
        }
        return text.contains(": ") || text.contains(" #") || text.hasSuffix(":") || text.contains("\n") || text.contains("\t")
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

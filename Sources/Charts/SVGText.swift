import Foundation

/// Text and numbers as they go into SVG and HTML: escaped, and numbers short where they are
/// drawn (coordinates) and exact where they are data (attributes that tests compare with the file).
public enum SVGText {
    /// Escapes the five characters XML reserves.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A drawing coordinate in pixels, to 0.1 px: finer is invisible and only makes the page larger.
    public static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// A value as data: Swift's shortest round-trip text, so a reader gets back the same Double;
    /// "NaN" for a missing value.
    public static func exact(_ value: Double) -> String {
        value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "Infinity" : "-Infinity") : "\(value)"
    }

    /// A value for a label, to `significant` significant digits; exponent only for extreme magnitudes.
    public static func label(_ value: Double, significant: Int = 3) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        if magnitude >= 6 || magnitude < -4 { return String(format: "%.\(max(0, significant - 2))e", value) }
        return String(format: "%.\(max(0, significant - 1 - magnitude))f", value)
    }
}

import Foundation
import Scenario

/// The values `autosize` chose, as `plenum validate` and `plenum run` print them.
enum SizingReport {
    static func lines(_ sizing: SizingSpec) -> [String] {
        guard let design = sizing.design, !sizing.sized.isEmpty else { return [] }
        var lines = [String(format: "Autosized (margin %.0f %%; design day %.1f °C dry bulb, %.1f °C wet bulb: %@):", sizing.margin * 100,
                            design.dryBulbC, design.wetBulbC, design.source)]
        for value in sizing.sized {
            lines.append("  \(value.keyPath) = \(display(value))   (\(value.basis))")
        }
        return lines
    }

    static func display(_ value: SizedValue) -> String {
        switch value.unit {
        case "W": return String(format: "%.1f kW", value.value / 1000)
        case "m3 s-1": return String(format: "%.3f m³/s", value.value)
        default: return String(format: "%g %@", value.value, value.unit)
        }
    }
}

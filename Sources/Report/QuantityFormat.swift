import Foundation

/// Numbers as a planner reads them: one unit per quantity chosen by magnitude (kWh, MWh or GWh;
/// kW or MW), thousands separators, and a sensible number of digits. The printed summary, the
/// report and `plenum compare` all format through here, so they agree.
public enum QuantityFormat {
    public enum EnergyUnit: String, Sendable {
        case kWh, MWh, GWh
        public var joules: Double { switch self { case .kWh: 3.6e6; case .MWh: 3.6e9; case .GWh: 3.6e12 } }

        /// The unit for energies up to `largestJ`: the largest keeps at most five digits before the point.
        public static func fitting(_ largestJ: Double) -> EnergyUnit {
            let kWh = abs(largestJ) / 3.6e6
            return !kWh.isFinite || kWh < 100_000 ? .kWh : kWh < 100_000_000 ? .MWh : .GWh
        }
    }

    public enum PowerUnit: String, Sendable {
        case kW, MW
        public var watts: Double { self == .kW ? 1e3 : 1e6 }
        public static func fitting(_ largestW: Double) -> PowerUnit { abs(largestW) < 10e6 || !largestW.isFinite ? .kW : .MW }
    }

    /// `1,431,317.2`: fixed decimals, commas between thousands.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(max(0, decimals))f", value)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Decimals that leave about four significant digits (never below 0 or above 3).
    public static func decimals(for value: Double) -> Int {
        let magnitude = abs(value)
        if magnitude == 0 { return 0 }
        return magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3
    }

    public static func energy(_ joules: Double, in unit: EnergyUnit) -> String {
        let value = joules / unit.joules
        return grouped(value, decimals: decimals(for: value)) + " " + unit.rawValue
    }

    public static func power(_ watts: Double, in unit: PowerUnit) -> String {
        let value = watts / unit.watts
        return grouped(value, decimals: decimals(for: value)) + " " + unit.rawValue
    }

    /// A value with the file's UDUNITS unit, in display form: energies in `energyUnit`, powers in
    /// `powerUnit`, seconds as hours when long, kilograms of water as m³ are left to the caller.
    public static func display(_ value: Double, units: String, energyUnit: EnergyUnit, powerUnit: PowerUnit) -> (text: String, units: String) {
        switch units {
        case "J": return (grouped(value / energyUnit.joules, decimals: decimals(for: value / energyUnit.joules)), energyUnit.rawValue)
        case "W": return (grouped(value / powerUnit.watts, decimals: decimals(for: value / powerUnit.watts)), powerUnit.rawValue)
        case "degC": return (value.isFinite ? String(format: "%.1f", value) : "n/a", "°C")
        case "1":
            if value != 0, abs(value) < 1e-3 { return (String(format: "%.1e", value), "") }
            if value == value.rounded(), abs(value) < 1e15 { return (grouped(value, decimals: 0), "") }
            return (value.isFinite ? String(format: abs(value) < 10 ? "%.3f" : "%.1f", value) : "n/a", "")
        default: return (grouped(value, decimals: decimals(for: value)), units)
        }
    }
}

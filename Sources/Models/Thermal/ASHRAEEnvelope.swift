/// The inlet-air envelopes of ASHRAE TC 9.9, "Thermal Guidelines for Data Processing
/// Environments", 5th ed. (2021), table 2.1: dry-bulb temperature at the server inlet.
///
/// The one table of these limits in Plenum: the scenario's warnings, the run's envelope events,
/// the summary's hours outside, and the servers' restart rule all read it.
public enum ASHRAEEnvelope: String, CaseIterable, Sendable {
    /// Recommended, for classes A1 to A4.
    case recommended
    /// Allowable, class A1 (enterprise servers, storage).
    case a1
    /// Allowable, class A2 (volume servers).
    case a2
    /// Allowable, classes A3 and A4 (volume servers with extended ranges).
    case a3
    case a4

    /// The allowed inlet dry-bulb range, °C.
    public var inletRangeC: ClosedRange<Double> {
        switch self {
        case .recommended: return 18...27
        case .a1: return 15...32
        case .a2: return 10...35
        case .a3: return 5...40
        case .a4: return 5...45
        }
    }

    /// How the envelope is named in messages and attributes: "ASHRAE A1 allowable 15-32 degC".
    public var label: String {
        let range = "\(Int(inletRangeC.lowerBound))-\(Int(inletRangeC.upperBound)) degC"
        return self == .recommended ? "ASHRAE recommended \(range)" : "ASHRAE \(rawValue.uppercased()) allowable \(range)"
    }

    public func contains(inletC: Double) -> Bool { inletRangeC.contains(inletC) }
}

import Foundation

/// The physical dimension a scenario key expects. Values are converted once, at parse time, to
/// the SI unit named here (temperatures to °C, since every temperature key says `C` in its
/// Swift name; solvers convert to K where the physics needs absolute temperature).
public enum PhysicalDimension: String, Sendable, CaseIterable {
    case power = "power"                                     // W
    case energy = "energy"                                   // J
    case temperature = "temperature"                         // °C
    case temperatureDifference = "temperature difference"    // K
    case volumeFlow = "volume flow"                          // m³/s
    case duration = "duration"                               // s
    case length = "length"                                   // m
    case area = "area"                                       // m²
    case volume = "volume"                                   // m³
    case mass = "mass"                                       // kg
    case pressure = "pressure"                               // Pa
    case heatCapacity = "heat capacity"                      // J/K
    case thermalConductance = "thermal conductance"          // W/K
    case thermalResistance = "thermal resistance"            // K/W
    case fraction = "fraction"                               // 1 (0-1; `%` accepted)
    case carbonIntensity = "carbon intensity"                // kg/J (written kg/kWh)
    case heatTransferCoefficient = "heat-transfer coefficient" // W/(m²·K)
    case dataRate = "data rate"                              // B/s (written GB/s)
    case dataSize = "data size"                              // B (written TB)
    case powerDensity = "power density"                      // W/m² (written W/mm2)

    /// The SI unit values are stored in.
    public var storedUnit: String {
        switch self {
        case .power: return "W"
        case .energy: return "J"
        case .temperature: return "degC"
        case .temperatureDifference: return "K"
        case .volumeFlow: return "m3/s"
        case .duration: return "s"
        case .length: return "m"
        case .area: return "m2"
        case .volume: return "m3"
        case .mass: return "kg"
        case .pressure: return "Pa"
        case .heatCapacity: return "J/K"
        case .thermalConductance: return "W/K"
        case .thermalResistance: return "K/W"
        case .fraction: return "1"
        case .carbonIntensity: return "kg/J"
        case .heatTransferCoefficient: return "W/m2K"
        case .dataRate: return "B/s"
        case .dataSize: return "B"
        case .powerDensity: return "W/m2"
        }
    }

    /// An example for messages: "expected a power such as '40 kW'".
    public var example: String {
        switch self {
        case .power: return "40 kW"
        case .energy: return "12 MWh"
        case .temperature: return "27 degC"
        case .temperatureDifference: return "5 K"
        case .volumeFlow: return "12000 CFM"
        case .duration: return "15 min"
        case .length: return "1.2 m"
        case .area: return "800 mm2"
        case .volume: return "2500 m3"
        case .mass: return "25 kg"
        case .pressure: return "50 kPa"
        case .heatCapacity: return "60 kJ/K"
        case .thermalConductance: return "900 W/K"
        case .thermalResistance: return "0.016 K/W"
        case .fraction: return "0.9 or 90 %"
        case .carbonIntensity: return "0.58 kg/kWh"
        case .heatTransferCoefficient: return "5000 W/m2K"
        case .dataRate: return "900 GB/s"
        case .dataSize: return "50 TB"
        case .powerDensity: return "0.5 W/mm2"
        }
    }
}

/// A unit a scenario may use: `value_SI = value · scale + offset`.
public struct UnitDefinition: Sendable {
    public let symbol: String
    public let dimension: PhysicalDimension
    public let scale: Double
    public let offset: Double
    /// Where the conversion factor comes from (exact by definition unless stated).
    public let note: String
}

/// The unit table and the parser of quantities such as `40 kW`, `27 degC`, `12000 CFM`.
///
/// Factors are exact by definition (SI prefixes; the international foot 0.3048 m; the US
/// gallon 231 in³; the BTU_IT 1055.05585262 J; the refrigeration ton 12,000 BTU_IT/h) per
/// NIST SP 811 (2008), Appendix B.
public enum Units {
    private static let foot = 0.3048
    private static let usGallonM3 = 231 * 0.0254 * 0.0254 * 0.0254
    private static let btuJ = 1055.05585262

    public static let table: [UnitDefinition] = {
        var units: [UnitDefinition] = []
        func add(_ symbols: [String], _ dimension: PhysicalDimension, _ scale: Double, offset: Double = 0, _ note: String = "SI") {
            for symbol in symbols { units.append(UnitDefinition(symbol: symbol, dimension: dimension, scale: scale, offset: offset, note: note)) }
        }
        add(["W"], .power, 1); add(["kW"], .power, 1e3); add(["MW"], .power, 1e6); add(["GW"], .power, 1e9)
        add(["BTU/h", "Btu/h"], .power, btuJ / 3600, "BTU_IT per hour, NIST SP 811")
        add(["TR", "ton"], .power, 12_000 * btuJ / 3600, "ton of refrigeration = 12,000 BTU_IT/h")
        add(["kVA"], .power, 1e3, "apparent power, read at unity power factor"); add(["MVA"], .power, 1e6, "apparent power, read at unity power factor")
        add(["J"], .energy, 1); add(["kJ"], .energy, 1e3); add(["MJ"], .energy, 1e6); add(["GJ"], .energy, 1e9)
        add(["Wh"], .energy, 3600); add(["kWh"], .energy, 3.6e6); add(["MWh"], .energy, 3.6e9); add(["GWh"], .energy, 3.6e12)
        add(["degC", "°C", "C"], .temperature, 1)
        add(["K"], .temperature, 1, offset: -273.15, "0 degC = 273.15 K")
        add(["degF", "°F", "F"], .temperature, 5.0 / 9.0, offset: -32 * 5.0 / 9.0, "degF = 32 + 1.8 degC")
        add(["K", "delta_degC"], .temperatureDifference, 1)
        add(["delta_degF"], .temperatureDifference, 5.0 / 9.0)
        add(["m3/s"], .volumeFlow, 1); add(["m3/h"], .volumeFlow, 1.0 / 3600)
        add(["L/s", "l/s"], .volumeFlow, 1e-3); add(["L/min", "l/min", "LPM"], .volumeFlow, 1e-3 / 60)
        add(["CFM", "cfm", "ft3/min"], .volumeFlow, foot * foot * foot / 60, "cubic foot per minute, international foot")
        add(["gpm", "GPM"], .volumeFlow, usGallonM3 / 60, "US gallon (231 in3) per minute")
        add(["ms"], .duration, 1e-3); add(["s"], .duration, 1); add(["min"], .duration, 60); add(["h"], .duration, 3600)
        add(["d", "days", "day"], .duration, 86_400)
        add(["years", "year", "yr"], .duration, 365 * 86_400, "a 365-day year (8760 h), as annual energy analyses use")
        add(["m"], .length, 1); add(["km"], .length, 1e3); add(["cm"], .length, 1e-2); add(["mm"], .length, 1e-3)
        add(["um", "µm"], .length, 1e-6); add(["ft"], .length, foot); add(["in"], .length, 0.0254)
        add(["m2"], .area, 1); add(["cm2"], .area, 1e-4); add(["mm2"], .area, 1e-6); add(["ft2"], .area, foot * foot)
        add(["m3"], .volume, 1); add(["L", "l"], .volume, 1e-3); add(["ft3"], .volume, foot * foot * foot)
        add(["kg"], .mass, 1); add(["g"], .mass, 1e-3); add(["t"], .mass, 1e3)
        add(["Pa"], .pressure, 1); add(["kPa"], .pressure, 1e3); add(["MPa"], .pressure, 1e6); add(["bar"], .pressure, 1e5)
        add(["psi"], .pressure, 6894.757293168, "pound-force per square inch, NIST SP 811")
        add(["J/K"], .heatCapacity, 1); add(["kJ/K"], .heatCapacity, 1e3); add(["MJ/K"], .heatCapacity, 1e6)
        add(["W/K"], .thermalConductance, 1); add(["kW/K"], .thermalConductance, 1e3)
        add(["K/W"], .thermalResistance, 1); add(["K/kW"], .thermalResistance, 1e-3)
        add(["%"], .fraction, 0.01)
        add(["W/m2K", "W/(m2 K)"], .heatTransferCoefficient, 1); add(["kW/m2K"], .heatTransferCoefficient, 1e3)
        add(["B/s"], .dataRate, 1); add(["MB/s"], .dataRate, 1e6); add(["GB/s"], .dataRate, 1e9); add(["TB/s"], .dataRate, 1e12)
        add(["W/m2"], .powerDensity, 1); add(["W/cm2"], .powerDensity, 1e4); add(["W/mm2"], .powerDensity, 1e6)
        add(["B"], .dataSize, 1); add(["kB"], .dataSize, 1e3); add(["MB"], .dataSize, 1e6); add(["GB"], .dataSize, 1e9)
        add(["TB"], .dataSize, 1e12); add(["PB"], .dataSize, 1e15)
        add(["Gb/s", "Gbps"], .dataRate, 1e9 / 8, "bits: 8 per byte"); add(["Tb/s"], .dataRate, 1e12 / 8, "bits: 8 per byte")
        add(["kg/J"], .carbonIntensity, 1); add(["kg/kWh", "t/MWh"], .carbonIntensity, 1 / 3.6e6); add(["g/kWh", "kg/MWh"], .carbonIntensity, 1e-3 / 3.6e6)
        return units
    }()

    /// Why a quantity could not be read.
    public enum ParseFailure: Error, Equatable, Sendable {
        case notANumber(String)
        case notFinite(String)
        case missingUnit(expected: PhysicalDimension)
        case unknownUnit(String, suggestion: String?)
        case wrongDimension(unit: String, found: PhysicalDimension, expected: PhysicalDimension)
        case wrongMoney(found: String, example: String)

        public var message: String {
            switch self {
            case .notANumber(let text):
                return "expected a number with a unit, found '\(text)'"
            case .notFinite(let text):
                return "expected a finite number, found '\(text)'"
            case .missingUnit(let expected):
                return "expected a \(expected.rawValue) with its unit, such as '\(expected.example)'; found a bare number"
            case .unknownUnit(let unit, let suggestion):
                return "unknown unit '\(unit)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            case .wrongDimension(let unit, let found, let expected):
                return "expected a \(expected.rawValue) such as '\(expected.example)', found '\(unit)', a unit of \(found.rawValue)"
            case .wrongMoney(let found, let example):
                return "expected money such as '\(example)', found '\(found)'"
            }
        }
    }

    /// Parses `text` as a quantity of `dimension` and returns it in the stored SI unit.
    ///
    /// A bare number is accepted only for `.fraction` (or when `bareUnit` names the unit the
    /// schema documents for that key).
    public static func parse(_ text: String, as dimension: PhysicalDimension,
                             bareUnit: String? = nil) -> Result<Double, ParseFailure> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        if ["nan", "+nan", "-nan", ".nan", "inf", "+inf", "-inf", ".inf", "+.inf", "-.inf", "infinity", "-infinity"]
            .contains(where: { lowered == $0 || lowered.hasPrefix($0 + " ") }) {
            return .failure(.notFinite(trimmed))
        }
        let (numberText, unitText) = split(trimmed)
        guard !numberText.isEmpty, let number = Double(numberText) else { return .failure(.notANumber(trimmed)) }
        guard number.isFinite else { return .failure(.notFinite(trimmed)) }
        guard !unitText.isEmpty else {
            if dimension == .fraction { return .success(number) }
            if let bareUnit { return parse("\(numberText) \(bareUnit)", as: dimension) }
            return .failure(.missingUnit(expected: dimension))
        }
        let candidates = table.filter { $0.symbol == unitText }
        if let match = candidates.first(where: { $0.dimension == dimension }) {
            let value = number * match.scale + match.offset
            return value.isFinite ? .success(value) : .failure(.notFinite(trimmed))
        }
        if let other = candidates.first {
            return .failure(.wrongDimension(unit: unitText, found: other.dimension, expected: dimension))
        }
        let sameDimension = table.filter { $0.dimension == dimension }.map(\.symbol)
        // Words people write for units (`Celsius`, `hours`) first, then the closest symbol.
        let word = spelledOut[unitText.lowercased()].flatMap { symbol in sameDimension.contains(symbol) ? symbol : nil }
        return .failure(.unknownUnit(unitText, suggestion: word ?? closestMatch(to: unitText, among: sameDimension)))
    }

    /// Unit names written out, and common abbreviations, with the symbol Plenum reads.
    static let spelledOut: [String: String] = [
        "celsius": "degC", "°c": "degC", "deg c": "degC", "c": "degC", "centigrade": "degC", "fahrenheit": "degF", "°f": "degF",
        "f": "degF", "kelvin": "K", "kelvins": "K", "second": "s", "seconds": "s", "sec": "s", "secs": "s", "minute": "min",
        "minutes": "min", "mins": "min", "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "day": "d", "days": "d",
        "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "megawatt": "MW", "megawatts": "MW", "kws": "kW",
        "percent": "%", "pct": "%", "metre": "m", "meter": "m", "metres": "m", "meters": "m", "millimetre": "mm", "millimeter": "mm",
        "litre": "L", "liter": "L", "litres": "L", "liters": "L", "cfm": "CFM",
    ]

    /// Splits `40 kW` or `40kW` into number and unit. The number is the longest leading run of
    /// characters that can belong to a decimal literal; `Double` then validates it (and rejects
    /// `nan`, `inf` and hexadecimal forms, which never reach it as they start with a letter).
    private static func split(_ text: String) -> (String, String) {
        var numberEnd = text.startIndex
        var previous: Character? = nil
        for index in text.indices {
            let character = text[index]
            let isNumeric = character.isASCII && (character.isNumber || character == "." ||
                ((character == "+" || character == "-") && (previous == nil || previous == "e" || previous == "E")) ||
                ((character == "e" || character == "E") && previous.map { $0.isNumber || $0 == "." } == true &&
                 text[text.index(after: index)...].first.map { $0.isNumber || $0 == "+" || $0 == "-" } == true))
            if !isNumeric { break }
            numberEnd = text.index(after: index)
            previous = character
        }
        return (String(text[..<numberEnd]), text[numberEnd...].trimmingCharacters(in: .whitespaces))
    }
}

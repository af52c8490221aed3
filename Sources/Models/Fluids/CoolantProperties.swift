/// Properties of the liquids in cooling loops, constant over the loop's temperature range.
///
/// Values near 30 °C: water ρ = 996 kg/m³, c_p = 4180 J/(kg·K) (IAPWS-95 via NIST Chemistry
/// WebBook); propylene glycol 25 % by mass (PG25) ρ = 1020 kg/m³, c_p = 3900 J/(kg·K) (ASHRAE
/// Handbook—Fundamentals 2021, ch. 31); a single-phase dielectric immersion fluid (synthetic
/// hydrocarbon) ρ = 800 kg/m³, c_p = 2100 J/(kg·K) (typical of data sheets; an estimate).
///
/// Boiling points at atmospheric pressure: water 100 °C; PG25 about 101 °C (ASHRAE Handbook—
/// Fundamentals 2021, ch. 31: aqueous propylene glycol boils a degree or two above water at this
/// strength). A pressurised loop boils higher, so the limit is conservative. Single-phase
/// dielectric hydrocarbons boil far above any loop temperature (nil: no limit).
public struct CoolantProperties: Sendable, Equatable {
    public let name: String
    public let densityKgPerM3: Double
    public let specificHeatJPerKgK: Double
    public var boilingPointC: Double? = nil

    public static let water = CoolantProperties(name: "water", densityKgPerM3: 996, specificHeatJPerKgK: 4180, boilingPointC: 100)
    public static let propyleneGlycol25 = CoolantProperties(name: "PG25", densityKgPerM3: 1020, specificHeatJPerKgK: 3900, boilingPointC: 101)
    public static let dielectric = CoolantProperties(name: "dielectric", densityKgPerM3: 800, specificHeatJPerKgK: 2100)

    /// Heat capacity rate ṁ c_p of a volume flow, W/K.
    public func heatCapacityRateWPerK(flowM3PerS: Double) -> Double { flowM3PerS * densityKgPerM3 * specificHeatJPerKgK }

    /// Heat capacity of a volume, J/K.
    public func heatCapacityJPerK(volumeM3: Double) -> Double { volumeM3 * densityKgPerM3 * specificHeatJPerKgK }
}

// The scenario as validated, and its top-level sections (simulation, site, faults, economics);
// the IT, cooling, power and workload sections each have their own file (ITSpecs.swift, …).
import Models

/// A validated scenario: every value in SI units (temperatures in °C, money with its currency),
/// every reference resolved against the scenario and the catalog. Built only by
/// `ScenarioLoader`, so a `ScenarioSpec` is always consistent.
public struct ScenarioSpec: Sendable {
    public var simulation: SimulationSpec
    public var site: SiteSpec
    public var packages: [PackageSpec]
    /// Server types by name, in file order.
    public var serverTypes: [ServerSpec]
    /// Rack types by name, in file order.
    public var rackTypes: [RackTypeSpec]
    public var halls: [HallSpec]
    public var cooling: CoolingSpec
    public var power: PowerSpec
    public var jobs: [JobSpec]
    public var services: [InferenceServiceSpec] = []
    public var workload = WorkloadSettings()
    public var faults: [FaultSpec]
    public var economics: EconomicsSpec
    /// `network:`: the scale-out fabric of every hall; nil when the scenario has none.
    public var network: NetworkSpec? = nil
    /// `sizing:`, the keys written as `autosize` and, once loaded, the values chosen for them.
    public var sizing = SizingSpec()
    /// The resolved scenario (after `extends` and overrides) as YAML: stored in every output.
    public var resolvedText: String
    /// The main file's text as read.
    public var sourceText: String
    /// The file it came from.
    public var sourcePath: String
    /// The `KEY.PATH=VALUE` overrides applied on top of the file (`--set`, or a sweep point's),
    /// in order: with `sourcePath` and the seed they make the command that reproduces the run.
    public var overrides: [String] = []
    /// Every file read to make it (the scenario, its bases, package, weather and trace files):
    /// what the run's output may never replace.
    public var inputFiles: [String] = []

    public func serverType(named name: String) -> ServerSpec? { serverTypes.first { $0.name == name } }
    public func rackType(named name: String) -> RackTypeSpec? { rackTypes.first { $0.name == name } }
    public func hall(named name: String) -> HallSpec? { halls.first { $0.name == name } }
    /// The fabric of hall `h`: its own `network`, else the scenario's; nil when neither is given.
    public func fabric(ofHall h: Int) -> NetworkSpec? { halls[h].network ?? network }
}

/// `simulation:`: the time frame, the seed and what is recorded.
public struct SimulationSpec: Sendable {
    /// The instant t = 0 maps to, ISO-8601 with zone (`2026-07-01T00:00:00Z`).
    public var startInstant: String
    /// The zone offset written in `simulation.start`, s: local clock time (for weather hours and
    /// time-of-use prices) is `startInstant` + this.
    public var utcOffsetS: Double = 0
    public var durationS: Double
    /// Step of the quasi-steady models (plant, power chain) and of weather updates.
    public var timeStepS: Double
    public var seed: UInt64
    /// Whether the thermal network is integrated in time or solved as a sequence of steady states.
    public var thermalMode: ThermalMode
    /// Sampling interval of the time-series output.
    public var outputIntervalS: Double
    /// The levels recorded.
    public var outputLevels: [OutputLevel]
    /// Intervals of levels that differ from `outputIntervalS`.
    public var levelIntervalsS: [OutputLevel: Double]

    /// The sampling interval of one level.
    public func outputInterval(for level: OutputLevel) -> Double { levelIntervalsS[level] ?? outputIntervalS }
    /// ODE relative tolerance for the thermal network.
    public var relativeTolerance: Double
    /// How far a server's inlet air or coolant may move from the values it last ran with before
    /// it is advanced again, K (0: whenever anything changes). docs/models/it-thermal.md.
    public var serverToleranceK = defaultServerToleranceK
    public static let defaultServerToleranceK = 0.2

    public enum ThermalMode: String, Sendable, CaseIterable { case transient, quasiSteady = "quasi-steady" }
    public enum OutputLevel: String, Sendable, CaseIterable { case facility, hall, rack, server, accelerator }
}

/// `site:`: where the facility is: climate, electricity and carbon.
public struct SiteSpec: Sendable {
    public var name: String
    /// The catalog entry it started from, if any.
    public var catalogName: String?
    public var latitudeDeg: Double?
    public var longitudeDeg: Double?
    public var elevationM: Double
    /// Monthly mean dry-bulb temperature, °C, January first (nil with a weather file only).
    public var monthlyDryBulbC: [Double]?
    /// Monthly mean relative humidity, 0-1.
    public var monthlyRelativeHumidity: [Double]?
    /// An EnergyPlus EPW or CSV weather file (path as resolved).
    public var weatherFile: String?
    /// Electricity price per joule, in `currency`.
    public var electricityPricePerJ: Double?
    public var currency: String?
    public var timeOfUse: TimeOfUseSpec?
    /// Grid emission factor, kg CO₂ per joule.
    public var gridCarbonKgPerJ: Double?
}

/// A time-of-use tariff: multipliers on the base price in peak and valley hours.
public struct TimeOfUseSpec: Sendable, Equatable {
    /// Hours of the day (0-23) at the peak price.
    public var peakHours: [Int]
    public var peakMultiplier: Double
    public var valleyHours: [Int]
    public var valleyMultiplier: Double

    /// The price multiplier of a local hour of the day (1 outside peak and valley hours).
    public func multiplier(hourOfDay hour: Int) -> Double {
        peakHours.contains(hour) ? peakMultiplier : valleyHours.contains(hour) ? valleyMultiplier : 1
    }
}

/// `faults[i]`: a scheduled failure (at a time, for a duration) or random failures (MTBF, MTTR).
public struct FaultSpec: Sendable {
    public var component: String
    public var trigger: Trigger

    public enum Trigger: Sendable {
        case scheduled(atS: Double, durationS: Double?)
        case random(mtbfS: Double, mttrS: Double)
    }
}

/// `economics:`: money.
public struct EconomicsSpec: Sendable {
    public var currency: String
    public var itCapex: Double?
    public var facilityCapex: Double?
    public var itDepreciationS: Double
    public var facilityDepreciationS: Double
    /// Carbon price per kg CO₂.
    public var carbonPricePerKg: Double?
}

extension SimulationSpec {
    /// Local clock hour of a 365-day year at t = 0: the UTC start plus the zone written in the
    /// scenario (29 February counts as the 28th).
    public var localStartHourOfYear: Double {
        let digits = startInstant.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let utcHour = digits.count >= 4
            ? YearCalendar.hourOfYear(month: digits[1], day: digits[2], hour: digits[3], minute: digits.count > 4 ? digits[4] : 0) : 0
        let hour = utcHour + utcOffsetS / 3600
        let year = Double(YearCalendar.hours)
        return hour < 0 ? hour + year : hour.truncatingRemainder(dividingBy: year)
    }
}

// Over 400 lines: every section's spec type is in this one file (one schema to read); issue 14
// moves them into per-section files with its build step.
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
    /// The resolved scenario (after `extends` and overrides) as YAML: stored in every output.
    public var resolvedText: String
    /// The main file's text as read.
    public var sourceText: String
    /// The file it came from.
    public var sourcePath: String
    /// Every file read to make it (the scenario, its bases, package, weather and trace files):
    /// what the run's output may never replace.
    public var inputFiles: [String] = []

    public func serverType(named name: String) -> ServerSpec? { serverTypes.first { $0.name == name } }
    public func rackType(named name: String) -> RackTypeSpec? { rackTypes.first { $0.name == name } }
    public func hall(named name: String) -> HallSpec? { halls.first { $0.name == name } }
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
}

/// `packages.<name>`: a package variant, with its design when described (inline or in `file`).
public struct PackageSpec: Sendable {
    public var name: String
    public var kind: Kind
    public var file: String?
    public var description: String
    public var design: PackageDesign?

    public enum Kind: String, Sendable, CaseIterable {
        case monolithic, chiplet25D = "chiplet-2.5d", stack3D = "stack-3d", computeInMemory = "compute-in-memory"
    }
}

/// An accelerator as used in a server: catalog figures with the scenario's overrides applied.
public struct AcceleratorSpec: Sendable {
    public var name: String
    public var tdpW: Double
    public var idlePowerW: Double
    public var maxOperatingTemperatureC: Double
    public var fp16TFLOPS: Double?
    /// INT8 or FP8 dense peak, TOPS/TFLOPS.
    public var int8TOPS: Double? = nil
    /// A power limit below TDP (nvidia-smi -pl): the clock is capped where power reaches it.
    public var powerLimitW: Double? = nil
}

/// `servers.<name>`: a server type.
public struct ServerSpec: Sendable {
    public var name: String
    public var catalogName: String?
    public var accelerator: AcceleratorSpec?
    public var acceleratorCount: Int
    public var package: String?
    public var cpuCount: Int
    public var cpuTDPW: Double
    public var cpuIdlePowerW: Double
    /// Memory, NICs, drives, fans and the rest, at idle and at full load.
    public var otherIdlePowerW: Double
    public var otherMaxPowerW: Double
    /// Electrical power at zero and at full utilisation (all of it becomes heat).
    public var idlePowerW: Double
    public var maxPowerW: Double
    /// Cooling air through the server at full fan speed.
    public var airflowM3PerS: Double
    public var fanMaxPowerW: Double?
    public var psu: PSUSpec?
    /// Efficiency of the board's voltage regulators feeding accelerators and CPUs.
    public var vrmEfficiency: Double
    public var massKg: Double
    /// Lumped heat capacity of the server's solids.
    public var heatCapacityJPerK: Double
    /// Convective conductance from the solids to the air passing through.
    public var airConductanceWPerK: Double
    /// Volume of air inside the chassis.
    public var internalAirVolumeM3: Double
    /// EnergyPlus ITE curves, when the server's power and airflow follow them instead of its parts.
    public var energyPlusCurves: ITEquipmentCurves?
}

/// A server's power supplies.
public struct PSUSpec: Sendable {
    public var units: Int
    public var ratingW: Double
    public var redundantUnits: Int
    /// `titanium`, `platinum`, `gold`, or `fixed` with `fixedEfficiency`.
    public var efficiencyClass: String
    public var fixedEfficiency: Double?
}

/// `racks.<name>`: a rack type.
public struct RackTypeSpec: Sendable {
    public var name: String
    public var serverType: String
    public var serverCount: Int
    public var powerLimitW: Double?
    public var cooling: CoolingType
    /// Fraction of the servers' heat taken by liquid at the source (cold plates, immersion).
    public var liquidFraction: Double
    /// Heat the rack's own cooling (a rear door) can remove, if it has its own.
    public var coolingCapacityW: Double?

    public enum CoolingType: String, Sendable, CaseIterable {
        case air, directLiquid = "direct-liquid", immersion, rearDoor = "rear-door"
    }
}

/// `halls[i]`: a hall of identical racks in rows.
public struct HallSpec: Sendable {
    public var name: String
    public var rackType: String
    public var rows: Int
    public var racksPerRow: Int
    public var containment: Containment
    public var roomVolumeM3: Double
    /// Supply air set point of the hall's CRAH units.
    public var supplyAirTemperatureC: Double

    public var rackCount: Int { rows * racksPerRow }

    public enum Containment: String, Sendable, CaseIterable { case none, coldAisle = "cold-aisle", hotAisle = "hot-aisle", chimney }
}

/// `cooling:`: hall units and the plant.
public struct CoolingSpec: Sendable {
    public var crahGroups: [CRAHSpec]
    public var cduGroups: [CDUSpec]
    public var chillers: ChillerSpec?
    public var towers: TowerSpec?
    public var dryCoolers: DryCoolerSpec?
    public var economiser: EconomiserSpec
    public var chilledWater: ChilledWaterSpec?
    public var facilityWaterSupplyC: Double?
    /// Facility (primary) water pumps of a warm-water liquid loop at design flow, W.
    public var facilityWaterPumpW: Double?
    /// Facility water return − supply at design, K.
    public var facilityWaterRangeK = 10.0
}

public struct CRAHSpec: Sendable {
    public var hall: String
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var airflowM3PerS: Double
    public var fanPowerW: Double
    /// `variable`: fans follow the racks' draw (EC fans, VFDs); `constant`: full speed always,
    /// as in much of the installed base.
    public var constantSpeedFans = false
}

public struct CDUSpec: Sendable {
    public var hall: String
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var approachK: Double
    public var pumpPowerW: Double
}

public struct ChillerSpec: Sendable {
    public var units: Int
    public var redundantUnits: Int
    public var capacityW: Double
    public var ratedCOP: Double
    public var leavingWaterTemperatureC: Double
    public var condenser: Condenser
    /// From power's return after an outage to chilled water at the coils again.
    public var restartTimeS: Double = 600

    public enum Condenser: String, Sendable, CaseIterable { case water, air }
}

public struct TowerSpec: Sendable {
    public var units: Int
    public var capacityW: Double
    public var approachK: Double
    public var rangeK: Double
    public var fanPowerW: Double
    public var cyclesOfConcentration: Double
    /// Condenser water pumps at design flow, W.
    public var pumpPowerW: Double
}

public struct DryCoolerSpec: Sendable {
    public var units: Int
    public var capacityW: Double
    public var approachK: Double
    public var fanPowerW: Double
    /// Pumps of the dry-cooler loop at design flow, W.
    public var pumpPowerW: Double
}

public struct EconomiserSpec: Sendable {
    public var mode: Mode
    /// How much colder than needed the outdoor side must be before free cooling starts.
    public var changeoverMarginK: Double

    public enum Mode: String, Sendable, CaseIterable { case none, waterSide = "water-side", airSide = "air-side" }
}

public struct ChilledWaterSpec: Sendable {
    public var supplyTemperatureC: Double
    public var returnTemperatureC: Double
    public var pumpPowerW: Double
    /// Volume of a chilled-water storage tank (0: none), m³.
    public var storageM3: Double = 0
}

/// `power:`: the chain from the utility to the racks.
public struct PowerSpec: Sendable {
    public var utilityCapacityW: Double?
    public var transformers: TransformerSpec?
    public var ups: UPSSpec?
    public var pduLossFraction: Double
    /// Total PDU rating, W (nil: not given).
    public var pduCapacityW: Double? = nil
    public var generators: GeneratorSpec?
    public var batteries: BatterySpec?
    /// Lighting, offices and other loads of the facility, constant.
    public var otherLoadW: Double
}

public struct TransformerSpec: Sendable {
    public var units: Int
    public var ratingW: Double
    public var noLoadLossW: Double
    public var loadLossW: Double
}

public struct UPSSpec: Sendable {
    public var mode: Mode
    public var redundancy: Redundancy
    public var modules: Int
    public var moduleRatingW: Double
    /// Efficiency at half load.
    public var efficiency: Double

    public enum Mode: String, Sendable, CaseIterable { case doubleConversion = "double-conversion", eco }
    public enum Redundancy: String, Sendable, CaseIterable { case n = "N", nPlus1 = "N+1", twoN = "2N" }

    /// Capacity usable by the load: one module spare with N+1, half with 2N.
    public var usableCapacityW: Double {
        switch redundancy {
        case .n: return Double(modules) * moduleRatingW
        case .nPlus1: return Double(max(modules - 1, 0)) * moduleRatingW
        case .twoN: return Double(modules) * moduleRatingW / 2
        }
    }
}

/// The UPS batteries: usable energy, how fast they recharge, and the charger's efficiency.
public struct BatterySpec: Sendable {
    public var energyJ: Double
    /// Time to recharge from empty at the charger's full rate.
    public var rechargeTimeS: Double
    public var chargeEfficiency: Double
}

public struct GeneratorSpec: Sendable {
    public var units: Int
    public var ratingW: Double
    public var startDelayS: Double
}

/// `workload.jobs[i]` (and generated and traced jobs): a job on whole servers of one hall.
public struct JobSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case batch, training }

    public var name: String
    public var hall: String
    public var kind: Kind
    /// Submission time, seconds from start; the job starts when the scheduler places it.
    public var submitS: Double
    /// Run time of a batch job; nil for training (it runs until its work is done).
    public var durationS: Double?
    public var serverCount: Int
    /// Utilisation of each server it runs on, 0-1.
    public var utilization: Double
    /// Training: the work and how fast the devices deliver it.
    public var training: TrainingSpec?
    /// Where the job's input data lives and how much there is (sites linked by a WAN).
    public var inputDataBytes: Double = 0
    public var dataSite: String? = nil

    public init(name: String, hall: String, kind: Kind = .batch, submitS: Double, durationS: Double?, serverCount: Int, utilization: Double,
                training: TrainingSpec? = nil) {
        self.name = name
        self.hall = hall
        self.kind = kind
        self.submitS = submitS
        self.durationS = durationS
        self.serverCount = serverCount
        self.utilization = utilization
        self.training = training
    }
}

/// A training job's work: total FLOPs at a precision and model-FLOPs utilisation, with
/// checkpoints (progress kept) and the time a restart costs after an interruption.
public struct TrainingSpec: Sendable {
    public var flops: Double
    public enum Precision: String, Sendable, CaseIterable { case bf16, fp16, fp8, int8 }
    public var precision: Precision
    public var modelFlopsUtilization: Double
    public var checkpointIntervalS: Double?
    public var restartCostS: Double
}

/// `workload.inference[i]`: a service answering requests on dedicated servers.
public struct InferenceServiceSpec: Sendable {
    public var name: String
    public var hall: String
    public var serverCount: Int
    /// Mean arrival rate, requests/s, times the hour's multiplier of `dailyProfile` (local time).
    public var arrivalRatePerS: Double
    public var dailyProfile: [Double]?
    /// Work per request, FLOPs (tokens × FLOPs per token when given so).
    public var flopsPerRequest: Double
    public var latencyObjectiveS: Double
    /// Requests a server works on at once (continuous batching): each takes batch × FLOPs / throughput.
    public var batchSize: Int
    public var precision: TrainingSpec.Precision
    public var modelFlopsUtilization: Double
    public enum ServiceTime: String, Sendable, CaseIterable { case exponential, deterministic }
    public var serviceTime: ServiceTime
    /// Network round trip between users and the hall, s (sites linked by a WAN set it).
    public var networkRoundTripS: Double = 0
}

/// `workload:` settings: queue discipline, placement, power cap.
public struct WorkloadSettings: Sendable {
    public enum Scheduler: String, Sendable, CaseIterable { case fcfs, easyBackfill = "easy-backfill" }
    public enum Placement: String, Sendable, CaseIterable { case packed, coolest }
    public enum Gang: String, Sendable, CaseIterable { case rack, row, hall }
    public enum CapEnforcement: String, Sendable, CaseIterable { case hold, throttle }
    public var scheduler: Scheduler = .fcfs
    public var placement: Placement = .packed
    public var gang: Gang = .hall
    /// IT power cap of the facility, W, and how it is kept; a cap per rack (kept by throttling).
    public var powerCapW: Double? = nil
    public var rackPowerCapW: Double? = nil
    public var capEnforcement: CapEnforcement = .throttle
    /// Jobs listed under `workload.jobs` come first in `ScenarioSpec.jobs`; generated and traced follow.
    public var explicitJobCount = 0
    public init() {}
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

// The IT side of a scenario: packages, accelerators, servers with their power supplies, rack
// types and halls (`packages:`, `servers:`, `racks:`, `halls:`).
import Models

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
    /// Device memory, GB (10⁹ bytes): what a training layout must fit in.
    public var memoryGB: Double? = nil
    /// Scale-up link (NVLink, HCCS…): bandwidth per device in both directions together, GB/s,
    /// and the devices one domain joins (docs/models/network.md).
    public var scaleUpGBytesPerS: Double? = nil
    public var scaleUpDomain: Int? = nil
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
    /// Whether `room_volume` was given; without it a hall with a floor plan takes the plan's box,
    /// set once the plan is checked (`ScenarioChecks+Airflow`).
    public var roomVolumeGiven = true
    /// Supply air set point of the hall's CRAH units.
    public var supplyAirTemperatureC: Double
    /// `halls[i].network`: this hall's own fabric, in place of the scenario's `network:`.
    public var network: NetworkSpec? = nil
    /// `halls[i].airflow`: the floor plan for per-rack airflow (nil: one well-mixed air node). Its
    /// `coolerUnits` are the hall's CRAH units, set once the cooling section is read.
    public var airflow: HallGeometry? = nil

    public var rackCount: Int { rows * racksPerRow }

    public enum Containment: String, Sendable, CaseIterable { case none, coldAisle = "cold-aisle", hotAisle = "hot-aisle", chimney }
}

/// A validated scenario: every value in SI units (temperatures in °C), every reference resolved.
/// Built only by `ScenarioLoader`, so a `ScenarioSpec` is always consistent.
public struct ScenarioSpec: Sendable {
    public var simulation: SimulationSpec
    /// Server types by name, in file order.
    public var serverTypes: [ServerSpec]
    public var racks: [RackSpec]
    public var jobs: [JobSpec]
    /// The scenario text as read (stored in every output file).
    public var sourceText: String
    /// The file it came from.
    public var sourcePath: String

    public func serverType(named name: String) -> ServerSpec? { serverTypes.first { $0.name == name } }
}

/// `simulation:`: the time frame, the seed and what is recorded.
public struct SimulationSpec: Sendable {
    /// The instant t = 0 maps to, ISO-8601 with zone (`2026-07-01T00:00:00Z`).
    public var startInstant: String
    public var durationS: Double
    public var seed: UInt64
    /// Sampling interval of the time-series output.
    public var outputIntervalS: Double
    /// ODE relative tolerance for the thermal network.
    public var relativeTolerance: Double
}

/// `servers.<name>:`: a server type.
public struct ServerSpec: Sendable {
    public var name: String
    /// Electrical power drawn at zero utilisation (all of it becomes heat).
    public var idlePowerW: Double
    /// Electrical power at full utilisation.
    public var maxPowerW: Double
    /// Volume flow of cooling air through the server (at its inlet).
    public var airflowM3PerS: Double
    /// Lumped heat capacity of the server's solids (boards, heat sinks, chassis).
    public var heatCapacityJPerK: Double
    /// Convective conductance from the solids to the air passing through.
    public var airConductanceWPerK: Double
    /// Volume of air inside the chassis (its heat capacity is tiny but makes the network stiff).
    public var internalAirVolumeM3: Double
}

/// `racks[i]`: a rack of identical servers fed with supply air at a constant temperature.
public struct RackSpec: Sendable {
    public var name: String
    public var serverType: String
    public var serverCount: Int
    public var supplyAirTemperatureC: Double
}

/// `workload.jobs[i]`: a job that occupies whole servers of one rack at a utilisation.
public struct JobSpec: Sendable {
    public var name: String
    public var rack: String
    /// Submission time, seconds from start; the job starts when enough servers are free.
    public var submitS: Double
    public var durationS: Double
    public var serverCount: Int
    /// Utilisation of each server it runs on, 0-1.
    public var utilization: Double
}

import Models
import Storage

/// What happened in a run, typed. Only the recorder turns it into the `kind` strings of
/// `/events` (`name`; docs/output.md lists them), so nothing counts events by matching text.
enum FacilityEventKind: Equatable, Sendable {
    case jobSubmit, jobRejected, jobStart, jobEnd, jobInterrupted, jobRestart, jobRunningAtEnd
    case serverShutdown, serverRestart
    case throttleStart, throttleEnd
    /// A hall's rack inlet left (`outside`) or re-entered an ASHRAE envelope.
    case inlet(ASHRAEEnvelope, outside: Bool)
    /// A unit (CRAH, CDU, the utility) failed or was repaired.
    case unit(failed: Bool)
    /// A capacity (utility, generators, transformers, UPS, PDUs, PSUs, plant) exceeded, or back within.
    case overload(started: Bool)
    case coolingShortfall(started: Bool)
    case utilityOutage(started: Bool)
    case generatorOnline, generatorOffline
    case criticalLoadLost, criticalLoadRestored
    case chillerRestart(started: Bool)
    case chilledWaterStorageEmpty
    /// A hall's CRAH controls reached (or left) a limit: coil at full valve, fans at full speed,
    /// airflow deficit (`SetPointTracker`).
    case controlLimit(SetPointTracker.Limit, reached: Bool)

    /// The kind as written in `/events`.
    var name: String {
        switch self {
        case .jobSubmit: return "job-submit"
        case .jobRejected: return "job-rejected"
        case .jobStart: return "job-start"
        case .jobEnd: return "job-end"
        case .jobInterrupted: return "job-interrupted"
        case .jobRestart: return "job-restart"
        case .jobRunningAtEnd: return "job-running-at-end"
        case .serverShutdown: return "server-shutdown"
        case .serverRestart: return "server-restart"
        case .throttleStart: return "throttle-start"
        case .throttleEnd: return "throttle-end"
        case .inlet(let envelope, let outside): return "inlet-\(outside ? "outside" : "inside")-\(envelope.rawValue)"
        case .unit(let failed): return failed ? "failure" : "repair"
        case .overload(let started): return started ? "overload-start" : "overload-end"
        case .coolingShortfall(let started): return started ? "cooling-shortfall-start" : "cooling-shortfall-end"
        case .utilityOutage(let started): return started ? "utility-outage-start" : "utility-outage-end"
        case .generatorOnline: return "generator-online"
        case .generatorOffline: return "generator-offline"
        case .criticalLoadLost: return "critical-load-lost"
        case .criticalLoadRestored: return "critical-load-restored"
        case .chillerRestart(let started): return started ? "chiller-restart-start" : "chiller-restart-end"
        case .chilledWaterStorageEmpty: return "chilled-water-storage-empty"
        case .controlLimit(let limit, let reached): return "\(limit.eventName)-\(reached ? "start" : "end")"
        }
    }
}

/// One event of a run: when, what, to which component, a number that goes with the kind (NaN
/// when none) and a message.
struct FacilityEvent: Equatable, Sendable {
    var timeS: Double
    var kind: FacilityEventKind
    var component: String
    var value: Double = .nan
    var message: String = ""

    /// The row of the `/events` table.
    var record: EventRecord { EventRecord(timeS: timeS, kind: kind.name, component: component, value: value, message: message) }
}

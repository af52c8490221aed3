import Charts
import Storage

/// What a Plenum HDF5 file is, told from its groups: a run, a multi-site run, a package
/// analysis (Plenum's or HotSpot's network) or a merged sweep.
public enum PlenumFileKind: String, Sendable {
    case run, multiSite = "multi-site", package, hotspot, sweep

    public static func of(_ file: HDF5File) throws(StorageError) -> PlenumFileKind {
        let root = try file.rootGroup()
        if root.memberKind("points") == .group { return .sweep }
        if root.memberKind("sites") == .group { return .multiSite }
        if root.memberKind("layers") == .group { return .package }
        if root.memberKind("blocks") == .group && root.memberKind("timeseries") == nil { return .hotspot }
        guard root.memberKind("summary") == .group else {
            throw StorageError(file: file.path, objectPath: "/", operation: "read a Plenum file",
                               reason: "no /summary, /points, /sites or /layers group: not a file plenum run, package, sweep or merge wrote")
        }
        return .run
    }
}

/// The site's clock: the instant of t = 0 and the local offset, from the file's root attributes.
public struct RunClock: Sendable {
    /// Seconds since 1970 (UTC) of t = 0.
    public let startUTCS: Double
    public let offsetS: Double
    public let offsetText: String

    /// Seconds since 1970 on the local clock at t = 0: what time axes are labelled from.
    public var localOriginS: Double { startUTCS + offsetS }

    public init(root: StoredGroup) {
        offsetS = { if case .double(let v)? = root.attributes["utc_offset_s"] { return v }; return 0 }()
        offsetText = root.attributeText("utc_offset") ?? "+00:00"
        startUTCS = Self.parse(root.attributeText("start_instant") ?? "") ?? 0
    }

    /// The clock of a run about to be written: its start instant (ISO 8601, UTC) and offset.
    public init(startInstant: String, offsetS: Double) {
        startUTCS = Self.parse(startInstant) ?? 0
        self.offsetS = offsetS
        let minutes = Int((abs(offsetS) / 60).rounded())
        offsetText = (offsetS < 0 ? "-" : "+") + (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }

    /// `2026-07-01T00:00:00Z` → seconds since 1970; nil when not of that form.
    static func parse(_ text: String) -> Double? {
        let digits = text.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard digits.count >= 6 else { return nil }
        return TimeLabels.epochSeconds(.init(year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4], second: digits[5]))
    }

    /// `2026-07-01 08:00 (+08:00)` for a time in seconds since the start.
    public func local(_ t: Double) -> String { TimeLabels.dateTime(localEpochS: localOriginS + t) + " (" + offsetText + ")" }
}

/// A run file read for a report: the groups it shows. Server and accelerator series are not read
/// (a year of them can be gigabytes); `plenum export` writes them.
public struct RunFile: Sendable {
    public let path: String
    public let root: StoredGroup
    public let summary: StoredGroup
    public let clock: RunClock
    public let facility: StoredGroup?
    public let hall: StoredGroup?
    public let rack: StoredGroup?
    public let events: StoredGroup?
    public let jobs: StoredGroup?
    public let jobClasses: StoredGroup?
    public let inference: StoredGroup?
    /// `/network`: each hall's fabric, when the scenario has one.
    public let network: StoredGroup?
    public let sizing: StoredGroup?
    /// `/airflow`'s attributes (how far floor-plan inlets are from CFD) and its units (where the
    /// floor plans' cooling units stand).
    public let airflow: StoredGroup?
    public let scenarioText: String

    public init(path: String) throws(StorageError) {
        let file = try HDF5File.open(at: path)
        try self.init(file: file)
    }

    public init(file: HDF5File) throws(StorageError) {
        path = file.path
        let top = try file.rootGroup()
        func group(_ path: String, only: Set<String>? = nil) throws(StorageError) -> StoredGroup? {
            var current = top
            for part in path.split(separator: "/") {
                guard current.memberKind(String(part)) == .group else { return nil }
                current = try current.openGroup(String(part))
            }
            return try StoredGroup.read(file, path: "/" + path, maximumElements: 20_000_000, only: only)
        }
        root = try StoredGroup.read(file, path: "/", maximumElements: 0)
        guard let summary = try group("summary") else {
            throw StorageError(file: path, objectPath: "/summary", operation: "read the run's summary", reason: "the file has no /summary group")
        }
        self.summary = summary
        clock = RunClock(root: root)
        facility = try group("timeseries/facility")
        hall = try group("timeseries/hall")
        // The floor plans need only these; a large hall's other rack series stay on disk.
        rack = try group("timeseries/rack", only: ["time", "rack", "rack_name", "rack_hall", "inlet_temperature_c", "it_power_w", "capture_index"])
        events = try group("events")
        jobs = try group("jobs")
        jobClasses = try group("jobs/classes")
        inference = try group("jobs/inference")
        network = try group("network")
        sizing = try group("sizing")
        airflow = try group("airflow", only: ["unit", "unit_name", "unit_hall", "unit_wall", "unit_position", "unit_row", "unit_after_rack",
                                              "hall", "hall_name", "cfd_coverage", "relaxed_steps",
                                              "rack", "rack_position", "position_inlet_error_mean_k", "position_inlet_error_worst_k",
                                              "position_cfd_uncertainty_k"])
        scenarioText = (try group("scenario"))?.texts("text").first ?? ""
    }

    /// The run's currency (from the money columns), or "".
    public var currency: String {
        let units = summary["energy_cost"]?.units ?? ""
        return units == "1" ? "" : units
    }
}

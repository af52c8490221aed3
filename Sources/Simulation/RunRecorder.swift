import Foundation
import Scenario
import Storage

/// One time series: a dataset name, its units and meaning, and how to read column `i` of it.
struct RecordedVariable {
    let name: String
    let units: String
    let longName: String
    /// The CF standard name, where CF defines one.
    var standardName: String? = nil
    /// A value per column, or every column at once: per-rack values that share a hall-wide part
    /// (a one-node hall's inlet needs its coil's operating point) compute it once per sample
    /// instead of once per rack.
    enum Source {
        case column((Int) -> Double)
        case row(() -> [Double])
    }
    let source: Source

    init(name: String, units: String, longName: String, standardName: String? = nil, value: @escaping (Int) -> Double) {
        self.name = name
        self.units = units
        self.longName = longName
        self.standardName = standardName
        source = .column(value)
    }

    init(name: String, units: String, longName: String, row: @escaping () -> [Double]) {
        self.name = name
        self.units = units
        self.longName = longName
        source = .row(row)
    }
}

/// One level of `/timeseries`: its group, its column axis and variables, and a reused row buffer.
final class LevelRecorder {
    let group: TimeSeriesGroup
    let columns: Int
    let perColumn: Bool
    let variables: [RecordedVariable]
    private var row: [Double]

    init(parent: HDF5Group, level: String, startInstant: String, axis: TimeSeriesGroup.ColumnAxis?,
         variables: [RecordedVariable]) throws(StorageError) {
        group = try TimeSeriesGroup(group: parent.createGroup(level), startInstant: startInstant, columns: axis)
        perColumn = axis != nil
        columns = axis?.labels.count ?? 1
        self.variables = variables
        row = Array(repeating: 0, count: columns)
        for variable in variables {
            try group.addVariable(variable.name, units: variable.units, longName: variable.longName, standardName: variable.standardName,
                                  perColumn: perColumn)
        }
    }

    func sample(timeS: Double) throws(StorageError) {
        try group.appendTime(timeS)
        for (index, variable) in variables.enumerated() {
            switch variable.source {
            case .row(let values):
                try group.append(index, row: values())
            case .column(let value) where perColumn:
                for column in 0..<columns { row[column] = value(column) }
                try group.append(index, row: row)
            case .column(let value):
                try group.append(index, value(0))
            }
        }
    }

    func flush() throws(StorageError) { try group.flush() }
}

/// Writes one run's HDF5 file in the layout of docs/output.md: `/scenario`,
/// `/timeseries/<level>` for the levels the scenario asks for, `/events`, `/summary`.
final class RunRecorder {
    private let file: HDF5File
    private let root: HDF5Group
    /// In the fixed order of `OutputLevel.allCases`: iterating a dictionary would order the
    /// writes differently in every process (Swift seeds its hashing per process), and the file's
    /// bytes with them.
    private var levels: [(level: SimulationSpec.OutputLevel, recorder: LevelRecorder)] = []
    private let events: EventTable
    private var samplesSinceFlush = 0
    /// Samples between flushes of the file, so a killed run leaves a readable prefix.
    private let flushEverySamples = 4096

    init(file: HDF5File, spec: ScenarioSpec,
         variables: [SimulationSpec.OutputLevel: (axis: TimeSeriesGroup.ColumnAxis?, variables: [RecordedVariable])]) throws(StorageError) {
        self.file = file
        root = try file.rootGroup()
        let start = spec.simulation.startInstant
        try OutputConventions.writeGlobalAttributes(root, title: "Plenum simulation of \(spec.sourcePath)",
                                                    history: OutputConventions.history(command: "run", spec: spec),
                                                    utcOffsetS: spec.simulation.utcOffsetS)
        try root.setAttribute("program", "plenum")
        try root.setAttribute("program_version", PlenumVersion.current)
        try root.setAttribute("start_instant", start)
        try root.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))

        let scenario = try root.createGroup("scenario")
        let text = try scenario.createStringDataset("text", spec.resolvedText)
        try text.setAttribute("long_name", "the resolved scenario (extends and overrides applied), as YAML")
        try text.setAttribute("units", "1")
        let source = try scenario.createStringDataset("source_text", spec.sourceText)
        try source.setAttribute("long_name", "the scenario file as read")
        try source.setAttribute("units", "1")
        try scenario.setAttribute("source_path", spec.sourcePath)
        try scenario.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))
        try scenario.setAttribute("seed_text", String(spec.simulation.seed))
        try scenario.setAttribute("program_version", PlenumVersion.current)
        try scenario.setAttribute("start_instant", start)

        try Self.writeSizing(spec.sizing, in: root)

        let series = try root.createGroup("timeseries")
        for level in SimulationSpec.OutputLevel.allCases {
            guard let definition = variables[level] else { continue }
            levels.append((level, try LevelRecorder(parent: series, level: level.rawValue, startInstant: start, axis: definition.axis,
                                                    variables: definition.variables)))
        }
        events = try EventTable(creatingIn: root, name: "events", startInstant: start)
    }

    /// `/sizing`: each value the scenario left to `autosize`, named by its key path, with how it
    /// was chosen; absent when nothing was autosized.
    static func writeSizing(_ sizing: SizingSpec, in root: HDF5Group) throws(StorageError) {
        guard let design = sizing.design, !sizing.sized.isEmpty else { return }
        let group = try root.createGroup("sizing")
        try group.setAttribute("margin", sizing.margin)
        try group.setAttribute("design_exceedance", sizing.exceedance)
        try group.setAttribute("design_dry_bulb_c", design.dryBulbC)
        try group.setAttribute("design_wet_bulb_c", design.wetBulbC)
        try group.setAttribute("design_source", design.source)
        for value in sizing.sized {
            let name = value.keyPath.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                .replacingOccurrences(of: "__", with: "_").trimmingCharacters(in: CharacterSet(charactersIn: "_"))
            let dataset = try group.createScalar(name, value.value)
            try dataset.setUnits(value.unit)
            try dataset.setAttribute("long_name", "autosized \(value.keyPath)")
            try dataset.setAttribute("key_path", value.keyPath)
            try dataset.setAttribute("basis", value.basis)
        }
    }

    /// The column axis of a level, to add index variables beside it (each rack's hall...).
    func columnAxis(_ level: SimulationSpec.OutputLevel) -> NamedAxis? { recorder(level)?.group.columnAxis }

    private func recorder(_ level: SimulationSpec.OutputLevel) -> LevelRecorder? { levels.first { $0.level == level }?.recorder }

    func sample(_ level: SimulationSpec.OutputLevel, timeS: Double) throws(StorageError) {
        guard let recorder = recorder(level) else { return }
        try recorder.sample(timeS: timeS)
        samplesSinceFlush += 1
        if samplesSinceFlush >= flushEverySamples {
            try flush()
            try file.flush()
            samplesSinceFlush = 0
        }
    }

    /// Writes an event as a row of `/events`: the one place its kind becomes text.
    func event(_ event: FacilityEvent) throws(StorageError) {
        try events.append(event.record)
    }

    private func flush() throws(StorageError) {
        for entry in levels { try entry.recorder.flush() }
        try events.flush()
    }

    /// A new top-level group (the workload's `/jobs`).
    func createGroup(_ name: String) throws(StorageError) -> HDF5Group { try root.createGroup(name) }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    func finish(summary: RunSummary) throws(StorageError) {
        try flush()
        let group = try root.createGroup("summary")
        // What the run could not hold, in words (docs/models/hall-thermal.md); empty when held.
        try group.setAttribute("warnings", summary.warnings.joined(separator: "\n"))
        if !summary.trainingSteps.isEmpty { try group.setAttribute("training_steps", summary.trainingSteps.joined(separator: "\n")) }
        for kpi in summary.datasets {
            let dataset = try group.createScalar(kpi.name, kpi.value)
            try dataset.setUnits(kpi.units)
            try dataset.setAttribute("long_name", kpi.longName)
        }
        if let facility = summary.facility {
            let months = try NamedAxis(in: group, name: "month", labels: Self.monthNames, longName: "calendar month", firstIndex: 1)
            for column in facility.monthly.columns {
                // Money carries its currency as the summary's totals do (setUnits).
                let units = column.name.hasSuffix("_cost") && !facility.currency.isEmpty ? facility.currency : column.units
                try months.column(column.name, column.values, units: units, longName: column.longName)
            }
        }
        try file.flush()
        // Last: the digest covers everything above, so resume and merge can tell a damaged or
        // edited file from a finished one.
        try HDF5ContentDigest.write(root)
        try file.flush()
    }
}

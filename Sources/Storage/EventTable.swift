internal import CHDF5
#if canImport(Glibc)
import Glibc
#endif

/// One row of the `/events` table.
public struct EventRecord: Equatable, Sendable {
    /// Seconds from the scenario's start.
    public var timeS: Double
    /// What happened: `job-start`, `throttle-start`, `failure`...
    public var kind: String
    /// The component it happened to: `rack-1/server-3`.
    public var component: String
    /// A number that goes with the kind (a power, a temperature); NaN when none.
    public var value: Double
    public var message: String

    public init(timeS: Double, kind: String, component: String, value: Double = .nan, message: String = "") {
        self.timeS = timeS
        self.kind = kind
        self.component = component
        self.value = value
        self.message = message
    }
}

/// The `/events` group: one row per event along the unlimited dimension `event`, one variable
/// per column, so that netCDF-4, xarray and pandas all read it (a compound table is invisible to
/// netCDF-4):
///
/// - `event` (int32): the row index, the dimension's coordinate variable;
/// - `time` (float64, seconds since the start instant; a CF time auxiliary coordinate);
/// - `kind`, `component`, `message` (variable-length UTF-8); `value` (float64, NaN when none).
///
/// Rows are buffered and written a chunk at a time.
public final class EventTable {
    public let group: HDF5Group
    public let bufferRows: Int
    private let index: HDF5Dataset
    private let time: HDF5Dataset
    private let kind: HDF5Dataset
    private let component: HDF5Dataset
    private let value: HDF5Dataset
    private let message: HDF5Dataset
    private var pending: [EventRecord] = []
    public private(set) var writtenRows = 0

    /// The column names, in the order `inspect` prints them.
    public static let columns = ["time", "kind", "component", "value", "message"]

    /// Creates the group `name` in `parent`.
    /// - Parameter startInstant: ISO-8601 instant of t = 0, for the CF units of `time`.
    public init(creatingIn parent: HDF5Group, name: String, startInstant: String, bufferRows: Int = 256) throws(StorageError) {
        precondition(bufferRows >= 1)
        self.bufferRows = bufferRows
        group = try parent.createGroup(name)
        try group.setAttribute("long_name", "discrete events, one row each (docs/output.md lists the kinds)")
        index = try group.createExtendibleDataset("event", chunkRows: bufferRows, element: .int32)
        try index.makeDimensionScale(named: "event")
        try index.setAttribute("long_name", "event index")
        try index.setAttribute("units", "1")
        let group = group, index = index
        func column(_ name: String, _ element: HDF5Group.ElementType, _ longName: String) throws(StorageError) -> HDF5Dataset {
            let dataset = try group.createExtendibleDataset(name, chunkRows: bufferRows,
                                                            compressionLevel: element == .string ? 0 : 4, element: element)
            try dataset.attach(scale: index, toDimension: 0)
            try dataset.setAttribute("long_name", longName)
            if name != "time" { try dataset.addCoordinate("time") }
            return dataset
        }
        time = try column("time", .float64, "time of the event since the scenario's start")
        try time.setAttribute("units", "seconds since \(startInstant)")
        try time.setAttribute("standard_name", "time")
        try time.setAttribute("calendar", "standard")
        kind = try column("kind", .string, "what happened (job-start, throttle-start, failure...)")
        component = try column("component", .string, "what it happened to (hall-1/r1-1/s0/a3, crah, utility...)")
        value = try column("value", .float64, "a number that goes with the kind (docs/output.md gives its unit per kind)")
        try value.setAttribute("units", "1")
        message = try column("message", .string, "the event in words")
    }

    // Rows still buffered at release belong to a run that failed: its partial file is discarded,
    // so they are dropped, not written (and not a trap: a failed run must end with its message).

    public var rowCount: Int { writtenRows + pending.count }

    public func append(_ record: EventRecord) throws(StorageError) {
        pending.append(record)
        if pending.count >= bufferRows { try flush() }
    }

    public func flush() throws(StorageError) {
        guard !pending.isEmpty else { return }
        let rows = pending.count
        let indices = (0..<Int32(rows)).map { Int32(writtenRows) + $0 }
        try indices.withUnsafeBufferPointer { (buffer) throws(StorageError) in
            try index.appendRows(UnsafeRawPointer(buffer.baseAddress), memoryType: plenum_h5t_native_int32(), rowCount: rows)
        }
        try appendNumbers(pending.map(\.timeS), to: time)
        try appendTexts(pending.map(\.kind), to: kind)
        try appendTexts(pending.map(\.component), to: component)
        try appendNumbers(pending.map(\.value), to: value)
        try appendTexts(pending.map(\.message), to: message)
        writtenRows += rows
        pending.removeAll(keepingCapacity: true)
    }

    private func appendNumbers(_ values: [Double], to dataset: HDF5Dataset) throws(StorageError) {
        try values.withUnsafeBufferPointer { (buffer) throws(StorageError) in
            try dataset.appendRows(buffer, rowCount: buffer.count)
        }
    }

    private func appendTexts(_ values: [String], to dataset: HDF5Dataset) throws(StorageError) {
        // HDF5 reads `char *` per row; the strdup'd copies live until the write returns.
        let copies = values.map { UnsafePointer(strdup($0)!) }
        defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        let type = makeUTF8StringType()
        try copies.withUnsafeBufferPointer { (buffer) throws(StorageError) in
            try dataset.appendRows(UnsafeRawPointer(buffer.baseAddress), memoryType: type.id, rowCount: buffer.count)
        }
    }

    /// Reads every row of an events group written by `EventTable`.
    public static func read(_ group: HDF5Group) throws(StorageError) -> [EventRecord] {
        for column in columns where group.memberKind(column) != .dataset {
            throw StorageError(file: group.file.path, objectPath: group.path, operation: "read events",
                               reason: "expected the columns \(columns.joined(separator: ", ")); '\(column)' is missing")
        }
        let times = try group.openDataset("time").readDoubles()
        let kinds = try group.readStringColumn("kind"), components = try group.readStringColumn("component")
        let values = try group.openDataset("value").readDoubles(), messages = try group.readStringColumn("message")
        guard [kinds.count, components.count, values.count, messages.count].allSatisfy({ $0 == times.count }) else {
            throw StorageError(file: group.file.path, objectPath: group.path, operation: "read events",
                               reason: "the columns have different lengths (a damaged file?)")
        }
        return times.indices.map {
            EventRecord(timeS: times[$0], kind: kinds[$0], component: components[$0], value: values[$0], message: messages[$0])
        }
    }
}

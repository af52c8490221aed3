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

/// A compound-typed, extendible table of events with fields
/// `time` (float64), `kind`, `component` (variable-length UTF-8), `value` (float64), `message`
/// (UTF-8). Rows are buffered and written a chunk at a time.
public final class EventTable {
    public let dataset: HDF5Dataset
    public let bufferRows: Int
    private var pending: [EventRecord] = []
    public private(set) var writtenRows = 0

    /// Creates the table `name` in `group`.
    public init(creatingIn group: HDF5Group, name: String, bufferRows: Int = 256) throws(StorageError) {
        precondition(bufferRows >= 1)
        self.bufferRows = bufferRows
        let objectPath = group.childPath(name)
        let file = group.file.path
        let type = HDF5Handle(try h5check(plenum_h5_event_record_type(), file: file, object: objectPath, "build the event type"), .datatype)
        let properties = try group.creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        var chunk: [hsize_t] = [hsize_t(bufferRows)]
        _ = try h5check(H5Pset_chunk(properties.id, 1, &chunk), file: file, object: objectPath, "set chunking")
        _ = try h5check(H5Pset_deflate(properties.id, 4), file: file, object: objectPath, "set deflate filter")
        _ = try h5check(H5Pset_fletcher32(properties.id), file: file, object: objectPath, "set Fletcher-32 checksum filter")
        let space = try makeDataspace(dimensions: [0], maximum: [nil], file: file, object: objectPath)
        let id = try h5check(H5Dcreate2(group.handle.id, name, type.id, space.id, plenum_h5p_default(), properties.id,
                                        plenum_h5p_default()), file: file, object: objectPath, "create dataset")
        dataset = HDF5Dataset(file: group.file, path: objectPath, handle: HDF5Handle(id, .dataset))
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
        // The C rows point into strdup'd copies that live until the write returns.
        var rows: [plenum_event_record] = []
        rows.reserveCapacity(pending.count)
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func copy(_ text: String) -> UnsafePointer<CChar> {
            let pointer = strdup(text)!
            owned.append(pointer)
            return UnsafePointer(pointer)
        }
        for record in pending {
            rows.append(plenum_event_record(time_s: record.timeS, kind: copy(record.kind), component: copy(record.component),
                                            value: record.value, message: copy(record.message)))
        }
        let file = dataset.file.path, objectPath = dataset.path
        var current = try dataset.shape().map { hsize_t($0) }
        let start = current[0]
        current[0] += hsize_t(rows.count)
        _ = try h5check(H5Dset_extent(dataset.handle.id, &current), file: file, object: objectPath, "extend the event table")
        let type = HDF5Handle(try h5check(plenum_h5_event_record_type(), file: file, object: objectPath, "build the event type"), .datatype)
        let fileSpace = HDF5Handle(try h5check(H5Dget_space(dataset.handle.id), file: file, object: objectPath, "read dataspace"), .dataspace)
        var offset = [start], count = [hsize_t(rows.count)]
        _ = try h5check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &offset, nil, &count, nil), file: file,
                        object: objectPath, "select rows")
        let memorySpace = HDF5Handle(try h5check(H5Screate_simple(1, &count, nil), file: file, object: objectPath,
                                                 "create memory dataspace"), .dataspace)
        _ = try h5check(rows.withUnsafeBufferPointer {
            H5Dwrite(dataset.handle.id, type.id, memorySpace.id, fileSpace.id, plenum_h5p_default(), $0.baseAddress)
        }, file: file, object: objectPath, "write events")
        writtenRows += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads every row of an event table written by `EventTable` (or any table with the same
    /// field names and compatible types).
    public static func read(_ dataset: HDF5Dataset) throws(StorageError) -> [EventRecord] {
        let file = dataset.file.path, objectPath = dataset.path
        guard case .compound(let fields) = try dataset.elementKind(),
              Set(["time", "kind", "component", "value", "message"]).isSubset(of: fields) else {
            throw StorageError(file: file, objectPath: objectPath, operation: "read events",
                               reason: "expected a compound table with fields time, kind, component, value, message")
        }
        let count = try dataset.elementCount()
        if count == 0 { return [] }
        let type = HDF5Handle(try h5check(plenum_h5_event_record_type(), file: file, object: objectPath, "build the event type"), .datatype)
        var rows = [plenum_event_record](repeating: plenum_event_record(), count: count)
        _ = try h5check(rows.withUnsafeMutableBufferPointer {
            H5Dread(dataset.handle.id, type.id, plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $0.baseAddress)
        }, file: file, object: objectPath, "read events")
        func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        let records = rows.map {
            EventRecord(timeS: $0.time_s, kind: text($0.kind), component: text($0.component), value: $0.value, message: text($0.message))
        }
        // Free the strings HDF5 allocated for the variable-length fields.
        let space = HDF5Handle(try h5check(H5Dget_space(dataset.handle.id), file: file, object: objectPath, "read dataspace"), .dataspace)
        _ = rows.withUnsafeMutableBufferPointer {
            H5Dvlen_reclaim(type.id, space.id, plenum_h5p_default(), $0.baseAddress)
        }
        return records
    }
}

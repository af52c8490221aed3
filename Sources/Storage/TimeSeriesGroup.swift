/// A group of time series that share a time axis (and optionally a second axis such as rack or
/// server), laid out by netCDF-4 conventions so `xarray.open_dataset(path, group=...,
/// engine="h5netcdf")` reads it: `time` (and the column axis) are dimension scales, every
/// variable has them attached, and every dataset carries `units` and `long_name`.
///
/// Rows are appended in lockstep: `appendTime` once per sample, then one row for each variable.
public final class TimeSeriesGroup {
    public let group: HDF5Group
    private let time: TimeSeriesAppender
    /// The column axis (rack, server...), for index variables beside it.
    public let columnAxis: NamedAxis?
    public let columnCount: Int
    private var variables: [TimeSeriesAppender] = []

    /// The axis along the columns of the 2-D variables: its dimension name, one label per column
    /// (rack names...) and what one column is.
    public struct ColumnAxis {
        public let name: String
        public let labels: [String]
        public let longName: String

        public init(name: String, labels: [String], longName: String) {
            self.name = name
            self.labels = labels
            self.longName = longName
        }
    }

    /// Creates the axes in `group`.
    /// - Parameters:
    ///   - startInstant: ISO-8601 instant of t = 0; the time axis' units are
    ///     `seconds since <startInstant>` (CF), so xarray decodes it to dates.
    ///   - columns: the second axis of 2-D variables, if any: an index coordinate with the labels
    ///     as `<name>_name` (`NamedAxis`).
    public init(group: HDF5Group, startInstant: String, columns: ColumnAxis?, bufferRows: Int = 1024) throws(StorageError) {
        self.group = group
        let timeDataset = try group.createExtendibleDataset("time", chunkRows: bufferRows)
        try timeDataset.makeDimensionScale(named: "time")
        try timeDataset.setAttribute("units", "seconds since \(startInstant)")
        try timeDataset.setAttribute("standard_name", "time")
        try timeDataset.setAttribute("calendar", "standard")
        try timeDataset.setAttribute("long_name", "time since the scenario's start")
        try timeDataset.setAttribute("start_instant", startInstant)
        try timeDataset.setAttribute("axis", "T")
        time = try TimeSeriesAppender(dataset: timeDataset, bufferRows: bufferRows)
        if let columns {
            precondition(!columns.labels.isEmpty)
            columnAxis = try NamedAxis(in: group, name: columns.name, labels: columns.labels, longName: columns.longName)
            columnCount = columns.labels.count
        } else {
            columnAxis = nil
            columnCount = 1
        }
    }

    /// Adds a variable; `perColumn` makes it 2-D (time × columns). Returns its index for `append`.
    @discardableResult
    public func addVariable(_ name: String, units: String, longName: String, standardName: String? = nil,
                            perColumn: Bool) throws(StorageError) -> Int {
        precondition(!perColumn || columnAxis != nil, "a per-column variable needs a column axis")
        let columns = perColumn ? [columnCount] : []
        // About 32 KiB per chunk keeps partial reads cheap and compression effective.
        let chunkRows = max(1, min(1024, 4096 / (perColumn ? columnCount : 1)))
        let dataset = try group.createExtendibleDataset(name, columns: columns, chunkRows: chunkRows)
        try dataset.setUnits(units)
        try dataset.setAttribute("long_name", longName)
        if let standardName { try dataset.setAttribute("standard_name", standardName) }
        try dataset.attach(scale: time.dataset, toDimension: 0)
        if perColumn, let columnAxis { try columnAxis.attach(to: dataset, dimension: 1) }
        variables.append(try TimeSeriesAppender(dataset: dataset, bufferRows: max(1, min(1024, 65_536 / (perColumn ? columnCount : 1)))))
        return variables.count - 1
    }

    /// Starts a row at time `timeS`.
    public func appendTime(_ timeS: Double) throws(StorageError) {
        try time.append(timeS)
    }

    /// Appends variable `index`'s value (1-D) for the current row.
    public func append(_ index: Int, _ value: Double) throws(StorageError) {
        try variables[index].append(value)
    }

    /// Appends variable `index`'s row (2-D) for the current row.
    public func append<C: Collection>(_ index: Int, row: C) throws(StorageError) where C.Element == Double {
        try variables[index].append(row: row)
    }

    /// Rows appended so far.
    public var rowCount: Int { time.rowCount }

    /// Writes every buffered row. Checks that all variables have as many rows as the time axis.
    public func flush() throws(StorageError) {
        for variable in variables {
            precondition(variable.rowCount == time.rowCount, "\(variable.dataset.path) has \(variable.rowCount) rows, time has \(time.rowCount)")
        }
        try time.flush()
        for variable in variables { try variable.flush() }
    }
}

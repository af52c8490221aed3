/// A named axis of a group, laid out by netCDF-4 and CF-1.10 conventions (docs/output.md):
///
/// - a dimension `name` whose coordinate variable is the int32 index `0..<n` (CF wants coordinate
///   variables numeric and strictly monotonic);
/// - the labels as a string auxiliary coordinate `<name>_name` along it (CF §6.1 "labels"), which
///   every variable on the axis names in its `coordinates` attribute, so xarray attaches it:
///   `ds.set_xindex("rack_name").sel(rack_name="hall-1/r1-1")`.
///
/// Rack, server, job, site, die, block, point and month axes are all built by this one type, so
/// every table in a file reads the same way.
public struct NamedAxis {
    public let group: HDF5Group
    public let name: String
    public let count: Int
    /// The coordinate variable (the dimension scale).
    public let scale: HDF5Dataset
    /// The variable holding the labels, `<name>_name` unless told otherwise (nil: no labels).
    public let labelVariable: String?

    /// Creates the axis in `group`.
    /// - Parameters:
    ///   - labels: one per index.
    ///   - labelVariable: the labels' variable name (default `<name>_name`).
    ///   - longName: what one element of the axis is ("rack", "job of the scenario").
    ///   - firstIndex: the index of the first element (1 for calendar months).
    public init(in group: HDF5Group, name: String, labels: [String], labelVariable: String? = nil,
                longName: String, firstIndex: Int32 = 0) throws(StorageError) {
        try self.init(in: group, name: name, count: labels.count, longName: longName, firstIndex: firstIndex,
                      labels: (labelVariable ?? "\(name)_name", labels))
    }

    /// An axis of `count` elements with index coordinates only (no names).
    public init(in group: HDF5Group, name: String, count: Int, longName: String) throws(StorageError) {
        try self.init(in: group, name: name, count: count, longName: longName, firstIndex: 0, labels: nil)
    }

    private init(in group: HDF5Group, name: String, count: Int, longName: String, firstIndex: Int32,
                 labels: (variable: String, values: [String])?) throws(StorageError) {
        self.group = group
        self.name = name
        self.count = count
        scale = try group.createIntegerColumn(name, (0..<Int32(count)).map { $0 + firstIndex })
        try scale.makeDimensionScale(named: name)
        try scale.setAttribute("long_name", "\(longName) index")
        try scale.setAttribute("units", "1")
        labelVariable = labels?.variable
        if let labels {
            let names = try group.createStringColumn(labels.variable, labels.values)
            try names.attach(scale: scale, toDimension: 0)
            try names.setAttribute("long_name", "\(longName) name")
        }
    }

    /// Attaches the axis to dimension `dimension` of `dataset` and names the labels in its
    /// `coordinates` attribute.
    public func attach(to dataset: HDF5Dataset, dimension: Int) throws(StorageError) {
        try dataset.attach(scale: scale, toDimension: dimension)
        if let labelVariable { try dataset.addCoordinate(labelVariable) }
    }

    /// A float64 column along the axis.
    @discardableResult
    public func column(_ variable: String, _ values: [Double], units: String, longName: String? = nil,
                       standardName: String? = nil) throws(StorageError) -> HDF5Dataset {
        precondition(values.count == count, "\(variable): \(values.count) values on an axis of \(count)")
        let dataset = try group.createDataset(variable, values: values, shape: [values.count])
        try dataset.setUnits(units)
        if let longName { try dataset.setAttribute("long_name", longName) }
        if let standardName { try dataset.setAttribute("standard_name", standardName) }
        try attach(to: dataset, dimension: 0)
        return dataset
    }

    /// An int32 column along the axis (an index into another axis).
    @discardableResult
    public func integerColumn(_ variable: String, _ values: [Int32], longName: String) throws(StorageError) -> HDF5Dataset {
        precondition(values.count == count, "\(variable): \(values.count) values on an axis of \(count)")
        let dataset = try group.createIntegerColumn(variable, values)
        try dataset.setAttribute("units", "1")
        return try labelled(dataset, longName)
    }

    /// A text column along the axis.
    @discardableResult
    public func textColumn(_ variable: String, _ values: [String], longName: String) throws(StorageError) -> HDF5Dataset {
        precondition(values.count == count, "\(variable): \(values.count) values on an axis of \(count)")
        return try labelled(group.createStringColumn(variable, values), longName)
    }

    private func labelled(_ dataset: HDF5Dataset, _ longName: String) throws(StorageError) -> HDF5Dataset {
        try dataset.setAttribute("long_name", longName)
        try attach(to: dataset, dimension: 0)
        return dataset
    }
}

extension HDF5Dataset {
    /// Adds `variable` to the dataset's CF `coordinates` attribute (space-separated, no repeats).
    public func addCoordinate(_ variable: String) throws(StorageError) {
        var names = hasAttribute("coordinates") ? try stringAttribute("coordinates").split(separator: " ").map(String.init) : []
        guard !names.contains(variable) else { return }
        names.append(variable)
        try setAttribute("coordinates", names.joined(separator: " "))
    }
}

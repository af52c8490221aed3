import Storage

/// One dataset of a Plenum file as a reader sees it: numbers or texts, with the units to show
/// (money in its currency, as `plenum inspect` shows it), its long name and its dimensions.
public struct StoredColumn: Sendable {
    public let name: String
    public let shape: [Int]
    public let numbers: [Double]
    public let texts: [String]
    public let units: String
    public let longName: String
    public let dimensions: [String]
    /// Attributes besides `units` and `long_name` (a layer's `layer_index`, `thickness_m`).
    public let attributes: [String: AttributeValue]

    public var isText: Bool { numbers.isEmpty && !texts.isEmpty }
    public var scalar: Double { numbers.count == 1 && shape.isEmpty ? numbers[0] : .nan }
    /// Whether the values were read (a dataset above the reader's limit is listed empty).
    public var isLoaded: Bool { numbers.count + texts.count == shape.reduce(1, *) }

    /// Row `row` of a 2-D (time, item) column: every item at that time.
    public func row(_ row: Int) -> [Double] {
        guard shape.count == 2, row < shape[0], isLoaded else { return [] }
        return Array(numbers[row * shape[1]..<(row + 1) * shape[1]])
    }

    /// Column `item` of a 2-D (time, item) column: that item over time.
    public func series(_ item: Int) -> [Double] {
        guard shape.count == 2, item < shape[1], isLoaded else { return [] }
        return stride(from: item, to: numbers.count, by: shape[1]).map { numbers[$0] }
    }
}

/// A group's datasets (not its subgroups'), in the file's order, with its attributes.
public struct StoredGroup: Sendable {
    public let path: String
    public let columns: [StoredColumn]
    public let attributes: [String: AttributeValue]
    public let subgroups: [String]

    public subscript(name: String) -> StoredColumn? { columns.first { $0.name == name } }
    public func number(_ name: String) -> Double { self[name]?.scalar ?? .nan }
    public func texts(_ name: String) -> [String] { self[name]?.texts ?? [] }
    public func numbers(_ name: String) -> [Double] { self[name]?.numbers ?? [] }
    public func attributeText(_ name: String) -> String? {
        if case .string(let text)? = attributes[name] { return text }
        return nil
    }

    /// Reads every dataset of `path`. `maximumElements` guards a reader against a file whose
    /// datasets are too large to hold (a server-level year); larger datasets are listed empty.
    /// - Parameter only: read just these datasets (nil: all).
    public static func read(_ file: HDF5File, path: String, maximumElements: Int = 50_000_000,
                            only: Set<String>? = nil) throws(StorageError) -> StoredGroup {
        let root = try file.rootGroup()
        let group = path == "/" ? root : try root.openGroup(String(path.drop { $0 == "/" }))
        var columns: [StoredColumn] = [], subgroups: [String] = []
        for name in try group.memberNames() {
            switch group.memberKind(name) {
            case .group: subgroups.append(name)
            case .dataset:
                if let only, !only.contains(name) { continue }
                let dataset = try group.openDataset(name)
                let shape = try dataset.shape()
                let count = shape.reduce(1, *)
                var numbers: [Double] = [], texts: [String] = []
                switch try dataset.elementKind() {
                case .float, .integer: if count <= maximumElements { numbers = try dataset.readDoubles() }
                case .string: if count <= maximumElements { texts = shape.isEmpty ? [try dataset.readString()] : try dataset.readStrings() }
                default: break
                }
                columns.append(StoredColumn(name: name, shape: shape, numbers: numbers, texts: texts,
                                            units: displayUnits(dataset), longName: (try? dataset.stringAttribute("long_name")) ?? "",
                                            dimensions: ((try? dataset.dimensionScaleNames()) ?? []).map { $0 ?? "" },
                                            attributes: try otherAttributes(dataset)))
            default: break
            }
        }
        var attributes: [String: AttributeValue] = [:]
        for name in try group.attributeNames() { attributes[name] = try group.attribute(name) }
        return StoredGroup(path: path, columns: columns, attributes: attributes, subgroups: subgroups)
    }

    static func otherAttributes(_ dataset: HDF5Dataset) throws(StorageError) -> [String: AttributeValue] {
        var out: [String: AttributeValue] = [:]
        for name in try dataset.attributeNames() where !["units", "long_name", "DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_Netcdf4Dimid", "_Netcdf4Coordinates"].contains(name) {
            out[name] = try dataset.attribute(name)
        }
        return out
    }

    /// `units`, with money shown in its currency (`1` + `currency = CNY` → `CNY`).
    static func displayUnits(_ dataset: HDF5Dataset) -> String {
        let units = (try? dataset.stringAttribute("units")) ?? ""
        if let currency = try? dataset.stringAttribute("currency"), units.hasPrefix("1") {
            return currency + units.dropFirst()
        }
        return units
    }
}

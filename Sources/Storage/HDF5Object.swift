internal import CHDF5

/// What a group, a dataset and a file's root have in common: a place in a file that can carry
/// attributes.
public protocol HDF5Object {
    /// The file that holds the object.
    var file: HDF5File { get }
    /// The absolute path of the object inside its file.
    var path: String { get }
    /// The open identifier (opaque outside Storage).
    var handle: HDF5Handle { get }
}

/// The value of an attribute as read back, whatever its HDF5 type.
public enum AttributeValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case double(Double)
    case integer(Int64)
    case strings([String])
    case doubles([Double])
    case integers([Int64])
    /// A type Plenum does not read (compound, enum, opaque...), named by its HDF5 class.
    case unsupported(String)

    public var description: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .double(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .strings(let values): return "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .doubles(let values): return "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
        case .integers(let values): return "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
        case .unsupported(let kind): return "<\(kind)>"
        }
    }
}

extension HDF5Object {
    /// Writes a scalar variable-length UTF-8 string attribute, replacing any attribute of that name.
    public func setAttribute(_ name: String, _ value: String) throws(StorageError) {
        let type = makeUTF8StringType()
        try writeAttribute(name, type: type.id, dimensions: []) { buffer in
            value.withCString { cString in
                var pointer: UnsafePointer<CChar>? = cString
                return H5Awrite(buffer, type.id, &pointer)
            }
        }
    }

    /// Writes a scalar float64 attribute.
    public func setAttribute(_ name: String, _ value: Double) throws(StorageError) {
        try writeAttribute(name, type: plenum_h5t_ieee_f64le(), dimensions: []) { attribute in
            var copy = value
            return H5Awrite(attribute, plenum_h5t_native_double(), &copy)
        }
    }

    /// Writes a scalar int64 attribute.
    public func setAttribute(_ name: String, _ value: Int) throws(StorageError) {
        try writeAttribute(name, type: plenum_h5t_std_i64le(), dimensions: []) { attribute in
            var copy = Int64(value)
            return H5Awrite(attribute, plenum_h5t_native_int64(), &copy)
        }
    }

    /// Writes a 1-D float64 attribute.
    public func setAttribute(_ name: String, _ values: [Double]) throws(StorageError) {
        precondition(!values.isEmpty)
        try writeAttribute(name, type: plenum_h5t_ieee_f64le(), dimensions: [values.count]) { attribute in
            values.withUnsafeBufferPointer { H5Awrite(attribute, plenum_h5t_native_double(), $0.baseAddress) }
        }
    }

    private func writeAttribute(_ name: String, type: hid_t, dimensions: [Int],
                                _ write: (hid_t) -> herr_t) throws(StorageError) {
        let filePath = file.path
        if H5Aexists(handle.id, name) > 0 {
            _ = try h5check(H5Adelete(handle.id, name), file: filePath, object: path, "replace attribute '\(name)'")
        }
        let space = try makeDataspace(dimensions: dimensions, maximum: nil, file: filePath, object: path)
        let attribute = HDF5Handle(try h5check(
            H5Acreate2(handle.id, name, type, space.id, plenum_h5p_default(), plenum_h5p_default()),
            file: filePath, object: path, "create attribute '\(name)'"), .attribute)
        _ = try h5check(write(attribute.id), file: filePath, object: path, "write attribute '\(name)'")
    }

    /// The names of this object's attributes, in name order.
    public func attributeNames() throws(StorageError) -> [String] {
        var names: [String] = []
        var index: hsize_t = 0
        _ = try withUnsafeMutablePointer(to: &names) { (pointer) throws(StorageError) -> herr_t in
            try h5check(H5Aiterate2(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, collectName, UnsafeMutableRawPointer(pointer)),
                        file: file.path, object: path, "list attributes")
        }
        return names
    }

    /// Whether an attribute of that name exists.
    public func hasAttribute(_ name: String) -> Bool { H5Aexists(handle.id, name) > 0 }

    /// Reads an attribute of any supported type.
    public func attribute(_ name: String) throws(StorageError) -> AttributeValue {
        let filePath = file.path
        guard hasAttribute(name) else {
            throw StorageError(file: filePath, objectPath: path, operation: "read attribute '\(name)'", reason: "no such attribute")
        }
        let attribute = HDF5Handle(try h5check(H5Aopen(handle.id, name, plenum_h5p_default()),
                                               file: filePath, object: path, "open attribute '\(name)'"), .attribute)
        let type = HDF5Handle(try h5check(H5Aget_type(attribute.id), file: filePath, object: path, "read attribute type"), .datatype)
        let space = HDF5Handle(try h5check(H5Aget_space(attribute.id), file: filePath, object: path, "read attribute shape"), .dataspace)
        let count = Int(H5Sget_simple_extent_npoints(space.id))
        let isScalar = H5Sget_simple_extent_ndims(space.id) == 0
        switch H5Tget_class(type.id) {
        case H5T_STRING:
            let id = attribute.id
            let strings = try HDF5StringReader.read(count: max(count, 1), fileType: type.id, file: filePath, object: path,
                                                    operation: "read attribute '\(name)'") { H5Aread(id, $0, $1) }
            return isScalar || strings.count == 1 ? .string(strings.first ?? "") : .strings(strings)
        case H5T_FLOAT:
            var values = [Double](repeating: 0, count: max(count, 1))
            _ = try h5check(H5Aread(attribute.id, plenum_h5t_native_double(), &values), file: filePath, object: path,
                            "read attribute '\(name)'")
            return isScalar ? .double(values[0]) : .doubles(values)
        case H5T_INTEGER:
            var values = [Int64](repeating: 0, count: max(count, 1))
            _ = try h5check(H5Aread(attribute.id, plenum_h5t_native_int64(), &values), file: filePath, object: path,
                            "read attribute '\(name)'")
            return isScalar ? .integer(values[0]) : .integers(values)
        case let typeClass:
            return .unsupported("HDF5 type class \(typeClass.rawValue)")
        }
    }

    /// Reads a string attribute; throws when it is missing or not a string.
    public func stringAttribute(_ name: String) throws(StorageError) -> String {
        if case .string(let text) = try attribute(name) { return text }
        throw StorageError(file: file.path, objectPath: path, operation: "read attribute '\(name)'",
                           reason: "expected a string attribute")
    }

    /// Reads a numeric scalar attribute; throws when it is missing or not numeric.
    public func doubleAttribute(_ name: String) throws(StorageError) -> Double {
        switch try attribute(name) {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        default:
            throw StorageError(file: file.path, objectPath: path, operation: "read attribute '\(name)'",
                               reason: "expected a numeric scalar attribute")
        }
    }

}

/// A simple dataspace with `dimensions` (scalar when empty) and optional maximum dimensions
/// (`nil` entries mean unlimited).
func makeDataspace(dimensions: [Int], maximum: [Int?]?, file: String, object: String) throws(StorageError) -> HDF5Handle {
    if dimensions.isEmpty {
        return HDF5Handle(try h5check(H5Screate(H5S_SCALAR), file: file, object: object, "create a scalar dataspace"), .dataspace)
    }
    var current = dimensions.map { hsize_t($0) }
    if let maximum {
        var limits = maximum.map { $0.map { hsize_t($0) } ?? plenum_h5s_unlimited() }
        return HDF5Handle(try h5check(H5Screate_simple(Int32(current.count), &current, &limits),
                                      file: file, object: object, "create a dataspace"), .dataspace)
    }
    return HDF5Handle(try h5check(H5Screate_simple(Int32(current.count), &current, nil),
                                  file: file, object: object, "create a dataspace"), .dataspace)
}

/// Appends each visited name to the `[String]` behind `data` (for H5Aiterate2 and H5Literate2).
let collectName: @convention(c) (hid_t, UnsafePointer<CChar>?, UnsafePointer<H5A_info_t>?, UnsafeMutableRawPointer?) -> herr_t = { _, name, _, data in
    guard let name, let data else { return 0 }
    data.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
    return 0
}

extension HDF5Object {
    /// Writes a `units` attribute that UDUNITS (and so CF-1.10 §3.1) accepts.
    ///
    /// Money is no UDUNITS unit: an amount in an ISO 4217 currency (`CNY`) is written as
    /// `units = "1"` with `currency = "CNY"`, and a price (`CNY/(kW h)`) as `units = "1/(kW h)"`
    /// with the same `currency`. Every other text is written as given, and must be a UDUNITS
    /// string (`degC`, `m3/s`, `kg/(kW h)`); CI checks every file with a CF checker.
    public func setUnits(_ units: String) throws(StorageError) {
        let code = units.prefix { $0 != "/" }
        if code.count == 3 && code.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            let rest = units.dropFirst(3)
            try setAttribute("units", rest.isEmpty ? "1" : "1" + rest)
            try setAttribute("currency", String(code))
        } else {
            try setAttribute("units", units)
        }
    }
}

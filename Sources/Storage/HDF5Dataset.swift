internal import CHDF5

/// A dataset in an HDF5 file.
public struct HDF5Dataset: HDF5Object {
    public let file: HDF5File
    public let path: String
    public let handle: HDF5Handle

    /// The name (last path component).
    public var name: String { String(path.split(separator: "/").last ?? "") }

    /// The current extent, outermost dimension first (empty for a scalar).
    public func shape() throws(StorageError) -> [Int] {
        let space = HDF5Handle(try h5check(H5Dget_space(handle.id), file: file.path, object: path, "read shape"), .dataspace)
        let rank = Int(try h5check(H5Sget_simple_extent_ndims(space.id), file: file.path, object: path, "read rank"))
        var dimensions = [hsize_t](repeating: 0, count: rank)
        if rank > 0 { _ = H5Sget_simple_extent_dims(space.id, &dimensions, nil) }
        return dimensions.map { Int($0) }
    }

    /// Most elements read into memory at once (2^31: 16 GiB of doubles). A damaged file can claim
    /// any shape; beyond this it is refused instead of trapping in the allocation.
    public static let maximumReadElements = 1 << 31

    /// The number of elements, checked: the product of the extents without overflow and within
    /// `maximumReadElements`.
    func elementCount() throws(StorageError) -> Int {
        var count = 1
        for extent in try shape() {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Self.maximumReadElements else {
                throw StorageError(file: file.path, objectPath: path, operation: "read dataset",
                                   reason: "implausible shape \(try shape()) (a damaged file?)")
            }
            count = product
        }
        return count
    }

    /// What the dataset holds, as `inspect` shows it.
    public enum ElementKind: Sendable, Equatable {
        case float, integer, string, compound(fields: [String]), other
    }

    public func elementKind() throws(StorageError) -> ElementKind {
        let type = HDF5Handle(try h5check(H5Dget_type(handle.id), file: file.path, object: path, "read type"), .datatype)
        switch H5Tget_class(type.id) {
        case H5T_FLOAT: return .float
        case H5T_INTEGER: return .integer
        case H5T_STRING: return .string
        case H5T_COMPOUND:
            let count = max(0, Int(H5Tget_nmembers(type.id)))
            var fields: [String] = []
            for index in 0..<count {
                if let name = H5Tget_member_name(type.id, UInt32(index)) {
                    fields.append(String(cString: name))
                    H5free_memory(name)
                }
            }
            return .compound(fields: fields)
        default: return .other
        }
    }

    /// Reads the whole dataset as float64 in row-major order (integers are converted).
    ///
    /// - Throws: when the dataset is not numeric or cannot be read. Never returns a partial
    ///   or empty array in place of an error.
    public func readDoubles() throws(StorageError) -> [Double] {
        switch try elementKind() {
        case .float, .integer: break
        default:
            throw StorageError(file: file.path, objectPath: path, operation: "read as numbers", reason: "the dataset is not numeric")
        }
        let count = try elementCount()
        var values = [Double](repeating: 0, count: count)
        if count == 0 { return values }
        _ = try h5check(values.withUnsafeMutableBufferPointer {
            H5Dread(handle.id, plenum_h5t_native_double(), plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $0.baseAddress)
        }, file: file.path, object: path, "read dataset")
        return values
    }

    /// Replaces every value of a numeric dataset (same count, row-major). Plenum writes each
    /// dataset once; this exists for tools and tests that edit a finished file.
    public func overwrite(values: [Double]) throws(StorageError) {
        let count = try elementCount()
        guard values.count == count else {
            throw StorageError(file: file.path, objectPath: path, operation: "overwrite values",
                               reason: "expected \(count) values, found \(values.count)")
        }
        _ = try h5check(values.withUnsafeBufferPointer {
            H5Dwrite(handle.id, plenum_h5t_native_double(), plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $0.baseAddress)
        }, file: file.path, object: path, "write dataset")
    }

    /// Reads every string of a string dataset (scalar or any shape), row-major.
    public func readStrings() throws(StorageError) -> [String] {
        guard try elementKind() == .string else {
            throw StorageError(file: file.path, objectPath: path, operation: "read as text", reason: "the dataset is not a string")
        }
        let count = try elementCount()
        let type = HDF5Handle(try h5check(H5Dget_type(handle.id), file: file.path, object: path, "read type"), .datatype)
        let id = handle.id
        return try HDF5StringReader.read(count: count, fileType: type.id, file: file.path, object: path, operation: "read dataset") {
            H5Dread(id, $0, plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $1)
        }
    }

    /// Reads a string dataset that holds one string (the scenario text in `/scenario`).
    /// - Throws: when the dataset is not a string or holds other than one.
    public func readString() throws(StorageError) -> String {
        let strings = try readStrings()
        guard strings.count == 1 else {
            throw StorageError(file: file.path, objectPath: path, operation: "read as one text",
                               reason: "the dataset holds \(strings.count) strings")
        }
        return strings[0]
    }

    /// Grows the first dimension by `rowCount` and writes `values` (row-major, `rowCount` rows of
    /// the trailing shape) into the new rows. One call is one `H5Dwrite`: callers buffer.
    func appendRows(_ values: UnsafeBufferPointer<Double>, rowCount: Int) throws(StorageError) {
        try appendRows(UnsafeRawPointer(values.baseAddress), memoryType: plenum_h5t_native_double(), rowCount: rowCount)
    }

    /// Grows the first dimension by `rowCount` and writes `rowCount` rows of elements of
    /// `memoryType` from `values` (native doubles, int32s, or `char *` for variable-length strings).
    func appendRows(_ values: UnsafeRawPointer?, memoryType: hid_t, rowCount: Int) throws(StorageError) {
        precondition(rowCount > 0)
        var current = try shape().map { hsize_t($0) }
        precondition(!current.isEmpty)
        let start = current[0]
        current[0] += hsize_t(rowCount)
        _ = try h5check(H5Dset_extent(handle.id, &current), file: file.path, object: path, "extend dataset")
        let fileSpace = HDF5Handle(try h5check(H5Dget_space(handle.id), file: file.path, object: path, "read dataspace"), .dataspace)
        var offset = [hsize_t](repeating: 0, count: current.count)
        offset[0] = start
        var count = current
        count[0] = hsize_t(rowCount)
        _ = try h5check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &offset, nil, &count, nil),
                        file: file.path, object: path, "select rows")
        let memorySpace = HDF5Handle(try h5check(H5Screate_simple(Int32(count.count), &count, nil),
                                                 file: file.path, object: path, "create memory dataspace"), .dataspace)
        _ = try h5check(H5Dwrite(handle.id, memoryType, memorySpace.id, fileSpace.id, plenum_h5p_default(), values),
                        file: file.path, object: path, "write rows")
    }

    /// Marks this dataset as a netCDF-4 dimension scale named `dimensionName` (a coordinate
    /// variable when the name equals the dataset's), so xarray and h5netcdf see a dimension.
    public func makeDimensionScale(named dimensionName: String) throws(StorageError) {
        _ = try h5check(H5DSset_scale(handle.id, dimensionName), file: file.path, object: path, "make dimension scale")
    }

    /// Attaches the dimension scale `scale` to dimension `dimension` (0 = outermost) of this dataset.
    public func attach(scale: HDF5Dataset, toDimension dimension: Int) throws(StorageError) {
        _ = try h5check(H5DSattach_scale(handle.id, scale.handle.id, UInt32(dimension)),
                        file: file.path, object: path, "attach dimension scale \(scale.path)")
    }

    /// The names of the dimension scales attached to each dimension (nil where none).
    public func dimensionScaleNames() throws(StorageError) -> [String?] {
        let rank = try shape().count
        var names: [String?] = []
        for dimension in 0..<rank {
            var found: String? = nil
            if H5DSget_num_scales(handle.id, UInt32(dimension)) > 0 {
                var index: Int32 = 0
                _ = withUnsafeMutablePointer(to: &found) { pointer in
                    H5DSiterate_scales(handle.id, UInt32(dimension), &index, scaleNameVisitor, UnsafeMutableRawPointer(pointer))
                }
            }
            names.append(found)
        }
        return names
    }
}

private let scaleNameVisitor: @convention(c) (hid_t, UInt32, hid_t, UnsafeMutableRawPointer?) -> herr_t = { _, _, scale, data in
    guard let data else { return 1 }
    var buffer = [CChar](repeating: 0, count: 256)
    let length = H5DSget_scale_name(scale, &buffer, buffer.count)
    if length > 0 {
        let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
        data.assumingMemoryBound(to: String?.self).pointee = String(decoding: bytes, as: UTF8.self)
    }
    return 1 // stop at the first scale
}

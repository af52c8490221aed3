internal import CHDF5
#if canImport(Glibc)
import Glibc
#endif

/// A group in an HDF5 file: holds groups and datasets, carries attributes.
public struct HDF5Group: HDF5Object {
    public let file: HDF5File
    public let path: String
    public let handle: HDF5Handle

    init(file: HDF5File, parentPath: String, name: String, id: hid_t) {
        self.file = file
        path = name == "/" ? "/" : (parentPath == "/" ? "" : parentPath) + "/" + name
        handle = HDF5Handle(id, .group)
    }

    /// What a member of a group is.
    public enum MemberKind: Sendable, Equatable { case group, dataset, other }

    func childPath(_ name: String) -> String { (path == "/" ? "" : path) + "/" + name }

    /// Creates a subgroup; throws when a member of that name exists.
    public func createGroup(_ name: String) throws(StorageError) -> HDF5Group {
        let properties = try creationProperties(plenum_h5p_group_create(), for: childPath(name))
        return HDF5Group(file: file, parentPath: path, name: name, id: try h5check(
            H5Gcreate2(handle.id, name, plenum_h5p_default(), properties.id, plenum_h5p_default()),
            file: file.path, object: childPath(name), "create group"))
    }

    /// Opens a subgroup (a relative path such as `timeseries/rack` is allowed).
    public func openGroup(_ name: String) throws(StorageError) -> HDF5Group {
        guard memberKind(name) == .group else {
            throw StorageError(file: file.path, objectPath: childPath(name), operation: "open group", reason: "no such group")
        }
        return HDF5Group(file: file, parentPath: path, name: name, id: try h5check(
            H5Gopen2(handle.id, name, plenum_h5p_default()), file: file.path, object: childPath(name), "open group"))
    }

    /// The kind of the member at `name` (a relative path), or nil when there is none.
    public func memberKind(_ name: String) -> MemberKind? {
        // Check every link along a relative path first: H5Oget_info_by_name fails on a missing
        // intermediate group.
        var prefix = ""
        for part in name.split(separator: "/") {
            prefix += (prefix.isEmpty ? "" : "/") + part
            guard H5Lexists(handle.id, prefix, plenum_h5p_default()) > 0 else { return nil }
        }
        let object = H5Oopen(handle.id, name, plenum_h5p_default())
        guard object >= 0 else {
            _ = HDF5Runtime.takeErrorStackMessage()
            return nil
        }
        defer { _ = H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }

    /// The names of the group's members, in name order.
    public func memberNames() throws(StorageError) -> [String] {
        var names: [String] = []
        var index: hsize_t = 0
        _ = try withUnsafeMutablePointer(to: &names) { (pointer) throws(StorageError) -> herr_t in
            try h5check(H5Literate(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, collectLinkName, UnsafeMutableRawPointer(pointer)),
                        file: file.path, object: path, "list members")
        }
        return names
    }

    /// Creates a fixed-size float64 dataset holding `values` in row-major order with `shape`
    /// (empty shape for a scalar).
    @discardableResult
    public func createDataset(_ name: String, values: [Double], shape: [Int]) throws(StorageError) -> HDF5Dataset {
        precondition(values.count == shape.reduce(1, *), "values do not fill shape \(shape)")
        let objectPath = childPath(name)
        let space = try makeDataspace(dimensions: shape, maximum: nil, file: file.path, object: objectPath)
        let properties = try creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        let id = try h5check(H5Dcreate2(handle.id, name, plenum_h5t_ieee_f64le(), space.id, plenum_h5p_default(),
                                        properties.id, plenum_h5p_default()),
                             file: file.path, object: objectPath, "create dataset")
        let dataset = HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
        guard !values.isEmpty else { return dataset }
        _ = try h5check(values.withUnsafeBufferPointer {
            H5Dwrite(id, plenum_h5t_native_double(), plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $0.baseAddress)
        }, file: file.path, object: objectPath, "write dataset")
        return dataset
    }

    /// Creates a scalar float64 dataset (a KPI in `/summary`).
    @discardableResult
    public func createScalar(_ name: String, _ value: Double) throws(StorageError) -> HDF5Dataset {
        try createDataset(name, values: [value], shape: [])
    }

    /// Creates a scalar variable-length UTF-8 string dataset (the scenario text in `/scenario`).
    @discardableResult
    public func createStringDataset(_ name: String, _ value: String) throws(StorageError) -> HDF5Dataset {
        let objectPath = childPath(name)
        let type = makeUTF8StringType()
        let space = try makeDataspace(dimensions: [], maximum: nil, file: file.path, object: objectPath)
        let properties = try creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        let id = try h5check(H5Dcreate2(handle.id, name, type.id, space.id, plenum_h5p_default(),
                                        properties.id, plenum_h5p_default()),
                             file: file.path, object: objectPath, "create dataset")
        let dataset = HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
        _ = try h5check(value.withCString { cString in
            var pointer: UnsafePointer<CChar>? = cString
            return H5Dwrite(id, type.id, plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), &pointer)
        }, file: file.path, object: objectPath, "write dataset")
        return dataset
    }

    /// Creates a chunked, extendible, compressed float64 dataset of shape `(0, columns...)`,
    /// unlimited along its first (time) axis, to be filled with `TimeSeriesAppender`.
    ///
    /// - Parameters:
    ///   - columns: the fixed trailing dimensions; empty for a 1-D series.
    ///   - chunkRows: rows per chunk; nil chooses about 64 KiB per chunk (at least 1 row).
    ///   - compressionLevel: deflate level 0-9 (0 = none); the byte shuffle filter goes first,
    ///     which roughly doubles the ratio on slowly varying doubles.
    ///   - element: what each element holds (float64 unless told).
    public func createExtendibleDataset(_ name: String, columns: [Int] = [], chunkRows: Int? = nil,
                                        compressionLevel: Int = 4, element: ElementType = .float64) throws(StorageError) -> HDF5Dataset {
        precondition(columns.allSatisfy { $0 >= 1 } && (0...9).contains(compressionLevel))
        let objectPath = childPath(name)
        let rowElements = columns.reduce(1, *)
        let rows = chunkRows ?? max(1, min(4096, 8192 / rowElements))
        let properties = try creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        var chunk = ([rows] + columns).map { hsize_t($0) }
        _ = try h5check(H5Pset_chunk(properties.id, Int32(chunk.count), &chunk), file: file.path, object: objectPath, "set chunking")
        if compressionLevel > 0 {
            _ = try h5check(H5Pset_shuffle(properties.id), file: file.path, object: objectPath, "set shuffle filter")
            _ = try h5check(H5Pset_deflate(properties.id, UInt32(compressionLevel)), file: file.path, object: objectPath, "set deflate filter")
        }
        // Last in the pipeline, so the checksum covers the stored (compressed) bytes: a damaged
        // chunk then fails its read with a checksum error instead of decompressing into garbage.
        // Variable-length strings take no filters (their text lives in the global heap, which a
        // filter would not cover anyway); the content digest covers them.
        if element != .string {
            _ = try h5check(H5Pset_fletcher32(properties.id), file: file.path, object: objectPath, "set Fletcher-32 checksum filter")
        }
        let space = try makeDataspace(dimensions: [0] + columns, maximum: [nil] + columns.map { Optional($0) },
                                      file: file.path, object: objectPath)
        let type = element.fileType()
        let id = try h5check(H5Dcreate2(handle.id, name, type.id, space.id, plenum_h5p_default(),
                                        properties.id, plenum_h5p_default()),
                             file: file.path, object: objectPath, "create dataset")
        return HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
    }

    /// What the elements of a dataset Plenum writes hold.
    public enum ElementType: Sendable {
        /// IEEE 754 double, little-endian (every physical quantity).
        case float64
        /// 32-bit signed integer, little-endian (index coordinates).
        case int32
        /// Variable-length UTF-8 text.
        case string

        /// The type in the file; `.string` is a fresh type the handle closes.
        func fileType() -> HDF5Handle {
            switch self {
            case .float64: return HDF5Handle(H5Tcopy(plenum_h5t_ieee_f64le()), .datatype)
            case .int32: return HDF5Handle(H5Tcopy(plenum_h5t_std_i32le()), .datatype)
            case .string: return makeUTF8StringType()
            }
        }
    }

    /// Creates a fixed-size 1-D int32 dataset (an index coordinate, an index into another axis).
    @discardableResult
    public func createIntegerColumn(_ name: String, _ values: [Int32]) throws(StorageError) -> HDF5Dataset {
        let objectPath = childPath(name)
        let space = try makeDataspace(dimensions: [values.count], maximum: nil, file: file.path, object: objectPath)
        let properties = try creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        let id = try h5check(H5Dcreate2(handle.id, name, plenum_h5t_std_i32le(), space.id, plenum_h5p_default(),
                                        properties.id, plenum_h5p_default()),
                             file: file.path, object: objectPath, "create dataset")
        let dataset = HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
        if !values.isEmpty {
            _ = try h5check(values.withUnsafeBufferPointer {
                H5Dwrite(id, plenum_h5t_native_int32(), plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), $0.baseAddress)
            }, file: file.path, object: objectPath, "write dataset")
        }
        return dataset
    }

    /// A creation property list of `propertyClass` with modification-time tracking off: HDF5
    /// otherwise writes the wall-clock time into every object header, and two runs of the same
    /// scenario would not give bitwise-identical files.
    func creationProperties(_ propertyClass: hid_t, for objectPath: String) throws(StorageError) -> HDF5Handle {
        let properties = HDF5Handle(try h5check(H5Pcreate(propertyClass), file: file.path, object: objectPath,
                                                "create properties"), .propertyList)
        _ = try h5check(H5Pset_obj_track_times(properties.id, false), file: file.path, object: objectPath, "turn off time tracking")
        return properties
    }

    /// Opens a dataset (a relative path is allowed).
    public func openDataset(_ name: String) throws(StorageError) -> HDF5Dataset {
        let objectPath = childPath(name)
        guard memberKind(name) == .dataset else {
            throw StorageError(file: file.path, objectPath: objectPath, operation: "open dataset", reason: "no such dataset")
        }
        let id = try h5check(H5Dopen2(handle.id, name, plenum_h5p_default()), file: file.path, object: objectPath, "open dataset")
        return HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
    }
}

private let collectLinkName: @convention(c) (hid_t, UnsafePointer<CChar>?, UnsafePointer<H5L_info_t>?, UnsafeMutableRawPointer?) -> herr_t = { _, name, _, data in
    guard let name, let data else { return 0 }
    data.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
    return 0
}

extension HDF5Group {
    /// Creates a 1-D variable-length UTF-8 string dataset (a text column of a table).
    @discardableResult
    public func createStringColumn(_ name: String, _ values: [String]) throws(StorageError) -> HDF5Dataset {
        let objectPath = childPath(name)
        let type = makeUTF8StringType()
        let space = try makeDataspace(dimensions: [values.count], maximum: nil, file: file.path, object: objectPath)
        let properties = try creationProperties(plenum_h5p_dataset_create(), for: objectPath)
        let id = try h5check(H5Dcreate2(handle.id, name, type.id, space.id, plenum_h5p_default(), properties.id, plenum_h5p_default()),
                             file: file.path, object: objectPath, "create dataset")
        let dataset = HDF5Dataset(file: file, path: objectPath, handle: HDF5Handle(id, .dataset))
        guard !values.isEmpty else { return dataset }
        var copies = values.map { UnsafePointer(strdup($0)!) }
        defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        _ = try h5check(copies.withUnsafeMutableBufferPointer { buffer in
            H5Dwrite(id, type.id, plenum_h5s_all(), plenum_h5s_all(), plenum_h5p_default(), buffer.baseAddress)
        }, file: file.path, object: objectPath, "write dataset")
        return dataset
    }

    /// Creates an external link `name` to `objectPath` in the file `targetFile` (a path relative to
    /// this file's folder works wherever the two are moved together).
    public func createExternalLink(_ name: String, targetFile: String, objectPath: String) throws(StorageError) {
        _ = try h5check(H5Lcreate_external(targetFile, objectPath, handle.id, name, plenum_h5p_default(), plenum_h5p_default()),
                        file: file.path, object: childPath(name), "create external link to \(targetFile)")
    }

    /// Reads a 1-D string dataset.
    public func readStringColumn(_ name: String) throws(StorageError) -> [String] {
        try openDataset(name).readStrings()
    }
}

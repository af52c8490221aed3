internal import CHDF5

/// An open HDF5 file. Closed when the last object that uses it (group, dataset) is released.
public final class HDF5File {
    /// The file's path on disk, used in every error message.
    public let path: String
    let handle: HDF5Handle

    private init(path: String, id: hid_t) {
        self.path = path
        handle = HDF5Handle(id, .file)
    }

    /// Creates a file, replacing one at `path` when `overwrite` is true and failing otherwise.
    public static func create(at path: String, overwrite: Bool = false) throws(StorageError) -> HDF5File {
        HDF5Runtime.ensureInitialised()
        let flags = overwrite ? plenum_h5f_acc_trunc() : plenum_h5f_acc_excl()
        let id = try h5check(H5Fcreate(path, flags, plenum_h5p_default(), plenum_h5p_default()),
                             file: path, object: "/", "create the file")
        return HDF5File(path: path, id: id)
    }

    /// Opens an existing file, read-only unless `writable`.
    ///
    /// - Throws: `StorageError` when the file is missing, unreadable or not HDF5, with a reason a
    ///   user can act on.
    public static func open(at path: String, writable: Bool = false) throws(StorageError) -> HDF5File {
        HDF5Runtime.ensureInitialised()
        // H5Fis_hdf5 gives a clearer reason than H5Fopen's stack for the common mistakes.
        let accessible = H5Fis_hdf5(path)
        if accessible == 0 {
            throw StorageError(file: path, objectPath: "/", operation: "open the file", reason: "not an HDF5 file")
        }
        if accessible < 0 {
            _ = HDF5Runtime.takeErrorStackMessage()
            throw StorageError(file: path, objectPath: "/", operation: "open the file",
                               reason: "no such file, or it cannot be read")
        }
        let flags = writable ? plenum_h5f_acc_rdwr() : plenum_h5f_acc_rdonly()
        let id = try h5check(H5Fopen(path, flags, plenum_h5p_default()), file: path, object: "/", "open the file")
        return HDF5File(path: path, id: id)
    }

    /// The root group `/`.
    public func rootGroup() throws(StorageError) -> HDF5Group {
        try HDF5Group(file: self, parentPath: "", name: "/", id: h5check(
            H5Gopen2(handle.id, "/", plenum_h5p_default()), file: path, object: "/", "open the root group"))
    }

    /// Writes HDF5's buffers to disk, so a run killed later leaves a readable prefix.
    public func flush() throws(StorageError) {
        _ = try h5check(H5Fflush(handle.id, H5F_SCOPE_GLOBAL), file: path, object: "/", "flush the file")
    }
}

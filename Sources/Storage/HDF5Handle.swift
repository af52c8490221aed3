internal import CHDF5

/// Owns one HDF5 identifier and closes it exactly once, in `deinit`.
///
/// Every Storage type holds its identifiers through this class, so an early `throw` or a
/// forgotten close cannot leak a handle, and nothing can close one twice. Public only as an
/// opaque token (`HDF5Object.handle`); nothing of it is usable outside this module.
public final class HDF5Handle {
    enum Kind { case file, group, dataset, dataspace, datatype, attribute, propertyList }

    let id: hid_t
    let kind: Kind

    init(_ id: hid_t, _ kind: Kind) {
        precondition(id >= 0, "HDF5Handle needs a valid identifier")
        self.id = id
        self.kind = kind
    }

    deinit {
        switch kind {
        case .file: _ = H5Fclose(id)
        case .group: _ = H5Gclose(id)
        case .dataset: _ = H5Dclose(id)
        case .dataspace: _ = H5Sclose(id)
        case .datatype: _ = H5Tclose(id)
        case .attribute: _ = H5Aclose(id)
        case .propertyList: _ = H5Pclose(id)
        }
    }
}

/// The variable-length UTF-8 string type: h5py reads it as `str`.
func makeUTF8StringType() -> HDF5Handle {
    let type = H5Tcopy(plenum_h5t_c_s1())
    precondition(type >= 0, "H5Tcopy of H5T_C_S1 failed")
    _ = H5Tset_size(type, plenum_h5t_variable())
    _ = H5Tset_cset(type, H5T_CSET_UTF8)
    return HDF5Handle(type, .datatype)
}

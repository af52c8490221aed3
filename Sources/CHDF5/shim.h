// CHDF5 shim: the parts of HDF5 that Swift cannot import directly. Not API; only the Storage
// module includes it.
#ifndef PLENUM_CHDF5_SHIM_H
#define PLENUM_CHDF5_SHIM_H

#include <stddef.h>
#include <hdf5.h>
#include <hdf5_hl.h>

// HDF5's type and property-list identifiers are macros that expand to `(H5open(), X_g)`:
// Swift cannot import them, and the `_g` globals read -1 before H5open(). Each accessor calls
// the macro in C.
static inline hid_t plenum_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t plenum_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t plenum_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t plenum_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t plenum_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t plenum_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t plenum_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t plenum_h5t_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t plenum_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t plenum_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t plenum_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t plenum_h5p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t plenum_h5p_group_create(void) { return H5P_GROUP_CREATE; }
static inline hid_t plenum_h5s_all(void) { return H5S_ALL; }
static inline hid_t plenum_h5e_default(void) { return H5E_DEFAULT; }
static inline hsize_t plenum_h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline size_t plenum_h5t_variable(void) { return H5T_VARIABLE; }
static inline unsigned plenum_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned plenum_h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline unsigned plenum_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned plenum_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }

#endif

internal import CHDF5
import Glibc

/// Reads every string of a dataset or attribute, whatever its shape and string storage.
///
/// Why one reader: a variable-length string element is one pointer, a fixed-length one is `size`
/// bytes; reading N elements into room for one (what the old scalar reader did with a column)
/// writes past the buffer. Here the buffer is sized from the element count and the stored type,
/// and every pointer HDF5 allocates is freed.
enum HDF5StringReader {
    /// Reads `count` strings stored with `fileType` by `read(memoryType, buffer)` (an `H5Dread` or
    /// `H5Aread`). Invalid UTF-8 is repaired (U+FFFD), never trusted.
    static func read(count: Int, fileType: hid_t, file: String, object: String, operation: String,
                     _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) throws(StorageError) -> [String] {
        guard count > 0 else { return [] }
        if H5Tis_variable_str(fileType) > 0 {
            let memoryType = makeUTF8StringType()
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            let status = pointers.withUnsafeMutableBufferPointer { read(memoryType.id, UnsafeMutableRawPointer($0.baseAddress!)) }
            defer { for pointer in pointers { if let pointer { H5free_memory(pointer) } } }
            _ = try h5check(status, file: file, object: object, operation)
            return pointers.map { pointer in
                guard let pointer else { return "" }
                return String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                            count: strlen(pointer)), as: UTF8.self)
            }
        }
        // Fixed-length strings (other writers, h5py with numpy bytes): `size` bytes each, padded.
        let size = H5Tget_size(fileType)
        guard size > 0, size <= 1 << 20, count <= (1 << 30) / max(size, 1) else {
            throw StorageError(file: file, objectPath: object, operation: operation,
                               reason: "implausible string size \(size) × \(count) (a damaged file?)")
        }
        let memoryType = HDF5Handle(H5Tcopy(fileType), .datatype)
        var bytes = [UInt8](repeating: 0, count: size * count)
        let status = bytes.withUnsafeMutableBytes { read(memoryType.id, $0.baseAddress!) }
        _ = try h5check(status, file: file, object: object, operation)
        return (0..<count).map { index in
            let element = bytes[(index * size)..<((index + 1) * size)]
            let end = element.firstIndex(of: 0) ?? element.endIndex
            return String(decoding: element[..<end], as: UTF8.self)
        }
    }
}

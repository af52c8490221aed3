internal import CHDF5

/// A digest of everything a file holds, written last (as `/summary@content_digest`) and checked
/// before a file is trusted again: `plenum sweep` resume and `plenum merge` redo or refuse a
/// point whose digest does not match, so an edited KPI or a damaged block is detected, not read
/// as a result.
///
/// The digest is FNV-1a over 64 bits (Fowler, Noll & Vo) of a canonical walk of the file: every
/// hard-linked group, dataset and attribute in name order, each contributing its path, its kind,
/// its shape and its values (numbers as IEEE-754 bit patterns, strings as UTF-8). It is for
/// detecting damage and careless edits, not tampering: it has no key. Dataset chunks also carry
/// HDF5's Fletcher-32 checksums, which catch damage inside compressed time series on any read.
public enum HDF5ContentDigest {
    /// Name of the attribute on `/summary` that holds the digest.
    public static let attributeName = "content_digest"

    /// The digest of the file behind `root`, as `fnv1a64:<16 hex digits>`. Reads every value.
    /// - Throws: `StorageError` when any part cannot be read (a damaged file).
    public static func compute(_ root: HDF5Group) throws(StorageError) -> String {
        var hash = FNV1a64()
        try visit(root, into: &hash)
        let hex = String(hash.value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Computes the digest and stores it on `/summary` (which must exist). Call it last.
    public static func write(_ root: HDF5Group) throws(StorageError) {
        let digest = try compute(root)
        try root.openGroup("summary").setAttribute(attributeName, digest)
    }

    /// Nil when the stored digest matches the content; else why the file cannot be trusted.
    public static func problem(_ root: HDF5Group) throws(StorageError) -> String? {
        guard root.memberKind("summary") == .group else { return "it has no /summary (an unfinished run)" }
        let summary = try root.openGroup("summary")
        guard summary.hasAttribute(attributeName), case .string(let stored) = try summary.attribute(attributeName) else {
            return "/summary has no content digest (written by an older Plenum, or unfinished)"
        }
        let actual = try compute(root)
        return actual == stored ? nil : "its content digest \(actual) differs from the one written with it (\(stored)): the file was changed or damaged"
    }

    private static func visit(_ group: HDF5Group, into hash: inout FNV1a64) throws(StorageError) {
        hash.add("group \(group.path)")
        try attributes(of: group, into: &hash)
        for name in try group.memberNames().sorted() {
            guard isHardLink(group, name) else {
                hash.add("link \(name)") // external or soft links: their targets are other files' business
                continue
            }
            switch group.memberKind(name) {
            case .group: try visit(try group.openGroup(name), into: &hash)
            case .dataset: try dataset(try group.openDataset(name), into: &hash)
            default: hash.add("other \(name)")
            }
        }
    }

    private static func isHardLink(_ group: HDF5Group, _ name: String) -> Bool {
        var info = H5L_info_t()
        guard H5Lget_info(group.handle.id, name, &info, plenum_h5p_default()) >= 0 else {
            _ = HDF5Runtime.takeErrorStackMessage()
            return false
        }
        return info.type == H5L_TYPE_HARD
    }

    private static func attributes(of object: some HDF5Object, into hash: inout FNV1a64) throws(StorageError) {
        // DIMENSION_LIST and REFERENCE_LIST hold object references (addresses): layout, not content.
        for name in try object.attributeNames().sorted()
        where !["DIMENSION_LIST", "REFERENCE_LIST", attributeName].contains(name) {
            hash.add("@\(name)=\(try object.attribute(name))")
        }
    }

    private static func dataset(_ dataset: HDF5Dataset, into hash: inout FNV1a64) throws(StorageError) {
        let shape = try dataset.shape()
        hash.add("dataset \(dataset.path) \(shape)")
        try attributes(of: dataset, into: &hash)
        switch try dataset.elementKind() {
        case .float, .integer:
            for value in try dataset.readDoubles() { hash.add(value.bitPattern) }
        case .string:
            for text in try dataset.readStrings() { hash.add(text) }
        case .compound:
            hash.add("compound")
        case .other:
            hash.add("other")
        }
    }
}

/// FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// A string and a separator, so that ("ab", "c") and ("a", "bc") differ.
    mutating func add(_ text: String) {
        add(bytes: text.utf8)
        add(bytes: CollectionOfOne(0xff))
    }

    mutating func add(_ word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { add(bytes: $0) }
    }
}

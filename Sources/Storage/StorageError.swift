internal import CHDF5

/// An HDF5 operation that failed, with the file, the object path inside it and HDF5's own reason
/// (the innermost messages of its error stack).
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// The file on disk.
    public let file: String
    /// The object inside the file (`/timeseries/rack/temperature_c`), or "/" for the file itself.
    public let objectPath: String
    /// What Plenum was doing: `create dataset`, `write attribute 'units'`.
    public let operation: String
    /// HDF5's explanation, from its error stack.
    public let reason: String

    public init(file: String, objectPath: String, operation: String, reason: String) {
        self.file = file
        self.objectPath = objectPath
        self.operation = operation
        self.reason = reason
    }

    public var description: String {
        "\(file): \(objectPath): cannot \(operation): \(reason)"
    }
}

/// HDF5 library state that must be set once per process: the library opened (so the `_g`
/// type globals are valid) and automatic error printing off (errors are read from the stack and
/// thrown instead).
enum HDF5Runtime {
    static let initialised: Bool = {
        _ = H5open()
        _ = H5Eset_auto2(plenum_h5e_default(), nil, nil)
        return true
    }()

    @inline(__always) static func ensureInitialised() { _ = initialised }

    /// The current error stack's messages, innermost first, joined; then the stack is cleared.
    static func takeErrorStackMessage() -> String {
        var messages: [String] = []
        withUnsafeMutablePointer(to: &messages) { pointer in
            _ = H5Ewalk2(plenum_h5e_default(), H5E_WALK_UPWARD, errorWalker, UnsafeMutableRawPointer(pointer))
        }
        _ = H5Eclear2(plenum_h5e_default())
        // The innermost two say what HDF5 itself saw; the rest repeat it at each API layer.
        let relevant = messages.prefix(2).filter { !$0.isEmpty }
        return relevant.isEmpty ? "HDF5 reported a failure without a message" : relevant.joined(separator: "; ")
    }
}

private let errorWalker: @convention(c) (UInt32, UnsafePointer<H5E_error2_t>?, UnsafeMutableRawPointer?) -> herr_t = { _, error, data in
    guard let error, let data else { return 0 }
    let messages = data.assumingMemoryBound(to: [String].self)
    if let description = error.pointee.desc {
        messages.pointee.append(String(cString: description))
    }
    return 0
}

/// The gateway from an HDF5 return value to Swift: negative means failure, read the stack and
/// throw.
@inline(__always)
func h5check<T: BinaryInteger>(_ result: T, file: String, object: String,
                               _ operation: @autoclosure () -> String) throws(StorageError) -> T {
    if result >= 0 { return result }
    throw StorageError(file: file, objectPath: object, operation: operation(),
                       reason: HDF5Runtime.takeErrorStackMessage())
}

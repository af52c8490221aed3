import Foundation
import Storage

/// Whether an output file can be trusted as a finished run: it opens, every value reads (the
/// time series' Fletcher-32 checksums hold), its content digest matches the one written with it,
/// and, for a sweep point, it holds the scenario the point would run.
///
/// Reading a damaged HDF5 file can crash or hang inside libhdf5; callers that read files they
/// did not just write go through `IsolatedFileCheck`, which runs this in a child process.
public enum PointFileCheck {
    /// Nil when the file is trustworthy, else why not.
    /// - Parameter scenarioDigest: when given, the `scenarioTextDigest` of the resolved scenario
    ///   the file must hold.
    public static func problem(path: String, scenarioDigest: String? = nil) -> String? {
        do {
            let root = try HDF5File.open(at: path).rootGroup()
            if scenarioDigest == anyPlenumFile {
                // Any file a reader is given (report, compare, export): its digest when it has
                // one, else every value read once, so a damaged file fails here, in the child.
                if root.memberKind("summary") == .group, try root.openGroup("summary").hasAttribute(HDF5ContentDigest.attributeName) {
                    return try HDF5ContentDigest.problem(root)
                }
                _ = try HDF5ContentDigest.compute(root)
                return nil
            }
            if let problem = try HDF5ContentDigest.problem(root) { return problem }
            if let scenarioDigest {
                guard root.memberKind("scenario/text") == .dataset else { return "it holds no scenario" }
                let text = try root.openDataset("scenario/text").readString()
                if textDigest(text) != scenarioDigest { return "it holds another scenario (the sweep or its base changed)" }
            }
            return nil
        } catch {
            return "\(error.reason) (\(error.operation) \(error.objectPath))"
        }
    }

    /// The `scenarioDigest` that asks only whether a file reads whole (any kind of Plenum file).
    public static let anyPlenumFile = "~"

    /// A short digest of a scenario text, for comparing across processes.
    public static func textDigest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

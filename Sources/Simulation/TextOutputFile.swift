import Foundation

/// A text output (an HTML report, a CSV table) written as a run's HDF5 file is: the path checked
/// first (never an input, a folder or a device), written under a temporary name, renamed when
/// complete.
public enum TextOutputFile {
    public static func write(_ text: String, to path: String, inputs: [String]) throws(SimulationError) {
        let output = try OutputFile(path: path, inputs: inputs)
        guard FileManager.default.createFile(atPath: output.partialPath, contents: Data(text.utf8)) else {
            output.discard()
            throw .outputFile(path: path, reason: "cannot write \(output.partialPath)")
        }
        try output.commit()
    }

    /// Checks `path` as `write` would, before any work.
    public static func check(_ path: String, inputs: [String]) throws(SimulationError) {
        _ = try OutputFile.check(path: path, inputs: inputs)
    }
}

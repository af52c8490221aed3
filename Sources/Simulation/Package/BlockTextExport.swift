import Foundation
import Models

/// Block temperatures as HotSpot writes them, so a HotSpot user's scripts read Plenum's results
/// unchanged: a steady file (`<name>\t<K>` per line, HotSpot's `-steady_file`) and a transient
/// trace (block names on the first line, then one row per sampling interval in K, HotSpot's
/// `-o` `.ttrace`). Both are written under a temporary name and renamed when complete.
public enum BlockTextExport {
    public static func steady(names: [String], kelvin: [Double]) -> String {
        zip(names, kelvin).map { "\($0)\t\(String(format: "%.2f", $1))\n" }.joined()
    }

    public static func trace(names: [String], rowsK: [[Double]]) -> String {
        ([names.joined(separator: "\t")] + rowsK.map { $0.map { String(format: "%.2f", $0) }.joined(separator: "\t") })
            .joined(separator: "\n") + "\n"
    }

    /// Checks a text output's path before the run (not an input, a folder or a device).
    public static func checkPath(_ path: String, inputs: [String]) throws(SimulationError) {
        _ = try OutputFile.check(path: path, inputs: inputs)
    }

    public static func write(_ text: String, to path: String, inputs: [String]) throws(SimulationError) {
        let output = try OutputFile(path: path, inputs: inputs)
        do {
            try text.write(toFile: output.partialPath, atomically: false, encoding: .utf8)
        } catch {
            output.discard()
            throw .outputFile(path: path, reason: "could not be written: \(error.localizedDescription)")
        }
        try output.commit()
    }
}

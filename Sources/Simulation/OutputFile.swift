import Foundation

/// Writes an output file under a temporary name in the same folder and renames it into place
/// only when complete, so a file at the final path is never a partial one. A failed or
/// interrupted run leaves at most `<name>.partial`, which the next run replaces.
struct OutputFile {
    let finalPath: String
    var partialPath: String { finalPath + ".partial" }

    /// Creates the folder if needed and checks that the final path is writable.
    init(path: String) throws(SimulationError) {
        finalPath = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw .outputFile(path: folder, reason: "is a file, expected a folder for the output") }
            } else {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .outputFile(path: folder, reason: "cannot create the output folder")
                }
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .outputFile(path: path, reason: "is a folder, expected an output file name")
        }
    }

    /// Moves the complete file into place (atomic on one file system, replacing an older result).
    func commit() throws(SimulationError) {
        if rename(partialPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw .outputFile(path: finalPath, reason: "cannot move the finished output into place: \(reason)")
        }
    }

    /// Removes the partial file after a failure.
    func discard() {
        unlink(partialPath)
    }
}

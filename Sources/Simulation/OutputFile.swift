import Foundation

/// Writes an output file safely: checked before any simulation, written under a name of its own
/// in the same folder, and renamed into place only when complete.
///
/// - The path must end at a regular file or at nothing. A folder, a device (`/dev/full`), a FIFO
///   or a socket is refused; so is any input of the run (the scenario, its `extends` chain,
///   weather, trace and package files), compared by device and inode, so `-o` can never replace
///   what the run reads.
/// - A symbolic link is followed deliberately: the result replaces the link's target and the
///   link stays (docs/reliability.md).
/// - A lock file `<name>.lock` holding the writer's PID makes concurrent runs to one path end
///   with one complete file and a clear message for the other; a lock whose process is gone is
///   taken over.
/// - Each writer's partial file is `<name>.<pid>.partial`; a failed or interrupted run leaves at
///   most that, never a file at the final path.
struct OutputFile {
    /// Where the result lands (a symbolic link resolved to its target).
    let finalPath: String
    let partialPath: String
    private let lockPath: String

    /// Checks `path` (see the type's notes) without creating anything.
    /// - Parameter inputs: files the run reads.
    /// - Returns: the path to write, symbolic links resolved.
    static func check(path: String, inputs: [String]) throws(SimulationError) -> String {
        guard !path.isEmpty else { throw .outputFile(path: "\"\"", reason: "is empty, expected an output file name") }
        var target = path
        var hops = 0
        while let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target) {
            hops += 1
            guard hops <= 32 else { throw .outputFile(path: path, reason: "is a loop of symbolic links") }
            target = destination.hasPrefix("/") ? destination : ((target as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(destination)
        }
        var info = stat()
        if stat(target, &info) != 0 && (target as NSString).pathComponents.contains("..") {
            // `missing/../q.yaml` names q.yaml once `missing` is created: resolve such a path
            // before the checks below, or they would pass and the rename replace an input.
            target = Self.resolvingMissingFolders(target)
        }
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .outputFile(path: path, reason: "is a folder, expected an output file name")
            case S_IFCHR, S_IFBLK: throw .outputFile(path: path, reason: "is a device, expected a regular output file")
            case S_IFIFO: throw .outputFile(path: path, reason: "is a FIFO (named pipe), expected a regular output file")
            default: throw .outputFile(path: path, reason: "is not a regular file")
            }
            for input in inputs {
                var inputInfo = stat()
                if stat(input, &inputInfo) == 0 && inputInfo.st_dev == info.st_dev && inputInfo.st_ino == info.st_ino {
                    throw .outputFile(path: path, reason: "is an input of this run (\(input)); refusing to overwrite it")
                }
            }
        }
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw .outputFile(path: folder, reason: "is a file, expected a folder for the output") }
                if access(folder, W_OK) != 0 { throw .outputFile(path: folder, reason: "the output folder is not writable") }
            } else {
                var parent = folder
                while !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) { parent = (parent as NSString).deletingLastPathComponent }
                if !parent.isEmpty && access(parent, W_OK) != 0 {
                    throw .outputFile(path: folder, reason: "the output folder does not exist and \(parent) is not writable")
                }
            }
        } else if access(".", W_OK) != 0 {
            throw .outputFile(path: path, reason: "the working directory is not writable")
        }
        return target
    }

    /// `path` with its existing part resolved physically (`realpath`) and the rest, which the
    /// output will create as plain folders, resolved by its names (`.` and `..`).
    static func resolvingMissingFolders(_ path: String) -> String {
        let components = (path as NSString).pathComponents
        var existing = components.count
        while existing > 0 && !FileManager.default.fileExists(atPath: NSString.path(withComponents: Array(components[..<existing]))) {
            existing -= 1
        }
        let prefix = existing > 0 ? NSString.path(withComponents: Array(components[..<existing])) : "."
        guard let real = realpath(prefix, nil) else { return path }
        defer { free(real) }
        var resolved = String(cString: real) as NSString
        for name in components[existing...] where name != "." && name != "/" {
            resolved = (name == ".." ? resolved.deletingLastPathComponent : resolved.appendingPathComponent(name)) as NSString
        }
        return resolved as String
    }

    /// Checks the path, creates its folder and takes the lock.
    init(path: String, inputs: [String] = []) throws(SimulationError) {
        let target = try Self.check(path: path, inputs: inputs)
        finalPath = target
        partialPath = "\(target).\(getpid()).partial"
        lockPath = target + ".lock"
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .outputFile(path: folder, reason: "cannot create the output folder")
            }
        }
        try OutputLock.acquire(lockPath, forWriting: path)
        UnfinishedOutputs.add(partial: partialPath, lock: lockPath)
    }

    /// Moves the complete file into place (atomic on one file system, replacing an older result)
    /// and releases the lock.
    func commit() throws(SimulationError) {
        defer {
            OutputLock.release(lockPath)
            UnfinishedOutputs.remove(partial: partialPath)
        }
        if rename(partialPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(partialPath)
            throw .outputFile(path: finalPath, reason: "cannot move the finished output into place: \(reason)")
        }
    }

    /// Removes the partial file after a failure and releases the lock.
    func discard() {
        unlink(partialPath)
        OutputLock.release(lockPath)
        UnfinishedOutputs.remove(partial: partialPath)
    }
}

/// A lock file holding the PID of the process that owns a path: an output being written, or a
/// sweep folder being run. Created with `O_EXCL`, so two processes cannot both take it; a lock
/// whose process has exited is stale and taken over.
public enum OutputLock {
    /// Takes the lock at `lockPath`, or throws naming the process that holds it.
    public static func acquire(_ lockPath: String, forWriting what: String) throws(SimulationError) {
        for _ in 0..<3 {
            let descriptor = open(lockPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return
            }
            guard errno == EEXIST else {
                let folder = (lockPath as NSString).deletingLastPathComponent
                throw .outputFile(path: what, reason: "cannot write in \(folder.isEmpty ? "the working directory" : folder) (\(String(cString: strerror(errno))))")
            }
            if let holder = holder(lockPath), holder != getpid(), kill(holder, 0) == 0 || errno == EPERM {
                throw .outputFile(path: what, reason: "another plenum process (pid \(holder)) is writing it; wait for it to finish or choose another output")
            }
            unlink(lockPath) // stale: its process is gone
        }
        throw .outputFile(path: lockPath, reason: "cannot take the lock file (it keeps reappearing)")
    }

    /// The PID written in the lock file, if it holds one.
    public static func holder(_ lockPath: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: lockPath, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Removes the lock if this process holds it.
    public static func release(_ lockPath: String) {
        if holder(lockPath) == getpid() { unlink(lockPath) }
    }
}

/// The outputs this process is writing, so that an interrupted run (SIGINT, SIGTERM) leaves
/// neither a partial file nor a lock behind: `plenum run` calls `removeAll` from its signal handler.
public enum UnfinishedOutputs {
    private static let guardLock = NSLock()
    nonisolated(unsafe) private static var open: [String: String] = [:]

    static func add(partial: String, lock: String) {
        guardLock.lock()
        defer { guardLock.unlock() }
        open[partial] = lock
    }

    static func remove(partial: String) {
        guardLock.lock()
        defer { guardLock.unlock() }
        open[partial] = nil
    }

    /// Removes every partial file and its lock (from a signal handler's queue, not the signal itself).
    public static func removeAll() {
        guardLock.lock()
        defer { guardLock.unlock() }
        for (partial, lock) in open {
            unlink(partial)
            OutputLock.release(lock)
        }
        open.removeAll()
    }
}

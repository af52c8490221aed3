import ArgumentParser
import Foundation
import Storage

/// `plenum inspect FILE.h5`: shows what an output file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List the groups, datasets, shapes and units of an HDF5 file, and the run summary.")

    @Argument(help: "The HDF5 file to inspect.")
    var file: String

    @Option(help: "Print the values of one dataset (path inside the file, e.g. /timeseries/rack/exhaust_temperature_c).")
    var dataset: String?

    @Flag(help: "Print the events table.")
    var events = false

    @Option(help: "At most this many values or events to print.")
    var limit = 50

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard timeout > 0 && timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    @Option(help: "Longest the file may take to read, in seconds, before it is called corrupt.")
    var timeout = 120.0

    /// Set in the child that does the reading.
    static let childEnvironmentKey = "PLENUM_INSPECT_CHILD"

    func run() throws {
        // A damaged HDF5 file can crash or hang libhdf5 itself: the reading happens in a child
        // process, and its death or silence becomes a located error here.
        if let executable = ChildProcesses.executable, ProcessInfo.processInfo.environment[Self.childEnvironmentKey] == nil {
            try runIsolated(executable)
            return
        }
        if ProcessInfo.processInfo.environment[Self.childEnvironmentKey] != nil { ChildProcesses.exitWithParent() }
        try readFile()
    }

    private func runIsolated(_ executable: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(CommandLine.arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childEnvironmentKey] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.standardOutput
        // The child's errors are passed on only when it ended normally: a crash inside libhdf5
        // prints a runtime trace, and the user gets one located line instead. A thread reads them
        // to the end (so a child with much to say never blocks on a full pipe), and they are
        // written once it has: a readability handler still holding bytes it had read when it was
        // removed lost the child's one error line now and then (under load, in the tests).
        let errors = Pipe()
        process.standardError = errors
        let collected = ErrorOutput()
        try process.run()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            collected.append(errors.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        defer {
            if !process.isRunning && process.terminationReason == .exit {
                drained.wait()
                FileHandle.standardError.write(collected.data)
            }
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            printError("\(file): error: corrupt file: reading it did not finish within \(Int(timeout)) s")
            throw ExitCode(1)
        }
        // The reader of our standard output went away (`plenum inspect F | head`): the child was
        // stopped writing to it, which says nothing about the file. Stop quietly, as `cat` does.
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE {
            throw ExitCode(128 + SIGPIPE)
        }
        if process.terminationReason == .uncaughtSignal {
            printError("\(file): error: corrupt file: reading it crashed inside libhdf5 (signal \(process.terminationStatus))")
            throw ExitCode(1)
        }
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }

    private func readFile() throws {
        do {
            let root = try HDF5File.open(at: file).rootGroup()
            if let dataset {
                try printValues(of: root.openDataset(String(dataset.drop { $0 == "/" })))
            } else if events {
                try printEvents(root)
            } else {
                print("\(file)")
                try describeAttributes(of: root, indent: "  ")
                try describe(root, indent: "")
                if root.memberKind("summary") == .group, try root.openGroup("summary").hasAttribute(HDF5ContentDigest.attributeName) {
                    if let problem = try HDF5ContentDigest.problem(root) {
                        printError("\(file): error: \(problem)")
                        throw ExitCode(1)
                    }
                    print("content digest verified: every value reads back as written")
                }
            }
        } catch let error as StorageError {
            printError("\(error.file): error: \(error.objectPath == "/" ? "" : error.objectPath + ": ")cannot \(error.operation): \(error.reason)")
            throw ExitCode(1)
        }
    }

    private func describe(_ group: HDF5Group, indent: String) throws {
        for name in try group.memberNames() {
            switch group.memberKind(name) {
            case .group:
                let child = try group.openGroup(name)
                print("\(indent)\(child.path)/")
                try describeAttributes(of: child, indent: indent + "    ")
                try describe(child, indent: indent)
            case .dataset:
                let dataset = try group.openDataset(name)
                print(indent + (try datasetLine(dataset)))
            default:
                print("\(indent)\(group.path == "/" ? "" : group.path)/\(name)  (other object)")
            }
        }
    }

    private func datasetLine(_ dataset: HDF5Dataset) throws -> String {
        let shape = try dataset.shape()
        let kind: String
        switch try dataset.elementKind() {
        case .float: kind = "float64"
        case .integer: kind = "integer"
        case .string: kind = "string"
        case .compound(let fields): kind = "table(\(fields.joined(separator: ", ")))"
        case .other: kind = "other"
        }
        var line = "\(dataset.path)  \(kind)" + (shape.isEmpty ? "" : "[\(shape.map(String.init).joined(separator: " × "))]")
        if shape.isEmpty, case .float = try dataset.elementKind(), let value = try dataset.readDoubles().first {
            line += " = \(value)"
        }
        if dataset.hasAttribute("units"), case .string(let units) = try dataset.attribute("units") {
            // Money: units "1" (or "1/(kW h)") with the ISO code in `currency` reads as "CNY" ("CNY/(kW h)").
            if dataset.hasAttribute("currency"), case .string(let currency) = try dataset.attribute("currency"), units.hasPrefix("1") {
                line += "  [\(currency)\(units.dropFirst())]"
            } else {
                line += "  [\(units)]"
            }
        }
        if dataset.hasAttribute("long_name"), case .string(let longName) = try dataset.attribute("long_name") { line += "  \(longName)" }
        let scales = try dataset.dimensionScaleNames()
        if scales.contains(where: { $0 != nil }) {
            line += "  dims(" + scales.map { $0 ?? "-" }.joined(separator: ", ") + ")"
        }
        return line
    }

    private func describeAttributes(of object: some HDF5Object, indent: String) throws {
        for name in try object.attributeNames() where !["CLASS", "NAME", "REFERENCE_LIST", "DIMENSION_LIST"].contains(name) {
            print("\(indent)@\(name) = \(try object.attribute(name))")
        }
    }

    private func printValues(of dataset: HDF5Dataset) throws {
        print(try datasetLine(dataset))
        try describeAttributes(of: dataset, indent: "  ")
        if case .string = try dataset.elementKind() {
            let strings = try dataset.readStrings()
            strings.prefix(limit).forEach { print($0) }
            if strings.count > limit { print("… \(strings.count - limit) more strings (use --limit)") }
            return
        }
        let values = try dataset.readDoubles()
        let shape = try dataset.shape()
        let rowWidth = shape.count >= 2 ? shape.dropFirst().reduce(1, *) : 1
        let rows = values.count / max(rowWidth, 1)
        for row in 0..<min(rows, limit) {
            let slice = values[(row * rowWidth)..<((row + 1) * rowWidth)]
            print(slice.map { String($0) }.joined(separator: "\t"))
        }
        if rows > limit { print("… \(rows - limit) more rows (use --limit)") }
    }

    private func printEvents(_ root: HDF5Group) throws {
        try printEventRows(EventTable.read(root.openGroup("events")))
    }

    private func printEventRows(_ records: [EventRecord]) throws {
        print("time_s\tkind\tcomponent\tvalue\tmessage")
        for record in records.prefix(limit) {
            print("\(record.timeS)\t\(record.kind)\t\(record.component)\t\(record.value.isNaN ? "" : String(record.value))\t\(record.message)")
        }
        if records.count > limit { print("… \(records.count - limit) more events (use --limit)") }
    }
}

/// Bytes collected from a child's standard error on a reading thread.
final class ErrorOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    func append(_ data: Data) { lock.withLock { buffer.append(data) } }
    var data: Data { lock.withLock { buffer } }
}

import ArgumentParser
import Foundation
import Report
import Scenario
import Simulation
import Storage
import Sweep

/// `plenum report FILE`: one self-contained HTML page of a run, a multi-site run, a package
/// analysis or a merged sweep (docs/report.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page of a run, a multi-site run, a package analysis or a merged sweep.",
        discussion: "The page needs no network: open it from disk in any browser. See docs/report.md.")

    @Argument(help: "An HDF5 file written by plenum run, package or merge.")
    var file: String

    @Option(name: [.short, .long], help: "The HTML file to write (default: FILE with .html in place of .h5).")
    var output: String?

    @Option(help: "Also draw the floor plans at this time since the start ('36 h', '2 days', '5400 s').")
    var at: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let path = output ?? Self.defaultOutput(for: file)
        var atS: Double?
        if let at {
            guard case .success(let seconds) = Units.parse(at, as: .duration), seconds >= 0, seconds.isFinite else {
                printError("error: --at: expected a time since the start such as '36 h', '2 days' or '5400 s', found '\(at)'")
                throw ExitCode(1)
            }
            atS = seconds
        }
        try reportingFileErrors {
            try TextOutputFile.check(path, inputs: [file])
            try checkReadable([file])
            // A multi-site run's site files are checked in a child process too, one by one.
            let page = try ReportBuilder.page(for: file, floorPlanAtS: atS, isSafe: { site in
                IsolatedFileCheck.check([.init(path: site, scenarioDigest: PointFileCheck.anyPlenumFile)]).first! == nil
            })
            try TextOutputFile.write(page, to: path, inputs: [file])
            if !quiet { print("\(path): report of \(file) (\(ByteCountText.describe(page.utf8.count)))") }
        }
    }

    static func defaultOutput(for file: String) -> String {
        (file.hasSuffix(".h5") ? String(file.dropLast(3)) : file) + ".html"
    }
}

/// Runs `body`, printing a file's storage error (`FILE: error: /path: cannot ...`) or an output
/// error as one line and exiting 1: the report, compare and export commands' error handling.
func reportingFileErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as StorageError {
        printError("\(error.file): error: \(error.objectPath == "/" ? "" : error.objectPath + ": ")cannot \(error.operation): \(error.reason)")
        throw ExitCode(1)
    } catch let error as SimulationError {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// Reads every file once in a child process (`IsolatedFileCheck`) before this process opens it:
/// a damaged HDF5 file can crash or hang libhdf5, and the user gets one located line instead.
func checkReadable(_ files: [String]) throws {
    for (file, problem) in zip(files, IsolatedFileCheck.check(files.map { .init(path: $0, scenarioDigest: PointFileCheck.anyPlenumFile) })) {
        guard let problem else { continue }
        printError("\(file): error: \(problem.hasPrefix("corrupt file") ? problem : "cannot be read whole: " + problem)")
        throw ExitCode(1)
    }
}

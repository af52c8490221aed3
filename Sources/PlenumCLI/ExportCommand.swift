import ArgumentParser
import Foundation
import Report
import Simulation
import Storage

/// `plenum export FILE --csv DIR`: every table and time series as CSV, units in the headers,
/// local time beside UTC (docs/report.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every table and time series of a Plenum file as CSV, with units in the headers and local time beside UTC.")

    @Argument(help: "An HDF5 file written by plenum run, package or merge.")
    var file: String

    @Option(help: "The folder to write the CSV files into (created when missing).")
    var csv: String

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: csv, isDirectory: &isFolder), !isFolder.boolValue {
            printError("error: --csv \(csv): is a file, expected a folder for the CSV tables")
            throw ExitCode(1)
        }
        var written: [String] = []
        try reportingFileErrors {
            try checkReadable([file])
            try CSVExport.tables(of: file) { table in
                let path = (csv as NSString).appendingPathComponent(table.fileName)
                try TextOutputFile.write(table.text, to: path, inputs: [file])
                written.append(table.fileName)
            }
        }
        if !quiet { print("\(csv): \(written.count) CSV tables from \(file): \(written.joined(separator: ", "))") }
    }
}

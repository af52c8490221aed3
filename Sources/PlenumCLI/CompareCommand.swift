import ArgumentParser
import Report
import Simulation
import Storage

/// `plenum compare A.h5 B.h5 [...]`: key figures side by side with differences and ratios, in the
/// terminal and (with --html) as a page (docs/report.md).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: key figures with differences and ratios against the first, monthly PUE, and the inputs that differ.")

    @Argument(help: "Two or more run files (plenum run's HDF5 output).")
    var files: [String]

    @Option(help: "Also write the comparison as one self-contained HTML page.")
    var html: String?

    @Flag(help: "List every scalar of /summary, not only the key figures.")
    var all = false

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("compare needs at least two run files, found \(files.count)") }
    }

    func run() throws {
        try reportingFileErrors {
            if let html { try TextOutputFile.check(html, inputs: files) }
            try checkReadable(files)
            var runs: [RunFile] = []
            for file in files {
                let opened = try HDF5File.open(at: file)
                guard try PlenumFileKind.of(opened) == .run else {
                    printError("\(file): error: compare reads run files (plenum run's output); this is a \(try PlenumFileKind.of(opened).rawValue) file")
                    throw ExitCode(1)
                }
                runs.append(try RunFile(file: opened))
            }
            let comparison = RunComparison(runs: runs)
            print(comparison.text(all: all), terminator: "")
            if let html {
                try TextOutputFile.write(comparison.page().render(), to: html, inputs: files)
                print("\(html): comparison page")
            }
        }
    }
}

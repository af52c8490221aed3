import Foundation
import Testing

/// Runs the built `plenum` executable (it sits beside the test bundle) from the repository root.
struct PlenumProcess {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundleFolder.appendingPathComponent("plenum")
    }()

    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// A process started and not yet waited for; its output goes to files, so it never blocks.
    struct Running {
        let process: Process
        let outputURL: URL
        let errorURL: URL

        func finish() -> Result {
            process.waitUntilExit()
            let out = (try? Data(contentsOf: outputURL)) ?? Data(), err = (try? Data(contentsOf: errorURL)) ?? Data()
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
            return Result(status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
                          standardError: String(decoding: err, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-process-\(UUID().uuidString)")
        let outURL = stem.appendingPathExtension("out"), errURL = stem.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil), FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stem.path])
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        return Running(process: process, outputURL: outURL, errorURL: errURL)
    }

    /// A fresh folder under the temporary directory, named for the suite that asks.
    static func temporaryFolder(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(_ arguments: [String], in directory: URL = repositoryRoot) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("plenum command line: golden text and exit status")
struct CommandLineTests {
    func temporaryFolder() -> URL { PlenumProcess.temporaryFolder("cli") }

    @Test func versionIsPrinted() throws {
        let result = try PlenumProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test func runHelpIsStable() throws {
        let result = try PlenumProcess.run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput == """
            OVERVIEW: Run a scenario and write its time series, events and summary to an
            HDF5 file.

            USAGE: plenum run <scenario> [--output <output>] [--seed <seed>] [--set <key=value> ...] [--quiet] [--strict] [--progress-interval <progress-interval>] [--threads <threads>] [--allow-large]

            ARGUMENTS:
              <scenario>              The scenario file (YAML).

            OPTIONS:
              -o, --output <output>   Output file (default: Output/<scenario name>.h5).
              --seed <seed>           Override the scenario's seed.
              --set <key=value>       Override a key: KEY.PATH=VALUE (repeatable), e.g.
                                      --set halls[0].rows=12.
              -q, --quiet             No progress bar and no summary; errors and warnings
                                      still go to standard error.
              --strict                Exit 1 when a hall could not hold its set points
                                      (coil at full valve, fans at full speed, airflow
                                      deficit); the output is still written.
              --progress-interval <progress-interval>
                                      Seconds between progress lines when standard error is
                                      not a terminal (a batch log). (default: 60.0)
              --threads <threads>     Threads for the servers' physics (default: every
                                      core). Results are the same bit for bit for any
                                      number.
              --allow-large           Read inputs above the default size limits (traces
                                      over 64 MiB or 1,000,000 jobs; sweeps over their
                                      'limit'). See docs/reliability.md.
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    @Test func validExamplesValidate() throws {
        let result = try PlenumProcess.run(["validate", "Scenarios/quickstart.yaml"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "Scenarios/quickstart.yaml: valid\n")
        #expect(result.standardError == "")
    }

    @Test func invalidScenarioIsReportedWithLineAndKey() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        let text = try String(contentsOf: PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "airflow: 1100 CFM", with: "airflow: 1100 kW")
            .replacingOccurrences(of: "  seed: 42", with: "  sead: 42")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try PlenumProcess.run(["validate", file.path])
        #expect(result.status == 1)
        #expect(result.standardError == """
            \(file.path):9:3: error: simulation.sead: unknown key 'sead' (did you mean 'seed'?); expected one of start, duration, time_step, seed, thermal, output, solver
            \(file.path):17:14: error: servers.dgx-h100.airflow: expected a volume flow such as '12000 CFM', found 'kW', a unit of power

            """)
        // The same file given to `run` fails the same way and writes nothing.
        let output = dir.appendingPathComponent("out.h5")
        let run = try PlenumProcess.run(["run", file.path, "--output", output.path])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("\(file.path):9:3: error: simulation.sead"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(!FileManager.default.fileExists(atPath: output.path + ".partial"))
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("warm.yaml")
        let text = try String(contentsOf: PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "supply_air_temperature: 24 degC", with: "supply_air_temperature: 30 degC")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let lenient = try PlenumProcess.run(["validate", file.path])
        #expect(lenient.status == 0)
        #expect(lenient.standardOutput == "\(file.path): valid (1 warning)\n")
        #expect(lenient.standardError == "\(file.path):33:29: warning: halls[0].supply_air_temperature: supply air at 30 °C is outside the ASHRAE A1 recommended range 18-27 °C\n")
        #expect(try PlenumProcess.run(["validate", "--strict", file.path]).status == 1)
    }

    @Test func everyExampleValidates() throws {
        let folder = PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let result = try PlenumProcess.run(["validate", "--strict"] + files.map { "Scenarios/\($0)" })
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test func setOverridesKeysFromTheCommandLine() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("set.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "--output", output,
                                            "--set", "simulation.duration=20 min", "--set", "workload.jobs=[]"])
        #expect(result.status == 0, "\(result.standardError)")
        let duration = try PlenumProcess.run(["inspect", output, "--dataset", "/summary/duration_s"])
        #expect(duration.standardOutput.hasSuffix("\n1200.0\n"))
        let bad = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--set", "halls[3].rows=2", "--output", output])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("cannot override 'halls[3].rows': index 3 is past the end of a list of 1"))
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--set", "no-equals-sign"]).status == 2)
    }

    /// `validate --set` checks a scenario as `run --set` would load it: a bad override is refused
    /// at its key, a warning it causes is printed, and other kinds of file refuse overrides.
    @Test func validateChecksOverridesAsRunLoadsThem() throws {
        let good = try PlenumProcess.run(["validate", "Scenarios/quickstart.yaml", "--set", "simulation.seed=7"])
        #expect(good.status == 0 && good.standardOutput == "Scenarios/quickstart.yaml: valid\n", "\(good)")
        let bad = try PlenumProcess.run(["validate", "Scenarios/quickstart.yaml", "--set", "halls[0].rows=-3"])
        #expect(bad.status == 1)
        #expect(bad.standardError.hasPrefix("<override halls[0].rows>:1:1: error: halls[0].rows: expected a whole number in 1...1000, found -3"))
        // What a refused hall leaves unnamed is said so, not as an empty list of names.
        #expect(!bad.standardError.contains("expected one of ,"))
        let warned = try PlenumProcess.run(["validate", "Scenarios/quickstart.yaml", "--set", "halls[0].supply_air_temperature=30 degC"])
        #expect(warned.status == 0 && warned.standardOutput.contains("valid (1 warning)") && warned.standardError.contains("ASHRAE A1"))
        #expect(try PlenumProcess.run(["validate", "--strict", "Scenarios/quickstart.yaml", "--set", "halls[0].supply_air_temperature=30 degC"]).status == 1)
        #expect(try PlenumProcess.run(["validate", "Scenarios/quickstart.yaml", "--set", "no-equals-sign"]).status == 2)
        let sweep = try PlenumProcess.run(["validate", "Scenarios/sweeps/supply-density.yaml", "--set", "simulation.duration=1 h"])
        #expect(sweep.status == 1 && sweep.standardError.contains("--set overrides a scenario's keys"), "\(sweep)")
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try PlenumProcess.run(["validate"]).status == 2)
        #expect(try PlenumProcess.run(["run", "--bogus"]).status == 2)
        #expect(try PlenumProcess.run(["frobnicate"]).status == 2)
    }

    @Test func quietRunWritesTheFileAndPrintsNothing() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("q.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "--output", output])
        #expect(result.status == 0)
        #expect(result.standardOutput == "" && result.standardError == "")
        #expect(FileManager.default.fileExists(atPath: output))

        let inspect = try PlenumProcess.run(["inspect", output, "--dataset", "/summary/jobs_completed"])
        #expect(inspect.status == 0)
        #expect(inspect.standardOutput == """
            /summary/jobs_completed  float64 = 3.0  [1]  jobs completed during the run
              @long_name = "jobs completed during the run"
              @units = "1"
            3.0

            """)
        let events = try PlenumProcess.run(["inspect", output, "--events", "--limit", "2"])
        #expect(events.standardOutput == """
            time_s\tkind\tcomponent\tvalue\tmessage
            600.0\tjob-submit\thall-1/pretrain\t3.0\t
            600.0\tjob-start\thall-1/pretrain\t3.0\ton hall-1/r1-1
            … 7 more events (use --limit)

            """)
    }

    @Test func runPrintsASummaryWhenNotQuiet() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("s.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--output", output])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "Plenum 0.1.0 — Scenarios/quickstart.yaml (seed 42)")
        #expect(lines.contains("  IT energy              44.36 kWh   mean 22.18 kW, peak 28.63 kW"))
        #expect(lines.contains("  Jobs                   3 submitted, 3 started, 3 completed"))
        #expect(lines.last == "Output: \(output)")
        // Not a terminal: no progress bar escape codes.
        #expect(!result.standardError.contains("\u{1B}"))
    }

    @Test func inspectRejectsWhatIsNotHDF5() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("notes.h5")
        try Data("not hdf5".utf8).write(to: file)
        let result = try PlenumProcess.run(["inspect", file.path])
        #expect(result.status == 1)
        #expect(result.standardError == "\(file.path): error: cannot open the file: not an HDF5 file\n")
        let missing = try PlenumProcess.run(["inspect", dir.appendingPathComponent("none.h5").path])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasSuffix("cannot open the file: no such file, or it cannot be read\n"))
    }
}

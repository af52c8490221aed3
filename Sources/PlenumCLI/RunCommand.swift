import ArgumentParser
import Foundation
import Scenario
import Simulation

/// `plenum run SCENARIO`: runs one scenario and writes its HDF5 output.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its time series, events and summary to an HDF5 file.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .shortAndLong, help: "Output file (default: Output/<scenario name>.h5).")
    var output: String?

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key: KEY.PATH=VALUE (repeatable), e.g. --set halls[0].rows=12.",
                                                          valueName: "key=value"))
    var overrides: [String] = []

    func validate() throws {
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set expects KEY.PATH=VALUE, found '\(text)'")
        }
    }

    @Flag(name: .shortAndLong, help: "No progress bar and no summary; errors still go to standard error.")
    var quiet = false

    func run() throws {
        let loaded: ScenarioLoader.Loaded
        do {
            loaded = try ScenarioLoader.load(path: scenario, overrides: overrides.map { text in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                return ScenarioComposer.Override(keyPath: parts[0], value: parts.count > 1 ? parts[1] : "")
            })
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        for warning in loaded.warnings { printError(warning.description) }
        var spec = loaded.spec
        if let seed { spec.simulation.seed = seed }
        let outputPath = output ?? defaultOutputPath(for: scenario)
        if !quiet {
            for notice in SimulationRunner.notices(for: spec) { printError(notice) }
        }

        let progress = ProgressBar(label: "Simulating", enabled: !quiet)
        let wallStart = Date()
        let summary: RunSummary
        do {
            summary = try SimulationRunner.run(spec, outputPath: outputPath, progress: progress.update)
        } catch {
            progress.finish()
            printError("\(scenario): error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()
        if !quiet {
            print(SummaryReport.text(summary, scenario: scenario, seed: spec.simulation.seed, outputPath: outputPath,
                                     wallSeconds: Date().timeIntervalSince(wallStart)))
        }
    }

    private func defaultOutputPath(for scenario: String) -> String {
        let stem = ((scenario as NSString).lastPathComponent as NSString).deletingPathExtension
        return "Output/\(stem).h5"
    }
}

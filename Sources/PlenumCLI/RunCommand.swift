import ArgumentParser
import Foundation
import Report
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

    @Option(name: .customLong("set"), help: CommandLineOverrides.help)
    var overrides: [String] = []

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        guard progressInterval > 0 && progressInterval.isFinite else { throw ValidationError("--progress-interval must be a positive number of seconds") }
        try CommandLineOverrides.check(overrides)
    }

    @Flag(name: .shortAndLong, help: "No progress bar and no summary; errors and warnings still go to standard error.")
    var quiet = false

    @Flag(help: "Exit 1 when a hall could not hold its set points (coil at full valve, fans at full speed, airflow deficit); the output is still written.")
    var strict = false

    @Option(help: "Seconds between progress lines when standard error is not a terminal (a batch log).")
    var progressInterval = 60.0

    @Option(help: "Threads for the servers' physics (default: every core). Results are the same bit for bit for any number.")
    var threads: Int?

    @Flag(help: "Read inputs above the default size limits (traces over 64 MiB or 1,000,000 jobs; sweeps over their 'limit'). See docs/reliability.md.")
    var allowLarge = false

    func run() throws {
        // Interrupted (Ctrl-C, a batch system's SIGTERM): no partial file or lock is left behind.
        try ChildProcesses.withInterruptHandling(onSignal: { UnfinishedOutputs.removeAll() }) { try runScenario() }
    }

    private func runScenario() throws {
        InputLimits.allowLarge = allowLarge
        if MultiSiteLoader.isMultiSiteFile(path: scenario) { return try runMultiSite() }
        let loaded: ScenarioLoader.Loaded
        do {
            loaded = try ScenarioLoader.load(path: scenario, overrides: CommandLineOverrides.parse(overrides))
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

        let progress = ProgressBar(label: "Simulating", enabled: !quiet, batchIntervalS: progressInterval)
        let wallStart = Date()
        let summary: RunSummary
        let durationS = spec.simulation.durationS
        do {
            summary = try SimulationRunner.run(spec, outputPath: outputPath, threads: threads ?? SimulationRunner.defaultThreads) { fraction in
                progress.update(fraction, detail: "simulated \(formatSeconds(fraction * durationS)) of \(formatSeconds(durationS))")
            }
        } catch {
            progress.finish()
            printError("\(scenario): error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()
        if !quiet {
            print(SummaryReport.text(summary, scenario: scenario, seed: spec.simulation.seed, outputPath: outputPath,
                                     wallSeconds: Date().timeIntervalSince(wallStart),
                                     clock: RunClock(startInstant: spec.simulation.startInstant, offsetS: spec.simulation.utcOffsetS)))
            for line in SizingReport.lines(spec.sizing) { print(line) }
        }
        // Set points the physics could not hold: always said (also with --quiet), fatal with --strict.
        fflush(nil) // the summary (stdout) before the warnings (stderr)
        if !quiet { for note in summary.notes { printError("\(scenario): note: \(note)") } }
        for warning in summary.warnings { printError("\(scenario): warning: \(warning)") }
        if strict && !summary.warnings.isEmpty {
            printError("\(scenario): error: --strict: \(summary.warnings.count) set point warning(s) (the output is written)")
            throw ExitCode(1)
        }
    }

    /// A multi-site scenario: routes its work, runs every site, prints where everything went.
    private func runMultiSite() throws {
        guard overrides.isEmpty && seed == nil else {
            printError("error: --set and --seed apply to one site's scenario: set them in the site files of \(scenario)")
            throw ExitCode(1)
        }
        let spec: MultiSiteSpec
        do {
            spec = try MultiSiteLoader.load(path: scenario)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        let outputPath = output ?? defaultOutputPath(for: scenario)
        let progress = ProgressBar(label: "Simulating sites", enabled: !quiet, batchIntervalS: progressInterval)
        let wallStart = Date()
        let result: MultiSiteRunner.Result
        do {
            result = try MultiSiteRunner.run(spec, outputPath: outputPath, threads: threads ?? SimulationRunner.defaultThreads,
                                         progress: progress.update)
        } catch {
            progress.finish()
            printError("\(scenario): error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()
        guard !quiet else { return }
        print("Plenum \(PlenumVersion.current) — \(scenario): \(spec.sites.count) sites, routing \(spec.policy.rawValue), users at \(spec.usersSite)"
              + String(format: " (%.1f s wall)", Date().timeIntervalSince(wallStart)))
        for site in result.sites {
            let f = site.summary.facility
            print("  " + site.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + String(format: "%2d jobs, %d services   PUE %.3f   %.1f MWh   cost %.0f %@   %.1f t CO2   servers busy %.0f %%",
                           site.jobs, site.services, f?.pue ?? .nan, (f?.facilityEnergyJ ?? 0) / 3.6e9, f?.cost ?? 0, f?.currency ?? "",
                           (f?.carbonKg ?? 0) / 1000, 100 * (site.summary.serverUtilization.isNaN ? 0 : site.summary.serverUtilization)))
        }
        for p in result.placements {
            print("  \(p.kind) \(p.name) → \(p.site): \(p.reason)" + (p.transferS > 0 ? String(format: " (data moved in %.0f s)", p.transferS) : ""))
        }
        print("Output: \(outputPath) (sites: \(result.sites.map { ($0.path as NSString).lastPathComponent }.joined(separator: ", ")))")
    }

    private func defaultOutputPath(for scenario: String) -> String {
        let stem = ((scenario as NSString).lastPathComponent as NSString).deletingPathExtension
        return "Output/\(stem).h5"
    }
}

import ArgumentParser
import Scenario
import Sweep

/// `plenum validate FILE...`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario, sweep, multi-site and package files and report every problem with its file, line and key.",
        discussion: "Exit status: 0 when every file is valid (warnings allowed unless --strict), 1 otherwise.")

    @Argument(help: "Scenario files to check.")
    var files: [String]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
    var quiet = false

    @Flag(help: "Read inputs above the default size limits (traces over 64 MiB or 1,000,000 jobs; sweeps over their 'limit'). See docs/reliability.md.")
    var allowLarge = false

    @Option(name: .customLong("set"), help: CommandLineOverrides.help)
    var overrides: [String] = []

    func validate() throws {
        try CommandLineOverrides.check(overrides)
    }

    func run() throws {
        InputLimits.allowLarge = allowLarge
        var failed = false
        for file in files {
            if PackageLoader.isPackageFile(path: file) {
                if refusesOverrides(file) { failed = true; continue }
                failed = !check(file) { (path: String) throws(ScenarioError) -> String in
                    let design = try PackageLoader.load(path: path)
                    return "valid package (\(design.kind.rawValue), \(design.dies.count) dies)"
                } || failed
                continue
            }
            if MultiSiteLoader.isMultiSiteFile(path: file) {
                if refusesOverrides(file) { failed = true; continue }
                failed = !check(file) { (path: String) throws(ScenarioError) -> String in
                    "valid multi-site scenario (\(try MultiSiteLoader.load(path: path).sites.count) sites)"
                } || failed
                continue
            }
            if SweepLoader.isSweepFile(path: file) {
                if refusesOverrides(file) { failed = true; continue }
                failed = !validateSweep(file) || failed
                continue
            }
            do {
                let loaded = try ScenarioLoader.load(path: file, overrides: CommandLineOverrides.parse(overrides))
                for warning in loaded.warnings { printError(warning.description) }
                if strict && !loaded.warnings.isEmpty {
                    failed = true
                } else if !quiet {
                    print("\(file): valid" + (loaded.warnings.isEmpty ? "" : " (\(loaded.warnings.count) warning\(loaded.warnings.count == 1 ? "" : "s"))"))
                    for line in SizingReport.lines(loaded.spec.sizing) { print("  " + line) }
                }
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Overrides name a scenario's keys: checked against a package, multi-site or sweep file they
    /// would say nothing about it, so such a file given with `--set` is refused (true).
    private func refusesOverrides(_ file: String) -> Bool {
        guard !overrides.isEmpty else { return false }
        printError("\(file): error: --set overrides a scenario's keys; this is a package, multi-site or sweep file (set them in the scenarios it names)")
        return true
    }

    /// A file whose loader throws located errors: prints them, or what it is; false when invalid.
    private func check(_ file: String, _ load: (String) throws(ScenarioError) -> String) -> Bool {
        do {
            let what = try load(file)
            if !quiet { print("\(file): \(what)") }
            return true
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            return false
        }
    }

    /// A sweep file: the file itself, then every point's scenario.
    private func validateSweep(_ file: String) -> Bool {
        do {
            let plan = SweepPlan(try SweepLoader.load(path: file))
            // Refused as quickly as `plenum sweep` refuses it: loading a million points' scenarios
            // would take hours.
            if plan.count > plan.spec.limit && !allowLarge {
                printError("\(file): error: the sweep has \(plan.count) points, above its limit of \(plan.spec.limit); raise 'limit', "
                           + "or pass --allow-large to check every point anyway")
                return false
            }
            let problems = SweepRunner.validatePoints(plan)
            problems.forEach(printError)
            if problems.isEmpty && !quiet { print("\(file): valid sweep (\(plan.count) points)") }
            return problems.isEmpty
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            return false
        }
    }
}

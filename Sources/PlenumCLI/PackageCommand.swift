import ArgumentParser
import Foundation
import Models
import Scenario
import Simulation

/// `plenum package FILE`: solves a package's temperatures, power, yield and cost, prints them and
/// writes the layer temperature maps to HDF5.
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Analyse a chip package: temperatures per layer, die and block; power; compact model; yield and cost.",
        discussion: """
            FILE is a package description (YAML, docs/models/package.md). A HotSpot study runs unchanged with
            --flp (floorplan) and optionally --ptrace (power trace), --config (hotspot.config) and --lcf (layer file).
            """)

    @Argument(help: "The package file (YAML); omit with --flp.")
    var file: String?

    @Option(help: "HotSpot floorplan (.flp): block name, width, height, left x, bottom y in metres.")
    var flp: String?
    @Option(help: "HotSpot power trace (.ptrace): block names, then rows of powers in W (steady: the mean row; --transient replays the rows, one per -sampling_intvl).")
    var ptrace: String?
    @Option(help: "HotSpot configuration file (-t_chip, -k_chip, -s_sink, -r_convec, -ambient, ...).")
    var config: String?
    @Option(help: "HotSpot layer configuration (.lcf) for 3D stacks.")
    var lcf: String?

    @Option(name: .shortAndLong, help: "Output file (default: Output/<package name>-package.h5).")
    var output: String?

    @Option(help: "Also run a transient of this length with the power switched on at t = 0, e.g. '1 s'.")
    var transient: String?
    @Option(help: "Time step of the transient (default: the length / 1000; with --transient-solver gsl: the output interval).")
    var step: String?
    @Option(help: "Transient solver: bdf2 (any grid, default) or gsl (GSL's msbdf, grids up to 4,000 cells).")
    var transientSolver: String = "bdf2"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Allow grids above 500,000 cells (up to 50,000,000). See docs/reliability.md.")
    var allowLarge = false

    func validate() throws {
        if file == nil && flp == nil { throw ValidationError("give a package file, or a HotSpot floorplan with --flp") }
        if file != nil && flp != nil { throw ValidationError("give either a package file or --flp, not both") }
        if flp == nil && (ptrace != nil || config != nil || lcf != nil) { throw ValidationError("--ptrace, --config and --lcf go with --flp") }
        if !["bdf2", "gsl"].contains(transientSolver) { throw ValidationError("--transient-solver: expected bdf2 or gsl, found '\(transientSolver)'") }
    }

    func run() throws {
        let design: PackageDesign
        let label: String
        do {
            if let flp {
                design = try HotSpotInput.load(floorplan: flp, powerTrace: ptrace, config: config, layers: lcf)
                label = flp
            } else {
                design = try PackageLoader.load(path: file!)
                label = file!
            }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        func seconds(_ text: String, _ option: String) throws -> Double {
            guard case .success(let value) = Units.parse(text, as: .duration), value > 0 else {
                printError("error: --\(option): expected a duration such as '1 s' or '10 ms', found '\(text)'")
                throw ExitCode(1)
            }
            return value
        }
        let path = output ?? "Output/\(design.name)-package.h5"
        let inputs = [file, flp, ptrace, config, lcf].compactMap { $0 }
        do {
            try PackageOutput.checkPath(path, inputs: inputs)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let transientS = try transient.map { try seconds($0, "transient") }
        let stepS = try step.map { try seconds($0, "step") }
        let started = Date()
        let analysis: PackageAnalysis
        var run: (timesS: [Double], maxC: [Double])? = nil
        do {
            analysis = try PackageAnalysis(design, maximumCells: allowLarge ? PackageThermalGrid.largeMaximumCells
                                                                           : PackageThermalGrid.defaultMaximumCells)
            if let transientS {
                if transientSolver == "gsl" {
                    let result = try analysis.solver.transientGSL(durationS: transientS, outputStepS: stepS ?? transientS / 1000,
                                                                  schedule: design.sourceSchedule)
                    run = (result.timesS, result.maxC)
                } else {
                    let result = try analysis.solver.transient(durationS: transientS, stepS: stepS ?? transientS / 1000,
                                                               schedule: design.sourceSchedule)
                    run = (result.timesS, result.maxC)
                }
            }
        } catch {
            printError("error: \(label): \(error)")
            throw ExitCode(1)
        }
        do {
            try PackageOutput.write(analysis, transient: run, to: path, inputs: inputs, history: history)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if !quiet {
            print(PackageReport.text(analysis, label: label, transient: run, wallSeconds: Date().timeIntervalSince(started)))
            print("Output: \(path)")
        }
    }

    /// The command that reproduces the file's data (CF `history`): inputs and the transient's
    /// options, not the output path or `--quiet`.
    private var history: String {
        var words = ["plenum", "package"]
        if let file { words.append(file) }
        for (option, value) in [("--flp", flp), ("--ptrace", ptrace), ("--config", config), ("--lcf", lcf),
                                ("--transient", transient), ("--step", step)] {
            if let value { words += [option, value] }
        }
        if transient != nil { words += ["--transient-solver", transientSolver] }
        return words.map(OutputConventions.shellQuoted).joined(separator: " ")
    }
}

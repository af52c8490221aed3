import ArgumentParser
import Foundation
import Models
import Scenario
import Simulation

/// `plenum package FILE`: solves a package's temperatures, power, yield and cost, prints them and
/// writes the layer temperature maps to HDF5. A HotSpot study runs unchanged, on Plenum's
/// converged model or (`--model hotspot`) on HotSpot 7.0's own network.
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Analyse a chip package: temperatures per layer, die and block; power; compact model; yield and cost.",
        discussion: """
            FILE is a package description (YAML, docs/models/package.md). A HotSpot study runs unchanged with
            --flp (floorplan) or --lcf (layer file) and optionally --ptrace (power trace), --config (hotspot.config)
            and --hotspot-options. --model hotspot solves HotSpot 7.0's own block or grid network (-model_type);
            the default, --model plenum, solves Plenum's converged layered model of the same stack.
            """)

    @Argument(help: "The package file (YAML); omit with --flp or --lcf.")
    var file: String?

    @Option(help: "HotSpot floorplan (.flp): block name, width, height, left x, bottom y in metres.")
    var flp: String?
    @Option(help: "HotSpot power trace (.ptrace): block names, then rows of powers in W (steady: the mean row; --transient replays the rows, one per -sampling_intvl).")
    var ptrace: String?
    @Option(help: "HotSpot configuration file (-t_chip, -k_chip, -s_sink, -r_convec, -ambient, -model_type, ...).")
    var config: String?
    @Option(help: "HotSpot layer configuration (.lcf) for 3D stacks; its floorplans replace --flp.")
    var lcf: String?
    @Option(parsing: .unconditional, help: "HotSpot options after the configuration, as on HotSpot's command line, e.g. '-model_type grid -grid_rows 64 -grid_cols 64'.")
    var hotspotOptions: String?
    @Option(help: "Thermal model of a HotSpot study: plenum (converged layered model, default) or hotspot (HotSpot 7.0's own network).")
    var model: String = "plenum"
    @Option(help: "With --model hotspot, the HotSpot 7.0 build whose grid transient to reproduce: default (adaptive Runge-Kutta, accurate) or superlu (one backward-Euler step per sampling interval).")
    var hotspotBuild: String = "default"

    @Option(name: .shortAndLong, help: "Output file (default: Output/<package name>-package.h5).")
    var output: String?
    @Option(help: "Also write the steady block temperatures as HotSpot's -steady_file does (name, K).")
    var steadyFile: String?
    @Option(help: "Also write the transient's block temperatures as HotSpot's .ttrace (names, then one row per interval, K).")
    var ttrace: String?

    @Option(help: "Also run a transient of this length with the power switched on at t = 0, e.g. '1 s' (a HotSpot study replays its trace).")
    var transient: String?
    @Option(help: "Time step of the transient (default: the length / 1000; with --transient-solver gsl: the output interval; --model hotspot: 0.2 ms at most).")
    var step: String?
    @Option(help: "Transient solver: bdf2 (any grid, default) or gsl (GSL's msbdf, grids up to 4,000 cells).")
    var transientSolver: String = "bdf2"

    @Flag(help: "Solve on the design's grid only: no refinement and no error estimate (quick looks).")
    var noRefine = false

    @Option(help: "Discretisation error allowed at the hottest block, e.g. '0.5 K' (default: the package's grid.tolerance, 0.1 K).")
    var tolerance: String?

    @Flag(help: "Solve at 1×, 2× and 4× the grid and print the hottest block at each with Richardson's extrapolation.")
    var convergence = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Allow a design grid above 500,000 cells and refinement above 6,000,000 (up to 50,000,000). See docs/reliability.md.")
    var allowLarge = false

    var isHotSpotStudy: Bool { flp != nil || lcf != nil }

    func validate() throws {
        if file == nil && !isHotSpotStudy { throw ValidationError("give a package file, or a HotSpot floorplan with --flp (or a layer file with --lcf)") }
        if file != nil && isHotSpotStudy { throw ValidationError("give either a package file or --flp/--lcf, not both") }
        if !isHotSpotStudy && (ptrace != nil || config != nil || hotspotOptions != nil) {
            throw ValidationError("--ptrace, --config and --hotspot-options go with --flp or --lcf")
        }
        if !["plenum", "hotspot"].contains(model) { throw ValidationError("--model: expected plenum or hotspot, found '\(model)'") }
        if model == "hotspot" && !isHotSpotStudy { throw ValidationError("--model hotspot solves a HotSpot study: give --flp or --lcf") }
        if HotSpotRun.Build(rawValue: hotspotBuild) == nil { throw ValidationError("--hotspot-build: expected default or superlu, found '\(hotspotBuild)'") }
        if hotspotBuild != "default" && model != "hotspot" { throw ValidationError("--hotspot-build goes with --model hotspot") }
        if !["bdf2", "gsl"].contains(transientSolver) { throw ValidationError("--transient-solver: expected bdf2 or gsl, found '\(transientSolver)'") }
    }

    var inputs: [String] { [file, flp, ptrace, config, lcf].compactMap { $0 } }

    func seconds(_ text: String, _ option: String) throws -> Double {
        guard case .success(let value) = Units.parse(text, as: .duration), value > 0, value.isFinite else {
            printError("error: --\(option): expected a duration such as '1 s' or '10 ms', found '\(text)'")
            throw ExitCode(1)
        }
        return value
    }

    /// Checks every output path before any work, against the inputs named on the command line
    /// and `filesRead`, the files they named in turn (a layer file's floorplans, a materials file).
    func checkOutputs(_ path: String, filesRead: [String] = []) throws {
        do {
            try PackageOutput.checkPath(path, inputs: inputs + filesRead)
            for text in [steadyFile, ttrace].compactMap({ $0 }) { try BlockTextExport.checkPath(text, inputs: inputs + filesRead + [path]) }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    func run() throws {
        if model == "hotspot" { return try runHotSpotModel() }
        var design: PackageDesign
        let label: String
        do {
            if isHotSpotStudy {
                design = try HotSpotInput.load(floorplan: flp, powerTrace: ptrace, config: config, layers: lcf, options: hotspotOptions)
                label = flp ?? lcf!
            } else {
                design = try PackageLoader.load(path: file!)
                label = file!
            }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        let path = output ?? "Output/\(design.name)-package.h5"
        try checkOutputs(path, filesRead: design.sourceFiles)
        let transientS = try transient.map { try seconds($0, "transient") }
        let stepS = try step.map { try seconds($0, "step") }
        if let tolerance {
            guard case .success(let kelvin) = Units.parse(tolerance, as: .temperatureDifference), kelvin >= 1e-3, kelvin <= 100 else {
                printError("error: --tolerance: expected a temperature difference 0.001-100 K such as '0.5 K', found '\(tolerance)'")
                throw ExitCode(1)
            }
            design.gridToleranceK = kelvin
        }
        let started = Date()
        let analysis: PackageAnalysis
        var run: PackageOutput.Transient? = nil
        var study: [PackageConvergence.Level] = []
        do {
            let refining = ProgressBar(label: "Refining", enabled: !quiet)
            defer { refining.finish() }
            analysis = try PackageAnalysis(design, maximumCells: allowLarge ? PackageThermalGrid.largeMaximumCells : PackageThermalGrid.defaultMaximumCells,
                                           maximumRefinedCells: allowLarge ? PackageThermalGrid.largeMaximumCells
                                                                           : PackageThermalGrid.defaultMaximumRefinedCells,
                                           refine: !noRefine, progress: { refining.status($0) })
            refining.finish()
            if convergence {
                study = try PackageThermalSolver.refinementStudy(analysis.base, block: analysis.convergence.block,
                                                                 maximumCells: allowLarge ? PackageThermalGrid.largeMaximumCells
                                                                                          : PackageThermalGrid.defaultMaximumRefinedCells)
            }
            if let transientS {
                if transientSolver == "gsl" {
                    let result = try analysis.solver.transientGSL(durationS: transientS, outputStepS: stepS ?? transientS / 1000,
                                                                  schedule: design.sourceSchedule)
                    run = .init(timesS: result.timesS, maxC: result.maxC, blockMeansC: result.sourceMeansC)
                } else {
                    let result = try analysis.solver.transient(durationS: transientS, stepS: stepS ?? transientS / 1000,
                                                               schedule: design.sourceSchedule)
                    run = .init(timesS: result.timesS, maxC: result.maxC, blockMeansC: result.sourceMeansC)
                }
            }
        } catch {
            printError("error: \(label): \(error)")
            throw ExitCode(1)
        }
        do {
            try PackageOutput.write(analysis, transient: run, to: path, inputs: inputs, history: history)
            let names = analysis.blocks.map(\.name)
            if let steadyFile {
                try BlockTextExport.write(BlockTextExport.steady(names: names, kelvin: analysis.blocks.map { $0.meanC + 273.15 }),
                                          to: steadyFile, inputs: inputs)
            }
            if let ttrace, let run {
                try BlockTextExport.write(BlockTextExport.trace(names: names, rowsK: run.blockMeansC.map { $0.map { $0 + 273.15 } }),
                                          to: ttrace, inputs: inputs)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if !quiet {
            print(PackageReport.text(analysis, label: label, transient: run.map { ($0.timesS, $0.maxC) },
                                     wallSeconds: Date().timeIntervalSince(started), refinementStudy: study))
            print("Output: \(path)")
        }
    }

    /// The command that reproduces the file's data (CF `history`): inputs and the transient's
    /// options, not the output path or `--quiet`.
    var history: String {
        var words = ["plenum", "package"]
        if let file { words.append(file) }
        for (option, value) in [("--flp", flp), ("--lcf", lcf), ("--ptrace", ptrace), ("--config", config), ("--hotspot-options", hotspotOptions),
                                ("--transient", transient), ("--step", step)] {
            if let value { words += [option, value] }
        }
        if model != "plenum" { words += ["--model", model] }
        if hotspotBuild != "default" { words += ["--hotspot-build", hotspotBuild] }
        if noRefine { words.append("--no-refine") }
        if let tolerance { words += ["--tolerance", tolerance] }
        if transient != nil && model == "plenum" { words += ["--transient-solver", transientSolver] }
        return words.map(OutputConventions.shellQuoted).joined(separator: " ")
    }
}

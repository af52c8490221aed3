import ArgumentParser
import Foundation
import Models
import Scenario
import Simulation

extension PackageCommand {
    /// `--model hotspot`: the study on HotSpot 7.0's own block or grid network; steady, and with
    /// `--transient` or `--ttrace` the trace replayed from HotSpot's initial temperatures.
    func runHotSpotModel() throws {
        let study: HotSpotStudy
        do {
            study = try HotSpotInput.study(floorplan: flp, powerTrace: ptrace, config: config, layers: lcf, options: hotspotOptions)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        let label = flp ?? lcf!
        // A grid's nodes counted before anything is built (4096² cells in six layers would need 30 GB).
        let nodes = study.modelType == .grid ? study.gridRows * study.gridColumns * (study.layers.count + 2) + 12
            : 4 * (study.layers.first?.units.count ?? 0) + 12
        let limit = allowLarge ? PackageThermalGrid.largeMaximumCells : PackageThermalGrid.defaultMaximumCells
        guard nodes <= limit else {
            printError("error: \(label): HotSpot's \(study.modelType.rawValue) network would have \(nodes) nodes, more than \(limit); "
                       + "use fewer -grid_rows / -grid_cols" + (allowLarge ? "" : ", or pass --allow-large"))
            throw ExitCode(1)
        }
        let name = ((label as NSString).lastPathComponent as NSString).deletingPathExtension
        let path = output ?? "Output/\(name)-hotspot.h5"
        try checkOutputs(path, filesRead: study.sourceFiles)
        let stepS = try step.map { try seconds($0, "step") }
        let rows: Int?
        if let transient {
            rows = max(1, Int((try seconds(transient, "transient") / study.samplingIntervalS).rounded()))
        } else if ttrace != nil {
            rows = study.trace?.rows.count ?? 1
        } else {
            rows = nil
        }
        if let rows, rows > 1_000_000 {
            printError("error: --transient: \(rows) sampling intervals of \(study.samplingIntervalS) s; at most 1,000,000 (shorten it or raise -sampling_intvl)")
            throw ExitCode(1)
        }
        let started = Date()
        let run: HotSpotRun
        do {
            run = try HotSpotRun(study, transientRows: rows, stepS: stepS, build: HotSpotRun.Build(rawValue: hotspotBuild)!)
        } catch {
            printError("error: \(label): \(error)")
            throw ExitCode(1)
        }
        do {
            try HotSpotOutput.write(run, to: path, inputs: inputs, history: history)
            if let steadyFile {
                try BlockTextExport.write(BlockTextExport.steady(names: run.network.outputNames, kelvin: run.steadyK), to: steadyFile, inputs: inputs)
            }
            if let ttrace, let transient = run.transient {
                // HotSpot's columns: the power trace's, in its order and with its names (each
                // column's unit read in the layer HotSpot read its power for); without a trace,
                // every powered block in floorplan order.
                let columns = study.trace.map { trace in
                    zip(trace.names, trace.keys).compactMap { name, key in run.network.outputNames.firstIndex(of: key).map { (name, $0) } }
                } ?? run.network.outputIsPowered.indices.filter { run.network.outputIsPowered[$0] }.map { (run.network.outputNames[$0], $0) }
                try BlockTextExport.write(BlockTextExport.trace(names: columns.map(\.0), rowsK: transient.outputsK.map { row in columns.map { row[$0.1] } }),
                                          to: ttrace, inputs: inputs)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if !quiet {
            print(HotSpotReport.text(run, label: label, wallSeconds: Date().timeIntervalSince(started)))
            print("Output: \(path)")
        }
    }
}

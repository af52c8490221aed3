import ArgumentParser
import Sweep

/// `plenum merge OUTDIR`: one table of a sweep's points and KPIs, with links to each run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a sweep's output folder into OUTDIR/sweep.h5: one row per point, links to every run.")

    @Argument(help: "The sweep's output folder.")
    var folder: String

    func run() throws {
        do {
            let result = try SweepMerger.merge(folder: folder)
            for (index, reason) in result.corrupt { printError("\(folder): warning: point \(index) not merged: \(reason)") }
            print("\(result.path): \(result.done) done, \(result.failed) failed, \(result.missing) missing")
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

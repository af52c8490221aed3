import Foundation
import Scenario
import Simulation
import Storage

/// Runs the points of a sweep: each point alone (the CLI runs several at once in child
/// processes, since the HDF5 library is not thread-safe), skipping complete ones, recording
/// failures and going on.
public enum SweepRunner {
    public enum PointOutcome: Sendable, Equatable {
        case done
        case skipped
        case failed(String)
    }

    public static func folder(_ plan: SweepPlan) -> String { plan.spec.outputFolder }
    public static func outputPath(_ plan: SweepPlan, _ index: Int) -> String { "\(folder(plan))/\(SweepPlan.fileName(index))" }
    public static func failurePath(_ plan: SweepPlan, _ index: Int) -> String {
        "\(folder(plan))/failures/\(SweepPlan.fileName(index).replacingOccurrences(of: ".h5", with: ".txt"))"
    }

    /// The scenario of point `index`.
    public static func spec(_ plan: SweepPlan, _ index: Int) throws(ScenarioError) -> ScenarioSpec {
        try ScenarioLoader.load(path: plan.spec.scenarioPath, overrides: plan.overrides(index)).spec
    }

    /// Loads every point's scenario and reports the first `maximumErrors` problems, each naming its
    /// point and values: nothing runs until every point is valid.
    public static func validatePoints(_ plan: SweepPlan, maximumErrors: Int = 20) -> [String] {
        var problems: [String] = []
        for index in 0..<plan.count {
            do {
                _ = try spec(plan, index)
            } catch {
                let values = zip(plan.keys, plan.values(index)).map { "\($0)=\($1)" }.joined(separator: ", ")
                for diagnostic in error.errors {
                    problems.append("\(plan.spec.path): error: point \(index) (\(values)): \(diagnostic)")
                    if problems.count >= maximumErrors { return problems + ["… stopping after \(maximumErrors) errors"] }
                }
            }
        }
        return problems
    }

    /// Creates the output folder and records where the sweep file is, for `plenum merge`.
    public static func prepareFolder(_ plan: SweepPlan) throws {
        try FileManager.default.createDirectory(atPath: "\(folder(plan))/failures", withIntermediateDirectories: true)
        let absolute = URL(fileURLWithPath: plan.spec.path).standardizedFileURL.path
        let manifest = "# Written by plenum sweep; plenum merge reads it.\nsweep: \(absolute)\npoints: \(plan.count)\n"
        try manifest.write(toFile: "\(folder(plan))/manifest.yaml", atomically: true, encoding: .utf8)
    }

    /// Whether point `index`'s file is complete and belongs to this sweep: it opens, has its
    /// summary, and holds the resolved scenario this point would run. Checked, not assumed: a file
    /// from a killed run has no summary; one from an edited sweep holds another scenario.
    public static func isComplete(_ plan: SweepPlan, _ index: Int, spec: ScenarioSpec) -> Bool {
        let path = outputPath(plan, index)
        guard FileManager.default.fileExists(atPath: path),
              let root = try? HDF5File.open(at: path).rootGroup(),
              root.memberKind("summary/duration_s") == .dataset,
              let text = try? root.openDataset("scenario/text").readString() else { return false }
        return text == spec.resolvedText
    }

    /// Runs point `index` unless it is complete; records a failure in `failures/` and returns it.
    public static func runPoint(_ plan: SweepPlan, _ index: Int) -> PointOutcome {
        let failure = failurePath(plan, index)
        do {
            let spec = try spec(plan, index)
            if isComplete(plan, index, spec: spec) { return .skipped }
            _ = try SimulationRunner.run(spec, outputPath: outputPath(plan, index))
            try? FileManager.default.removeItem(atPath: failure)
            return .done
        } catch {
            let message = "\(error)"
            try? (message + "\n").write(toFile: failure, atomically: true, encoding: .utf8)
            return .failed(message)
        }
    }

    /// The shard this process should run: `--shard I/N` if given, else from Slurm's array
    /// variables (SLURM_ARRAY_TASK_ID with _COUNT, or _MIN and _MAX), else the whole sweep.
    public static func shard(explicit: (Int, Int)?, environment: [String: String]) -> (index: Int, count: Int) {
        if let explicit { return explicit }
        guard let id = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) else { return (0, 1) }
        let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
        let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init)
            ?? environment["SLURM_ARRAY_TASK_MAX"].flatMap(Int.init).map { $0 - minimum + 1 } ?? 1
        return (id - minimum, max(count, 1))
    }
}

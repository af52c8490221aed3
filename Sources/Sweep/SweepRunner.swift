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
                    // Located where the value was written: the sweep file's axis for an override,
                    // the base scenario for a problem there.
                    let place = diagnostic.location?.description ?? diagnostic.file
                    let key = diagnostic.keyPath.isEmpty ? "" : "\(diagnostic.keyPath): "
                    problems.append("\(place): error: \(key)point \(index) (\(values)): \(diagnostic.message)")
                    if problems.count >= maximumErrors {
                        return problems + ["\(plan.spec.path): note: the first \(maximumErrors) problems are shown"]
                    }
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

    /// The points among `indices` whose files are finished, trustworthy and hold the scenario the
    /// point would run now; and the files that exist but are not, with why (they are redone).
    /// Files are read through `IsolatedFileCheck`: a damaged one cannot crash the sweep.
    public static func completePoints(_ plan: SweepPlan, _ indices: [Int]) -> (complete: Set<Int>, redo: [(index: Int, reason: String)]) {
        var requests: [IsolatedFileCheck.Request] = [], asked: [Int] = []
        var redo: [(index: Int, reason: String)] = []
        for index in indices where FileManager.default.fileExists(atPath: outputPath(plan, index)) {
            guard let spec = try? spec(plan, index) else { continue } // validated before; a failure here is redone and reported then
            requests.append(.init(path: outputPath(plan, index), scenarioDigest: PointFileCheck.textDigest(spec.resolvedText)))
            asked.append(index)
        }
        var complete = Set<Int>()
        for (index, problem) in zip(asked, IsolatedFileCheck.check(requests)) {
            if let problem { redo.append((index, problem)) } else { complete.insert(index) }
        }
        return (complete, redo)
    }

    /// Runs point `index` (its completeness is the caller's to check, with `completePoints`);
    /// records a failure in `failures/` and returns it.
    public static func runPoint(_ plan: SweepPlan, _ index: Int, threads: Int = SimulationRunner.defaultThreads) -> PointOutcome {
        let failure = failurePath(plan, index)
        do {
            let spec = try spec(plan, index)
            _ = try SimulationRunner.run(spec, outputPath: outputPath(plan, index), threads: threads)
            try? FileManager.default.removeItem(atPath: failure)
            return .done
        } catch {
            let message = "\(error)"
            try? (message + "\n").write(toFile: failure, atomically: true, encoding: .utf8)
            return .failed(message)
        }
    }

    /// Removes partial files left by point runs whose process is gone (a killed sweep).
    public static func removeStalePartials(_ plan: SweepPlan) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder(plan)) else { return }
        for name in names where name.hasPrefix("point-") && name.hasSuffix(".partial") {
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = pid_t(parts[parts.count - 2]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(folder(plan))/\(name)") }
        }
        for name in names where name.hasPrefix("point-") && name.hasSuffix(".lock") {
            let path = "\(folder(plan))/\(name)"
            if let pid = OutputLock.holder(path), kill(pid, 0) != 0 && errno == ESRCH { unlink(path) }
        }
    }

    /// Removes the partial files of point runs by the processes `pids` (stopped workers).
    public static func removePartials(_ plan: SweepPlan, of pids: [pid_t]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder(plan)) else { return }
        for name in names where name.hasPrefix("point-") && name.hasSuffix(".partial") {
            let parts = name.split(separator: ".")
            if parts.count >= 4, let pid = pid_t(parts[parts.count - 2]), pids.contains(pid) {
                unlink("\(folder(plan))/\(name)")
                let lock = "\(folder(plan))/\(parts[0]).h5.lock"
                if OutputLock.holder(lock) == pid { unlink(lock) }
            }
        }
    }

    /// The lock file of one shard's run in the sweep folder.
    public static func lockPath(_ plan: SweepPlan, shard: Int, of shards: Int) -> String {
        shards == 1 ? "\(folder(plan))/sweep.lock" : "\(folder(plan))/sweep-shard-\(shard)-of-\(shards).lock"
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

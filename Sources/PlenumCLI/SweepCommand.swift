import ArgumentParser
import Foundation
import Scenario
import Simulation
import Sweep

/// `plenum sweep SWEEP.yaml`: runs the points of a sweep on local cores, as one shard, or as a
/// Slurm job array.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep: locally on several cores, one shard of it, or as a Slurm job array.",
        discussion: """
            Each point's output goes to <output>/point-NNNNNN.h5; points whose file is complete are skipped,
            so a killed sweep resumes where it stopped. Inside a Slurm array task the shard comes from
            SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT. Exit status: 0 when every point succeeded, else the
            number of failed points (at most 100); failures are listed in <output>/failures/.
            """)

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @Option(name: .shortAndLong, help: "Points to run at once (child processes).")
    var jobs = 1

    @Option(help: "Threads for each point's servers (default: the cores divided among --jobs); results do not depend on it.")
    var threads: Int?

    /// Each point's threads: as asked, or the cores shared among the points running at once.
    var pointThreads: Int { threads ?? max(1, SimulationRunner.defaultThreads / max(jobs, 1)) }

    @Option(help: "Run only shard I of N (I from 0), e.g. --shard 3/16.")
    var shard: String?

    @Option(name: .shortAndLong, help: "Output folder (default: the sweep's 'output', else Output/<sweep name>).")
    var output: String?

    @Flag(help: "List the points and exit.")
    var dryRun = false

    @Flag(help: "Write Slurm scripts (job array, merge, submit) after a pilot run of the first point.")
    var slurmScript = false

    @Option(help: "Array tasks for --slurm-script (default: one per point, at most 1000).")
    var tasks: Int?

    @Flag(help: "Run even when the sweep has more points than its limit.")
    var force = false

    @Flag(help: "Read inputs above the default size limits (traces over 64 MiB or 1,000,000 jobs; sweeps over their 'limit'). See docs/reliability.md.")
    var allowLarge = false

    @Flag(name: .shortAndLong, help: "No progress and no per-point lines.")
    var quiet = false

    @Option(help: "Seconds between progress lines when standard error is not a terminal (a batch log).")
    var progressInterval = 60.0

    @Option(name: .customLong("slurm-option"), help: ArgumentHelp("An sbatch option for --slurm-script: KEY=VALUE (repeatable), e.g. partition=gpu, account=proj42, qos=normal, constraint=h100.", valueName: "key=value"))
    var slurmOptions: [String] = []

    @Option(help: .hidden)
    var point: Int?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let shard, parseShard(shard) == nil { throw ValidationError("--shard expects I/N with 0 ≤ I < N, found '\(shard)'") }
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1") }
        guard progressInterval > 0 && progressInterval.isFinite else { throw ValidationError("--progress-interval must be a positive number of seconds") }
        for text in slurmOptions {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--slurm-option expects KEY=VALUE, found '\(text)'") }
            if let problem = SlurmOptions.problem(key: parts[0], value: parts[1]) { throw ValidationError("--slurm-option: \(problem)") }
        }
    }

    private func parseShard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        InputLimits.allowLarge = allowLarge
        var spec: SweepSpec
        do {
            spec = try SweepLoader.load(path: sweep)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        if let output { spec.outputFolder = output }
        for text in slurmOptions {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            spec.slurm.set(parts[0], parts[1])
        }
        let plan = SweepPlan(spec)

        if let point {
            guard (0..<plan.count).contains(point) else { throw ValidationError("--point \(point) is outside 0..<\(plan.count)") }
            ChildProcesses.exitWithParent()
            if case .failed(let message) = SweepRunner.runPoint(plan, point, threads: pointThreads) {
                printError("point \(point): \(message)")
                throw ExitCode(1)
            }
            return
        }
        if plan.count > spec.limit && !force && !allowLarge {
            printError("\(sweep): error: the sweep has \(plan.count) points, above its limit of \(spec.limit); raise 'limit' or pass --force")
            throw ExitCode(1)
        }
        let problems = SweepRunner.validatePoints(plan)
        if !problems.isEmpty {
            problems.forEach(printError)
            throw ExitCode(1)
        }
        if dryRun {
            print("\(plan.count) points (\(plan.gridCount) grid × \(plan.sampleCount) sampled) → \(spec.outputFolder)")
            for index in 0..<plan.count {
                let values = zip(plan.keys, plan.values(index)).map { "\($0)=\($1)" }.joined(separator: "  ")
                print("\(SweepPlan.fileName(index))  seed=\(plan.seed(index))  \(values)")
            }
            return
        }
        try SweepRunner.prepareFolder(plan)
        if slurmScript {
            try writeSlurmScripts(plan)
            return
        }
        let (shardIndex, shardCount) = SweepRunner.shard(explicit: shard.flatMap(parseShard), environment: ProcessInfo.processInfo.environment)
        let indices = plan.shard(shardIndex, of: shardCount)
        // One process per shard and folder: a resume started while another sweep still runs
        // there would race it for the same point files.
        let lock = SweepRunner.lockPath(plan, shard: shardIndex, of: shardCount)
        do {
            try OutputLock.acquire(lock, forWriting: spec.outputFolder)
        } catch {
            printError("\(sweep): error: \(error) (lock file \(lock))")
            throw ExitCode(1)
        }
        defer { OutputLock.release(lock) }
        SweepRunner.removeStalePartials(plan)
        let children = ChildRegistry()
        let failures = try ChildProcesses.withInterruptHandling(onSignal: {
            SweepRunner.removePartials(plan, of: children.stopAll())
            OutputLock.release(lock)
        }) {
            try runPoints(plan, indices, children: children)
        }
        if failures > 0 {
            printError("\(failures) of \(indices.count) points failed; see \(spec.outputFolder)/failures/")
            throw ExitCode(Int32(min(failures, 100)))
        }
    }

    /// Runs `indices`, `jobs` at a time (child processes when more than one), with progress.
    private func runPoints(_ plan: SweepPlan, _ allIndices: [Int], children: ChildRegistry) throws -> Int {
        let progress = ProgressBar(label: "Sweep", enabled: !quiet, batchIntervalS: progressInterval)
        let started = Date()
        var done = 0, failed = 0, finished = 0
        let indices = allIndices
        // Finished points are found once, up front, the same way whatever --jobs is.
        let check = SweepRunner.completePoints(plan, allIndices)
        if !quiet {
            for (index, reason) in check.redo { printError("point \(index): redoing it: \(reason)") }
        }
        func report(_ index: Int, _ outcome: String, _ seconds: Double) {
            finished += 1
            if !quiet && !standardErrorIsTerminal {
                print("point \(index): \(outcome) (\(String(format: "%.1f", seconds)) s)  [\(finished)/\(indices.count), \(failed) failed]")
            }
            progress.update(Double(finished) / Double(max(indices.count, 1)),
                            detail: "\(finished - failed) done, \(failed) failed, \(indices.count - finished) to go")
        }
        for index in indices where check.complete.contains(index) {
            done += 1
            report(index, "complete, skipped", 0)
        }
        let toRun = indices.filter { !check.complete.contains($0) }
        if jobs == 1 {
            for index in toRun {
                let start = Date()
                switch SweepRunner.runPoint(plan, index, threads: pointThreads) {
                case .done: done += 1; report(index, "done", Date().timeIntervalSince(start))
                case .skipped: done += 1; report(index, "complete, skipped", 0)
                case .failed(let message):
                    failed += 1
                    report(index, "FAILED: \(message.split(separator: "\n").first ?? "")", Date().timeIntervalSince(start))
                }
            }
        } else {
            var pending = toRun[...]
            var running: [(index: Int, process: Process, start: Date)] = []
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            while !pending.isEmpty || !running.isEmpty {
                while running.count < jobs, let index = pending.popFirst() {
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = ["sweep", plan.spec.path, "--output", plan.spec.outputFolder, "--point", String(index), "--quiet",
                                         "--threads", String(pointThreads)] + (allowLarge ? ["--allow-large"] : [])
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    // False once a signal is stopping the sweep: the handler exits the process.
                    guard try children.launch(process) else { pending = []; break }
                    running.append((index, process, Date()))
                }
                usleep(20_000)
                for (slot, child) in running.enumerated().reversed() where !child.process.isRunning {
                    running.remove(at: slot)
                    children.remove(child.process)
                    if child.process.terminationStatus == 0 {
                        done += 1
                        report(child.index, "done", Date().timeIntervalSince(child.start))
                    } else {
                        failed += 1
                        let reason = (try? String(contentsOfFile: SweepRunner.failurePath(plan, child.index), encoding: .utf8))?
                            .split(separator: "\n").first.map(String.init) ?? "exit status \(child.process.terminationStatus)"
                        report(child.index, "FAILED: \(reason)", Date().timeIntervalSince(child.start))
                    }
                }
            }
        }
        progress.finish()
        if !quiet {
            print("\(done) of \(indices.count) points done, \(failed) failed, in \(formatSeconds(Date().timeIntervalSince(started))) → \(plan.spec.outputFolder)")
        }
        return failed
    }

    private func writeSlurmScripts(_ plan: SweepPlan) throws {
        // A pilot run of the first point sizes the tasks' time and memory.
        let start = Date()
        if case .failed(let message) = SweepRunner.runPoint(plan, 0, threads: pointThreads) {
            printError("pilot point 0 failed: \(message)")
            throw ExitCode(1)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let estimate = SlurmScript.Estimate(pointSeconds: Date().timeIntervalSince(start), pointMiB: Double(usage.ru_maxrss) / 1024)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let path = try SlurmScript.write(plan: plan, tasks: tasks ?? min(plan.count, 1000), estimate: estimate, executable: executable)
        print("Slurm scripts written; submit with: bash \(path)")
    }
}

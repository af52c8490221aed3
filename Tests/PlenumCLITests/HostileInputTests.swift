import Foundation
import Numerics
import Storage
import Testing

/// Issue 19's reproducers, each through the real executable: every one exits 1 with a located
/// error or runs correctly; none ends by a signal or hangs. The inputs are in Tests/fuzz/reproducers.
@Suite("Hostile input: no trap, no clobbered file, every error located")
struct HostileInputTests {
    static let reproducers = PlenumProcess.repositoryRoot.appendingPathComponent("Tests/fuzz/reproducers")

    func temporaryFolder() -> URL { PlenumProcess.temporaryFolder("hostile") }

    /// `(file, what the located error must say)`: validate exits 1 and the first error line is
    /// `file:LINE:COL: error: KEY: …` with that text in it.
    static let refused: [(String, String)] = [
        ("sweep-range-to-1e30.yaml", "axes[].range.step: range has 1e+30 values"),
        ("sweep-range-step-1e-300.yaml", "axes[].range.step: range has 2e+300 values"),
        ("sweep-axes-overflow.yaml", "axes: the axes make more than 2^63 points"),
        ("trace-servers-1e30.yaml", "column 'servers': expected a whole number"),
        ("trace-devices-inf.yaml", "column 'devices': expected a whole number"),
        ("arrivals-fixed-1e20-servers.yaml", "servers.mean: expected a number in 0.0...10000000.0"),
        ("arrivals-lognormal-mean-1e-300.yaml", "a lognormal needs a positive mean and sd with sd/mean within"),
        ("arrivals-lognormal-mean-1e20.yaml", "a lognormal needs a positive mean and sd with sd/mean within"),
        ("arrivals-lognormal-sd-1e-300.yaml", "a lognormal needs a positive mean and sd with sd/mean within"),
        ("arrivals-exponential-mean-0.yaml", "duration.mean: an exponential needs a mean > 0"),
        ("arrivals-exponential-flops-mean-0.yaml", "flops.mean: an exponential needs a mean > 0"),
        ("start-nan_01_15_08_00_00_08_00.yaml", "simulation.start: expected YYYY-MM-DDTHH:MM:SS"),
        ("start-2026_01_15_08_00_00_99_00.yaml", "simulation.start: zone +99:00 is outside -14:00…+14:00"),
        ("start-2026_01_15_08_00_00_1e400_00.yaml", "simulation.start: expected a zone Z or ±HH:MM after the time, found '+1e400:00'"),
        ("valley-hours-23--1.yaml", "valley_hours[0]: expected an hour range"),
        ("humidity-zero.yaml", "monthly_relative_humidity[0]: expected a value in 0.01...1"),
        ("control-character.yaml", "control-character.yaml:3:16: error: cannot read YAML: control characters are not allowed"),
        ("extends-a-folder.yaml", "extends-a-folder.yaml:2:10: error: extends: extends target ../reproducers is a folder"),
    ]

    @Test(arguments: refused)
    func reproducerIsRefusedWithALocatedError(file: String, expected: String) throws {
        let result = try PlenumProcess.run(["validate", file], in: Self.reproducers)
        #expect(result.status == 1, "\(file): \(result.standardError)")
        #expect(result.standardError.contains(expected), "\(file): \(result.standardError)")
        let firstError = result.standardError.split(separator: "\n").first { $0.contains("error:") } ?? ""
        #expect(firstError.range(of: #"^[^:\s]+:\d+:\d+: error: "#, options: .regularExpression) != nil, "unlocated: \(firstError)")
    }

    /// Crash 6: a 100 ms step (and 0.2 s, 0.3 s) once made a zero-length step; now they run and
    /// agree with the 10 s default on the energy books.
    @Test(arguments: ["100 ms", "200 ms", "300 ms"])
    func shortTimeStepsRun(step: String) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("q.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "-o", output,
                                            "--set", "simulation.time_step=\(step)", "--set", "simulation.duration=15 min"])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try HDF5File.open(at: output).rootGroup()
        let balance = try root.openDataset("summary/energy_balance_relative_error").readDoubles()[0]
        #expect(abs(balance) < 1e-6)
    }

    /// Crash 7: `inspect --dataset` of a string column smashed the stack.
    @Test func inspectPrintsAStringColumn() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("q.h5").path
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "-o", output]).status == 0)
        let result = try PlenumProcess.run(["inspect", output, "--dataset", "/jobs/job_name"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasSuffix("pretrain\nfinetune\nbatch-inference\n"))
        let whole = try PlenumProcess.run(["inspect", output])
        #expect(whole.status == 0)
        #expect(whole.standardOutput.contains("content digest verified"))
    }

    /// Crash 8: a damaged file is read in a child process; a crash or hang there is a located
    /// "corrupt file" error, and an edited value fails the content digest.
    @Test func damagedAndEditedFilesAreReportedNotTrusted() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("q.h5").path
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "-o", output]).status == 0)
        do {
            let root = try HDF5File.open(at: output, writable: true).rootGroup()
            try root.openDataset("summary/pue").overwrite(values: [1.01])
        }
        let edited = try PlenumProcess.run(["inspect", output])
        #expect(edited.status == 1)
        #expect(edited.standardError.contains("\(output): error: its content digest"))
        // Forty single-bit changes: never a signal, never a hang, never an unlocated error.
        let original = try Data(contentsOf: URL(fileURLWithPath: output))
        let generator = RandomStream(generatorSeed: 19)
        for trial in 0..<40 {
            var bytes = original
            let offset = generator.integer(below: bytes.count)
            bytes[offset] ^= UInt8(1 << generator.integer(below: 8))
            let path = folder.appendingPathComponent("damaged-\(trial).h5").path
            try bytes.write(to: URL(fileURLWithPath: path))
            let result = try PlenumProcess.run(["inspect", path, "--timeout", "20"])
            #expect(result.status == 0 || result.status == 1, "offset \(offset): status \(result.status)")
            if result.status == 1 {
                #expect(result.standardError.hasPrefix(path), "offset \(offset): \(result.standardError)")
            }
        }
    }

    // MARK: output safety

    @Test func outputsThatAreInputsDevicesFoldersOrEmptyAreRefusedBeforeRunning() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("q.yaml")
        try FileManager.default.copyItem(at: PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios/quickstart.yaml"), to: scenario)
        let before = try Data(contentsOf: scenario)
        let cases: [(String, String)] = [
            (scenario.path, "is an input of this run"),
            // Through a folder that does not exist yet (it replaced the scenario before 2026-12-04).
            (folder.appendingPathComponent("missing").path + "/../q.yaml", "is an input of this run"),
            ("/dev/full", "is a device, expected a regular output file"),
            (folder.path, "is a folder, expected an output file name"),
            ("", "is empty, expected an output file name"),
            ("/sys/plenum-test.h5", "cannot write in /sys ("),   // sysfs: not writable even by root
        ]
        for (output, message) in cases {
            let started = Date()
            let result = try PlenumProcess.run(["run", scenario.path, "--quiet", "-o", output])
            #expect(result.status == 1, "\(output)")
            #expect(result.standardError.contains(message), "\(output): \(result.standardError)")
            #expect(Date().timeIntervalSince(started) < 20, "refused only after simulating")
        }
        #expect(try Data(contentsOf: scenario) == before)
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        // A base reached through extends is an input too.
        let child = folder.appendingPathComponent("child.yaml")
        try "extends: q.yaml\n".write(to: child, atomically: true, encoding: .utf8)
        let viaExtends = try PlenumProcess.run(["run", child.path, "--quiet", "-o", scenario.path])
        #expect(viaExtends.status == 1 && viaExtends.standardError.contains("is an input of this run"))
        // So is the base of a package file (it overwrote it before 2026-12-04).
        let base = folder.appendingPathComponent("base.yaml"), package = folder.appendingPathComponent("variant.yaml")
        try FileManager.default.copyItem(at: PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios/packages/cim-inference.yaml"), to: base)
        let baseBefore = try Data(contentsOf: base)
        try "extends: base.yaml\noverrides:\n  description: a variant\n".write(to: package, atomically: true, encoding: .utf8)
        let packageViaExtends = try PlenumProcess.run(["package", package.path, "--no-refine", "--quiet", "-o", base.path])
        #expect(packageViaExtends.status == 1 && packageViaExtends.standardError.contains("is an input of this run"))
        #expect(try Data(contentsOf: base) == baseBefore)
    }

    @Test func aSymbolicLinkIsFollowed() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("real.h5"), link = folder.appendingPathComponent("link.h5")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "-o", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try HDF5File.open(at: target.path).rootGroup().memberKind("summary") == .group)
    }

    /// Two runs to one path: one complete file, and a clear message for the other, never both
    /// failing, never a partial file left.
    @Test func concurrentRunsToOnePathEndWithOneCompleteFile() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("same.h5").path
        let arguments = ["run", "Scenarios/quickstart.yaml", "--quiet", "-o", output, "--set", "simulation.duration=2 d"]
        let first = try PlenumProcess.start(arguments)
        // Wait until the first run holds the lock, then start the second.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: output + ".lock") && Date() < deadline { usleep(10_000) }
        let second = try PlenumProcess.run(arguments)
        let firstResult = first.finish()
        #expect(firstResult.status == 0, "\(firstResult.standardError)")
        #expect(second.status == 1)
        #expect(second.standardError.contains("another plenum process (pid \(first.process.processIdentifier)) is writing it"))
        #expect(try HDF5ContentDigest.problem(HDF5File.open(at: output).rootGroup()) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "same.h5" }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A run stopped by SIGTERM (a batch system's time limit) or SIGINT (Ctrl-C) leaves neither
    /// its partial file nor its lock behind, and exits 128 + the signal.
    @Test(arguments: [SIGTERM, SIGINT])
    func interruptedRunsLeaveNothingBehind(signal: Int32) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("long.h5")
        let run = try PlenumProcess.start(["run", "Scenarios/crah-failure.yaml", "--set", "simulation.time_step=1 ms", "--quiet",
                                           "--output", output.path])
        // Wait until the run is writing (its lock exists), then stop it.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: output.path + ".lock") && Date() < deadline { usleep(20_000) }
        usleep(300_000)
        kill(run.process.processIdentifier, signal)
        let result = run.finish()
        #expect(result.status == 128 + signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A FIFO or a device named as an input is refused at the key that names it, without
    /// reading it (a FIFO would block for ever).
    @Test func fifosAndDevicesAsInputsAreLocatedErrors() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let child = folder.appendingPathComponent("child.yaml")
        try "# a base that is a FIFO\nextends: pipe.yaml\n".write(to: child, atomically: true, encoding: .utf8)
        let viaExtends = try PlenumProcess.run(["validate", child.path])
        #expect(viaExtends.status == 1)
        #expect(viaExtends.standardError.contains("\(child.path):2:10: error: extends: extends target"))
        #expect(viaExtends.standardError.contains("is a FIFO (named pipe), expected a regular file"))
        let direct = try PlenumProcess.run(["validate", "/dev/zero"])
        #expect(direct.status == 1)
        #expect(direct.standardError.hasPrefix("/dev/zero: error: is a character device, expected a regular file"))
    }

    // MARK: paths and encodings

    /// A bare file name from inside its folder: package, trace and weather paths resolve against
    /// the file that names them, not against `/`.
    @Test func relativePathsResolveFromAnotherWorkingDirectory() throws {
        let scenarios = PlenumProcess.repositoryRoot.appendingPathComponent("Scenarios")
        for file in ["package-hall-chiplet.yaml", "ulanqab-h100-dlc-warm.yaml", "east-west/east-west.yaml"] {
            let result = try PlenumProcess.run(["validate", file], in: scenarios)
            #expect(result.status == 0, "\(file): \(result.standardError)")
        }
        let sweeps = scenarios.appendingPathComponent("sweeps")
        #expect(try PlenumProcess.run(["validate", "supply-density.yaml"], in: sweeps).status == 0)
        #expect(try PlenumProcess.run(["validate", "trace-servers-1e30.yaml"], in: Self.reproducers).standardError
            .contains("trace-servers-1e30.csv:2:10: error"))
    }

    /// Windows line ends and a byte-order mark: every kind of file is still told apart and read.
    @Test func crlfAndBOMInputsAreAccepted() throws {
        let root = PlenumProcess.repositoryRoot
        let cases = ["Scenarios/quickstart.yaml", "Scenarios/sweeps/supply-density.yaml", "Scenarios/packages/chiplet-28nm.yaml",
                     "Scenarios/east-west/east-west.yaml"]
        for file in cases {
            let source = root.appendingPathComponent(file)
            let text = try String(contentsOf: source, encoding: .utf8)
            let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            // Beside the original, so its relative paths still resolve.
            let copy = source.deletingLastPathComponent().appendingPathComponent("crlf-\(UUID().uuidString).yaml")
            try crlf.write(to: copy, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: copy) }
            let result = try PlenumProcess.run(["validate", copy.path])
            #expect(result.status == 0, "\(file): \(result.standardError)")
            let kind = file.contains("sweeps") ? "valid sweep" : file.contains("packages") ? "valid package" : file.contains("east-west") ? "valid multi-site" : "valid"
            #expect(result.standardOutput.contains(kind), "\(file): \(result.standardOutput)")
        }
    }

    // MARK: sweeps

    /// SIGINT to a `--jobs 2` sweep stops its workers too; a resume then finishes the sweep.
    /// A sweep of the quickstart in `folder`, output in `folder/out`.
    func writeSweep(in folder: URL, axes: String) throws -> URL {
        let sweep = folder.appendingPathComponent("s.yaml")
        try """
            scenario: \(PlenumProcess.repositoryRoot.path)/Scenarios/quickstart.yaml
            output: \(folder.path)/out
            axes:
            \(axes)
            """.write(to: sweep, atomically: true, encoding: .utf8)
        return sweep
    }

    @Test func interruptingASweepStopsItsWorkers() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try writeSweep(in: folder, axes: """
              - {key: simulation.duration, values: [3 d, 3 d, 3 d, 3 d]}
              - {key: simulation.seed, values: [1, 2]}
            """)
        let running = try PlenumProcess.start(["sweep", sweep.path, "--jobs", "2", "--quiet"])
        // Wait for both workers to be writing.
        let deadline = Date().addingTimeInterval(60)
        func partials() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder.path)/out")) ?? []).filter { $0.hasSuffix(".partial") }
        }
        while partials().count < 2 && Date() < deadline { usleep(20_000) }
        let workers = partials().compactMap { name -> pid_t? in
            let parts = name.split(separator: ".")
            return parts.count >= 4 ? pid_t(parts[parts.count - 2]) : nil
        }
        #expect(workers.count == 2)
        kill(running.process.processIdentifier, SIGINT)
        let result = running.finish()
        #expect(result.status == 128 + SIGINT)
        // Every worker is gone within a few seconds.
        let gone = Date().addingTimeInterval(10)
        while workers.contains(where: { kill($0, 0) == 0 }) && Date() < gone { usleep(50_000) }
        #expect(!workers.contains { kill($0, 0) == 0 })
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/out/sweep.lock"))
        #expect(partials().isEmpty)
        // The resume finishes what the interrupted sweep left.
        let resumed = try PlenumProcess.run(["sweep", sweep.path, "--jobs", "2", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try PlenumProcess.run(["merge", "\(folder.path)/out"]).standardOutput.contains("8 done, 0 failed, 0 missing"))
    }

    /// A second sweep in a folder that a live sweep holds is refused, naming the holder.
    @Test func aResumeRefusesAFolderHeldByAnotherSweep() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try writeSweep(in: folder, axes: "  - {key: simulation.duration, values: [2 d, 2 d]}")
        let running = try PlenumProcess.start(["sweep", sweep.path, "--quiet"])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: "\(folder.path)/out/sweep.lock") && Date() < deadline { usleep(10_000) }
        let second = try PlenumProcess.run(["sweep", sweep.path, "--quiet"])
        #expect(second.status == 1)
        #expect(second.standardError.contains("another plenum process (pid \(running.process.processIdentifier))"))
        #expect(running.finish().status == 0)
    }
}

/// Every dataset and attribute type Plenum writes reads back through `inspect`: run, package,
/// multi-site and merged sweep files, dataset by dataset.
@Suite("inspect reads everything Plenum writes")
struct InspectEveryDatasetTests {
    func datasets(_ group: HDF5Group) throws -> [String] {
        var paths: [String] = []
        for name in try group.memberNames() {
            switch group.memberKind(name) {
            case .group: paths += try datasets(try group.openGroup(name))
            case .dataset: paths.append(try group.openDataset(name).path)
            default: break
            }
        }
        return paths
    }

    @Test func everyDatasetOfEveryKindOfFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-inspect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let run = folder.appendingPathComponent("run.h5").path, package = folder.appendingPathComponent("package.h5").path
        let sites = folder.appendingPathComponent("sites.h5").path
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "-o", run]).status == 0)
        #expect(try PlenumProcess.run(["package", "Scenarios/packages/stack-3d-logic.yaml", "--no-refine", "--quiet", "-o", package]).status == 0)
        #expect(try PlenumProcess.run(["run", "Scenarios/east-west/east-west.yaml", "--quiet", "-o", sites,
                                       "--set", "simulation.duration=1 h"]).status != 2)
        let files = [run, package] + (FileManager.default.fileExists(atPath: sites) ? [sites] : [])
        for file in files {
            let whole = try PlenumProcess.run(["inspect", file])
            #expect(whole.status == 0, "\(file): \(whole.standardError)")
            let root = try HDF5File.open(at: file).rootGroup()
            for path in try datasets(root) {
                let result = try PlenumProcess.run(["inspect", file, "--dataset", path, "--limit", "3"])
                #expect(result.status == 0, "\(file) \(path): \(result.standardError)")
                #expect(result.standardOutput.hasPrefix(path), "\(file) \(path)")
            }
        }
    }
}

/// What a batch log and a script see.
@Suite("Batch jobs and scripts")
struct BatchTests {
    /// Not on a terminal (a Slurm log), progress is a plain line every --progress-interval.
    @Test func progressLinesInABatchLog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "-o", folder.appendingPathComponent("q.h5").path,
                                            "--progress-interval", "0.001"])
        #expect(result.status == 0)
        let lines = result.standardError.split(separator: "\n").filter { $0.hasPrefix("Simulating: ") }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.contains("% , simulated ") == false && $0.contains(" of 2 h 00 min, ") && $0.contains("elapsed") })
        // The default interval (60 s) keeps a short run's log free of progress lines.
        let quiet = try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "-o", folder.appendingPathComponent("r.h5").path])
        #expect(!quiet.standardError.contains("Simulating: "))
    }

    @Test func anUnknownHelpTopicIsAUsageError() throws {
        let result = try PlenumProcess.run(["help", "swep"])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("Error: no help topic 'swep' (did you mean 'sweep'?)"))
        #expect(try PlenumProcess.run(["help", "sweep"]).status == 0)
    }
}

/// HotSpot options a careless user can type: each is a located error with exit 1, never a trap
/// or an allocation the machine cannot hold.

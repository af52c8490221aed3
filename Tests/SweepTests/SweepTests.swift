import Foundation
import Storage
import Testing
import Numerics
import Scenario
@testable import Sweep

/// A temporary folder with a quick base scenario and a sweep file over it.
final class SweepFixture {
    let folder: URL
    init(sweep: String) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-sweep-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var base = try! String(contentsOf: root.appendingPathComponent("Scenarios/quickstart.yaml"), encoding: .utf8)
        base = base.replacingOccurrences(of: "duration: 2 h", with: "duration: 20 min")
        try! base.write(to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        try! sweep.write(to: folder.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(at: folder) }
    var sweepPath: String { folder.appendingPathComponent("sweep.yaml").path }
    func plan(output: String = "out") throws(ScenarioError) -> SweepPlan {
        var spec = try SweepLoader.load(path: sweepPath)
        spec.outputFolder = folder.appendingPathComponent(output).path
        return SweepPlan(spec)
    }
}

@Suite("Sweep points: mixed radix, samples, seeds, shards")
struct SweepPlanTests {
    static let grid = """
        scenario: base.yaml
        seed: 11
        axes:
          - key: halls[0].supply_air_temperature
            values: [20 degC, 24 degC]
          - key: racks.superpod-air.servers
            range: {from: 3, to: 5, step: 1}
          - zip:
              - {key: racks.superpod-air.cooling, values: [air, direct-liquid]}
              - {key: racks.superpod-air.liquid_fraction, values: [0, 0.8]}
        """

    @Test func mixedRadixEnumeratesEveryCombinationOnceFirstAxisSlowest() throws {
        let fixture = SweepFixture(sweep: Self.grid)
        let plan = try fixture.plan()
        #expect(plan.count == 12)
        #expect(plan.keys == ["halls[0].supply_air_temperature", "racks.superpod-air.servers", "racks.superpod-air.cooling",
                              "racks.superpod-air.liquid_fraction"])
        #expect(plan.values(0) == ["20 degC", "3", "air", "0"])
        #expect(plan.values(1) == ["20 degC", "3", "direct-liquid", "0.8"])
        #expect(plan.values(2) == ["20 degC", "4", "air", "0"])
        #expect(plan.values(11) == ["24 degC", "5", "direct-liquid", "0.8"])
        #expect(Set((0..<plan.count).map { plan.values($0) }).count == 12)
        // Index = Σ digit · Π of the faster radices.
        for index in 0..<plan.count {
            let d = plan.gridDigits(index)
            #expect(d[0] * 6 + d[1] * 2 + d[2] == index)
        }
    }

    @Test func rangesConvertUnitsAndSeedsAreStable() throws {
        let fixture = SweepFixture(sweep: """
            scenario: base.yaml
            axes:
              - key: halls[0].supply_air_temperature
                range: {from: 64.4 degF, to: 22 degC, step: 2 K}
            """)
        let plan = try fixture.plan()
        #expect(plan.values(0) == ["18 degC"] && plan.values(2) == ["22 degC"] && plan.count == 3)
        #expect(plan.seed(0) != plan.seed(1))
        #expect(plan.seed(5) == SweepPlan(try SweepLoader.load(path: fixture.sweepPath)).seed(5))
        #expect(plan.overrides(1).last?.keyPath == "simulation.seed")
    }

    /// GSL's Sobol sequence in 2-D starts (0.5, 0.5), (0.75, 0.25), (0.25, 0.75).
    @Test func sobolPointsAreGSLs() throws {
        let points = SobolSequence.points(3, dimension: 2)
        #expect(points == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]])
        let fixture = SweepFixture(sweep: """
            scenario: base.yaml
            sample:
              method: sobol
              points: 3
              ranges:
                - {key: "halls[0].supply_air_temperature", from: 18 degC, to: 26 degC}
            """)
        #expect(try fixture.plan().sampledValues == [["22 degC"], ["24 degC"], ["20 degC"]])
    }

    /// Latin hypercube: every stratum of every range holds exactly one point.
    @Test func latinHypercubeFillsEveryStratum() throws {
        let design = SampledDesign(method: .latinHypercube, points: 10, ranges: [
            .init(key: "a", from: 0, to: 1, unit: "", location: SourceLocation(file: "x", line: 1, column: 1)),
            .init(key: "b", from: 0, to: 1, unit: "", location: SourceLocation(file: "x", line: 1, column: 1)),
        ])
        let values = SweepPlan.sample(design, seed: 3)
        for j in 0..<2 {
            let strata = values.map { Int((Double($0[j])! * 10).rounded(.down)) }
            #expect(Set(strata) == Set(0..<10))
        }
    }

    @Test(arguments: [1, 2, 5, 7, 12, 20])
    func shardsAreDisjointAndCover(shards: Int) throws {
        let plan = try SweepFixture(sweep: Self.grid).plan()
        let all = (0..<shards).flatMap { plan.shard($0, of: shards) }
        #expect(all.sorted() == Array(0..<plan.count))
    }

    @Test func slurmArrayVariablesChooseTheShard() {
        #expect(SweepRunner.shard(explicit: nil, environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8"]) == (3, 8))
        #expect(SweepRunner.shard(explicit: nil, environment: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1",
                                                              "SLURM_ARRAY_TASK_MAX": "8"]) == (4, 8))
        #expect(SweepRunner.shard(explicit: (1, 4), environment: ["SLURM_ARRAY_TASK_ID": "3"]) == (1, 4))
        #expect(SweepRunner.shard(explicit: nil, environment: [:]) == (0, 1))
    }
}

@Suite("Bad sweep files get located errors")
struct SweepFileErrorTests {
    func errors(_ text: String) -> [String] {
        let fixture = SweepFixture(sweep: text)
        do {
            let plan = try fixture.plan()
            return SweepRunner.validatePoints(plan).map { $0.replacingOccurrences(of: fixture.folder.path + "/", with: "") }
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: fixture.folder.path + "/", with: "") }
        }
    }

    @Test func emptyAxisZeroStepWrongSignAndUnits() {
        #expect(errors("scenario: base.yaml\naxes:\n  - key: simulation.seed\n    values: []\n")
                == ["sweep.yaml:4:13: error: axes[].values: empty axis: expected at least one value"])
        #expect(errors("scenario: base.yaml\naxes:\n  - key: racks.superpod-air.servers\n    range: {from: 1, to: 4, step: 0}\n")
                == ["sweep.yaml:4:35: error: axes[].range.step: step of zero never reaches 'to'"])
        #expect(errors("scenario: base.yaml\naxes:\n  - key: racks.superpod-air.servers\n    range: {from: 4, to: 1, step: 1}\n")
                == ["sweep.yaml:4:35: error: axes[].range.step: step has the wrong sign: from 4 it never reaches 1"])
        #expect(errors("scenario: base.yaml\naxes:\n  - key: halls[0].supply_air_temperature\n    range: {from: 20 degC, to: 30 kW, step: 1 K}\n")
                == ["sweep.yaml:4:12: error: axes[].range: expected from, to and step of one dimension (a step of a temperature in K), found '20 degC', '30 kW', '1 K'"])
    }

    @Test func unknownKeyPathsAndBadValuesAreCaughtBeforeAnythingRuns() {
        let problems = errors("scenario: base.yaml\naxes:\n  - key: halls[0].supply_air_temprature\n    values: [20 degC]\n")
        #expect(problems.count == 1)
        #expect(problems[0].contains("point 0 (halls[0].supply_air_temprature=20 degC)"))
        #expect(problems[0].contains("unknown key 'supply_air_temprature' (did you mean 'supply_air_temperature'?)"))
    }

    @Test func unknownSweepKeysAndMissingBase() {
        #expect(errors("scenario: nowhere.yaml\naxis: []\n").contains { $0.contains("unknown key 'axis' (did you mean 'axes'?)") })
        #expect(errors("scenario: nowhere.yaml\naxes: [{key: a, values: [1]}]\n").first?.contains("base scenario not found") == true)
    }
}

@Suite("Running, resuming and merging sweeps")
struct SweepRunTests {
    static let small = """
        scenario: base.yaml
        seed: 5
        axes:
          - key: racks.superpod-air.servers
            values: [3, 4]
          - key: halls[0].supply_air_temperature
            values: [20 degC, 26 degC]
        """

    func runAll(_ plan: SweepPlan, _ indices: [Int]) throws -> [SweepRunner.PointOutcome] {
        try SweepRunner.prepareFolder(plan)
        let complete = SweepRunner.completePoints(plan, indices).complete
        return indices.map { complete.contains($0) ? .skipped : SweepRunner.runPoint(plan, $0) }
    }

    @Test func shardedRunsMergeToTheSameBytesAsOneRun() throws {
        let fixture = SweepFixture(sweep: Self.small)
        let whole = try fixture.plan(output: "whole")
        #expect(try runAll(whole, Array(0..<whole.count)).allSatisfy { $0 == .done })
        let sharded = try fixture.plan(output: "sharded")
        _ = try runAll(sharded, sharded.shard(1, of: 2))
        _ = try runAll(sharded, sharded.shard(0, of: 2))
        let a = try SweepMerger.merge(folder: whole.spec.outputFolder)
        let b = try SweepMerger.merge(folder: sharded.spec.outputFolder)
        #expect(a.done == 4 && b.done == 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.path)) == Data(contentsOf: URL(fileURLWithPath: b.path)))
        // A point alone gives the same file as in the sweep.
        for index in 0..<whole.count {
            #expect(try Data(contentsOf: URL(fileURLWithPath: SweepRunner.outputPath(whole, index)))
                    == Data(contentsOf: URL(fileURLWithPath: SweepRunner.outputPath(sharded, index))))
        }
    }

    @Test func resumeRedoesOnlyIncompletePoints() throws {
        let fixture = SweepFixture(sweep: Self.small)
        let plan = try fixture.plan()
        _ = try runAll(plan, Array(0..<plan.count))
        // A killed run leaves a file without its summary; another is missing.
        try Data("not finished".utf8).write(to: URL(fileURLWithPath: SweepRunner.outputPath(plan, 1)))
        try FileManager.default.removeItem(atPath: SweepRunner.outputPath(plan, 3))
        let outcomes = try runAll(plan, Array(0..<plan.count))
        #expect(outcomes == [.skipped, .done, .skipped, .done])
    }

    /// An edited KPI and garbage in the middle of a point file are found by the content digest
    /// and the checksums: those points are redone, not merged.
    @Test func editedOrDamagedPointFilesAreRedone() throws {
        let fixture = SweepFixture(sweep: Self.small)
        let plan = try fixture.plan()
        _ = try runAll(plan, Array(0..<plan.count))
        // Point 0: a KPI edited in place through HDF5 (a careless user, or a script).
        do {
            let root = try HDF5File.open(at: SweepRunner.outputPath(plan, 0), writable: true).rootGroup()
            let old = try root.openDataset("summary/duration_s")
            try old.overwrite(values: [12345])
        }
        // Point 2: 4 KiB of garbage in the middle of the file.
        let path = SweepRunner.outputPath(plan, 2)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let middle = bytes.count / 2
        var random = SystemRandomNumberGenerator()
        for k in 0..<min(4096, bytes.count - middle) { bytes[middle + k] = UInt8.random(in: 0...255, using: &random) }
        try bytes.write(to: URL(fileURLWithPath: path))
        let check = SweepRunner.completePoints(plan, Array(0..<plan.count))
        #expect(check.complete == [1, 3])
        #expect(check.redo.map(\.index) == [0, 2])
        #expect(check.redo[0].reason.contains("digest"))
        let outcomes = try runAll(plan, Array(0..<plan.count))
        #expect(outcomes == [.done, .skipped, .done, .skipped])
        #expect(SweepRunner.completePoints(plan, Array(0..<plan.count)).complete.count == 4)
    }

    @Test func aFailingPointIsRecordedAndTheOthersRun() throws {
        let fixture = SweepFixture(sweep: Self.small)
        let plan = try fixture.plan()
        try SweepRunner.prepareFolder(plan)
        // Point 2's output path is taken by a folder: its run fails.
        try FileManager.default.createDirectory(atPath: SweepRunner.outputPath(plan, 2), withIntermediateDirectories: true)
        let outcomes = (0..<plan.count).map { SweepRunner.runPoint(plan, $0) }
        #expect(outcomes.filter { $0 == .done }.count == 3)
        guard case .failed(let message) = outcomes[2] else { Issue.record("point 2 did not fail"); return }
        #expect(message.contains("is a folder"))
        #expect(FileManager.default.fileExists(atPath: SweepRunner.failurePath(plan, 2)))
        let merged = try SweepMerger.merge(folder: plan.spec.outputFolder)
        #expect(merged.done == 3 && merged.failed == 1 && merged.missing == 0)
    }
}

@Suite("Slurm scripts for real clusters")
struct SlurmScriptTests {
    static let sweep = """
        scenario: base.yaml
        axes:
          - key: simulation.seed
            values: [1, 2, 3]
        slurm:
          partition: gpu
          account: proj42
          qos: normal
          constraint: h100
          modules: [gsl/2.7, hdf5/1.10.8]
        """

    @Test func optionsModulesAndLogNamesAreWritten() throws {
        let fixture = SweepFixture(sweep: Self.sweep)
        var plan = try fixture.plan()
        #expect(plan.spec.slurm.options.map(\.key) == ["partition", "account", "qos", "constraint"])
        var spec = plan.spec
        spec.slurm.set("account", "proj7") // --slurm-option wins over the file
        plan = SweepPlan(spec)
        let submit = try SlurmScript.write(plan: plan, tasks: 2, estimate: .init(pointSeconds: 10, pointMiB: 100), executable: "/opt/plenum/bin/plenum")
        let folder = (submit as NSString).deletingLastPathComponent
        let array = try String(contentsOfFile: "\(folder)/array.sbatch", encoding: .utf8)
        for line in ["#SBATCH --partition=gpu", "#SBATCH --account=proj7", "#SBATCH --qos=normal", "#SBATCH --constraint=h100",
                     "#SBATCH --output=\(folder)/task-%A_%a.log", "module load gsl/2.7", "module load hdf5/1.10.8",
                     "if [ ! -x \"/opt/plenum/bin/plenum\" ]", "--progress-interval 60"] {
            #expect(array.contains(line), "array.sbatch lacks \(line)")
        }
        #expect(!array.contains("--account=proj42"))
        let merge = try String(contentsOfFile: "\(folder)/merge.sbatch", encoding: .utf8)
        #expect(merge.contains("#SBATCH --partition=gpu") && merge.contains("merge-%j.log"))
        let submitText = try String(contentsOfFile: submit, encoding: .utf8)
        // Modules are loaded before the binary's libraries are checked on the submit host.
        let load = try #require(submitText.range(of: "module load hdf5/1.10.8")), check = try #require(submitText.range(of: "ldd"))
        #expect(load.lowerBound < check.lowerBound)
    }

    @Test func badSlurmSettingsAreLocated() throws {
        let fixture = SweepFixture(sweep: """
            scenario: base.yaml
            axes:
              - key: simulation.seed
                values: [1]
            slurm:
              partition: "gpu\\"; rm -rf /"
              modules: ["gsl 2.7"]
              array: 0-9
            """)
        #expect(throws: ScenarioError.self) { try fixture.plan() }
        do {
            _ = try fixture.plan()
        } catch {
            let text = error.description
            #expect(text.contains("sweep.yaml:6:14: error: slurm.partition: the value of 'partition' may not hold"))
            #expect(text.contains("sweep.yaml:7:12: error: slurm.modules: expected a module name"))
            #expect(text.contains("slurm.array: unknown key"))
        }
        #expect(SlurmOptions.problem(key: "array", value: "1") != nil)
        #expect(SlurmOptions.problem(key: "comment", value: "ok") == nil)
    }
}

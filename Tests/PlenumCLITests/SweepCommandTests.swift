import Foundation
import Testing

/// `plenum sweep` and `plenum merge` end to end through the executable.
@Suite("plenum sweep and merge")
struct SweepCommandTests {
    func folder() -> URL { PlenumProcess.temporaryFolder("sweep-cli") }

    @Test func dryRunListsThePointsInOrder() throws {
        let result = try PlenumProcess.run(["sweep", "Scenarios/sweeps/supply-density.yaml", "--dry-run", "--output", "/tmp/unused"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "18 points (18 grid × 1 sampled) → /tmp/unused")
        #expect(lines[1].hasPrefix("point-000000.h5  seed="))
        #expect(lines[1].hasSuffix("halls[0].supply_air_temperature=20 degC  racks.superpod-air.servers=3  racks.superpod-air.cooling=air  racks.superpod-air.liquid_fraction=0"))
        #expect(lines.count == 19)
    }

    @Test func jobsTwoRunsMergesAndResumes() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("s.yaml")
        let root = PlenumProcess.repositoryRoot.path
        try """
            scenario: \(root)/Scenarios/quickstart.yaml
            axes:
              - key: simulation.duration
                values: [10 min, 20 min, 30 min]
            """.write(to: sweep, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out").path
        let run = try PlenumProcess.run(["sweep", sweep.path, "--jobs", "2", "--output", out])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("3 of 3 points done, 0 failed"))
        let again = try PlenumProcess.run(["sweep", sweep.path, "--output", out])
        #expect(again.standardOutput.split(separator: "\n").filter { $0.contains("complete, skipped") }.count == 3)
        let merge = try PlenumProcess.run(["merge", out])
        #expect(merge.status == 0)
        #expect(merge.standardOutput == "\(out)/sweep.h5: 3 done, 0 failed, 0 missing\n")
        let durations = try PlenumProcess.run(["inspect", "\(out)/sweep.h5", "--dataset", "/points/duration_s"])
        #expect(durations.standardOutput.hasSuffix("600.0\n1200.0\n1800.0\n"))
    }

    @Test func limitNeedsForceAndFailuresSetTheExitStatus() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("s.yaml")
        let root = PlenumProcess.repositoryRoot.path
        try """
            scenario: \(root)/Scenarios/quickstart.yaml
            limit: 2
            axes:
              - key: simulation.duration
                values: [10 min, 11 min, 12 min]
            """.write(to: sweep, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out").path
        let limited = try PlenumProcess.run(["sweep", sweep.path, "--output", out])
        #expect(limited.status == 1)
        #expect(limited.standardError.contains("the sweep has 3 points, above its limit of 2; raise 'limit' or pass --force"))
        // Two points' outputs are blocked by folders: two failures, exit status 2.
        try FileManager.default.createDirectory(atPath: "\(out)/point-000000.h5", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(out)/point-000002.h5", withIntermediateDirectories: true)
        let failing = try PlenumProcess.run(["sweep", sweep.path, "--output", out, "--force"])
        #expect(failing.status == 2)
        #expect(failing.standardError.contains("2 of 3 points failed"))
        #expect(try PlenumProcess.run(["merge", out]).standardOutput.hasSuffix("1 done, 2 failed, 0 missing\n"))
    }

    @Test func badSweepFilesAreLocatedAndShardsAreChecked() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sweep = dir.appendingPathComponent("bad.yaml")
        try "scenario: nowhere.yaml\naxes:\n  - key: simulation.seed\n    valeus: [1]\n".write(to: sweep, atomically: true, encoding: .utf8)
        let result = try PlenumProcess.run(["validate", sweep.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(sweep.path):1:11: error: scenario: base scenario not found"))
        #expect(result.standardError.contains("unknown key 'valeus' (did you mean 'values'?)"))
        #expect(try PlenumProcess.run(["sweep", "Scenarios/sweeps/sobol.yaml", "--shard", "3/2"]).status == 2)
        #expect(try PlenumProcess.run(["merge", dir.path]).status == 1)
    }
}

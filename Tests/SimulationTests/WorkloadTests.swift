import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage

/// Workloads against arithmetic and queueing theory.
@Suite("Workloads and scheduling")
struct WorkloadTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        let summary: RunSummary
        let group: HDF5Group
        let folder: URL
        func column(_ name: String) throws -> [Double] { try group.openDataset("jobs/\(name)").readDoubles() }
        func events() throws -> [EventRecord] { try EventTable.read(group.openGroup("events")) }
    }

    func run(_ path: String, _ overrides: [ScenarioComposer.Override] = [], text: String? = nil) throws -> Run {
        let spec: ScenarioSpec
        if let text {
            spec = try ScenarioLoader.load(text: text, path: Self.root.appendingPathComponent(path).path).spec
        } else {
            spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent(path).path, overrides: overrides).spec
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-workload-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("out.h5").path
        let summary = try SimulationRunner.run(spec, outputPath: file)
        return Run(summary: summary, group: try HDF5File.open(at: file).rootGroup(), folder: folder)
    }

    /// 3.14e23 FLOPs on 1,024 A100s (312 TFLOPS dense BF16) at 40 % MFU, no throttling or
    /// failures: 3.14e23 / (1024 × 312e12 × 0.4) s = 28.44 days, to 0.1 % (the end is scheduled
    /// exactly, so it agrees to rounding).
    @Test func gpt3ScaleTrainingTakesItsArithmetic() throws {
        let r = try run("Scenarios/gpt3-training.yaml")
        defer { try? FileManager.default.removeItem(at: r.folder) }
        let expected = 3.14e23 / (1024 * 312e12 * 0.4)
        let runS = try r.column("run_s")[0]
        #expect(abs(runS - expected) < 1e-3 * expected, "run \(runS / 86_400) d against \(expected / 86_400) d")
        #expect(abs(runS / 86_400 - 28.44) < 0.01)
        #expect(try r.column("delivered_fraction")[0] == 1)
    }

    /// A power limit that holds the clocks near 80 %: the job takes longer by exactly the
    /// throughput it lost, run × delivered fraction = the unthrottled run.
    @Test func aPowerLimitLengthensTrainingCorrespondingly() throws {
        let r = try run("Scenarios/gpt3-training.yaml", [.init(keyPath: "servers.dgx-a100.accelerator.power_limit", value: "310 W"),
                                                         .init(keyPath: "simulation.duration", value: "40 d")])
        defer { try? FileManager.default.removeItem(at: r.folder) }
        let expected = 3.14e23 / (1024 * 312e12 * 0.4)
        let runS = try r.column("run_s")[0], delivered = try r.column("delivered_fraction")[0]
        #expect(delivered > 0.75 && delivered < 0.85, "delivered \(delivered)")
        #expect(abs(runS * delivered - expected) < 1e-3 * expected)
        #expect(runS > expected / 0.85)
    }

    /// Erlang C for M/M/c (c = 10 servers, λ = 8/s, service 1 s): mean wait
    /// W_q = C(c, a) / (cμ − λ) with a = λ/μ. Eight independent replications of 20,000 s; the
    /// mean of their means must lie within the 99 % confidence interval (t₇ = 3.50 standard
    /// errors). Little's law L = λW holds in each to 2 %.
    @Test func inferenceQueueMatchesErlangC() throws {
        let lambda = 8.0, c = 10, a = lambda / 1.0
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            sum += term
            term *= a / Double(k + 1)
        }
        let last = term * Double(c) / (Double(c) - a)
        let erlangC = last / (sum + last)
        let expected = erlangC / (Double(c) * 1.0 - lambda)
        var means: [Double] = []
        for seed in 1...8 {
            let text = """
                extends: Tests/SimulationTests/Fixtures/small-hall.yaml
                simulation: {duration: 20000 s, time_step: 10 min, seed: \(seed), output: {interval: 1 h, levels: [facility]}}
                racks:
                  r: {server: s, servers: 4, cooling: direct-liquid, liquid_fraction: 80 %}
                halls:
                  - {name: hall-1, rack: r, rows: 1, racks_per_row: 3, supply_air_temperature: 22 degC}
                workload:
                  inference:
                    - {name: mmc, servers: 10, arrival_rate_per_s: 8, flops_per_request: 1.248e15, mfu: 50 %,
                       latency_objective: 5 s, service_time: exponential}
                """
            let r = try run("small-hall-\(seed).yaml", text: text)
            defer { try? FileManager.default.removeItem(at: r.folder) }
            // Liquid-cooled so that no device throttles: the service rate stays μ, as M/M/c assumes.
            #expect(r.summary.throttleEvents == 0)
            let wait = try r.group.openDataset("jobs/inference/mean_wait_s").readDoubles()[0]
            let latency = try r.group.openDataset("jobs/inference/mean_latency_s").readDoubles()[0]
            let inSystem = try r.group.openDataset("jobs/inference/mean_in_system").readDoubles()[0]
            let completed = try r.group.openDataset("jobs/inference/completed").readDoubles()[0]
            // Little: L = λ W, with λ the completion rate and W the mean time in the system.
            #expect(abs(inSystem - completed / 20_000 * latency) < 0.02 * inSystem, "L \(inSystem) against λW \(completed / 20_000 * latency)")
            means.append(wait)
        }
        let mean = means.reduce(0, +) / Double(means.count)
        let sd = (means.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(means.count - 1)).squareRoot()
        let halfWidth = 3.50 * sd / Double(means.count).squareRoot()
        #expect(abs(mean - expected) < halfWidth, "simulated \(mean) s ± \(halfWidth), Erlang C \(expected) s")
        #expect(abs(expected - 0.2046) < 1e-3) // C(10, 8) = 0.409, W_q = 0.2046 s
    }

    /// EASY backfilling starts a short job in the gap a waiting wide job leaves; FCFS keeps it
    /// behind the wide one.
    @Test func easyBackfillingFillsTheGapFCFSLeaves() throws {
        func starts(_ scheduler: String) throws -> [Double] {
            let text = """
                extends: Tests/SimulationTests/Fixtures/small-hall.yaml
                workload:
                  scheduler: \(scheduler)
                  jobs:
                    - {name: a, submit: 0 s, duration: 1 h, servers: 6}
                    - {name: wide, submit: 60 s, duration: 1 h, servers: 8}
                    - {name: short, submit: 120 s, duration: 30 min, servers: 2}
                """
            let r = try run("easy-\(scheduler).yaml", text: text)
            defer { try? FileManager.default.removeItem(at: r.folder) }
            return try r.column("start_s")
        }
        let fcfs = try starts("fcfs"), easy = try starts("easy-backfill")
        #expect(fcfs == [0, 3600, 7200])
        #expect(easy == [0, 3600, 120])
    }

    /// Gang placement in one rack: a job wider than a rack is rejected, one that fits lands in one rack.
    @Test func gangPlacementKeepsJobsInOneRack() throws {
        let text = """
            extends: Tests/SimulationTests/Fixtures/small-hall.yaml
            workload:
              gang: rack
              jobs:
                - {name: fits, duration: 1 h, servers: 3}
                - {name: also, duration: 1 h, servers: 3}
                - {name: too-wide, duration: 1 h, servers: 5}
            """
        let r = try run("gang.yaml", text: text)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        let events = try r.events()
        #expect(events.contains { $0.kind == "job-rejected" && $0.component == "hall-1/too-wide" })
        let starts = events.filter { $0.kind == "job-start" }.map(\.message)
        #expect(starts == ["on hall-1/r1-1", "on hall-1/r1-2"])
    }

    /// A facility IT power cap kept by throttling holds the IT power at the cap (after the
    /// controller settles); kept by holding, the second job waits for the first.
    @Test func powerCapThrottlesOrHolds() throws {
        let base = """
            extends: Tests/SimulationTests/Fixtures/small-hall.yaml
            simulation: {output: {interval: 1 min, levels: [facility]}}
            workload:
              power_cap: {it_power: 35 kW, enforce: %@}
              jobs:
                - {name: first, duration: 2 h, servers: 4}
                - {name: second, submit: 10 min, duration: 1 h, servers: 4}
            """
        let throttled = try run("cap-throttle.yaml", text: base.replacingOccurrences(of: "%@", with: "throttle"))
        defer { try? FileManager.default.removeItem(at: throttled.folder) }
        let time = try throttled.group.openDataset("timeseries/facility/time").readDoubles()
        let power = try throttled.group.openDataset("timeseries/facility/it_power_w").readDoubles()
        let settled = zip(time, power).filter { $0.0 >= 40 * 60 && $0.0 <= 70 * 60 }.map(\.1)
        #expect(settled.allSatisfy { abs($0 - 35_000) < 0.02 * 35_000 }, "IT power \(settled.min()!)-\(settled.max()!) W")
        let held = try run("cap-hold.yaml", text: base.replacingOccurrences(of: "%@", with: "hold"))
        defer { try? FileManager.default.removeItem(at: held.folder) }
        #expect(try held.column("start_s") == [0, 7200])
    }

    /// A rack cap throttles that rack's accelerators only: the full rack settles at its cap,
    /// the other keeps its clocks.
    @Test func rackPowerCapThrottlesItsRack() throws {
        let text = """
            extends: Tests/SimulationTests/Fixtures/small-hall.yaml
            simulation: {output: {interval: 5 min, levels: [facility, rack]}}
            workload:
              power_cap: {rack_power: 20 kW}
              jobs:
                - {name: full-rack, duration: 2 h, servers: 4}
                - {name: light, duration: 2 h, servers: 1, utilization: 0.5}
            """
        let r = try run("rack-cap.yaml", text: text)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        let time = try r.group.openDataset("timeseries/rack/time").readDoubles()
        let power = try r.group.openDataset("timeseries/rack/it_power_w").readDoubles() // (time, rack)
        for (i, t) in time.enumerated() where t >= 30 * 60 && t <= 110 * 60 {
            #expect(abs(power[2 * i] - 20_000) < 0.02 * 20_000, "rack 1 at \(t) s: \(power[2 * i]) W")
            #expect(power[2 * i + 1] < 20_000)
        }
        #expect(r.summary.throttleEvents > 0)
    }

    /// A rack cap kept by holding spreads jobs: at 20 kW per rack (DGX A100: 6.5 kW at full load)
    /// a 4-server job can never fit one rack, and single-server jobs that packing would stack in
    /// the first rack are spread so that no rack's planned power passes the cap.
    @Test func rackPowerCapHoldsAndSpreads() throws {
        let text = """
            extends: Tests/SimulationTests/Fixtures/small-hall.yaml
            workload:
              scheduler: easy-backfill
              gang: rack
              power_cap: {rack_power: 20 kW, enforce: hold}
              jobs:
                - {name: wide, duration: 1 h, servers: 4}
                - {name: one, duration: 1 h, servers: 1}
                - {name: two, duration: 1 h, servers: 1}
                - {name: three, duration: 1 h, servers: 1}
                - {name: four, duration: 1 h, servers: 1}
            """
        let r = try run("rack-hold.yaml", text: text)
        defer { try? FileManager.default.removeItem(at: r.folder) }
        let starts = try r.column("start_s")
        #expect(starts[0].isNaN)
        #expect(starts[1...].allSatisfy { $0 == 0 })
        let racks = try r.events().filter { $0.kind == "job-start" }.map(\.message)
        #expect(Set(racks) == ["on hall-1/r1-1", "on hall-1/r1-2"])
        // Per rack: busy servers at 6.5 kW plus idle ones within 20 kW.
        let server = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Tests/SimulationTests/Fixtures/small-hall.yaml").path).spec.serverTypes[0]
        for rack in Set(racks) {
            let busy = Double(racks.filter { $0 == rack }.count)
            #expect(busy * server.maxPowerW + (4 - busy) * server.idlePowerW <= 20_000)
        }
    }

    /// A trace row that is not a number is an error at its file, line and column; unknown
    /// columns are a warning.
    @Test func badTraceRowsAreLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "submit,duration,servers,colour\n0,3600,2,red\n60,soon,2,blue\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let scenario = folder.appendingPathComponent("s.yaml")
        try """
            extends: \(Self.root.path)/Tests/SimulationTests/Fixtures/small-hall.yaml
            workload:
              trace: {file: t.csv}
            """.write(to: scenario, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.load(path: scenario.path)
            Issue.record("a bad trace was accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("t.csv:3:4: error") && text.contains("column 'duration': expected seconds > 0"), "\(text)")
            #expect(text.contains("t.csv:1:1: warning") && text.contains("colour"), "\(text)")
        }
    }

    /// A training job whose accelerators have no figure for its precision is refused where it
    /// is written (it could never progress).
    @Test func trainingNeedsAThroughputFigure() throws {
        do {
            _ = try ScenarioLoader.load(text: """
                extends: Tests/SimulationTests/Fixtures/small-hall.yaml
                servers:
                  s: {catalog: dgx-a100, accelerator: {catalog: v100}}
                workload:
                  jobs:
                    - {name: t, kind: training, servers: 1, flops: 1e18, precision: fp8}
                """, path: Self.root.appendingPathComponent("no-fp8.yaml").path)
            Issue.record("a job that can never progress was accepted")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("workload.jobs[0].precision") && text.contains("int8_tops"), "\(text)")
        }
    }

    /// The least-busy index: lowest busy count, ties to the lowest index, unavailable skipped.
    @Test func leastBusyServersAgreesWithALinearScan() {
        var tree = LeastBusyServers(count: 7)
        var busy = Array(repeating: 0, count: 7)
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let k = Int((state >> 33) % 7), value = Int((state >> 40) % 5)
            busy[k] = value == 4 ? LeastBusyServers.unavailable : value
            tree.set(k, busy: busy[k])
            let scan = busy.indices.filter { busy[$0] != LeastBusyServers.unavailable }.min { (busy[$0], $0) < (busy[$1], $1) }
            #expect(tree.least == scan)
        }
    }

    /// Generated arrivals are the same for the same seed and differ for another.
    @Test func arrivalsAreReproducible() throws {
        func jobs(_ seed: Int) throws -> [JobSpec] {
            try ScenarioLoader.load(text: """
                extends: Tests/SimulationTests/Fixtures/small-hall.yaml
                simulation: {seed: \(seed)}
                workload:
                  arrivals:
                    - {mean_interarrival: 5 min, servers: {distribution: uniform, min: 1, max: 4}, duration: {distribution: exponential, mean: 20 min}}
                """, path: Self.root.appendingPathComponent("arrivals.yaml").path).spec.jobs
        }
        let a = try jobs(1), b = try jobs(1), c = try jobs(2)
        #expect(a.map(\.submitS) == b.map(\.submitS) && a.map(\.serverCount) == b.map(\.serverCount))
        #expect(a.map(\.submitS) != c.map(\.submitS))
        // About duration / mean interarrival jobs: 4 h / 5 min = 48, Poisson (sd ≈ 7).
        #expect(abs(Double(a.count) - 48) < 4 * 48.0.squareRoot())
    }
}

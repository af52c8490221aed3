import Foundation
import Testing
import Engine
import Scenario
@testable import Simulation

/// Job starts and ends that do not cut the coupling step: the engine's grid, a server's
/// stretches inside a step against two steps cut at the change, the ledger's share of a step,
/// and whole runs whose step count does not grow with their jobs.
@Suite("Job events inside a coupling step")
struct MidStepChangeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ file: String, _ overrides: [String: String] = [:]) throws -> ScenarioSpec {
        try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path,
                                overrides: overrides.map { .init(keyPath: $0.key, value: $0.value) }).spec
    }

    /// A deferrable event brings the continuous state to the grid point at or before it and no
    /// further; any other event, to its own time. The intervals still cover the run.
    @Test func deferrableEventsAdvanceOnlyToTheirGridPoint() {
        var engine = EventEngine<Bool>(seed: 1)
        // true: deferrable.
        for (time, deferrable) in [(25.0, true), (70.0, true), (70.0, false), (130.0, true), (185.0, true), (240.0, true)] {
            engine.schedule(deferrable, at: time)
        }
        var intervals: [[Double]] = [], handledAt: [Double] = []
        engine.run(until: 300, gridS: 60, deferrable: { $0 }, advance: { intervals.append([$0, $1]) }) { engine, _ in
            handledAt.append(engine.now)
        }
        #expect(handledAt == [25, 70, 70, 130, 185, 240])
        #expect(intervals == [[0, 60], [60, 70], [70, 120], [120, 180], [180, 240], [240, 300]])
        // The grid is k·h as the steppers compute it: 3 × 0.1 rounds above 0.3.
        #expect(EventEngine<Bool>.gridPoint(atOrBefore: 0.3, gridS: 0.1) == 2 * 0.1)
        #expect(EventEngine<Bool>.gridPoint(atOrBefore: 0.4, gridS: 0.1) == 4 * 0.1)
    }

    /// A server whose utilisation changes at τ inside a step runs [t₀, τ) and [τ, t₁] as two
    /// stretches: under the same conditions, its state, clocks and stored energy are those of two
    /// steps cut at τ bit for bit, and its mean flows times the step give the two steps' energy.
    @Test(arguments: ["crah-failure.yaml", "gpt3-training.yaml"])
    func stretchesEqualTwoCutSteps(file: String) throws {
        let (stretched, cut, conditions) = try pairWithJobChanges(file)
        try stretched.servers.step(from: 60, to: 120, conditions: conditions)
        let cutEnergyJ = try stepApart(cut, at: [60, 85, 110, 120], conditions: conditions)
        let stretchedEnergyJ = Self.changed.map { stretched.servers.results[$0].powerW * 60 }
        expectSameServers(stretched.servers, cut.servers, energyJ: stretchedEnergyJ, againstJ: cutEnergyJ)
        for s in Self.changed {
            // Each stretch's power: light before 85 s, busy until 110 s, then between.
            let stretchW = [60.0, 85, 110].map { stretched.servers.powerW(server: s, atS: $0) }
            #expect(stretchW[0] < stretchW[2] && stretchW[2] < stretchW[1], "\(stretchW)")
        }
        // A server with a change is never a twin, nor dormant after its cut step.
        #expect(stretched.servers.midStep.isEmpty)
    }

    /// A step cut into pieces (a hall's room faster than the step: `FacilityThermalModel.couplingPieces`)
    /// keeps each utilisation change at its instant: the changes beyond a piece are taken out of it
    /// (`ServerBank.cutStep`) and given back for the next (`resume`). The step from 60 to 120 s,
    /// cut at 90 s with changes at 85 and 110 s, runs each server as four steps cut at 85, 90 and
    /// 110 s do, bit for bit (a server's power is held over each stretch from its start, so the
    /// cut at 90 s is a stretch boundary of its own: the uncut step differs by 0.5 %).
    @Test func aStepCutIntoPiecesKeepsItsChangesAtTheirInstants() throws {
        let (pieces, steps, conditions) = try pairWithJobChanges("crah-failure.yaml")
        var pieceEnergyJ = Array(repeating: 0.0, count: Self.changed.count)
        let later = pieces.servers.cutStep(atS: 90)
        #expect(later.map(\.atS) == [110, 110, 110] && later.map(\.server) == Self.changed)
        try pieces.servers.step(from: 60, to: 90, conditions: conditions)
        for (k, s) in Self.changed.enumerated() { pieceEnergyJ[k] += pieces.servers.results[s].powerW * 30 }
        pieces.servers.resume(later)
        #expect(pieces.servers.cutStep(atS: 120).isEmpty)
        try pieces.servers.step(from: 90, to: 120, conditions: conditions)
        for (k, s) in Self.changed.enumerated() { pieceEnergyJ[k] += pieces.servers.results[s].powerW * 30 }
        let stepEnergyJ = try stepApart(steps, at: [60, 85, 90, 110, 120], conditions: conditions)
        expectSameServers(pieces.servers, steps.servers, energyJ: pieceEnergyJ, againstJ: stepEnergyJ)
    }

    /// The servers a job changes in the tests above.
    static let changed = [0, 3, 4]

    /// Two models of `file` after one 60 s step at utilisation 0.2; in the first, a job starts at
    /// 85 s on `changed` (0.9), and another takes its place at 110 s at a lower utilisation (0.4),
    /// recorded inside the coming step.
    func pairWithJobChanges(_ file: String) throws -> (FacilityThermalModel, FacilityThermalModel, ServerBank.Conditions) {
        let spec = try spec(file)
        let facility = Facility(spec)
        let first = try FacilityThermalModel(spec: spec, facility: facility, threads: 1)
        let second = try FacilityThermalModel(spec: spec, facility: facility, threads: 1)
        let conditions = first.conditions
        for model in [first, second] {
            for s in 0..<model.servers.serverCount { model.setUtilization(0.2, server: s) }
            try model.servers.step(from: 0, to: 60, conditions: conditions)
        }
        for s in Self.changed { first.setUtilization(0.9, server: s, atS: 85) }
        for s in Self.changed { first.setUtilization(0.4, server: s, atS: 110) }
        return (first, second, conditions)
    }

    /// The same changes as plain steps between `times`, each set at its step's start; returns the
    /// energy each of `changed` drew, J.
    func stepApart(_ model: FacilityThermalModel, at times: [Double], conditions: ServerBank.Conditions) throws -> [Double] {
        var energyJ = Array(repeating: 0.0, count: Self.changed.count)
        for (from, to) in zip(times, times.dropFirst()) {
            if from == 85 { for s in Self.changed { model.setUtilization(0.9, server: s) } }
            if from == 110 { for s in Self.changed { model.setUtilization(0.4, server: s) } }
            try model.servers.step(from: from, to: to, conditions: conditions)
            for (k, s) in Self.changed.enumerated() { energyJ[k] += model.servers.results[s].powerW * (to - from) }
        }
        return energyJ
    }

    /// The changed servers' states bit for bit, their energies to 10⁻¹², and every clock.
    func expectSameServers(_ a: ServerBank, _ b: ServerBank, energyJ: [Double], againstJ: [Double]) {
        for (k, s) in Self.changed.enumerated() {
            let d = a.designs[a.serverDesign[s]]
            let state = { (bank: ServerBank) in Array(bank.state.array[bank.stateOffset[s]..<(bank.stateOffset[s] + d.network.dimension)]) }
            #expect(state(a) == state(b), "server \(s)")
            #expect(abs(energyJ[k] - againstJ[k]) <= 1e-12 * againstJ[k], "server \(s): \(energyJ[k]) J against \(againstJ[k]) J")
        }
        #expect(a.clocks.array == b.clocks.array)
    }

    /// A job that starts 20 s into a 60 s step and ends 10 s into the fourth: its share is its
    /// power over the 170 s it ran, each stretch at its step's facility ratio and tariff.
    @Test func theLedgerBooksAJobsPartOfAStep() {
        var ledger = JobEnergyLedger(jobCount: 1, serverCount: 2, carbonKgPerJ: 1e-7)
        let busyW = 3_000.0, ratios = [1.1, 1.2, 1.3, 1.4], price = 2e-8
        var total = JobEnergyLedger.Share()
        func add(_ s: JobEnergyLedger.Share) {
            total.itEnergyJ += s.itEnergyJ
            total.facilityEnergyJ += s.facilityEnergyJ
            total.serverSeconds += s.serverSeconds
            total.cost += s.cost
        }
        ledger.open(job: 0, servers: [0, 1], powerW: 800, atS: 20, stepStartS: 0)
        for (k, ratio) in ratios.enumerated() {
            if k == 3 { add(ledger.close(job: 0, servers: [0, 1], atS: 190, stepStartS: 180)) }
            for job in ledger.jobs(on: k < 3 ? [0, 1] : []) {
                add(ledger.settle(job: job))
                ledger.setPower(job: job, powerW: busyW)
            }
            for (_, share) in ledger.advance(dt: 60, facilityPerIT: ratio, pricePerJ: price, powerW: { _, fromS in fromS == 180 ? busyW : .nan }) {
                add(share)
            }
        }
        let expectedFacilityJ = busyW * (40 * 1.1 + 60 * 1.2 + 60 * 1.3 + 10 * 1.4)
        #expect(abs(total.itEnergyJ - busyW * 170) < 1e-6)
        #expect(abs(total.facilityEnergyJ - expectedFacilityJ) < 1e-6)
        #expect(abs(total.cost - expectedFacilityJ * price) < 1e-12)
        #expect(abs(total.serverSeconds - 2 * 170) < 1e-9)
    }

    /// A job submitted between grid points does not cut the coupling step: `crah-failure`
    /// without its faults and with its job 17 s off the grid (it starts at 17 s and ends at
    /// 3,617 s) takes 90 steps of 60 s in 90 min, as many as without jobs; its IT energy is within 10⁻³ of a run at a 1 s step,
    /// where every event lies on the grid, and its books close.
    @Test func offGridJobsTakeNoExtraSteps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-midstep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(stepS: Int) throws -> RunSummary {
            var spec = try spec("crah-failure.yaml", ["simulation.duration": "90 min", "simulation.time_step": "\(stepS) s",
                                                      "simulation.output.interval": "15 min"])
            for j in spec.jobs.indices { spec.jobs[j].submitS += 17 }
            // Only the job's events: no faults, and samples on the grid.
            spec.faults = []
            spec.simulation.outputLevels = [.facility]
            return try SimulationRunner.run(spec, outputPath: folder.appendingPathComponent("\(stepS).h5").path, threads: 1)
        }
        let coarse = try run(stepS: 60), fine = try run(stepS: 1)
        let servers = Double(Facility(try spec("crah-failure.yaml")).serverRack.count)
        #expect(Double(coarse.serverStepsAdvanced + coarse.serverStepsDormant) / servers == 90)
        #expect(coarse.jobsStarted == 1 && coarse.jobsCompleted == 1)
        #expect(abs(coarse.itEnergyJ - fine.itEnergyJ) / fine.itEnergyJ < 1e-3, "\(coarse.itEnergyJ) J against \(fine.itEnergyJ) J")
        #expect(abs(coarse.energyBalanceRelativeError) < 1e-6)
    }
}

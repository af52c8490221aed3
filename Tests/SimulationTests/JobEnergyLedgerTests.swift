import Testing
@testable import Simulation
import Numerics
import Scenario

/// Jobs' energy booked when their power changes, against the per-step sums it replaces; and the
/// placement's grouping by rack or row against its definition.
@Suite("Job energy ledger and gang placement")
struct JobEnergyLedgerTests {
    /// Three jobs over 500 steps of uneven length, with the facility / IT ratio and the tariff
    /// changing every step and each job's power changing at random steps. Settling only on a
    /// change gives the per-step sums Σ P dt, Σ P f dt, Σ P f price dt, c Σ P f dt, n Σ dt.
    @Test("Lazy settlement equals the per-step sums")
    func lazyEqualsPerStep() {
        let random = RandomStream(seed: 7, stream: "ledger")
        func uniform(_ range: ClosedRange<Double>) -> Double { range.lowerBound + (range.upperBound - range.lowerBound) * random.uniform() }
        let servers = [[0, 1], [2], [3, 4, 5]]
        let carbon = 1.2e-7
        var ledger = JobEnergyLedger(jobCount: 3, serverCount: 6, carbonKgPerJ: carbon)
        var power = [2_000.0, 700.0, 4_100.0]
        for job in 0..<3 { ledger.open(job: job, servers: servers[job], powerW: power[job]) }
        var lazy = Array(repeating: JobEnergyLedger.Share(), count: 3), direct = lazy
        func add(_ s: JobEnergyLedger.Share, to job: Int) {
            lazy[job].itEnergyJ += s.itEnergyJ
            lazy[job].facilityEnergyJ += s.facilityEnergyJ
            lazy[job].cost += s.cost
            lazy[job].carbonKg += s.carbonKg
            lazy[job].serverSeconds += s.serverSeconds
        }
        for _ in 0..<500 {
            let dt = uniform(0.5...60)
            let ratio = uniform(1.05...1.6), price = uniform(1e-8...5e-8)
            // Servers stepped this time: the jobs on them are settled and take their new power.
            let stepped = (0..<6).filter { _ in uniform(0...1) < 0.2 }
            for job in ledger.jobs(on: stepped) {
                add(ledger.settle(job: job), to: job)
                power[job] = uniform(500...5_000)
                ledger.setPower(job: job, powerW: power[job])
            }
            // Jobs here start and end on the step's edges: none ends inside it.
            #expect(ledger.advance(dt: dt, facilityPerIT: ratio, pricePerJ: price).isEmpty)
            for job in 0..<3 {
                direct[job].itEnergyJ += power[job] * dt
                direct[job].facilityEnergyJ += power[job] * dt * ratio
                direct[job].cost += power[job] * dt * ratio * price
                direct[job].carbonKg += power[job] * dt * ratio * carbon
                direct[job].serverSeconds += Double(servers[job].count) * dt
            }
        }
        for job in 0..<3 { add(ledger.close(job: job, servers: servers[job]), to: job) }
        for job in 0..<3 {
            for (a, b) in [(lazy[job].itEnergyJ, direct[job].itEnergyJ), (lazy[job].facilityEnergyJ, direct[job].facilityEnergyJ),
                           (lazy[job].cost, direct[job].cost), (lazy[job].carbonKg, direct[job].carbonKg),
                           (lazy[job].serverSeconds, direct[job].serverSeconds)] {
                #expect(abs(a - b) <= 1e-11 * abs(b), "job \(job): \(a) against \(b)")
            }
        }
        // Closed: its servers no longer list it.
        #expect(ledger.jobs(on: [0, 1, 2, 3, 4, 5]).isEmpty)
    }

    @Test("A job on several stepped servers is listed once, in the order met")
    func listedOnce() {
        var ledger = JobEnergyLedger(jobCount: 2, serverCount: 4, carbonKgPerJ: 0)
        ledger.open(job: 1, servers: [0, 3], powerW: 1)
        ledger.open(job: 0, servers: [1], powerW: 1)
        #expect(ledger.jobs(on: [3, 0, 1, 2]) == [1, 0])
        #expect(ledger.jobs(on: [0]) == [1])
    }

    /// 3 racks of 4 servers, 2 racks to a row. Rack gang: the lowest-numbered rack with enough
    /// free servers; row gang: the same by row; never split across groups.
    @Test("Gang placement takes the first group that holds the job, its lowest free servers")
    func gangPlacement() {
        let racks = (0..<12).map { $0 / 4 }, rows = racks.map { $0 / 2 }
        var free = Array(repeating: true, count: 12)
        for s in [0, 1, 4] { free[s] = false }
        let byRack = ServerPlacement(gang: .rack, policy: .packed, rackOfServer: racks, rowOfServer: rows)
        #expect(byRack.choose(count: 2, free: free, temperatureC: { _ in 0 }) == [2, 3])
        #expect(byRack.choose(count: 3, free: free, temperatureC: { _ in 0 }) == [5, 6, 7])
        #expect(byRack.choose(count: 4, free: free, temperatureC: { _ in 0 }) == [8, 9, 10, 11])
        #expect(byRack.choose(count: 5, free: free, temperatureC: { _ in 0 }) == nil)
        #expect(byRack.canEverFit(count: 4) && !byRack.canEverFit(count: 5))
        let byRow = ServerPlacement(gang: .row, policy: .packed, rackOfServer: racks, rowOfServer: rows)
        #expect(byRow.choose(count: 5, free: free, temperatureC: { _ in 0 }) == [2, 3, 5, 6, 7])
        #expect(byRow.choose(count: 6, free: free, temperatureC: { _ in 0 }) == nil)   // row 1 has 4 servers
        #expect(byRow.canEverFit(count: 8) && !byRow.canEverFit(count: 9))
        // Coolest: the group whose chosen servers are coolest on average.
        let coolest = ServerPlacement(gang: .rack, policy: .coolest, rackOfServer: racks, rowOfServer: rows)
        #expect(coolest.choose(count: 2, free: free, temperatureC: { s in s >= 8 ? 20 : 30 }) == [8, 9])
    }
}

/// Each running job's IT and facility energy, cost, carbon and busy server-seconds, booked when
/// its power changes instead of at every coupling step.
///
/// A job's power is the sum of its servers' power, and a server's power changes only in a step
/// that advances it (a dormant server holds its step result). Between two such steps a job
/// draws a constant P, so over any span its shares are P times facility-wide integrals:
///
///     E_IT = P ∫dt,   E_facility = P ∫f dt,   cost = P ∫f·price dt,   carbon = c · E_facility
///
/// with f = facility power / IT power of each step and c the grid's kg/J. A job that starts or
/// ends inside a step (job events do not cut steps: `MidStepChanges`) takes the part of that
/// step after its start or before its end, at the step's f, booked when the step is done.
/// Only the jobs whose servers were stepped are touched in a step; the loop over every running job at every step
/// grew with jobs × coupling steps, and the coupling steps grow with the jobs (each start and
/// end cuts one). The shares equal the per-step sums up to rounding (about 10⁻¹³ relative).
struct JobEnergyLedger {
    /// What a job accrued since it was last settled.
    struct Share {
        var itEnergyJ = 0.0, facilityEnergyJ = 0.0, cost = 0.0, carbonKg = 0.0, serverSeconds = 0.0
    }

    /// ∫dt, ∫f dt and ∫f·price dt since the run began.
    private struct Integrals {
        var seconds = 0.0, facilityPerITSeconds = 0.0, facilityPerITPriceSeconds = 0.0

        /// `dt` seconds more at facility / IT power `facilityPerIT` and a tariff of `pricePerJ`.
        mutating func add(_ dt: Double, facilityPerIT: Double, pricePerJ: Double) {
            seconds += dt
            facilityPerITSeconds += facilityPerIT * dt
            facilityPerITPriceSeconds += facilityPerIT * pricePerJ * dt
        }
    }

    private let carbonKgPerJ: Double
    private var now = Integrals()
    /// Per job: its power now, the integrals when it was last settled, its server count.
    private var powerW: [Double], settledAt: [Integrals], serverCount: [Int]
    /// Per server: the job running on it.
    private var jobOnServer: [Int?]
    /// Per job: the last `touch` pass that listed it, so a job is listed once per pass.
    private var listedInPass: [Int]
    private var pass = 0
    /// Jobs that started inside the coming step: when, and how far into it (s).
    private var startedInStep: [(job: Int, atS: Double, leadS: Double)] = []
    /// Jobs that ended inside the coming step: the stretch of it that was theirs (times, s).
    private var endedInStep: [(job: Int, fromS: Double, toS: Double)] = []

    init(jobCount: Int, serverCount servers: Int, carbonKgPerJ: Double) {
        self.carbonKgPerJ = carbonKgPerJ
        powerW = Array(repeating: 0, count: jobCount)
        settledAt = Array(repeating: Integrals(), count: jobCount)
        serverCount = Array(repeating: 0, count: jobCount)
        jobOnServer = Array(repeating: nil, count: servers)
        listedInPass = Array(repeating: -1, count: jobCount)
    }

    /// A job starts on `servers` at `atS`, drawing `powerW` now; the coming step starts at
    /// `stepStartS` (the job is inside it when later).
    mutating func open(job: Int, servers: [Int], powerW power: Double, atS time: Double = 0, stepStartS: Double = 0) {
        for s in servers { jobOnServer[s] = job }
        powerW[job] = power
        settledAt[job] = now
        serverCount[job] = servers.count
        if time > stepStartS { startedInStep.append((job, time, time - stepStartS)) }
    }

    /// The job's share since it was last settled; it is settled up to now.
    mutating func settle(job: Int) -> Share {
        let since = settledAt[job]
        settledAt[job] = now
        return share(job: job, powerW: powerW[job], from: since, to: now)
    }

    /// A job's share at `power` between two points of the integrals.
    private func share(job: Int, powerW p: Double, from since: Integrals, to until: Integrals) -> Share {
        let facilityJ = p * (until.facilityPerITSeconds - since.facilityPerITSeconds)
        return Share(itEnergyJ: p * (until.seconds - since.seconds), facilityEnergyJ: facilityJ,
                     cost: p * (until.facilityPerITPriceSeconds - since.facilityPerITPriceSeconds),
                     carbonKg: facilityJ * carbonKgPerJ, serverSeconds: Double(serverCount[job]) * (until.seconds - since.seconds))
    }

    /// The job's share up to the coming step, which starts at `stepStartS`; its servers are
    /// free of it. A job that ends at `atS` inside that step has the rest of its share returned
    /// by `advance`.
    mutating func close(job: Int, servers: [Int], atS time: Double = 0, stepStartS: Double = 0) -> Share {
        for s in servers where jobOnServer[s] == job { jobOnServer[s] = nil }
        let share = settle(job: job)
        if time > stepStartS {
            // Its stretch of the step begins where it started, if that was inside the step too.
            let startS = startedInStep.first { $0.job == job }?.atS ?? stepStartS
            startedInStep.removeAll { $0.job == job }
            endedInStep.append((job, startS, time))
        }
        return share
    }

    /// The running jobs on `servers` (the servers a step advanced), each once, in the order met.
    mutating func jobs(on servers: [Int]) -> [Int] {
        pass += 1
        var jobs: [Int] = []
        for s in servers {
            guard let job = jobOnServer[s], listedInPass[job] != pass else { continue }
            listedInPass[job] = pass
            jobs.append(job)
        }
        return jobs
    }

    /// A settled job's power from now on.
    mutating func setPower(job: Int, powerW power: Double) { powerW[job] = power }

    /// A coupling step of `dt` seconds at facility / IT power `facilityPerIT` and a tariff of
    /// `pricePerJ`. Returns the last shares of the jobs that ended inside it, at the power
    /// `powerW(job, the start of its stretch)` their servers drew in their stretch of it.
    mutating func advance(dt: Double, facilityPerIT: Double, pricePerJ: Double,
                          powerW stretchPowerW: (_ job: Int, _ fromS: Double) -> Double = { _, _ in 0 }) -> [(job: Int, share: Share)] {
        now.add(dt, facilityPerIT: facilityPerIT, pricePerJ: pricePerJ)
        // A job that started inside the step is settled at its start: the step's integrals up to there.
        for (job, _, lead) in startedInStep {
            settledAt[job].add(lead, facilityPerIT: facilityPerIT, pricePerJ: pricePerJ)
        }
        startedInStep.removeAll(keepingCapacity: true)
        let ended = endedInStep.map { job, fromS, toS in
            var stretch = Integrals()
            stretch.add(toS - fromS, facilityPerIT: facilityPerIT, pricePerJ: pricePerJ)
            return (job, share(job: job, powerW: stretchPowerW(job, fromS), from: Integrals(), to: stretch))
        }
        endedInStep.removeAll(keepingCapacity: true)
        return ended
    }
}

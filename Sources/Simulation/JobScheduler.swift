import Scenario

/// First-come-first-served placement of jobs on whole servers of one rack: a job starts when
/// enough servers are free, on the lowest-numbered free ones; a waiting job blocks later ones
/// (no backfilling; the workload issue adds better schedulers).
struct JobScheduler {
    private(set) var serverBusy: [Bool]
    private var waiting: [Int] = []
    /// Servers held by each running job.
    private(set) var placement: [Int: [Int]] = [:]

    init(serverCount: Int) {
        serverBusy = Array(repeating: false, count: serverCount)
    }

    mutating func submit(_ job: Int) { waiting.append(job) }

    var waitingCount: Int { waiting.count }

    /// Starts waiting jobs in order while the head of the queue fits. Returns (job, servers) started.
    mutating func startWaiting(serversNeeded: (Int) -> Int) -> [(job: Int, servers: [Int])] {
        var started: [(Int, [Int])] = []
        while let job = waiting.first {
            let needed = serversNeeded(job)
            let free = serverBusy.indices.filter { !serverBusy[$0] }
            guard free.count >= needed else { break }
            let chosen = Array(free.prefix(needed))
            for server in chosen { serverBusy[server] = true }
            placement[job] = chosen
            waiting.removeFirst()
            started.append((job, chosen))
        }
        return started
    }

    /// Frees a finished job's servers and returns them.
    mutating func finish(_ job: Int) -> [Int] {
        let servers = placement.removeValue(forKey: job) ?? []
        for server in servers { serverBusy[server] = false }
        return servers
    }
}

/// EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): when the head cannot start, it gets a
/// reservation at the earliest time enough servers free up (from running jobs' estimated ends);
/// a later job may start now if it fits and either ends before that time or uses only servers
/// the head will not need.
struct EASYBackfillQueue: JobQueue {
    private(set) var waiting: [Int] = []

    mutating func submit(_ job: Int) { waiting.append(job) }

    mutating func dispatch(nowS: Double, freeCount: Int, running: [(servers: Int, endS: Double)], needed: (Int) -> Int,
                           estimateS: (Int) -> Double, admit: (Int) -> Bool, place: (Int) -> [Int]?) -> [(job: Int, servers: [Int])] {
        var started = startHeads(&waiting, admit: admit, place: place)
        let free = freeCount - started.reduce(0) { $0 + $1.servers.count }
        // Nothing can backfill without a free server.
        guard let head = waiting.first, free > 0 else { return started }
        // The head's reservation: the shadow time and the servers spare at it.
        let headNeeds = needed(head)
        var available = free
        var shadowS = Double.infinity, extra = 0
        let ends = (running + started.map { (needed($0.job), nowS + estimateS($0.job)) }).sorted { $0.endS < $1.endS }
        if available >= headNeeds {
            shadowS = nowS
            extra = available - headNeeds
        } else {
            for end in ends {
                available += end.servers
                if available >= headNeeds {
                    shadowS = end.endS
                    extra = available - headNeeds
                    break
                }
            }
        }
        var index = 1, freeNow = free
        while index < waiting.count {
            let job = waiting[index]
            let n = needed(job)
            let endsBeforeShadow = nowS + estimateS(job) <= shadowS
            // More servers than are free never place: skip the placement's pass over the hall.
            guard endsBeforeShadow || n <= extra, admit(job), n <= freeNow, let servers = place(job) else {
                index += 1
                continue
            }
            freeNow -= servers.count
            if !endsBeforeShadow { extra -= n }
            waiting.remove(at: index)
            started.append((job, servers))
        }
        return started
    }
}

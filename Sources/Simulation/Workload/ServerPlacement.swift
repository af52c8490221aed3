import Scenario

/// Where a job's servers go in one hall: gang placement keeps a multi-server job inside one
/// rack, one row, or anywhere in the hall; within that, `packed` takes the lowest-numbered free
/// servers and `coolest` the free servers whose hottest device is coolest (in the well-mixed hall
/// model every rack of a hall sees the same inlet, so device temperatures carry the difference:
/// servers that have been idle are cooler).
struct ServerPlacement {
    let gang: WorkloadSettings.Gang
    let policy: WorkloadSettings.Placement
    /// Per hall server (local index): its rack and row (local indices).
    let rackOfServer: [Int], rowOfServer: [Int]

    /// The group a server belongs to under the gang scope.
    func group(_ server: Int) -> Int {
        switch gang {
        case .rack: return rackOfServer[server]
        case .row: return rowOfServer[server]
        case .hall: return 0
        }
    }

    /// Servers for a job needing `count`, or nil when no group has that many free.
    func choose(count: Int, free: [Bool], temperatureC: (Int) -> Double) -> [Int]? {
        var groups: [Int: [Int]] = [:]
        for server in free.indices where free[server] { groups[group(server), default: []].append(server) }
        var best: (score: Double, servers: [Int])? = nil
        for key in groups.keys.sorted() {
            let members = groups[key]!
            guard members.count >= count else { continue }
            switch policy {
            case .packed:
                return Array(members.prefix(count))
            case .coolest:
                let chosen = Array(members.sorted { (temperatureC($0), $0) < (temperatureC($1), $1) }.prefix(count))
                let score = chosen.reduce(0) { $0 + temperatureC($1) } / Double(count)
                if best == nil || score < best!.score { best = (score, chosen) }
            }
        }
        return best?.servers
    }

    /// Whether any group could ever hold `count` servers.
    func canEverFit(count: Int) -> Bool {
        var sizes: [Int: Int] = [:]
        for server in rackOfServer.indices { sizes[group(server), default: 0] += 1 }
        return sizes.values.contains { $0 >= count }
    }
}

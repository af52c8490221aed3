import Scenario

/// Where a job's servers go in one hall: gang placement keeps a multi-server job inside one
/// rack, one row, or anywhere in the hall; within that, `packed` takes the lowest-numbered free
/// servers and `coolest` the free servers whose hottest device is coolest (in the well-mixed hall
/// model every rack of a hall sees the same inlet, so device temperatures carry the difference:
/// servers that have been idle are cooler); `fabric` keeps a job under as few leaf switches, then
/// pods, as it can (docs/models/network.md).
struct ServerPlacement {
    let gang: WorkloadSettings.Gang
    let policy: WorkloadSettings.Placement
    /// Per hall server (local index): its rack and row (local indices).
    let rackOfServer: [Int], rowOfServer: [Int]
    /// Per hall server: its leaf group and pod in the hall's fabric (nil without one).
    var leafOfServer: [Int]? = nil, podOfServer: [Int]? = nil
    /// How many groups there are (keys 0..<groupCount), and the most servers any holds.
    private let groupCount: Int, largestGroup: Int

    init(gang: WorkloadSettings.Gang, policy: WorkloadSettings.Placement, rackOfServer: [Int], rowOfServer: [Int]) {
        self.gang = gang
        self.policy = policy
        self.rackOfServer = rackOfServer
        self.rowOfServer = rowOfServer
        let keys = rackOfServer.indices.map { Self.group($0, gang: gang, rackOfServer: rackOfServer, rowOfServer: rowOfServer) }
        groupCount = (keys.max() ?? -1) + 1
        var sizes = Array(repeating: 0, count: groupCount)
        for key in keys { sizes[key] += 1 }
        largestGroup = sizes.max() ?? 0
    }

    /// The group a server belongs to under the gang scope.
    func group(_ server: Int) -> Int { Self.group(server, gang: gang, rackOfServer: rackOfServer, rowOfServer: rowOfServer) }

    private static func group(_ server: Int, gang: WorkloadSettings.Gang, rackOfServer: [Int], rowOfServer: [Int]) -> Int {
        switch gang {
        case .rack: return rackOfServer[server]
        case .row: return rowOfServer[server]
        case .hall: return 0
        }
    }

    /// Servers for a job needing `count`, or nil when no group has that many free.
    func choose(count: Int, free: [Bool], temperatureC: (Int) -> Double) -> [Int]? {
        // The free servers grouped by key, in server order (a counting sort: this runs at every
        // placement attempt, over every server of the hall).
        var start = Array(repeating: 0, count: groupCount + 1)
        for server in free.indices where free[server] { start[group(server) + 1] += 1 }
        for key in 0..<groupCount { start[key + 1] += start[key] }
        guard start[groupCount] >= count else { return nil }
        var next = start, grouped = Array(repeating: 0, count: start[groupCount])
        for server in free.indices where free[server] {
            let key = group(server)
            grouped[next[key]] = server
            next[key] += 1
        }
        var best: (score: Double, servers: [Int])? = nil
        for key in 0..<groupCount {
            let members = Array(grouped[start[key]..<start[key + 1]])
            guard !members.isEmpty, members.count >= count else { continue }
            switch policy {
            case .packed:
                return Array(members.prefix(count))
            case .fabric:
                guard let leaves = leafOfServer, let pods = podOfServer else { return Array(members.prefix(count)) }
                return Self.fewestSwitches(members, count: count, leafOf: leaves, podOf: pods)
            case .coolest:
                let chosen = Array(members.sorted { (temperatureC($0), $0) < (temperatureC($1), $1) }.prefix(count))
                let score = chosen.reduce(0) { $0 + temperatureC($1) } / Double(count)
                if best == nil || score < best!.score { best = (score, chosen) }
            }
        }
        return best?.servers
    }

    /// `count` of the free `members` under as few switches as possible: the fullest-fitting single
    /// leaf (best fit, so larger free leaves stay whole for larger jobs); else the best-fitting pod,
    /// filled from its freest leaves; else the hall's freest leaves. Ties go to the lowest index.
    static func fewestSwitches(_ members: [Int], count: Int, leafOf: [Int], podOf: [Int]) -> [Int] {
        func bestFit(_ key: (Int) -> Int) -> [Int]? {
            var byKey: [Int: [Int]] = [:]
            for server in members { byKey[key(server), default: []].append(server) }
            let fitting = byKey.filter { $0.value.count >= count }
            guard let chosen = fitting.min(by: { ($0.value.count, $0.key) < ($1.value.count, $1.key) }) else { return nil }
            return chosen.value
        }
        func freestLeavesFirst(_ servers: [Int]) -> [Int] {
            var byLeaf: [Int: [Int]] = [:]
            for server in servers { byLeaf[leafOf[server], default: []].append(server) }
            let order = byLeaf.sorted { ($0.value.count, -$0.key) > ($1.value.count, -$1.key) }
            return Array(order.flatMap(\.value).prefix(count))
        }
        if let leaf = bestFit({ leafOf[$0] }) { return Array(leaf.prefix(count)) }
        if let pod = bestFit({ podOf[$0] }) { return freestLeavesFirst(pod).sorted() }
        return freestLeavesFirst(members).sorted()
    }

    /// Whether any group could ever hold `count` servers.
    func canEverFit(count: Int) -> Bool { largestGroup >= count }
}

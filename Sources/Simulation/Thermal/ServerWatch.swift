/// Which servers a coupling step has to look at, so that a step costs what changed rather than
/// the size of the facility.
///
/// A dormant server stays dormant as long as nothing it depends on changed: its utilisation
/// (the workload marks it: `watch`), the power and the facility's clock ceiling (any change:
/// look at every server), its rack's clock ceiling (look at the rack), its hall's coolant flow,
/// and its hall's inlet and coolant temperatures staying within the tolerance of the values it
/// last ran with. For the last, each hall keeps the range of those values over its dormant
/// servers: while the hall's inlet (and coolant) is within the tolerance of both ends, no
/// dormant server of the hall can be due, and the hall is skipped. Otherwise every server of the
/// hall is looked at, and the range is rebuilt from them. Servers that are not dormant are
/// always looked at. The servers found due are exactly those a look at every server would find.
struct ServerWatch {
    private var watched: [Bool], list: [Int] = []
    private var last: ServerBank.Conditions?
    /// Per rack: the range of inlets its dormant servers last ran with; per hall: the range of
    /// coolant temperatures of its dormant liquid-cooled servers; empty (+∞, −∞) when none.
    private var inletLow: [Double], inletHigh: [Double], coolantLow: [Double], coolantHigh: [Double]
    private var everything = true
    /// Look at every server every step (to test that watching finds the same servers).
    private let looksAtEveryServer: Bool

    init(serverCount: Int, rackCount: Int, hallCount: Int, looksAtEveryServer: Bool = false) {
        self.looksAtEveryServer = looksAtEveryServer
        watched = Array(repeating: false, count: serverCount)
        inletLow = Array(repeating: .infinity, count: rackCount)
        inletHigh = Array(repeating: -.infinity, count: rackCount)
        coolantLow = Array(repeating: .infinity, count: hallCount)
        coolantHigh = Array(repeating: -.infinity, count: hallCount)
    }

    /// Server `s` must be looked at next step (its utilisation changed, or it is not dormant).
    mutating func watch(_ s: Int) {
        guard !watched[s] else { return }
        watched[s] = true
        list.append(s)
    }

    /// The servers to look at under `c`, ascending, or nil for all of them. Halls whose dormant
    /// servers may be due have their ranges emptied: `noteDormant` rebuilds them.
    mutating func candidates(_ c: ServerBank.Conditions, toleranceK: Double, hallServers: [Range<Int>], hallRacks: [Range<Int>],
                             rackServers: [Range<Int>]) -> [Int]? {
        defer { last = c }
        guard !everything, !looksAtEveryServer, let last, c.powered == last.powered, c.powerCapClock == last.powerCapClock else {
            everything = false
            for h in hallServers.indices { emptyCoolant(h) }
            for r in rackServers.indices { emptyInlet(r) }
            for s in list { watched[s] = false }
            list.removeAll(keepingCapacity: true)
            return nil
        }
        for r in rackServers.indices where c.rackCapClock[r] != last.rackCapClock[r] {
            for s in rackServers[r] { watch(s) }
        }
        for h in hallServers.indices {
            let coolant = c.hallCoolantC[h]
            let coolantHolds = coolant <= coolantLow[h] + toleranceK && coolant >= coolantHigh[h] - toleranceK
            if coolantHolds && c.hallCoolantPerPlateM3PerS[h] == last.hallCoolantPerPlateM3PerS[h] {
                for r in hallRacks[h] {
                    let inlet = c.rackInletC[r]
                    guard inlet > inletLow[r] + toleranceK || inlet < inletHigh[r] - toleranceK else { continue }
                    emptyInlet(r)
                    for s in rackServers[r] { watch(s) }
                }
                continue
            }
            emptyCoolant(h)
            for r in hallRacks[h] { emptyInlet(r) }
            for s in hallServers[h] { watch(s) }
        }
        let servers = list.sorted()
        for s in list { watched[s] = false }
        list.removeAll(keepingCapacity: true)
        return servers
    }

    /// A server that is dormant after being looked at: its hall's ranges take in its values.
    mutating func noteDormant(hall h: Int, rack r: Int, inletC: Double, coolantC: Double?) {
        inletLow[r] = min(inletLow[r], inletC)
        inletHigh[r] = max(inletHigh[r], inletC)
        if let coolantC {
            coolantLow[h] = min(coolantLow[h], coolantC)
            coolantHigh[h] = max(coolantHigh[h], coolantC)
        }
    }

    private mutating func emptyInlet(_ r: Int) { (inletLow[r], inletHigh[r]) = (.infinity, -.infinity) }
    private mutating func emptyCoolant(_ h: Int) { (coolantLow[h], coolantHigh[h]) = (.infinity, -.infinity) }
}

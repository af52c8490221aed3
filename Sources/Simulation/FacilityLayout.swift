import Models
import Scenario

/// The racks and servers a scenario's halls expand into, and how a hall's servers map to them.
struct FacilityLayout {
    struct RackInstance {
        let name: String
        let hallIndex: Int
        let serverType: ServerSpec
        let rackType: RackTypeSpec
        let supplyTemperatureC: Double
    }

    let racks: [RackInstance]
    /// For each hall: its servers in order as (rack index, server index in the rack).
    let hallServers: [[(rack: Int, server: Int)]]
    /// First global server index of each rack, and each rack's hall (for loops that run every
    /// step: a `RackInstance` is large to copy).
    let rackServerOffset: [Int], rackHall: [Int]
    let serverCount: Int

    init(_ spec: ScenarioSpec) {
        var racks: [RackInstance] = []
        var hallServers: [[(Int, Int)]] = []
        var offsets: [Int] = []
        var total = 0
        for (hallIndex, hall) in spec.halls.enumerated() {
            let rackType = spec.rackType(named: hall.rackType)!
            let serverType = spec.serverType(named: rackType.serverType)!
            var servers: [(Int, Int)] = []
            for row in 1...hall.rows {
                for position in 1...hall.racksPerRow {
                    let name = "\(hall.name)/r\(row)-\(position)"
                    offsets.append(total)
                    total += rackType.serverCount
                    for server in 0..<rackType.serverCount { servers.append((racks.count, server)) }
                    racks.append(RackInstance(name: name, hallIndex: hallIndex, serverType: serverType, rackType: rackType,
                                              supplyTemperatureC: hall.supplyAirTemperatureC))
                }
            }
            hallServers.append(servers)
        }
        self.racks = racks
        self.hallServers = hallServers
        rackServerOffset = offsets
        rackHall = racks.map(\.hallIndex)
        serverCount = total
    }
}

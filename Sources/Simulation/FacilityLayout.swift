import Models
import Scenario

/// The racks and servers a scenario's halls expand into, and how a hall's servers map to them:
/// every name the halls use resolved once, here, to the types and indices the run works with.
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
    /// Each hall's rack type, the index of that rack type in the scenario, and its server type.
    let hallRackType: [RackTypeSpec], hallRackTypeIndex: [Int], hallServerType: [ServerSpec]
    let serverCount: Int

    init(_ spec: ScenarioSpec) {
        var racks: [RackInstance] = []
        var hallServers: [[(Int, Int)]] = []
        var offsets: [Int] = []
        var total = 0
        var hallRackType: [RackTypeSpec] = [], hallRackTypeIndex: [Int] = [], hallServerType: [ServerSpec] = []
        for (hallIndex, hall) in spec.halls.enumerated() {
            // ScenarioLoader has resolved every reference: a miss here is a bug, not an input.
            guard let typeIndex = spec.rackTypes.firstIndex(where: { $0.name == hall.rackType }),
                  let serverType = spec.serverType(named: spec.rackTypes[typeIndex].serverType) else {
                preconditionFailure("hall '\(hall.name)': unresolved rack or server type")
            }
            let rackType = spec.rackTypes[typeIndex]
            hallRackType.append(rackType)
            hallRackTypeIndex.append(typeIndex)
            hallServerType.append(serverType)
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
        self.hallRackType = hallRackType
        self.hallRackTypeIndex = hallRackTypeIndex
        self.hallServerType = hallServerType
        rackHall = racks.map(\.hallIndex)
        serverCount = total
    }
}

extension FacilityLayout {
    /// The rack holding server `server` (servers are numbered rack by rack).
    func rackOfServer(_ server: Int) -> Int {
        // The last rack whose first server is at or before `server`.
        var low = 0, high = rackServerOffset.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if rackServerOffset[middle] <= server { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// A server's name in events and output labels: `hall-1/r1-1/s3` (slot 3 of that rack).
    func serverName(_ server: Int) -> String {
        let rack = rackOfServer(server)
        return "\(racks[rack].name)/s\(server - rackServerOffset[rack])"
    }

    /// An accelerator's name: `hall-1/r1-1/s3/a7` (device 7 of that server).
    func acceleratorName(_ accelerator: Int, servers: ServerBank) -> String {
        let server = servers.serverOfAccelerator(accelerator)
        return "\(serverName(server))/a\(accelerator - servers.acceleratorOffset[server])"
    }
}

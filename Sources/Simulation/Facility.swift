import Models
import Scenario

/// The build step between a scenario and its run: the facility a `ScenarioSpec` describes, indexed.
///
/// Halls, racks and servers are numbered here, once (devices follow in `ServerBank`: each
/// server's accelerators in order). Every name by which the scenario refers to something else is
/// resolved to an index or to the thing itself, and every default is applied:
/// - a hall's rack type, its server type, its package variant, its CRAH and CDU groups, and its
///   fabric (its own `network:`, else the facility's);
/// - each job's and each inference service's hall;
/// - each fault's unit (`hall-1/crah-2` → CRAH 2 of hall 0).
///
/// Nothing after this step looks a name up. The loader and `ScenarioChecks` refuse every dangling
/// reference with a located error, so a miss here is our bug, not the user's input: it traps.
struct Facility {
    struct Hall {
        let name: String
        let rackType: RackTypeSpec
        /// Index of the rack type among the scenario's (halls of one rack type share a design).
        let rackTypeIndex: Int
        let serverType: ServerSpec
        /// Index of the server's package variant in `spec.packages` (nil: no package given).
        let package: Int?
        let crahGroups: [CRAHSpec], cduGroups: [CDUSpec]
        /// Its scale-out fabric: the hall's own `network:`, else the facility's (nil: none).
        let fabric: NetworkSpec?
        let racksPerRow: Int
        /// Its racks and its servers: contiguous ranges of the facility's numbering.
        let racks: Range<Int>, servers: Range<Int>
    }

    struct RackInstance {
        let name: String
        let hallIndex: Int
        let serverType: ServerSpec
        let rackType: RackTypeSpec
        let supplyTemperatureC: Double
    }

    /// What a fault acts on, resolved from its `component`.
    enum FaultTarget: Equatable {
        case utility
        /// One unit: `hall-1/crah-2` is `.unit(.crah, hall: 0, number: 2)`.
        case unit(HallUnitKind, hall: Int, number: Int)
        /// Every unit of a kind in every hall (random failures of `crah` or `cdu`).
        case everyUnit(HallUnitKind)
        /// A component `validate` accepts that this version does not fail yet (chillers, towers,
        /// dry coolers, the UPS, servers): `SimulationRunner.notices` names them.
        case notSimulated
    }

    enum HallUnitKind: String { case crah, cdu }

    let halls: [Hall]
    let racks: [RackInstance]
    /// First server of each rack, and each rack's hall (for loops that run every step: a
    /// `RackInstance` is large to copy).
    let rackServerOffset: [Int], rackHall: [Int]
    /// Each server's rack.
    let serverRack: [Int]
    let serverCount: Int
    /// Each job's hall and each inference service's hall (`spec.jobs`, `spec.services` order).
    let hallOfJob: [Int], hallOfService: [Int]
    /// Each fault of `spec.faults` with its target.
    let faults: [(spec: FaultSpec, target: FaultTarget)]

    init(_ spec: ScenarioSpec) {
        let hallIndex = Self.hallIndex(spec)
        func hall(named name: String, for what: String) -> Int {
            guard let index = hallIndex[name] else { preconditionFailure("\(what): unresolved hall '\(name)'") }
            return index
        }
        var halls: [Hall] = [], racks: [RackInstance] = [], offsets: [Int] = [], serverRack: [Int] = []
        for (h, hall) in spec.halls.enumerated() {
            guard let typeIndex = spec.rackTypes.firstIndex(where: { $0.name == hall.rackType }),
                  let serverType = spec.serverType(named: spec.rackTypes[typeIndex].serverType) else {
                preconditionFailure("hall '\(hall.name)': unresolved rack or server type")
            }
            let rackType = spec.rackTypes[typeIndex]
            let firstRack = racks.count, firstServer = serverRack.count
            for row in 1...hall.rows {
                for position in 1...hall.racksPerRow {
                    offsets.append(serverRack.count)
                    serverRack += repeatElement(racks.count, count: rackType.serverCount)
                    racks.append(RackInstance(name: "\(hall.name)/r\(row)-\(position)", hallIndex: h, serverType: serverType,
                                              rackType: rackType, supplyTemperatureC: hall.supplyAirTemperatureC))
                }
            }
            halls.append(Hall(name: hall.name, rackType: rackType, rackTypeIndex: typeIndex, serverType: serverType,
                              package: serverType.package.flatMap { name in spec.packages.firstIndex { $0.name == name } },
                              crahGroups: spec.cooling.crahGroups.filter { $0.hall == hall.name },
                              cduGroups: spec.cooling.cduGroups.filter { $0.hall == hall.name },
                              fabric: hall.network ?? spec.network, racksPerRow: hall.racksPerRow,
                              racks: firstRack..<racks.count, servers: firstServer..<serverRack.count))
        }
        self.halls = halls
        self.racks = racks
        rackServerOffset = offsets
        rackHall = racks.map(\.hallIndex)
        self.serverRack = serverRack
        serverCount = serverRack.count
        hallOfJob = spec.jobs.map { hall(named: $0.hall, for: "job '\($0.name)'") }
        hallOfService = spec.services.map { hall(named: $0.hall, for: "service '\($0.name)'") }
        faults = spec.faults.map { ($0, Self.target(of: $0.component, hallIndex: hallIndex)) }
    }

    /// The unit a fault's `component` names; `hallIndex` maps hall names to their index.
    static func target(of component: String, hallIndex: [String: Int]) -> FaultTarget {
        switch component {
        case "utility": return .utility
        case "crah": return .everyUnit(.crah)
        case "cdu": return .everyUnit(.cdu)
        default: break
        }
        // `<hall>/<kind>-<n>`: the unit after the last '/' (a hall's name may contain '/'; a
        // unit's does not), and kinds contain no '-'.
        guard let slash = component.lastIndex(of: "/"), let h = hallIndex[String(component[..<slash])] else { return .notSimulated }
        let unit = component[component.index(after: slash)...].split(separator: "-")
        guard unit.count == 2, let kind = HallUnitKind(rawValue: String(unit[0])), let number = Int(unit[1]) else { return .notSimulated }
        return .unit(kind, hall: h, number: number)
    }

    /// The fault targets of `spec` this version does not simulate (for the notices).
    static func faultsNotSimulated(_ spec: ScenarioSpec) -> [String] {
        let hallIndex = hallIndex(spec)
        return spec.faults.map(\.component).filter { target(of: $0, hallIndex: hallIndex) == .notSimulated }
    }

    /// Each hall's index by its name (names are unique: the loader refuses repeats).
    private static func hallIndex(_ spec: ScenarioSpec) -> [String: Int] {
        Dictionary(spec.halls.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Facility {
    /// The rack holding server `server`.
    func rackOfServer(_ server: Int) -> Int { serverRack[server] }

    /// A server's name in events and output labels: `hall-1/r1-1/s3` (slot 3 of that rack).
    func serverName(_ server: Int) -> String {
        let rack = serverRack[server]
        return "\(racks[rack].name)/s\(server - rackServerOffset[rack])"
    }

    /// An accelerator's name: `hall-1/r1-1/s3/a7` (device 7 of that server).
    func acceleratorName(_ accelerator: Int, servers: ServerBank) -> String {
        let server = servers.serverOfAccelerator(accelerator)
        return "\(serverName(server))/a\(accelerator - servers.acceleratorOffset[server])"
    }
}

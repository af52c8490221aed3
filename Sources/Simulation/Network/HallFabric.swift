import Models
import Scenario

/// One hall's scale-out fabric: its switches, optics and NICs, what they draw at a link load, and
/// the links a training job's placement crosses (docs/models/network.md).
///
/// Power at link utilisation u (0-1, the share of the NICs' capacity in use):
///
///     P = N_sw · P_typ · (f_idle + (1 − f_idle) · u) + N_mod,nic · P_mod,nic + N_mod,sw · P_mod,sw + N_nic · P_nic
///
/// Switch power moves little with traffic (f_idle = 0.85; Mahadevan et al., "A Power Benchmarking
/// Framework for Network Devices", IFIP Networking 2009); optics draw their rated power whenever the
/// link is up. NICs and their modules count here only when the servers' figures leave them out.
struct HallFabric {
    let spec: NetworkSpec
    let topology: FabricTopology
    let inventory: FabricTopology.Inventory
    /// Modules at NIC ends and at switch ends (switch-end modules may carry two links each).
    let nicModules: Int
    let switchModules: Int
    /// Power that does not follow the load: optics and NICs, W.
    let fixedPowerW: Double
    /// Bytes per second one NIC carries in each direction.
    var nicBytesPerS: Double { spec.nicGbps * 1e9 / 8 }

    init(spec: NetworkSpec, servers: Int, acceleratorsPerServer: Int) {
        self.spec = spec
        topology = FabricTopology(layout: spec.layout, servers: servers, nicsPerServer: spec.nicsPerServer ?? max(1, acceleratorsPerServer),
                                  radix: spec.switchRadix, oversubscription: spec.oversubscription, tiers: spec.tiers)
        inventory = topology.inventory
        let links = spec.switchOpticsLinks
        // Endpoint links: a module at the NIC and a share of one at the switch; switch-to-switch
        // links: a share of a module at both ends.
        nicModules = spec.nicPowerInServer ? 0 : inventory.endpointLinks
        switchModules = (inventory.endpointLinks + links - 1) / links + 2 * ((inventory.switchLinks + links - 1) / links)
        let nics = spec.nicPowerInServer ? 0.0 : Double(topology.endpoints) * spec.nicPowerW
        fixedPowerW = Double(nicModules) * spec.nicOpticsW + Double(switchModules) * spec.switchOpticsW + nics
    }

    /// Switches at utilisation u, W.
    func switchPowerW(utilization u: Double) -> Double {
        let load = min(max(u, 0), 1)
        return Double(inventory.switches) * spec.switchTypicalW * (spec.switchIdleFraction + (1 - spec.switchIdleFraction) * load)
    }

    func powerW(utilization u: Double) -> Double { switchPowerW(utilization: u) + fixedPowerW }

    /// The scale-out link a job on `servers` (hall placement order) sees: the NIC's bandwidth per
    /// device (divided by the oversubscription once it crosses leaves) and α = base + switch hops
    /// × switch latency.
    func scaleOutLink(servers: [Int], nicsPerDevice: Double) -> Collectives.Link {
        let span = topology.span(servers: servers)
        let bandwidth = nicBytesPerS * nicsPerDevice / (span.crossesLeaves ? spec.oversubscription : 1)
        return Collectives.Link(bandwidthBytesPerS: bandwidth, latencyS: spec.baseLatencyS + Double(span.hops) * spec.switchLatencyS)
    }
}

import Scenario
import Storage

/// Writes `/network`: each hall's fabric (its parts, counts and power model) and what it carried
/// over the run (docs/output.md). Nothing when no hall has a fabric.
enum NetworkOutput {
    static func write(_ workload: WorkloadRunner, to recorder: RunRecorder, summary: inout RunSummary) throws(StorageError) {
        let halls = workload.spec.halls.indices.filter { workload.fabrics[$0] != nil }
        guard !halls.isEmpty else { return }
        // The design share: every hall's fabric at line rate beside its servers at maximum power.
        let fabricW = halls.reduce(0) { $0 + workload.fabrics[$1]!.powerW(utilization: 1) }
        let serversW = workload.spec.halls.indices.reduce(0.0) { total, h in
            total + Double(workload.hallServers[h].count) * workload.hallServerType[h].maxPowerW
        }
        summary.networkShareAtFullLoad = fabricW / (fabricW + serversW)
        let group = try recorder.createGroup("network")
        try group.setAttribute("long_name", "scale-out fabric of each hall: switches, links, optics, power and load (docs/models/network.md)")
        let axis = try NamedAxis(in: group, name: "hall", labels: halls.map { workload.spec.halls[$0].name }, longName: "hall")
        func fabric(_ h: Int) -> HallFabric { workload.fabrics[h]! }
        let parts: [(String, (NetworkSpec) -> String, String)] = [
            ("topology", { $0.layout.rawValue }, "rail-optimized or clos"), ("nic", { $0.nic }, "catalog NIC"),
            ("switch", { $0.switchName }, "catalog switch"), ("nic_optics", { $0.nicOptics }, "module at NIC ends"),
            ("switch_optics", { $0.switchOptics }, "modules at switch ends"),
            ("nic_power_in_server", { $0.nicPowerInServer ? "true" : "false" }, "whether the servers' power counts their NICs"),
        ]
        for (name, text, meaning) in parts { try axis.textColumn(name, halls.map { text(fabric($0).spec) }, longName: meaning) }
        func load(_ h: Int) -> FabricLoad { workload.fabricLoad[h] }
        let columns: [(String, [Double], String, String)] = [
            ("tiers", halls.map { Double(fabric($0).topology.tiers) }, "1", "switch tiers"),
            ("switch_radix", halls.map { Double(fabric($0).topology.radix) }, "1", "switch ports at the NIC's speed"),
            ("oversubscription", halls.map { fabric($0).topology.oversubscription }, "1", "leaf endpoint ports : uplink ports"),
            ("endpoints", halls.map { Double(fabric($0).topology.endpoints) }, "1", "NIC ports (servers x NICs per server)"),
            ("leaf_switches", halls.map { Double(fabric($0).inventory.leaves) }, "1", "leaf switches"),
            ("spine_switches", halls.map { Double(fabric($0).inventory.spines) }, "1", "spine switches"),
            ("core_switches", halls.map { Double(fabric($0).inventory.cores) }, "1", "core switches (three tiers)"),
            ("endpoint_links", halls.map { Double(fabric($0).inventory.endpointLinks) }, "1", "NIC-to-leaf links"),
            ("switch_links", halls.map { Double(fabric($0).inventory.switchLinks) }, "1", "leaf-spine and spine-core links"),
            ("nic_modules", halls.map { Double(fabric($0).nicModules) }, "1", "modules at NIC ends counted here (0 when the servers' power includes them)"),
            ("switch_modules", halls.map { Double(fabric($0).switchModules) }, "1", "modules at switch ends"),
            ("idle_power_w", halls.map { fabric($0).powerW(utilization: 0) }, "W", "fabric power with no traffic"),
            ("full_power_w", halls.map { fabric($0).powerW(utilization: 1) }, "W", "fabric power with every NIC at line rate"),
            ("mean_power_w", halls.map { load($0).seconds > 0 ? load($0).energyJ / load($0).seconds : .nan }, "W", "mean fabric power over the run"),
            ("peak_power_w", halls.map { load($0).peakPowerW }, "W", "highest fabric power"),
            ("energy_j", halls.map { load($0).energyJ }, "J", "fabric energy over the run (part of the IT energy)"),
            ("mean_utilization", halls.map { load($0).seconds > 0 ? load($0).utilizationSeconds / load($0).seconds : .nan }, "1",
             "mean share of the NICs' capacity carrying training traffic"),
            ("peak_utilization", halls.map { load($0).peakUtilization }, "1", "highest share of the NICs' capacity in use"),
        ]
        for (name, values, units, meaning) in columns { try axis.column(name, values, units: units, longName: meaning) }
    }
}

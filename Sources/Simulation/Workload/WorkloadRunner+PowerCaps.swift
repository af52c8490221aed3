import Scenario

/// Power caps kept by holding jobs back: a job starts only if the planned power (running jobs at
/// their servers' maximum × utilisation, idle servers at idle) stays within the facility's cap,
/// and takes only servers in racks whose planned power stays within the rack cap.
extension WorkloadRunner {
    /// The free servers a job may take: all of them, or, with a rack cap kept by holding, only
    /// as many in each rack as keep its planned power (busy servers at maximum × utilisation,
    /// idle ones at idle) within the cap.
    func placeable(_ job: Int, hall h: Int) -> [Bool] {
        guard let cap = spec.workload.rackPowerCapW, spec.workload.capEnforcement == .hold else { return free[h] }
        let server = serverSpec(hall: h)
        var utilizationOf: [Int: Double] = [:]
        for running in runningJobs where hallOfJob[running] == h {
            for s in records[running].servers { utilizationOf[s] = spec.jobs[running].utilization }
        }
        // Free servers at idle, job servers at maximum × utilisation, inference servers at maximum.
        var planned: [Int: Double] = [:]
        for (k, s) in hallServers[h].enumerated() {
            let power = free[h][k] ? server.idlePowerW : server.maxPowerW * (utilizationOf[s] ?? 1)
            planned[model.servers.serverRack[s], default: 0] += power
        }
        let extra = server.maxPowerW * spec.jobs[job].utilization - server.idlePowerW
        var allowance: [Int: Int] = [:]
        for (rack, power) in planned { allowance[rack] = extra > 0 ? max(Int(((cap - power) / extra + 1e-9).rounded(.down)), 0) : Int.max }
        var result = free[h]
        for (k, s) in hallServers[h].enumerated() where result[k] {
            let rack = model.servers.serverRack[s]
            if allowance[rack, default: 0] > 0 { allowance[rack]! -= 1 } else { result[k] = false }
        }
        return result
    }

    func serverSpec(hall h: Int) -> ServerSpec { hallServerType[h] }
    func idlePowerW(hall h: Int) -> Double { serverSpec(hall: h).idlePowerW }
    /// A job's planned power: its servers at maximum × utilisation.
    func plannedPowerW(_ job: Int) -> Double {
        Double(spec.jobs[job].serverCount) * serverSpec(hall: hallOfJob[job]).maxPowerW * spec.jobs[job].utilization
    }
    var runningPlannedPowerW: Double { runningJobs.reduce(0) { $0 + plannedPowerW($1) } }
    var idlePowerOfFreeServersW: Double {
        free.indices.reduce(0) { $0 + Double(freeCount[$1]) * idlePowerW(hall: $1) }
    }
}

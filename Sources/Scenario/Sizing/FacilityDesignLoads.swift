import Models

/// The peak heat and flows a facility's equipment must carry, from its nameplates: every server at
/// its maximum power. Sizing divides these among units; the run never uses them.
struct FacilityDesignLoads {
    struct Hall {
        var itW = 0.0
        /// Heat the racks put into the hall's air (after rear doors take their share), W.
        var crahAirHeatW = 0.0
        /// Heat rear doors take straight to chilled water, W.
        var rearDoorW = 0.0
        /// Heat into liquid (cold plates, immersion), W.
        var liquidW = 0.0
        /// The servers' own airflow at full fan speed, m³/s.
        var itAirflowM3PerS = 0.0
    }

    var halls: [Hall]

    init(_ spec: ScenarioSpec) {
        halls = spec.halls.map { hall in
            guard let rack = spec.rackType(named: hall.rackType), let server = spec.serverType(named: rack.serverType) else { return Hall() }
            let racks = Double(hall.rackCount), servers = racks * Double(rack.serverCount)
            var loads = Hall()
            loads.itW = servers * server.maxPowerW
            loads.liquidW = loads.itW * rack.liquidFraction
            let airW = loads.itW - loads.liquidW
            if rack.cooling == .rearDoor {
                loads.rearDoorW = min(airW, racks * (rack.coolingCapacityW ?? airW / racks))
            }
            loads.crahAirHeatW = airW - loads.rearDoorW
            loads.itAirflowM3PerS = servers * server.airflowM3PerS
            return loads
        }
    }

    var itW: Double { halls.reduce(0) { $0 + $1.itW } }
    var liquidW: Double { halls.reduce(0) { $0 + $1.liquidW } }
}

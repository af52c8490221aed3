import Models
import Scenario
import Storage

/// What each output level records, read from the thermal model and the run's bookkeeping.
enum RunVariables {
    /// The plant and power chain over the last step (means of the step, not instants).
    static func facilityBooksVariables(_ books: FacilityBooks, plantAndPower: PlantAndPower) -> [RecordedVariable] {
        [
            RecordedVariable(name: "utility_power_w", units: "W", longName: "power drawn from the utility, mean of the last step") { _ in
                books.lastUtilityW },
            RecordedVariable(name: "generator_power_w", units: "W", longName: "power from the generators, mean of the last step") { _ in
                books.lastGeneratorW },
            RecordedVariable(name: "battery_state_of_charge", units: "1", longName: "UPS battery energy / capacity (nan: no battery)") { _ in
                plantAndPower.backup.stateOfCharge },
            RecordedVariable(name: "power_source", units: "1", longName: "what fed the critical load: 0 utility, 1 generators, 2 batteries, 3 nothing") { _ in
                Double(books.lastSource.rawValue) },
            RecordedVariable(name: "cooling_power_w", units: "W", longName: "CRAH fans + CDU pumps + plant, mean of the last step") { _ in books.lastCoolingW },
            RecordedVariable(name: "chiller_power_w", units: "W", longName: "chiller compressors, mean of the last step") { _ in books.lastPlant.chillerPowerW },
            RecordedVariable(name: "heat_rejection_fan_power_w", units: "W", longName: "cooling tower or dry cooler fans") { _ in books.lastPlant.fanPowerW },
            RecordedVariable(name: "plant_pump_power_w", units: "W", longName: "chilled, facility and condenser water pumps") { _ in books.lastPlant.pumpPowerW },
            RecordedVariable(name: "power_loss_w", units: "W", longName: "transformer + UPS + PDU losses") { _ in books.lastChain.lossesW },
            RecordedVariable(name: "pue", units: "1", longName: "facility power / IT power over the last step") { _ in
                books.lastITW > 0 ? books.lastFacilityW / books.lastITW : .nan },
            RecordedVariable(name: "economiser_mode", units: "1", longName: "chilled-water loop: 0 mechanical, 1 partial free cooling, 2 free cooling") { _ in
                Double(books.lastPlant.chilled.mode.rawValue) },
            RecordedVariable(name: "chilled_water_supply_set_point_c", units: "degC",
                             longName: "chilled-water supply set point from now on (reset on coil demand where given; nan: no plant)") { _ in
                plantAndPower.chilledSupplyNowC },
            RecordedVariable(name: "chillers_running", units: "1", longName: "chillers running") { _ in
                Double(books.lastPlant.chilled.chillersRunning + books.lastPlant.warm.chillersRunning) },
            RecordedVariable(name: "water_use_kg_per_s", units: "kg/s", longName: "cooling tower make-up water") { _ in books.lastPlant.waterKgPerS },
            RecordedVariable(name: "outdoor_dry_bulb_c", units: "degC", longName: "outdoor dry-bulb temperature",
                             standardName: "air_temperature") { _ in books.lastOutdoor.dryBulbC },
            RecordedVariable(name: "outdoor_wet_bulb_c", units: "degC", longName: "outdoor wet-bulb temperature",
                             standardName: "wet_bulb_temperature") { _ in books.lastOutdoor.wetBulbC },
        ]
    }

    static func definitions(spec: ScenarioSpec, model: FacilityThermalModel, books: FacilityBooks, plantAndPower: PlantAndPower, facility: Facility)
        -> [SimulationSpec.OutputLevel: (axis: TimeSeriesGroup.ColumnAxis?, variables: [RecordedVariable])] {
        let levels = Set(spec.simulation.outputLevels).union([.facility])
        var result: [SimulationSpec.OutputLevel: (axis: TimeSeriesGroup.ColumnAxis?, variables: [RecordedVariable])] = [:]
        let hallCount = spec.halls.count
        func hallSum(_ value: (Int) -> Double) -> Double { (0..<hallCount).reduce(0) { $0 + value($1) } }
        let servers = model.servers
        // A hall with a floor plan gives each rack its own inlet (the one it ran the last step
        // with), and its hall's inlet is their mean (its racks draw equal shares in the plan).
        func inlet(_ h: Int) -> Double {
            guard model.airflows[h] != nil else { return model.inletNowC(hall: h) }
            let racks = servers.hallRacks[h]
            return racks.reduce(0) { $0 + model.rackInletC($1) } / Double(max(racks.count, 1))
        }
        func supply(_ h: Int) -> Double { model.supplyNowC(hall: h) }
        let hasPlan = model.airflows.contains { $0 != nil }

        result[.facility] = (nil, [
            RecordedVariable(name: "it_power_w", units: "W", longName: "IT electrical power (servers and network fabrics)") { _ in
                servers.facilityTotals.powerW + model.networkPowerNowW },
            RecordedVariable(name: "heat_to_air_w", units: "W", longName: "heat servers deliver to air (after rear doors), mean of the last step") { _ in
                model.hallHeatToAirW.reduce(0, +) },
            RecordedVariable(name: "heat_to_liquid_w", units: "W", longName: "heat servers deliver to liquid, mean of the last step") { _ in
                model.hallHeatToLiquidW.reduce(0, +) },
            RecordedVariable(name: "crah_fan_power_w", units: "W", longName: "CRAH fan power") { _ in
                hallSum { model.halls[$0].crahFanPowerW(itAirflowM3PerS: servers.hallTotals[$0].airflowM3PerS) } },
            RecordedVariable(name: "max_junction_temperature_c", units: "degC", longName: "hottest accelerator junction") { _ in
                servers.acceleratorCount > 0 ? servers.hottestJunctionC : .nan },
            RecordedVariable(name: "throttled_accelerators", units: "1", longName: "accelerators throttled") { _ in Double(servers.throttledAcceleratorCount) },
        ] + facilityBooksVariables(books, plantAndPower: plantAndPower))
        // Fabrics are recorded only where a hall has one.
        let hasFabric = facility.halls.contains { $0.fabric != nil }
        if hasFabric {
            result[.facility]!.variables.append(RecordedVariable(name: "network_power_w", units: "W",
                                                                 longName: "network fabrics: switches, optics, NICs not in servers (part of IT)") { _ in
                model.networkPowerNowW })
        }
        if levels.contains(.hall) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "hall", labels: spec.halls.map(\.name), longName: "hall")
            result[.hall] = (axis, [
                RecordedVariable(name: "it_power_w", units: "W", longName: "IT electrical power of the hall: servers and network fabric") { h in
                    servers.hallTotals[h].powerW + (model.itPowered ? model.networkPowerW[h] : 0) },
                RecordedVariable(name: "supply_temperature_c", units: "degC", longName: "CRAH supply air temperature") { supply($0) },
                RecordedVariable(name: "inlet_temperature_c", units: "degC", longName: "rack inlet air temperature (supply mixed with recirculated room air)") { inlet($0) },
                RecordedVariable(name: "room_temperature_c", units: "degC", longName: "room (hot aisle, return) air temperature") { model.halls[$0].roomC },
                RecordedVariable(name: "structure_temperature_c", units: "degC", longName: "floor slab and walls temperature") { model.halls[$0].structureC },
                RecordedVariable(name: "heat_to_air_w", units: "W", longName: "heat racks deliver to the hall's air") { model.hallHeatToAirW[$0] },
                RecordedVariable(name: "heat_to_liquid_w", units: "W", longName: "heat racks deliver to the hall's liquid loop") { model.hallHeatToLiquidW[$0] },
                RecordedVariable(name: "crah_airflow_m3_per_s", units: "m3/s", longName: "CRAH supply airflow") { h in
                    model.halls[h].crahOperatingPoint(itAirflowM3PerS: servers.hallTotals[h].airflowM3PerS).airflowM3PerS },
                RecordedVariable(name: "it_airflow_m3_per_s", units: "m3/s", longName: "airflow drawn by the racks") { servers.hallTotals[$0].airflowM3PerS },
                RecordedVariable(name: "crah_running", units: "1", longName: "CRAH units in service") { Double(model.halls[$0].crahRunning) },
                RecordedVariable(name: "loop_supply_temperature_c", units: "degC", longName: "secondary loop (CDU) supply temperature") { model.halls[$0].loopSupplyC },
                RecordedVariable(name: "cdu_running", units: "1", longName: "CDUs in service") { Double(model.halls[$0].cduRunning) },
                RecordedVariable(name: "rci_hi", units: "percent",
                                 longName: "Rack Cooling Index, high side (Herrlin), over the racks' inlets, ASHRAE A1") { model.rciHigh(hall: $0) },
                RecordedVariable(name: "rci_lo", units: "percent",
                                 longName: "Rack Cooling Index, low side (Herrlin), over the racks' inlets, ASHRAE A1") { model.rciLow(hall: $0) },
                RecordedVariable(name: "rti", units: "percent",
                                 longName: "Return Temperature Index (Herrlin): (T_return - T_supply) / rack rise (nan: no heat)") {
                    model.returnTemperatureIndex(hall: $0) ?? .nan },
            ])
            if model.halls.contains(where: { $0.loop != nil }) {
                result[.hall]!.variables.append(RecordedVariable(name: "facility_water_temperature_c", units: "degC",
                                                                 longName: "facility water at the CDUs: its set point plus the plant's shortfall rise (nan: no loop)") {
                    model.halls[$0].facilityWaterNowC })
            }
            if hasFabric {
                result[.hall]!.variables.append(RecordedVariable(name: "network_power_w", units: "W",
                                                                 longName: "the hall's network fabric (part of it_power_w)") { h in
                    model.itPowered ? model.networkPowerW[h] : 0 })
            }
        }
        if levels.contains(.rack) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "rack", labels: facility.racks.map(\.name), longName: "rack")
            result[.rack] = (axis, [
                RecordedVariable(name: "it_power_w", units: "W", longName: "IT electrical power of the rack") { servers.rackTotals[$0].powerW },
                RecordedVariable(name: "inlet_temperature_c", units: "degC",
                                 longName: "rack inlet air temperature (its own under a floor plan, else its hall's)") { model.rackInletsNowC() },
                RecordedVariable(name: "exhaust_temperature_c", units: "degC", longName: "rack exhaust air temperature (after a rear door)") {
                    let inlets = model.rackInletsNowC()
                    return inlets.indices.map { model.rackExhaustC($0, inletC: inlets[$0]) }
                },
                RecordedVariable(name: "heat_to_air_w", units: "W", longName: "heat the rack delivers to air") { model.rackHeatToAirW[$0] },
                RecordedVariable(name: "heat_to_liquid_w", units: "W", longName: "heat the rack delivers to liquid") { model.rackHeatToLiquidW[$0] },
                RecordedVariable(name: "supply_heat_index", units: "1", longName: "SHI = (T_in - T_supply)/(T_exhaust - T_supply)") {
                    let inlets = model.rackInletsNowC(), supplies = (0..<hallCount).map(supply)
                    return inlets.indices.map { r in
                        let supplyC = supplies[facility.rackHall[r]], rise = model.rackExhaustC(r, inletC: inlets[r]) - supplyC
                        return rise > 1e-9 ? (inlets[r] - supplyC) / rise : 0
                    }
                },
                RecordedVariable(name: "capture_index", units: "1",
                                 longName: "cold-aisle capture index: share of the rack's intake from the cooled supply") {
                    model.coldAisleCaptureIndices() },
            ])
            if hasPlan {
                result[.rack]!.variables.append(RecordedVariable(name: "hot_aisle_capture_index", units: "1",
                                                                 longName: "share of the rack's exhaust the units take back before a rack draws it (nan: hall without a floor plan)") {
                    model.hotAisleCaptureIndex(rack: $0) })
            }
        }
        if levels.contains(.server) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "server", labels: (0..<servers.serverCount).map { facility.serverName($0) },
                                                  longName: "server (across all racks)")
            result[.server] = (axis, [
                RecordedVariable(name: "power_w", units: "W", longName: "server electrical power") { servers.results[$0].powerW },
                RecordedVariable(name: "utilization", units: "1", longName: "server utilisation (0-1) the last step ran with, as its power") {
                    servers.held[$0].utilization },
                RecordedVariable(name: "inlet_temperature_c", units: "degC", longName: "server inlet air temperature") { servers.held[$0].inletC },
                RecordedVariable(name: "outlet_temperature_c", units: "degC", longName: "server outlet air temperature") { servers.outletC(server: $0) },
                RecordedVariable(name: "board_temperature_c", units: "degC", longName: "board (CPUs, memory, chassis) temperature") { servers.boardC(server: $0) },
                RecordedVariable(name: "fan_speed", units: "1", longName: "fan speed as a fraction of full speed") { servers.results[$0].fanSpeed },
            ])
        }
        if levels.contains(.accelerator) && servers.acceleratorCount > 0 {
            let axis = TimeSeriesGroup.ColumnAxis(name: "accelerator",
                                                  labels: (0..<servers.acceleratorCount).map { facility.acceleratorName($0, servers: servers) },
                                                  longName: "accelerator (across all servers)")
            result[.accelerator] = (axis, [
                RecordedVariable(name: "junction_temperature_c", units: "degC", longName: "junction (die) temperature") { servers.junctionC(accelerator: $0) },
                RecordedVariable(name: "power_w", units: "W", longName: "accelerator electrical power") { servers.acceleratorPowerW[$0] },
                RecordedVariable(name: "clock", units: "1", longName: "clock fraction left by throttling (1 = full clock)") { servers.clocks[$0] },
                RecordedVariable(name: "throughput", units: "1", longName: "delivered throughput as a fraction of peak (utilisation x clock)") { a in
                    servers.held[servers.serverOfAccelerator(a)].utilization * servers.clocks[a] },
            ])
        }
        return result
    }
}

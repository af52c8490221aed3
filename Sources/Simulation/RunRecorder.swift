import Scenario
import Storage

/// Writes one run's HDF5 file in the layout of docs/output.md: `/scenario`,
/// `/timeseries/{facility,hall,rack,server}` (the levels the scenario asks for), `/events`,
/// `/summary`.
final class RunRecorder {
    private let file: HDF5File
    private let root: HDF5Group
    private let facility: TimeSeriesGroup
    private let hall: TimeSeriesGroup?
    private let rack: TimeSeriesGroup?
    private let server: TimeSeriesGroup?
    private let events: EventTable
    private let layout: FacilityLayout
    private let hallCount: Int
    private var samplesSinceFlush = 0
    /// Samples between flushes of the file, so a killed run leaves a readable prefix.
    private let flushEverySamples = 4096
    /// Reused row buffers: no allocation per sample.
    private var rackRow: [Double], hallRow: [Double], hallRateRow: [Double], serverRow: [Double]

    private enum Facility: Int { case itPower, heatToAir, heatToLiquid }
    private enum Hall: Int { case itPower, heatToAir, heatToLiquid, supply, exhaust }
    private enum Rack: Int { case itPower, supply, exhaust, heatToAir, heatToLiquid, itEnergy, airEnergy, liquidEnergy, stored }
    private enum Server: Int { case power, utilization, temperature, outlet }

    init(file: HDF5File, spec: ScenarioSpec, layout: FacilityLayout) throws(StorageError) {
        self.file = file
        self.layout = layout
        hallCount = spec.halls.count
        rackRow = Array(repeating: 0, count: layout.racks.count)
        hallRow = Array(repeating: 0, count: spec.halls.count)
        hallRateRow = Array(repeating: 0, count: spec.halls.count)
        serverRow = Array(repeating: 0, count: layout.serverCount)
        root = try file.rootGroup()
        let start = spec.simulation.startInstant
        let levels = Set(spec.simulation.outputLevels)
        try root.setAttribute("title", "Plenum simulation of \(spec.sourcePath)")
        try root.setAttribute("program", "plenum")
        try root.setAttribute("program_version", PlenumVersion.current)
        try root.setAttribute("start_instant", start)
        try root.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))

        let scenario = try root.createGroup("scenario")
        let text = try scenario.createStringDataset("text", spec.resolvedText)
        try text.setAttribute("long_name", "the resolved scenario (extends and overrides applied), as YAML")
        try text.setAttribute("units", "1")
        let source = try scenario.createStringDataset("source_text", spec.sourceText)
        try source.setAttribute("long_name", "the scenario file as read")
        try source.setAttribute("units", "1")
        try scenario.setAttribute("source_path", spec.sourcePath)
        try scenario.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))
        try scenario.setAttribute("seed_text", String(spec.simulation.seed))
        try scenario.setAttribute("program_version", PlenumVersion.current)
        try scenario.setAttribute("start_instant", start)

        let series = try root.createGroup("timeseries")
        facility = try TimeSeriesGroup(group: series.createGroup("facility"), startInstant: start, columns: nil)
        try facility.addVariable("it_power_w", units: "W", longName: "IT electrical power", perColumn: false)
        try facility.addVariable("heat_to_air_w", units: "W", longName: "heat removed by cooling air", perColumn: false)
        try facility.addVariable("heat_to_liquid_w", units: "W", longName: "heat taken by liquid at the source", perColumn: false)

        if levels.contains(.hall) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "hall", values: spec.halls.indices.map(Double.init), units: "1",
                                                  longName: "hall index (names in attribute 'names')")
            let group = try TimeSeriesGroup(group: series.createGroup("hall"), startInstant: start, columns: axis)
            try group.group.openDataset("hall").setAttribute("names", spec.halls.map(\.name).joined(separator: ","))
            try group.addVariable("it_power_w", units: "W", longName: "IT electrical power of the hall", perColumn: true)
            try group.addVariable("heat_to_air_w", units: "W", longName: "heat removed by the hall's air", perColumn: true)
            try group.addVariable("heat_to_liquid_w", units: "W", longName: "heat taken by liquid in the hall", perColumn: true)
            try group.addVariable("supply_temperature_c", units: "degC", longName: "supply air set point", perColumn: true)
            try group.addVariable("exhaust_temperature_c", units: "degC",
                                  longName: "mean rack exhaust air temperature (weighted by heat capacity rate)", perColumn: true)
            hall = group
        } else { hall = nil }

        if levels.contains(.rack) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "rack", values: layout.racks.indices.map(Double.init), units: "1",
                                                  longName: "rack index (names in attribute 'names')")
            let group = try TimeSeriesGroup(group: series.createGroup("rack"), startInstant: start, columns: axis)
            try group.group.openDataset("rack").setAttribute("names", layout.racks.map(\.name).joined(separator: ","))
            let rackHall = try group.group.createDataset("rack_hall", values: layout.racks.map { Double($0.hallIndex) }, shape: [layout.racks.count])
            try rackHall.setAttribute("units", "1")
            try rackHall.setAttribute("long_name", "index of the hall holding each rack")
            try rackHall.attach(scale: try group.group.openDataset("rack"), toDimension: 0)
            try group.addVariable("it_power_w", units: "W", longName: "IT electrical power of the rack", perColumn: true)
            try group.addVariable("supply_temperature_c", units: "degC", longName: "supply air temperature", perColumn: true)
            try group.addVariable("exhaust_temperature_c", units: "degC",
                                  longName: "rack exhaust air temperature (servers mixed by heat capacity rate)", perColumn: true)
            try group.addVariable("heat_to_air_w", units: "W", longName: "heat removed by the rack's air", perColumn: true)
            try group.addVariable("heat_to_liquid_w", units: "W", longName: "heat taken by liquid at the source", perColumn: true)
            try group.addVariable("it_energy_j", units: "J", longName: "cumulative IT electrical energy", perColumn: true)
            try group.addVariable("heat_to_air_energy_j", units: "J", longName: "cumulative heat removed by air", perColumn: true)
            try group.addVariable("heat_to_liquid_energy_j", units: "J", longName: "cumulative heat taken by liquid", perColumn: true)
            try group.addVariable("stored_heat_j", units: "J", longName: "heat stored in the rack's thermal masses relative to the start",
                                  perColumn: true)
            rack = group
        } else { rack = nil }

        if levels.contains(.server) {
            let axis = TimeSeriesGroup.ColumnAxis(name: "server", values: (0..<layout.serverCount).map(Double.init), units: "1",
                                                  longName: "server index across all racks")
            let group = try TimeSeriesGroup(group: series.createGroup("server"), startInstant: start, columns: axis)
            var serverRack: [Double] = []
            for (index, instance) in layout.racks.enumerated() {
                serverRack += Array(repeating: Double(index), count: instance.rackType.serverCount)
            }
            let dataset = try group.group.createDataset("server_rack", values: serverRack, shape: [serverRack.count])
            try dataset.setAttribute("units", "1")
            try dataset.setAttribute("long_name", "index of the rack holding each server")
            try dataset.attach(scale: try group.group.openDataset("server"), toDimension: 0)
            try group.addVariable("power_w", units: "W", longName: "server electrical power", perColumn: true)
            try group.addVariable("utilization", units: "1", longName: "server utilisation (0-1)", perColumn: true)
            try group.addVariable("temperature_c", units: "degC", longName: "server solid (lumped) temperature", perColumn: true)
            try group.addVariable("outlet_temperature_c", units: "degC", longName: "server outlet air temperature", perColumn: true)
            server = group
        } else { server = nil }

        events = try EventTable(creatingIn: root, name: "events")
        try events.dataset.setAttribute("long_name", "discrete events: time (s since start), kind, component, value, message")
        try events.dataset.setAttribute("units", "time: s; value: depends on kind (see docs/output.md)")
    }

    /// Records the state at `timeS` for one output level.
    func sample(_ level: SimulationSpec.OutputLevel, timeS: Double, racks: [RackThermalState],
                utilization: [Double]) throws(StorageError) {
        switch level {
        case .facility:
            var itPower = 0.0, toAir = 0.0, toLiquid = 0.0
            for state in racks {
                itPower += state.itPowerW
                toAir += state.heatToAirW
                toLiquid += state.heatToLiquidW
            }
            try facility.appendTime(timeS)
            try facility.append(Facility.itPower.rawValue, itPower)
            try facility.append(Facility.heatToAir.rawValue, toAir)
            try facility.append(Facility.heatToLiquid.rawValue, toLiquid)
        case .hall:
            guard let hall else { return }
            try hall.appendTime(timeS)
            try appendHall(hall, .itPower, racks) { $0.itPowerW }
            try appendHall(hall, .heatToAir, racks) { $0.heatToAirW }
            try appendHall(hall, .heatToLiquid, racks) { $0.heatToLiquidW }
            for (index, state) in racks.enumerated() { hallRow[layout.racks[index].hallIndex] = state.supplyTemperatureC }
            try hall.append(Hall.supply.rawValue, row: hallRow)
            for index in hallRow.indices { hallRow[index] = 0; hallRateRow[index] = 0 }
            for (index, state) in racks.enumerated() {
                let rate = state.network.airHeatRateWPerK.reduce(0, +)
                hallRow[layout.racks[index].hallIndex] += rate * state.exhaustTemperatureC
                hallRateRow[layout.racks[index].hallIndex] += rate
            }
            for index in hallRow.indices { hallRow[index] /= hallRateRow[index] }
            try hall.append(Hall.exhaust.rawValue, row: hallRow)
        case .rack:
            guard let rack else { return }
            try rack.appendTime(timeS)
            try appendRack(rack, .itPower, racks) { $0.itPowerW }
            try appendRack(rack, .supply, racks) { $0.supplyTemperatureC }
            try appendRack(rack, .exhaust, racks) { $0.exhaustTemperatureC }
            try appendRack(rack, .heatToAir, racks) { $0.heatToAirW }
            try appendRack(rack, .heatToLiquid, racks) { $0.heatToLiquidW }
            try appendRack(rack, .itEnergy, racks) { $0.electricalEnergyJ }
            try appendRack(rack, .airEnergy, racks) { $0.heatRemovedByAirJ }
            try appendRack(rack, .liquidEnergy, racks) { $0.heatToLiquidJ }
            try appendRack(rack, .stored, racks) { $0.storedHeatJ }
        case .server:
            guard let server else { return }
            try server.appendTime(timeS)
            try appendServer(server, .power, racks) { state, i in state.serverPowerW[i] }
            try server.append(Server.utilization.rawValue, row: utilization)
            try appendServer(server, .temperature, racks) { state, i in state.solidTemperatureC(server: i) }
            try appendServer(server, .outlet, racks) { state, i in state.outletTemperatureC(server: i) }
        case .accelerator:
            return // not available yet (SimulationRunner.notices says so)
        }
        samplesSinceFlush += 1
        if samplesSinceFlush >= flushEverySamples {
            try flush()
            try file.flush()
            samplesSinceFlush = 0
        }
    }

    private func appendHall(_ group: TimeSeriesGroup, _ variable: Hall, _ racks: [RackThermalState],
                            _ value: (RackThermalState) -> Double) throws(StorageError) {
        for index in hallRow.indices { hallRow[index] = 0 }
        for (index, state) in racks.enumerated() { hallRow[layout.racks[index].hallIndex] += value(state) }
        try group.append(variable.rawValue, row: hallRow)
    }

    private func appendRack(_ group: TimeSeriesGroup, _ variable: Rack, _ racks: [RackThermalState],
                            _ value: (RackThermalState) -> Double) throws(StorageError) {
        for (index, state) in racks.enumerated() { rackRow[index] = value(state) }
        try group.append(variable.rawValue, row: rackRow)
    }

    private func appendServer(_ group: TimeSeriesGroup, _ variable: Server, _ racks: [RackThermalState],
                              _ value: (RackThermalState, Int) -> Double) throws(StorageError) {
        for (index, state) in racks.enumerated() {
            let offset = layout.rackServerOffset[index]
            for i in 0..<state.serverCount { serverRow[offset + i] = value(state, i) }
        }
        try group.append(variable.rawValue, row: serverRow)
    }

    func event(_ record: EventRecord) throws(StorageError) {
        try events.append(record)
    }

    private func flush() throws(StorageError) {
        try facility.flush()
        try hall?.flush()
        try rack?.flush()
        try server?.flush()
        try events.flush()
    }

    func finish(summary: RunSummary) throws(StorageError) {
        try flush()
        let group = try root.createGroup("summary")
        for kpi in summary.datasets {
            let dataset = try group.createScalar(kpi.name, kpi.value)
            try dataset.setAttribute("units", kpi.units)
            try dataset.setAttribute("long_name", kpi.longName)
        }
        try file.flush()
    }
}

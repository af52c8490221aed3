import Scenario
import Storage

/// Writes one run's HDF5 file in the layout of docs/output.md: `/scenario`, `/timeseries/
/// {facility,rack,server}`, `/events`, `/summary`.
final class RunRecorder {
    private let file: HDF5File
    private let facility: TimeSeriesGroup
    private let rack: TimeSeriesGroup
    private let server: TimeSeriesGroup
    private let events: EventTable
    private let root: HDF5Group
    private var samplesSinceFlush = 0
    /// Samples between flushes of the file, so a killed run leaves a readable prefix.
    private let flushEverySamples = 4096

    // Variable indices.
    private let facilityITPower: Int, facilityHeatRemoved: Int
    private let rackITPower: Int, rackSupply: Int, rackExhaust: Int, rackHeatRemoved: Int
    private let rackElectricalEnergy: Int, rackRemovedEnergy: Int, rackStoredHeat: Int
    private let serverPower: Int, serverUtilization: Int, serverTemperature: Int, serverOutlet: Int

    init(file: HDF5File, spec: ScenarioSpec, serverRackIndex: [Int]) throws(StorageError) {
        self.file = file
        root = try file.rootGroup()
        let start = spec.simulation.startInstant
        try root.setAttribute("title", "Plenum simulation of \(spec.sourcePath)")
        try root.setAttribute("program", "plenum")
        try root.setAttribute("program_version", PlenumVersion.current)
        try root.setAttribute("start_instant", start)
        try root.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))

        let scenario = try root.createGroup("scenario")
        let text = try scenario.createStringDataset("text", spec.sourceText)
        try text.setAttribute("long_name", "the scenario file as read")
        try text.setAttribute("units", "1")
        try scenario.setAttribute("source_path", spec.sourcePath)
        try scenario.setAttribute("seed", Int(truncatingIfNeeded: spec.simulation.seed))
        try scenario.setAttribute("seed_text", String(spec.simulation.seed))
        try scenario.setAttribute("program_version", PlenumVersion.current)
        try scenario.setAttribute("start_instant", start)

        let series = try root.createGroup("timeseries")
        facility = try TimeSeriesGroup(group: series.createGroup("facility"), startInstant: start, columns: nil)
        facilityITPower = try facility.addVariable("it_power_w", units: "W", longName: "IT electrical power", perColumn: false)
        facilityHeatRemoved = try facility.addVariable("heat_removed_w", units: "W", longName: "heat removed by cooling air", perColumn: false)

        let rackAxis = TimeSeriesGroup.ColumnAxis(name: "rack", values: spec.racks.indices.map(Double.init), units: "1",
                                                  longName: "rack index (names in attribute 'names')")
        rack = try TimeSeriesGroup(group: series.createGroup("rack"), startInstant: start, columns: rackAxis)
        try rack.group.openDataset("rack").setAttribute("names", spec.racks.map(\.name).joined(separator: ","))
        rackITPower = try rack.addVariable("it_power_w", units: "W", longName: "IT electrical power of the rack", perColumn: true)
        rackSupply = try rack.addVariable("supply_temperature_c", units: "degC", longName: "supply air temperature", perColumn: true)
        rackExhaust = try rack.addVariable("exhaust_temperature_c", units: "degC",
                                           longName: "rack exhaust air temperature (servers mixed by heat capacity rate)", perColumn: true)
        rackHeatRemoved = try rack.addVariable("heat_removed_w", units: "W", longName: "heat removed by the rack's air", perColumn: true)
        rackElectricalEnergy = try rack.addVariable("it_energy_j", units: "J", longName: "cumulative IT electrical energy", perColumn: true)
        rackRemovedEnergy = try rack.addVariable("heat_removed_energy_j", units: "J", longName: "cumulative heat removed by air", perColumn: true)
        rackStoredHeat = try rack.addVariable("stored_heat_j", units: "J",
                                              longName: "heat stored in the rack's thermal masses relative to the start", perColumn: true)

        let serverAxis = TimeSeriesGroup.ColumnAxis(name: "server", values: serverRackIndex.indices.map(Double.init), units: "1",
                                                    longName: "server index across all racks")
        server = try TimeSeriesGroup(group: series.createGroup("server"), startInstant: start, columns: serverAxis)
        let serverRack = try server.group.createDataset("server_rack", values: serverRackIndex.map(Double.init), shape: [serverRackIndex.count])
        try serverRack.setAttribute("units", "1")
        try serverRack.setAttribute("long_name", "index of the rack holding each server")
        try serverRack.attach(scale: try server.group.openDataset("server"), toDimension: 0)
        serverPower = try server.addVariable("power_w", units: "W", longName: "server electrical power", perColumn: true)
        serverUtilization = try server.addVariable("utilization", units: "1", longName: "server utilisation (0-1)", perColumn: true)
        serverTemperature = try server.addVariable("temperature_c", units: "degC", longName: "server solid (lumped) temperature", perColumn: true)
        serverOutlet = try server.addVariable("outlet_temperature_c", units: "degC", longName: "server outlet air temperature", perColumn: true)

        events = try EventTable(creatingIn: root, name: "events")
        try events.dataset.setAttribute("long_name", "discrete events: time (s since start), kind, component, value, message")
        try events.dataset.setAttribute("units", "time: s; value: depends on kind (see docs/output.md)")
    }

    func sample(timeS: Double, racks: [RackThermalState], utilization: [Double]) throws(StorageError) {
        var itPower = 0.0, removed = 0.0
        for rackState in racks {
            itPower += rackState.itPowerW
            removed += rackState.heatRemovalRateW
        }
        try facility.appendTime(timeS)
        try facility.append(facilityITPower, itPower)
        try facility.append(facilityHeatRemoved, removed)

        try rack.appendTime(timeS)
        try rack.append(rackITPower, row: racks.map(\.itPowerW))
        try rack.append(rackSupply, row: racks.map(\.supplyTemperatureC))
        try rack.append(rackExhaust, row: racks.map(\.exhaustTemperatureC))
        try rack.append(rackHeatRemoved, row: racks.map(\.heatRemovalRateW))
        try rack.append(rackElectricalEnergy, row: racks.map(\.electricalEnergyJ))
        try rack.append(rackRemovedEnergy, row: racks.map(\.heatRemovedJ))
        try rack.append(rackStoredHeat, row: racks.map(\.storedHeatJ))

        try server.appendTime(timeS)
        var power: [Double] = [], temperature: [Double] = [], outlet: [Double] = []
        for rackState in racks {
            for i in 0..<rackState.network.serverCount {
                power.append(rackState.network.powerW[i])
                temperature.append(rackState.solidTemperatureC(server: i))
                outlet.append(rackState.outletTemperatureC(server: i))
            }
        }
        try server.append(serverPower, row: power)
        try server.append(serverUtilization, row: utilization)
        try server.append(serverTemperature, row: temperature)
        try server.append(serverOutlet, row: outlet)

        samplesSinceFlush += 1
        if samplesSinceFlush >= flushEverySamples {
            try flush()
            try file.flush()
            samplesSinceFlush = 0
        }
    }

    func event(_ record: EventRecord) throws(StorageError) {
        try events.append(record)
    }

    private func flush() throws(StorageError) {
        try facility.flush()
        try rack.flush()
        try server.flush()
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

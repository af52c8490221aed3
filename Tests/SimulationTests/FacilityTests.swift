import Foundation
import Testing
import Engine
import Scenario
@testable import Simulation

/// The build step: a scenario's names resolved once into an indexed facility.
@Suite("Facility: the indexed build step")
struct FacilityTests {
    /// Two halls of different rack types, with jobs, a service, CRAH and CDU groups and faults
    /// naming units, kinds, the utility and a component not simulated yet.
    static let yaml = """
        simulation: {start: 2026-03-01T00:00:00+08:00, duration: 2 h, time_step: 60 s, thermal: quasi-steady, seed: 1,
                     output: {interval: 10 min, levels: [facility]}}
        servers:
          a: {catalog: dgx-a100}
          h: {catalog: dgx-h100}
        racks:
          ra: {server: a, servers: 4, cooling: air}
          rh: {server: h, servers: 2, cooling: air}
        halls:
          - {name: north, rack: ra, rows: 2, racks_per_row: 3, supply_air_temperature: 22 degC}
          - {name: south, rack: rh, rows: 1, racks_per_row: 2, supply_air_temperature: 24 degC}
        cooling:
          crah:
            - {hall: north, units: 3, capacity: 150 kW, airflow: 11 m3/s, fan_power: 7.5 kW}
            - {hall: south, units: 2, capacity: 150 kW, airflow: 11 m3/s, fan_power: 7.5 kW}
        workload:
          jobs:
            - {name: j1, hall: south, submit: 0 s, duration: 1 h, servers: 2, utilization: 0.9}
            - {name: j2, hall: north, submit: 0 s, duration: 1 h, servers: 4, utilization: 0.9}
          inference:
            - {name: chat, hall: south, servers: 1, arrival_rate_per_s: 1, flops_per_request: 1e12, latency_objective: 1 s}
        faults:
          - {component: south/crah-2, at: 10 min, duration: 20 min}
          - {component: crah, at: 1 h, duration: 5 min}
          - {component: utility, at: 30 min, duration: 1 min}
          - {component: chiller, mtbf: 5000 h, mttr: 8 h}
        """

    func spec() throws -> ScenarioSpec {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("facility-\(UUID().uuidString).yaml").path
        try Self.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ScenarioLoader.load(path: path).spec
    }

    @Test func namesAreResolvedToIndices() throws {
        let spec = try spec()
        let facility = Facility(spec)
        #expect(facility.halls.map(\.name) == ["north", "south"])
        #expect(facility.halls[0].racks == 0..<6 && facility.halls[1].racks == 6..<8)
        #expect(facility.halls[0].servers == 0..<24 && facility.halls[1].servers == 24..<28)
        #expect(facility.serverCount == 28)
        #expect(facility.halls[1].serverType.name == spec.serverType(named: "h")?.name)
        #expect(facility.halls.map { $0.crahGroups.map(\.units) } == [[3], [2]])
        #expect(facility.hallOfJob == [1, 0])
        #expect(facility.hallOfService == [1])
        #expect(facility.serverRack[24] == 6 && facility.serverRack[27] == 7)
        #expect(facility.serverName(25) == "south/r1-1/s1")
        #expect(facility.faults.map(\.target) == [.unit(.crah, hall: 1, number: 2), .everyUnit(.crah), .utility, .notSimulated])
        #expect(Facility.faultsNotSimulated(spec) == ["chiller"])
        // A hall's name may hold '/': the unit is what follows the last one.
        #expect(Facility.target(of: "site/a/crah-3", hallIndex: ["site/a": 4]) == .unit(.crah, hall: 4, number: 3))
        #expect(Facility.target(of: "site/b/crah-3", hallIndex: ["site/a": 4]) == .notSimulated)
    }

    /// A scheduled fault of a whole kind fails every unit of it (it was dropped without a word
    /// before the build step); a unit named twice is one unit with both faults.
    @Test func aScheduledKindFailsEveryUnit() throws {
        let spec = try spec()
        let facility = Facility(spec)
        let model = try FacilityThermalModel(spec: spec, facility: facility)
        var engine = EventEngine<RunEvent>(seed: 1)
        let plan = FaultPlan(facility: facility, model: model, engine: &engine)
        #expect(plan.units.map(\.name) == ["south/crah-2", "north/crah-1", "north/crah-2", "north/crah-3", "south/crah-1", "power/utility"])
        let failures = plan.initialEvents.filter { $0.failing && $0.at == 3600 }.map(\.unit)
        let repairs = plan.initialEvents.filter { !$0.failing && $0.at == 3900 }.map(\.unit)
        #expect(Set(failures) == Set(0..<5) && Set(repairs) == Set(0..<5))
        // south/crah-2 is repaired 20 min after its own failure at 10 min, not 5 min after.
        #expect(plan.initialEvents.contains { $0.unit == 0 && !$0.failing && $0.at == 1800 })
        #expect(plan.initialEvents.count == 14 && !plan.initialEvents.contains { $0.random })
    }
}

import Foundation
import Testing
@testable import Scenario
import Models

/// `halls[].airflow`: the floor plan is read with its defaults, takes its units from the hall's
/// CRAHs, and a plan that cannot be built is refused at its key.
@Suite("Hall floor plan (halls[].airflow)")
struct HallAirflowScenarioTests {
    static func scenario(airflow: String, crah: Bool = true, containment: String = "cold-aisle") -> String {
        """
        simulation: {duration: 1 h}
        servers:
          s: {catalog: dgx-h100}
        racks:
          r: {server: s, servers: 4}
        halls:
          - name: h1
            rack: r
            rows: 2
            racks_per_row: 5
            containment: \(containment)
            airflow: \(airflow)
        """ + (crah ? "\ncooling:\n  crah:\n    - {hall: h1, units: 3, capacity: 300 kW, airflow: 20 m3/s, fan_power: 5 kW}\n" : "\n")
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try ScenarioLoader.load(text: text, path: "a.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func defaultsUnitsAndRoomVolumeComeFromThePlan() throws {
        let spec = try ScenarioLoader.load(text: Self.scenario(airflow: "{gaps: [{row: 2, after_rack: 0}], tile_open_area: 40 %}"), path: "a.yaml").spec
        let plan = try #require(spec.halls[0].airflow)
        #expect(plan.coolerUnits == 3 && plan.containment == .coldAisle && plan.discharge == .downflow)
        #expect(plan.tileOpenArea == 0.4 && plan.gaps == [HallGeometry.Gap(row: 2, afterRack: 0)])
        #expect(plan.rackWidthM == 0.6 && plan.ceilingHeightM == 3 && plan.raisedFloorDepthM == 0.6)
        // No room_volume: the plan's box.
        #expect(abs(spec.halls[0].roomVolumeM3 - AirflowGrid.roomVolumeM3(plan)) < 1e-9)
        #expect(AirflowGrid(plan).racks.count == 10)
    }

    @Test func chimneyCabinetsAreADuctedHotAisle() throws {
        let spec = try ScenarioLoader.load(text: Self.scenario(airflow: "{}", containment: "chimney"), path: "a.yaml").spec
        #expect(spec.halls[0].airflow?.containment == .hotAisle && spec.halls[0].airflow?.ductedReturn == true)
    }

    @Test func planWithoutUnitsOrRoomIsRefusedAtItsKey() {
        let noUnits = errors(Self.scenario(airflow: "{}", crah: false))
        #expect(noUnits.contains { $0.contains("a.yaml:") && $0.contains("halls[0].airflow") && $0.contains("at least one cooling unit") })
        let lowCeiling = errors(Self.scenario(airflow: "{ceiling_height: 2.1 m}"))
        #expect(lowCeiling.contains { $0.contains("halls[0].airflow.ceiling_height") && $0.contains("0.3 m above the racks") })
        let gap = errors(Self.scenario(airflow: "{gaps: [{row: 3, after_rack: 1}]}"))
        #expect(gap.contains { $0.contains("halls[0].airflow.gaps[0]") && $0.contains("outside the hall's 2 rows of 5 racks") })
        let unknown = errors(Self.scenario(airflow: "{discharge: ceiling}"))
        #expect(unknown.contains { $0.contains("halls[0].airflow.discharge") && $0.contains("downflow, in-row, wall") })
    }
}

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

    /// `units`: each perimeter unit's wall and place along it, crah-1 first; as many as the hall's
    /// CRAHs, refused at the list otherwise, and at the entry for a wall the plan does not have.
    @Test func unitPlacementsAreReadAndCountedAgainstTheCRAHs() throws {
        let text = Self.scenario(airflow: "{units: [{wall: south, at: 25 %}, {wall: north}, {wall: east, at: 0.9}]}")
        let plan = try #require(try ScenarioLoader.load(text: text, path: "a.yaml").spec.halls[0].airflow)
        #expect(plan.unitPlacements == [.wall(.south, at: 0.25), .wall(.north, at: 0.5), .wall(.east, at: 0.9)])
        let short = errors(Self.scenario(airflow: "{units: [{wall: west}]}"))
        #expect(short.contains { $0.contains("a.yaml:") && $0.contains("halls[0].airflow.units") && $0.contains("places 1 units, but the hall has 3") })
        let roof = errors(Self.scenario(airflow: "{units: [{wall: roof}, {wall: west}, {wall: east}]}"))
        #expect(roof.contains { $0.contains("halls[0].airflow.units[0].wall") && $0.contains("west, east, south, north") })
        let beyond = errors(Self.scenario(airflow: "{units: [{wall: west, at: 120 %}, {wall: west}, {wall: east}]}"))
        #expect(beyond.contains { $0.contains("halls[0].airflow.units[0].at") })
        let inRow = errors(Self.scenario(airflow: "{discharge: in-row, units: [{wall: west}, {wall: west}, {wall: east}]}"))
        #expect(inRow.contains { $0.contains("halls[0].airflow.units") && $0.contains("in-row coolers stand in the rows") })
        let rowPlan = try #require(try ScenarioLoader.load(text: Self.scenario(airflow: "{discharge: in-row, units: [{row: 1, after_rack: 0}, "
                                                                             + "{row: 2, after_rack: 5}, {row: 1, after_rack: 5}]}"), path: "a.yaml").spec.halls[0].airflow)
        #expect(rowPlan.unitPlacements == [.inRow(row: 1, afterRack: 0), .inRow(row: 2, afterRack: 5), .inRow(row: 1, afterRack: 5)])
        let mixed = errors(Self.scenario(airflow: "{discharge: in-row, units: [{row: 1, wall: west}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}]}"))
        #expect(mixed.contains { $0.contains("halls[0].airflow.units[0]") && $0.contains("stands on a wall") })
        // Placements the plan cannot hold are refused before the plan is laid out (no trap).
        let outside = errors(Self.scenario(airflow: "{discharge: in-row, units: [{row: 9, after_rack: 0}, {row: 1, after_rack: 9}, {row: 2, after_rack: 1}]}"))
        #expect(outside.contains { $0.contains("halls[0].airflow.units") && $0.contains("lies outside the 2 × 5 racks") })
        let many = errors(Self.scenario(airflow: "{discharge: in-row, units: [{row: 1, after_rack: 0}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}, {row: 2, after_rack: 2}]}"))
        #expect(many.contains { $0.contains("places 4 units, but the hall has 3") })
        let noRack = errors(Self.scenario(airflow: "{discharge: in-row, units: [{row: 1}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}]}"))
        #expect(noRack.contains { $0.contains("halls[0].airflow.units[0].after_rack") && $0.contains("missing required key") })
    }
}

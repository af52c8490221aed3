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

    /// `units`: each unit's place, crah-1 first: a perimeter unit's wall and place along it, or an
    /// in-row cooler's row and the rack it follows. As many as the hall's CRAHs and of the
    /// discharge's kind, else refused at the list; a wrong entry is refused at its key; a plan
    /// that cannot hold its placements is refused before it is laid out (no trap).
    @Test func unitPlacementsAreReadAndCountedAgainstTheCRAHs() throws {
        func plan(_ airflow: String) throws -> HallGeometry {
            try #require(try ScenarioLoader.load(text: Self.scenario(airflow: airflow), path: "a.yaml").spec.halls[0].airflow)
        }
        #expect(try plan("{units: [{wall: south, at: 25 %}, {wall: north}, {wall: east, at: 0.9}]}").unitPlacements
                == [.wall(.south, at: 0.25), .wall(.north, at: 0.5), .wall(.east, at: 0.9)])
        #expect(try plan("{discharge: in-row, units: [{row: 1, after_rack: 0}, {row: 2, after_rack: 5}, {row: 1, after_rack: 5}]}").unitPlacements
                == [.inRow(row: 1, afterRack: 0), .inRow(row: 2, afterRack: 5), .inRow(row: 1, afterRack: 5)])
        let refusals: [(airflow: String, expected: [String])] = [
            ("{units: [{wall: west}]}", ["a.yaml:", "halls[0].airflow.units", "places 1 units, but the hall has 3"]),
            ("{units: [{wall: roof}, {wall: west}, {wall: east}]}", ["halls[0].airflow.units[0].wall", "west, east, south, north"]),
            ("{units: [{wall: west, at: 120 %}, {wall: west}, {wall: east}]}", ["halls[0].airflow.units[0].at"]),
            ("{discharge: in-row, units: [{wall: west}, {wall: west}, {wall: east}]}", ["halls[0].airflow.units", "in-row coolers stand in the rows"]),
            ("{discharge: in-row, units: [{row: 1, wall: west}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}]}",
             ["halls[0].airflow.units[0]", "stands on a wall"]),
            ("{discharge: in-row, units: [{row: 9, after_rack: 0}, {row: 1, after_rack: 9}, {row: 2, after_rack: 1}]}",
             ["halls[0].airflow.units", "lies outside the 2 × 5 racks"]),
            ("{discharge: in-row, units: [{row: 1, after_rack: 0}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}, {row: 2, after_rack: 2}]}",
             ["places 4 units, but the hall has 3"]),
            ("{discharge: in-row, units: [{row: 1}, {row: 1, after_rack: 1}, {row: 2, after_rack: 1}]}",
             ["halls[0].airflow.units[0].after_rack", "missing required key"]),
        ]
        for (airflow, expected) in refusals {
            let found = errors(Self.scenario(airflow: airflow))
            #expect(found.contains { line in expected.allSatisfy(line.contains) }, "\(airflow): \(found)")
        }
    }

    /// A hall fed from one end of its aisles is where the model reads row-end inlets 2-5.5 K low
    /// against the 6 × 6 × 6 CFD (docs/models/hall-airflow.md): the load warns at the units' key (or
    /// the plan's, when the default rule placed them), with the numbers; units at both ends, on a
    /// side wall or in the rows do not.
    @Test func aHallFedFromOneEndIsWarnedOf() throws {
        func warnings(_ airflow: String, crah: String? = nil) throws -> [String] {
            var text = Self.scenario(airflow: airflow)
            if let crah { text = text.replacingOccurrences(of: "units: 3,", with: crah) }
            // Only this warning: one unit for the hall's racks draws others (its capacity).
            return try ScenarioLoader.load(text: text, path: "a.yaml").warnings.map(\.description).filter { $0.contains("cooling unit stands") }
        }
        let west = try warnings("{units: [{wall: west, at: 0.2}, {wall: west, at: 0.5}, {wall: west, at: 0.8}]}")
        #expect(west.count == 1 && west[0].contains("a.yaml:") && west[0].contains("halls[0].airflow.units")
                && west[0].contains("west end") && west[0].contains("5.5 K"), "\(west)")
        let single = try warnings("{}", crah: "units: 1,")
        #expect(single.count == 1 && single[0].contains("halls[0].airflow") && single[0].contains("west end"), "\(single)")
        #expect(try warnings("{units: [{wall: east}, {wall: east, at: 0.2}, {wall: east, at: 0.8}]}").first?.contains("east end") == true)
        #expect(try warnings("{}").isEmpty)   // the default rule: both ends
        #expect(try warnings("{units: [{wall: south, at: 0.2}, {wall: south}, {wall: south, at: 0.8}]}").isEmpty)
        #expect(try warnings("{discharge: in-row}").isEmpty)
    }

    /// A raised floor whose tile flows would not settle at the units' rated air is warned of at
    /// the plan, with the floor's depth and tiles named; an ordinary floor is not.
    @Test func aPlenumThatDoesNotSettleIsWarnedOf() throws {
        func warnings(_ airflow: String) throws -> [String] {
            try ScenarioLoader.load(text: Self.scenario(airflow: airflow), path: "a.yaml").warnings.map(\.description).filter { $0.contains("settle") }
        }
        let shallow = try warnings("{raised_floor_depth: 0.3 m, tile_open_area: 90 %}")
        #expect(shallow.count == 1 && shallow[0].contains("halls[0].airflow:") && shallow[0].contains("now 0.3 m")
                && shallow[0].contains("now 90 %") && shallow[0].contains("plenum_unsettled_fraction"), "\(shallow)")
        #expect(try warnings("{}").isEmpty)
        #expect(try warnings("{raised_floor_depth: 0.3 m, tile_open_area: 90 %, discharge: wall}").isEmpty)
    }
}

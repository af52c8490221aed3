import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage
import Models

/// A starved floor plan whose mixing gain jumps when units trip, kept on its plan up to the
/// well-mixed bound (6.5 since the twentieth session).
@Suite("A starved plan whose gain jumps")
struct StarvedPlanJumpTests {
    /// A floor plan from the random plans' fuzz (seed 16000043): 40 racks in four rows, open
    /// aisles, five units on a 5 % floor in a room of 160 m³ (turned over every 3 s). At 600 s
    /// three of the four units left trip, leaving 16 m³/s for 49-68 m³/s of racks' air (gain
    /// about 5), and the hall keeps its plan. While the racks' rises reached the mixing relaxed in
    /// time, the new field mixed the rises of before into inlets of 38-53 °C, the racks' still-cool
    /// metal took 280 kW out of that air, and the room node paid for it: 33.5 → 14.8 °C in 10 s,
    /// below every stream entering it. With the racks' answer to their inlets solved with the step
    /// (`HallAirflowState.mixingRiseK`) the room stays above its 22 °C supply.
    @Test func aFieldWhoseGainJumpsDoesNotDrainTheRoom() throws {
        let sets = ["simulation.duration": "12 min", "simulation.output.interval": "5 s", "halls[0].rows": "4", "halls[0].racks_per_row": "10",
                    "cooling.crah[0].units": "5", "halls[0].containment": "none", "halls[0].airflow.discharge": "downflow",
                    "halls[0].room_volume": "160 m3", "workload.jobs[0].servers": "80", "halls[0].airflow.rack_width": "0.3 m",
                    "halls[0].airflow.rack_depth": "0.966 m", "halls[0].airflow.tile_open_area": "5 %"]
        let (summary, root, folder) = try FailureTransientTests().run(
            "crah-failure.yaml", overrides: sets.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        // Kept on its plan after the trip: no field above the bound, and starved steps counted.
        #expect(try root.openDataset("airflow/recirculating_solves").readDoubles() == [0])
        #expect(try root.openDataset("airflow/relaxed_steps").readDoubles()[0] > 0)
        let room = try root.openDataset("timeseries/hall/room_temperature_c").readDoubles()
        let supply = try root.openDataset("timeseries/hall/supply_temperature_c").readDoubles()
        let inlets = try root.openDataset("timeseries/rack/inlet_temperature_c").readDoubles()
        #expect(room.min()! > 21.9 && supply.min()! > 21.9 && inlets.min()! > 21.9,
                "room \(room.min()!) °C, supply \(supply.min()!) °C, inlets \(inlets.min()!) °C")
    }
}

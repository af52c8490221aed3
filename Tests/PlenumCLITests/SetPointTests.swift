import Foundation
import Storage
import Testing

/// A hall whose coils cannot hold the supply set point says so: events, hours, a summary line, a
/// warning with its numbers, and exit 1 under --strict (docs/models/hall-thermal.md).
@Suite("Set points that cannot be held are reported")
struct SetPointTests {
    func temporaryFolder() -> URL { PlenumProcess.temporaryFolder("setpoint") }

    /// The Shanghai hall (about 2.6 MW into the air) on 14 CRAHs of 100 kW at their rating: the
    /// coils at full valve fall short, and the run says so.
    @Test func starvedHallWarnsAndFailsUnderStrict() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("starved.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/shanghai-a100-air.yaml", "--quiet", "--strict", "-o", output,
                                            "--set", "cooling.crah[0].capacity=100 kW", "--set", "cooling.crah[0].airflow=8 m3/s",
                                            "--set", "simulation.duration=6 h"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("warning: hall-1: set points not held: CRAH coils on 12.0 °C water deliver"))
        #expect(result.standardError.contains("error: --strict: 1 set point warning(s)"))
        // The output is written all the same, with the hours, the events and the warning.
        let root = try HDF5File.open(at: output).rootGroup()
        let summary = try root.openGroup("summary")
        #expect(try summary.openDataset("hours_coil_at_full_valve").readDoubles()[0] > 1)
        #expect(try summary.stringAttribute("warnings").hasPrefix("hall-1: set points not held"))
        let kinds = try root.openGroup("events").readStringColumn("kind")
        #expect(kinds.contains("coil-at-full-valve-start"))
    }

    /// The example as shipped holds its set points: no warning, exit 0 under --strict.
    @Test func heldHallIsQuietUnderStrict() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("held.h5").path
        let result = try PlenumProcess.run(["run", "Scenarios/shanghai-a100-air.yaml", "--quiet", "--strict", "-o", output,
                                            "--set", "simulation.duration=6 h"])
        #expect(result.status == 0)
        #expect(!result.standardError.contains("set points not held"))
        let summary = try HDF5File.open(at: output).rootGroup().openGroup("summary")
        #expect(try summary.openDataset("hours_coil_at_full_valve").readDoubles()[0] == 0)
        #expect(try summary.stringAttribute("warnings") == "")
    }
}

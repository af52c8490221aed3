import Foundation
import Testing
import Scenario
@testable import Simulation
import Storage
import Models

/// The CRAH-failure example: CRAH 1 (west end) trips at 5 min, every CRAH stops at 10 min, and
/// they restart at 30 min.
@Suite("Cooling failure transients")
struct FailureTransientTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func run(_ file: String, overrides: [ScenarioComposer.Override] = []) throws -> (RunSummary, HDF5Group, URL) {
        let spec = try ScenarioLoader.load(path: Self.root.appendingPathComponent("Scenarios/\(file)").path, overrides: overrides).spec
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-failure-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("out.h5").path
        let summary = try SimulationRunner.run(spec, outputPath: path)
        return (summary, try HDF5File.open(at: path).rootGroup(), folder)
    }

    @Test func crahFailureWarmsTheRoomAtTheRateItsMassSetsThenThrottlesAndRecovers() throws {
        let (summary, root, folder) = try run("crah-failure.yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        let time = try root.openDataset("timeseries/hall/time").readDoubles()
        let room = try root.openDataset("timeseries/hall/room_temperature_c").readDoubles()
        let heat = try root.openDataset("timeseries/hall/heat_to_air_w").readDoubles()
        let structure = try root.openDataset("timeseries/hall/structure_temperature_c").readDoubles()
        let inlet = try root.openDataset("timeseries/hall/inlet_temperature_c").readDoubles()
        let at = { (t: Double) in time.firstIndex(of: t)! }
        // Before the failure the CRAHs hold the inlets in the recommended envelope.
        #expect(inlet[..<at(600)].allSatisfy { (18...27).contains($0) })
        // Just after it, with no coil, the room warms at (heat to air + G_st (T_st − T_r))/C_r:
        // 1200 m³ of air at 22 °C, and the structure of a 400 m² floor (G_st = 2·400·3 W/K).
        let capacity = 1200 * 101_325 / (287.05 * 295.15) * 1006
        let slope = (room[at(620)] - room[at(600)]) / 20
        let exchange = 2 * 400 * 3 * (structure[at(610)] - room[at(610)])
        let expected = (heat[at(610)] + exchange) / capacity
        #expect(abs(slope - expected) / expected < 0.05, "slope \(slope) K/s, expected \(expected)")

        let events = try EventTable.read(root.openGroup("events"))
        let firstThrottle = try #require(events.first { $0.kind == "throttle-start" })
        #expect(firstThrottle.timeS > 600 && firstThrottle.timeS < 900, "first GPU throttles at \(firstThrottle.timeS) s")
        #expect(events.contains { $0.kind == "repair" && $0.timeS == 1800 })
        // Recovery: after the restart the racks' inlets come down from the failure's 48-49 °C to
        // where the running hall holds them, the row ends at the A1 limit and the middle at the
        // supply (theSameHallWithoutTheFailureRunsItsRowEndsAtTheA1Limit), and nothing is
        // throttled at the end.
        let rackInlet = try root.openDataset("timeseries/rack/inlet_temperature_c").readDoubles()
        #expect(rackInlet.max()! > 45)
        let last = Array(rackInlet.suffix(20))
        #expect(last.max()! < 36.5 && [3, 4, 5, 6, 13, 14, 15, 16].allSatisfy { last[$0] < 23 }, "\(last)")
        let throttled = try root.openDataset("timeseries/facility/throttled_accelerators").readDoubles()
        #expect(throttled.last == 0)
    }

    /// With CRAH 1 tripped (at the west end, across from row 1: units alternate ends and spread
    /// across the hall), the racks nearest it warm first: row 1's west end more than its east end
    /// and more than row 2's west end (whose own CRAH still runs), and the warming falls away along
    /// row 1 to its middle from the first sample after the trip. (Row 1's east end warms a little
    /// too: more of the row's exhaust reaches it along the hot aisle.)
    @Test func racksNearestTheTrippedCRAHWarmFirst() throws {
        let (_, root, folder) = try run("crah-failure.yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The file says where the units stood: crah-1 at the west wall, a quarter of the way from
        // the south (row 1's side), the others alternating ends.
        #expect(try root.openDataset("airflow/unit_name").readStrings() == (1...4).map { "hall-1/crah-\($0)" })
        #expect(try root.openDataset("airflow/unit_wall").readStrings() == ["west", "east", "west", "east"])
        #expect(try root.openDataset("airflow/unit_position").readDoubles() == [0.25, 0.25, 0.75, 0.75])
        let time = try root.openDataset("timeseries/rack/time").readDoubles()
        let inlets = try root.openDataset("timeseries/rack/inlet_temperature_c").readDoubles()
        func inlet(_ t: Double, row: Int, position: Int) -> Double { inlets[time.firstIndex(of: t)! * 20 + (row - 1) * 10 + position - 1] }
        func warming(_ t: Double, row: Int, position: Int) -> Double { inlet(t, row: row, position: position) - inlet(240, row: row, position: position) }
        for t in [360.0, 480, 600] {
            let nearest = warming(t, row: 1, position: 1)
            #expect(nearest > warming(t, row: 1, position: 10) + 0.5 && nearest > warming(t, row: 2, position: 1) + 0.5,
                    "t = \(t) s: nearest rack +\(nearest) K")
            #expect(warming(t, row: 1, position: 1) > warming(t, row: 1, position: 3))
            #expect(warming(t, row: 1, position: 3) > warming(t, row: 1, position: 6))
            #expect(warming(t, row: 1, position: 6) < 0.1 && warming(t, row: 1, position: 10) < nearest - 1)
        }
    }

    /// Faults that overlap on one unit: every CRAH out from 10 to 15 min (a scheduled kind),
    /// and CRAH 1 again from 12 to 32 min. CRAH 1 is back when the later fault ends, at 32 min;
    /// the others at 15 min.
    @Test func aUnitHeldDownByTwoFaultsReturnsWhenTheLaterEnds() throws {
        let faults = "[{component: crah, at: 10 min, duration: 5 min}, {component: hall-1/crah-1, at: 12 min, duration: 20 min}]"
        let (_, root, folder) = try run("crah-failure.yaml", overrides: [.init(keyPath: "faults", value: faults)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let events = try EventTable.read(root.openGroup("events")).filter { $0.kind == "failure" || $0.kind == "repair" }
        #expect(events.filter { $0.kind == "failure" }.map(\.timeS) == [600, 600, 600, 600])
        #expect(events.filter { $0.kind == "repair" }.map { "\($0.component)@\(Int($0.timeS))" }
                == ["hall-1/crah-2@900", "hall-1/crah-3@900", "hall-1/crah-4@900", "hall-1/crah-1@1920"])
    }

    /// Without the failure the same hall never throttles, and only its row ends leave ASHRAE A1:
    /// they sit at 35.8 °C, above its 32 °C, all along. The tiles' jets rise past them, and
    /// the rows' exhaust runs along the hot aisles and wraps round the row ends
    /// (docs/models/hall-airflow.md, "Jet momentum as direction", "Row-end wrap"). CFD of this
    /// hall four minutes in puts them at 30.4-31.7 °C on its coarse grid and 27.4-29.3 °C on its
    /// finest, where the model has 32.1 °C (HallAirflowCFDTests): 2.8-4.7 K warm there, a hall
    /// the row-end wrap fits worse than the seven it was fitted to (30.2 °C before it). The
    /// middle of each row stays at the supply.
    @Test func theSameHallWithoutTheFailureRunsItsRowEndsAtTheA1Limit() throws {
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: [.init(keyPath: "faults", value: "[]")])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(summary.throttleEvents == 0 && summary.shutdowns == 0)
        let aboveA1 = try root.openDataset("airflow/hours_above_a1").readDoubles()
        #expect(summary.hoursOutsideA1 == aboveA1.max() && aboveA1.indices.allSatisfy { [0, 9, 10, 19].contains($0) || aboveA1[$0] == 0 })
        let peak = try root.openDataset("airflow/peak_inlet_temperature_c").readDoubles()
        // The hall's hottest inlet, which its envelope events and the summary follow, is the
        // hottest of its racks' (it comes with the mixing's solve, not from a pass over them).
        #expect(summary.peakInletC == peak.max())
        // The run says how far a held inlet may be from the mixing's solution, and how often the
        // inlets were solved: at least once, and not in every one of its 5 s steps.
        #expect(try root.openGroup("airflow").attribute("inlet_hold_k") == .double(HallAirflowState.heldK))
        let solves = try root.openDataset("airflow/inlet_solves").readDoubles(), steps = summary.simulatedDurationS / 5
        #expect(solves.count == 1 && solves[0] >= 1 && solves[0] < steps, "\(solves) of \(steps) steps")
        // Row ends (positions 1 and 10) at 35-36.5 °C, the middle (positions 4-7) within 1 K of the supply.
        for row in 0..<2 {
            #expect((35...36.5).contains(peak[row * 10]) && (35...36.5).contains(peak[row * 10 + 9]), "\(peak)")
            for position in 3..<7 { #expect(peak[row * 10 + position] < 23) }
        }
    }

    /// The CFD figures a run reports cover downflow halls with open or cold-aisle-contained aisles:
    /// this hall is one (its file says so), and the same hall with in-row coolers is not, which the
    /// file and the summary say.
    @Test func aRunSaysWhetherItsFloorPlanIsAmongTheCFDReferences() throws {
        let short: [ScenarioComposer.Override] = [.init(keyPath: "faults", value: "[]"), .init(keyPath: "simulation.duration", value: "2 min")]
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: short)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(summary.floorPlanHallsOutsideCFD.isEmpty)
        #expect(try root.openDataset("airflow/cfd_coverage").readStrings() == ["within the CFD references"])
        #expect(try root.openGroup("airflow").attribute("inlet_error_covers") == .string(HallAirflow.AgreementWithCFD.covers))
        // Each rack's position in its row and the error there: two rows of ten, ends, their
        // neighbours and six inner racks each.
        let positions = try root.openDataset("airflow/rack_position").readStrings()
        let row = ["row end", "beside a row end"] + Array(repeating: "inner", count: 6) + ["beside a row end", "row end"]
        #expect(positions == row + row)
        #expect(try root.openDataset("airflow/position_inlet_error_worst_k").readDoubles()
                == positions.map { HallAirflow.AgreementWithCFD.finerGridErrorK(at: RackPosition(rawValue: $0)!).worst })
        // And how uncertain the finest CFD itself is there, and what it decides (twenty-sixth session).
        #expect(try root.openDataset("airflow/position_cfd_uncertainty_k").readDoubles()
                == positions.map { HallAirflow.AgreementWithCFD.FinestGridVerdict.referenceUncertaintyK(at: RackPosition(rawValue: $0)!) })
        #expect(try root.openGroup("airflow").attribute("inlet_error_proven_worst_k")
                == .double(HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorK))
        let inRow = short + [.init(keyPath: "halls[0].airflow.units", value: "null"), .init(keyPath: "halls[0].airflow.discharge", value: "in-row")]
        let (other, otherRoot, otherFolder) = try run("crah-failure.yaml", overrides: inRow)
        defer { try? FileManager.default.removeItem(at: otherFolder) }
        #expect(other.floorPlanHallsOutsideCFD == ["hall-1 (in-row coolers)"])
        #expect(try otherRoot.openDataset("airflow/cfd_coverage").readStrings() == ["outside the CFD references: in-row coolers"])
    }

    /// A raised floor whose tile flows never settle (0.1 m under 90 % grates) is reported by the
    /// run: a warning with the figure, and `/airflow/plenum_unsettled_*`; the example's own floor
    /// settles at every operating point.
    @Test func aPlenumThatDoesNotSettleIsReportedByTheRun() throws {
        let short = ScenarioComposer.Override(keyPath: "simulation.duration", value: "10 min")
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: [short, .init(keyPath: "halls[0].airflow.raised_floor_depth", value: "0.1 m"),
                                                                               .init(keyPath: "halls[0].airflow.tile_open_area", value: "90 %")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let solves = try root.openDataset("airflow/flow_solves").readDoubles()
        #expect(try root.openDataset("airflow/plenum_unsettled_solves").readDoubles() == solves)
        let fraction = try root.openDataset("airflow/plenum_unsettled_fraction").readDoubles()[0]
        #expect(fraction > FloorPlenum.tolerance)
        let warning = summary.warnings.first { $0.contains("tile flows did not settle") }
        #expect(warning?.hasPrefix("hall-1: ") == true && warning?.contains("in \(Int(solves[0])) of \(Int(solves[0])) flow solves") == true,
                "\(summary.warnings)")
        let (ordinary, ordinaryRoot, other) = try run("crah-failure.yaml", overrides: [short])
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(try ordinaryRoot.openDataset("airflow/plenum_unsettled_fraction").readDoubles() == [0])
        #expect(!ordinary.warnings.contains { $0.contains("settle") })
    }

    /// The example with six in-row coolers: when four stop at 10 minutes, the racks at the rows'
    /// far end draw only their own exhaust in the flow field. The run used to stop there on a
    /// server network with a non-finite matrix (inlets of −800 °C from an unbounded mixing); it
    /// now takes those operating points as a well-mixed room, says so, and balances its energy.
    @Test func closedRecirculationRunsAsAWellMixedRoom() throws {
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: [.init(keyPath: "cooling.crah[0].units", value: "6"),
                                                                               .init(keyPath: "halls[0].airflow.discharge", value: "in-row"),
                                                                               .init(keyPath: "simulation.duration", value: "15 min")])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        #expect(try root.openDataset("airflow/recirculating_solves").readDoubles()[0] > 0)
        #expect(try root.openDataset("airflow/largest_mixing_gain").readDoubles()[0] > HallAirflow.largestMixingGain)
        #expect(summary.warnings.contains { $0.hasPrefix("hall-1: in ") && $0.contains("well-mixed room") }, "\(summary.warnings)")
        let inlets = try root.openDataset("airflow/peak_inlet_temperature_c").readDoubles()
        #expect(inlets.allSatisfy { (18...80).contains($0) }, "\(inlets)")
    }

    /// The example with its units starved (2.5 m³/s each, a third of the racks' air, and no
    /// faults): its fields' mixing gains reach 3.2, where runs took the room as well mixed until
    /// the seventeenth session (the bound was 2; CFD of such halls is closer to the floor plan's
    /// mixing, `starvedHallsMixAsTheirCFDDoesNotAsAWellMixedRoom`). The run keeps each rack's own
    /// inlet, solves the racks' answer to their inlets with the step above a gain of 1, and closes
    /// its energy balance.
    @Test func aStarvedHallKeepsItsFloorPlan() throws {
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: [.init(keyPath: "simulation.duration", value: "12 min"),
                                                                               .init(keyPath: "faults", value: "[]"),
                                                                               .init(keyPath: "cooling.crah[0].airflow", value: "2.5 m3/s"),
                                                                               .init(keyPath: "cooling.crah[0].capacity", value: "40 kW")])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        #expect(try root.openDataset("airflow/recirculating_solves").readDoubles() == [0])
        #expect(try root.openDataset("airflow/relaxed_steps").readDoubles()[0] > 0)
        #expect(!summary.warnings.contains { $0.contains("well-mixed room") }, "\(summary.warnings)")
        #expect(summary.warnings.contains { $0.hasPrefix("hall-1: in ") && $0.contains("as close to CFD as in starved halls, 1.5-4.1 K") },
                "\(summary.warnings)")
        #expect(summary.floorPlanHallsStarved == ["hall-1"] && summary.starvedAgreement.hasPrefix("1.5-4.1 K on average and up to 9.1 K"))
        // Each rack its own inlet: the row ends warmer than the middle, not one room temperature.
        let peaks = try root.openDataset("airflow/peak_inlet_temperature_c").readDoubles()
        #expect(peaks.allSatisfy { (18...90).contains($0) }, "\(peaks)")
        #expect(peaks.max()! - peaks.min()! > 1, "\(peaks)")
    }

    /// The starved example's inlets are nearly the same on steps of 2 s and 20 s: peaks within
    /// 0.45 K, 12-minute means within 0.75 K, against 11 K between its racks (0.43 and 0.76 K
    /// while the racks' rises were relaxed in time, until the twentieth session; 0.40 and 0.56 K
    /// while the relaxation began at a gain of 2, before the eighteenth).
    @Test func aStarvedHallsInletsHardlyDependOnTheStep() throws {
        func inlets(_ step: String) throws -> (peak: [Double], mean: [Double]) {
            let (_, root, folder) = try run("crah-failure.yaml", overrides: [.init(keyPath: "simulation.duration", value: "12 min"),
                                                                             .init(keyPath: "faults", value: "[]"),
                                                                             .init(keyPath: "cooling.crah[0].airflow", value: "2.5 m3/s"),
                                                                             .init(keyPath: "cooling.crah[0].capacity", value: "40 kW"),
                                                                             .init(keyPath: "simulation.time_step", value: step)])
            defer { try? FileManager.default.removeItem(at: folder) }
            return (try root.openDataset("airflow/peak_inlet_temperature_c").readDoubles(),
                    try root.openDataset("airflow/mean_inlet_temperature_c").readDoubles())
        }
        let fine = try inlets("2 s"), coarse = try inlets("20 s")
        #expect(zip(fine.peak, coarse.peak).map { abs($0 - $1) }.max()! < 0.5)
        #expect(zip(fine.mean, coarse.mean).map { abs($0 - $1) }.max()! < 0.8)
        #expect(fine.peak.max()! - fine.peak.min()! > 10)
    }

    /// A floor plan from the random plans' fuzz (Tests/fuzz/floorplans.py, seed 7000153): 17 racks
    /// in a contained cold aisle fed by seven units round the walls, their units starved, mixing
    /// gain 2.75. With the racks' rises read directly, each step's inlets answered the last step's
    /// rises with an error −ε·2.75 times as large, and the run stopped on a non-finite server
    /// network at 290-695 s; with their answer to the inlets solved with the step (relaxed in time
    /// until the twentieth session), it runs and closes its energy balance.
    @Test func aStarvedFloorPlanDoesNotOscillate() throws {
        let sets = ["simulation.duration": "12 min", "halls[0].rows": "1", "halls[0].racks_per_row": "17", "cooling.crah[0].units": "7",
                    "halls[0].containment": "cold-aisle", "halls[0].room_volume": "68 m3", "workload.jobs[0].servers": "68",
                    "halls[0].airflow.cold_aisle_width": "2.11 m", "halls[0].airflow.hot_aisle_width": "5.22 m",
                    "halls[0].airflow.leakage_area": "100 m2", "halls[0].airflow.rack_height": "2 m", "halls[0].airflow.ceiling_height": "2.3 m",
                    "halls[0].airflow.gaps": "[{row: 1, after_rack: 14}]",
                    "halls[0].airflow.units": "[{wall: north, at: 0.65}, {wall: west, at: 0.87}, {wall: south, at: 0.38}, {wall: west, at: 0.95}, "
                        + "{wall: north, at: 0.13}, {wall: west, at: 0.37}, {wall: south, at: 0.96}]",
                    "cooling.crah[0].airflow": "5 m3/s", "cooling.crah[0].capacity": "75 kW"]
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: sets.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        #expect(try root.openDataset("airflow/relaxed_steps").readDoubles()[0] > 0)
        let peaks = try root.openDataset("airflow/peak_inlet_temperature_c").readDoubles()
        #expect(peaks.allSatisfy { (18...120).contains($0) }, "\(peaks)")
    }

    /// Two floor plans from the random plans' fuzz whose inlets swung from step to step once the
    /// example's units tripped, found by its check of air colder than any source of cold
    /// (docs/reliability.md). Seed 7000088: one unit of five left, the racks' fans answering
    /// the inlets moved the mixing gain across the well-mixed bound (4) every step, and the hall
    /// switched between the plan's inlets and the well-mixed room's (25 against 50-80 °C), the
    /// swing growing to inlets of 12 °C. Seed 7000439: one rack whose gain swung across 2, where
    /// the relaxation of its rise began, read directly at 1.9; its inlet went 55, 25, 60, 21 °C.
    /// Now the well-mixed room holds until the gain falls below the return bound (3 while the
    /// well-mixed bound was 4, 4.5 since it is 6.5), and above a gain of 1 the racks' answer to
    /// their inlets is solved with the step: no inlet falls below the 22 °C supply, and the
    /// inlets settle after the trips.
    @Test func floorPlansWhoseFansMoveTheirGainDoNotSwingFromStepToStep() throws {
        let fuzzed: [[String: String]] = [
            ["halls[0].rows": "2", "halls[0].racks_per_row": "30", "cooling.crah[0].units": "5", "halls[0].containment": "hot-aisle",
             "halls[0].airflow.discharge": "wall", "halls[0].room_volume": "720 m3", "workload.jobs[0].servers": "80",
             "halls[0].airflow.rack_width": "1.5 m", "halls[0].airflow.rack_depth": "1.25 m", "halls[0].airflow.hot_aisle_width": "1.3 m",
             "halls[0].airflow.end_clearance": "9.76 m", "halls[0].airflow.rack_height": "0.5 m", "halls[0].airflow.ceiling_height": "12 m",
             "halls[0].airflow.gaps": "[{row: 2, after_rack: 28}]",
             "halls[0].airflow.units": "[{wall: west, at: 0.30}, {wall: west, at: 0.65}, {wall: south, at: 0.95}, {wall: east, at: 0.75}, {wall: north, at: 0.09}]"],
            ["halls[0].rows": "1", "halls[0].racks_per_row": "1", "cooling.crah[0].units": "5", "halls[0].containment": "chimney",
             "halls[0].room_volume": "120 m3", "workload.jobs[0].servers": "4", "halls[0].airflow.end_clearance": "9.97 m",
             "halls[0].airflow.raised_floor_depth": "0.1 m", "halls[0].airflow.gaps": "[{row: 1, after_rack: 1}]",
             "cooling.crah[0].airflow": "0.5 m3/s", "cooling.crah[0].capacity": "7.5 kW"],
        ]
        for sets in fuzzed {
            let all = sets.merging(["simulation.duration": "12 min", "simulation.output.interval": "5 s"]) { a, _ in a }
            let (summary, root, folder) = try run("crah-failure.yaml", overrides: all.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
            let time = try root.openDataset("timeseries/hall/time").readDoubles()
            let inlet = try root.openDataset("timeseries/hall/inlet_temperature_c").readDoubles()
            #expect(inlet.min()! > 21.9, "\(sets["halls[0].rows"]!) rows: \(inlet.min()!)")
            // Half a minute after the second trip (10 min) the inlets move by under 3 K a step.
            let settled = (1..<inlet.count).filter { time[$0] >= 630 }.map { abs(inlet[$0] - inlet[$0 - 1]) }
            #expect(!settled.isEmpty && settled.max()! < 3, "\(sets["halls[0].rows"]!) rows: \(settled.max() ?? .nan)")
        }
    }

    /// A floor plan from the random plans' fuzz (seed 9000296): 60 racks on 0.5 m under a 1 m
    /// ceiling in a room of 240 m³ (4 m³ a rack, turned over every 2.3 s), five units of which
    /// one is left at 10 min. In the step after the trip the plan's mixing, at a gain of 3.8,
    /// multiplied the racks' rises (relaxed in time then) into inlets of 40-84 °C, hotter than any exhaust of
    /// the run (65 °C); the racks' metal took 1.4 MW from that air, the room fell from 33 to
    /// 5.6 °C within the 5 s step and the next step's inlets were 6 °C under a 22 °C supply. Now
    /// each step's inlets lie between the coldest and the hottest of the supply, the racks' last
    /// exhaust and their intakes' metal (`HallAirflowState.mixingBounds`).
    @Test func aStarvedPlansInletsLieBetweenItsColdestAndHottestAir() throws {
        let sets = ["simulation.duration": "12 min", "simulation.output.interval": "5 s", "simulation.output.intervals.rack": "5 s",
                    "halls[0].rows": "6", "halls[0].racks_per_row": "10", "cooling.crah[0].units": "5", "halls[0].containment": "cold-aisle",
                    "halls[0].room_volume": "240 m3", "workload.jobs[0].servers": "80", "halls[0].airflow.tile_open_area": "5 %",
                    "halls[0].airflow.rack_height": "0.5 m", "halls[0].airflow.ceiling_height": "1 m",
                    "halls[0].airflow.units": "[{wall: north, at: 0.97}, {wall: east, at: 0.82}, {wall: south, at: 0.34}, {wall: west, at: 0.59}, "
                        + "{wall: north, at: 0.03}]"]
        let (summary, root, folder) = try run("crah-failure.yaml", overrides: sets.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(abs(summary.energyBalanceRelativeError) < 1e-6)
        #expect(try root.openDataset("airflow/limited_steps").readDoubles()[0] >= 1)
        let room = try root.openDataset("timeseries/hall/room_temperature_c").readDoubles()
        let inlets = try root.openDataset("timeseries/rack/inlet_temperature_c").readDoubles()
        let exhausts = try root.openDataset("timeseries/rack/exhaust_temperature_c").readDoubles()
        #expect(room.min()! > 21.9 && inlets.min()! > 21.9, "room \(room.min()!) °C, inlets \(inlets.min()!) °C")
        #expect(inlets.max()! <= exhausts.max()!, "inlets to \(inlets.max()!) °C, exhaust to \(exhausts.max()!) °C")
    }

    /// The crah-failure example in a room of 100 m³ (5 m³ a rack) on 30 s steps: its racks' air
    /// turns the room over every 3 s, and with their heat held over a step the room's error came
    /// back 10 times larger and of the other sign; the run stopped at 660 s with the room at
    /// −244 °C. Now each step is cut into pieces no longer than the room takes to answer its
    /// racks (`HallThermal.roomResponseTimeS`), and the run follows a 1 s step's.
    @Test func aRoomFasterThanTheStepIsSteppedInPieces() throws {
        func hall(_ step: String) throws -> (summary: RunSummary, room: [Double], inlet: [Double]) {
            let sets = ["simulation.duration": "20 min", "halls[0].room_volume": "100 m3", "simulation.time_step": step,
                        "simulation.output.interval": "30 s"]
            let (summary, root, folder) = try run("crah-failure.yaml", overrides: sets.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
            defer { try? FileManager.default.removeItem(at: folder) }
            return (summary, try root.openDataset("timeseries/hall/room_temperature_c").readDoubles(),
                    try root.openDataset("timeseries/hall/inlet_temperature_c").readDoubles())
        }
        let coarse = try hall("30 s"), fine = try hall("1 s")
        #expect(coarse.summary.cutCouplingSteps > 0 && fine.summary.cutCouplingSteps == 0)
        #expect(abs(coarse.summary.energyBalanceRelativeError) < 1e-6)
        #expect(abs(coarse.room.max()! - fine.room.max()!) < 0.5 && abs(coarse.inlet.max()! - fine.inlet.max()!) < 0.5)
        #expect(zip(coarse.room, fine.room).map { abs($0 - $1) }.max()! < 1.5)
        #expect(coarse.room.min()! > 21.9, "\(coarse.room.min()!) °C")
    }

    /// The cdu-failure example with CDUs of 5 kW (its loop's water sized for them, 65 times under
    /// its plates' load) on 30 s steps: its 80 servers answer a coolant 1 K warmer with 1.8 MJ
    /// less heat over a step, against a loop of 83 kJ/K, and with their heat held over a step the
    /// loop's error came back 21 times larger and of the other sign: the run stopped at 210 s with
    /// the loop at −231 °C. Now each step is cut into pieces the loop follows
    /// (`FacilityThermalModel.loopLongestPieceS`), and the run follows a 1 s step's.
    @Test func aLoopFasterThanTheStepIsSteppedInPieces() throws {
        func loop(_ step: String) throws -> (summary: RunSummary, loop: [Double]) {
            let sets = ["simulation.duration": "20 min", "cooling.cdu[0].capacity": "5 kW", "simulation.time_step": step,
                        "simulation.output.interval": "30 s"]
            let (summary, root, folder) = try run("cdu-failure.yaml", overrides: sets.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) })
            defer { try? FileManager.default.removeItem(at: folder) }
            return (summary, try root.openDataset("timeseries/hall/loop_supply_temperature_c").readDoubles())
        }
        let coarse = try loop("30 s"), fine = try loop("1 s")
        #expect(coarse.summary.cutCouplingSteps >= 40)
        #expect(abs(coarse.summary.energyBalanceRelativeError) < 1e-6)
        #expect(zip(coarse.loop, fine.loop).map { abs($0 - $1) }.max()! < 0.5)
        #expect(coarse.loop.min()! > 31 && coarse.loop.max()! < 34, "\(coarse.loop.min()!)-\(coarse.loop.max()!) °C")
    }

    /// A floor-plan hall whose units deliver under 5 % of the racks' air throughout runs as a
    /// well-mixed room, took no inlet from its plan, and the summary does not quote the plan's
    /// agreement with CFD for it (`floorPlanHalls`); the example itself does.
    @Test func aHallThatRanWellMixedThroughoutIsNotQuotedAgainstCFD() throws {
        let short = ScenarioComposer.Override(keyPath: "simulation.duration", value: "12 min")
        let (starved, _, a) = try run("crah-failure.yaml", overrides: [short, .init(keyPath: "cooling.crah[0].airflow", value: "0.5 m3/s"),
                                                                       .init(keyPath: "cooling.crah[0].capacity", value: "7.5 kW")])
        let (normal, _, b) = try run("crah-failure.yaml", overrides: [short])
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        #expect(starved.floorPlanHalls == 0 && normal.floorPlanHalls == 1)
    }

    /// Halving the coolant flow makes the junctions hotter than with both CDUs running.
    @Test func cduPumpLossWarmsTheJunctions() throws {
        let (failed, _, a) = try run("cdu-failure.yaml")
        let (normal, _, b) = try run("cdu-failure.yaml", overrides: [.init(keyPath: "faults", value: "[]")])
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        #expect(failed.peakJunctionC > normal.peakJunctionC + 1)
        #expect(abs(failed.energyBalanceRelativeError) < 1e-6)
    }
}

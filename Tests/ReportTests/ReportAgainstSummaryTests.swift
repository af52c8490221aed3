import Foundation
import Models
import Scenario
import Storage
import Testing
@testable import Report
@testable import Simulation

/// Runs the repository's scenarios into temporary files once for the suite.
enum ReportRuns {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-report-\(UUID().uuidString)")
    /// The suites share the runs, so none of them can remove the folder; the test process does
    /// when it exits.
    private static let removedAtExit: Void = {
        atexit { try? FileManager.default.removeItem(at: ReportRuns.folder) }
    }()

    /// `Scenarios/<name>.yaml` with overrides, run once, path of its file.
    static func run(_ name: String, _ overrides: [String: String] = [:], as label: String? = nil) throws -> String {
        let output = folder.appendingPathComponent("\(label ?? name).h5").path
        if FileManager.default.fileExists(atPath: output) { return output }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = removedAtExit
        let spec = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/\(name).yaml").path,
                                           overrides: overrides.sorted { $0.key < $1.key }.map { .init(keyPath: $0.key, value: $0.value) }).spec
        _ = try SimulationRunner.run(spec, outputPath: output)
        return output
    }

    /// The `data-key`/`data-value` pairs of a page.
    static func values(in html: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(html)
        while let key = rest.range(of: "data-key=\"") {
            rest = rest[key.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let name = String(rest[..<end])
            guard let value = rest.range(of: "data-value=\""), let valueEnd = rest[value.upperBound...].firstIndex(of: "\"") else { break }
            out[name] = String(rest[value.upperBound..<valueEnd])
            rest = rest[valueEnd...]
        }
        return out
    }
}

@Suite("Reports hold the file's numbers", .serialized)
struct ReportAgainstSummaryTests {
    @Test("Every key figure of the page equals /summary, and the months add up to the totals")
    func keyFiguresEqualSummary() throws {
        let path = try ReportRuns.run("shanghai-a100-air", ["simulation.duration": "33 days"], as: "shanghai-33d")
        let run = try RunFile(path: path)
        let html = RunReport(run: run).page().render()
        let shown = ReportRuns.values(in: html)
        var compared = 0
        for key in RunReport.keyFigures {
            guard let column = run.summary[key], column.shape.isEmpty else { continue }
            #expect(shown[key] == "\(column.scalar)".replacingOccurrences(of: "nan", with: "NaN"), "\(key)")
            compared += 1
        }
        #expect(compared >= 25)
        // Independently of the page: the file's summary, read by the storage layer.
        let file = try HDF5File.open(at: path)
        let pue = try file.rootGroup().openGroup("summary").openDataset("pue").readDoubles()[0]
        #expect(shown["pue"] == "\(pue)")
        // The monthly table: January and February hold the 33 days; their energy adds up to the total.
        let facility = run.summary.numbers("monthly_facility_energy_j"), hours = run.summary.numbers("monthly_simulated_hours")
        #expect(abs(hours.reduce(0, +) - 792) < 1e-6)
        #expect(abs(facility.reduce(0, +) - run.summary.number("facility_energy_j")) <= 1e-9 * run.summary.number("facility_energy_j"))
        #expect(abs(run.summary.numbers("monthly_water_kg").reduce(0, +) - run.summary.number("water_kg")) <= 1e-9 * run.summary.number("water_kg"))
        #expect(abs(run.summary.numbers("monthly_energy_cost").reduce(0, +) - run.summary.number("energy_cost")) <= 1e-9 * run.summary.number("energy_cost"))
        #expect(abs(run.summary.numbers("monthly_free_cooling_hours").reduce(0, +) - run.summary.number("free_cooling_hours")) < 1e-6)
        #expect(shown["monthly_pue[2]"] == "\(run.summary.numbers("monthly_pue")[1])")
        // Every section is there, and the page needs no network.
        for id in ["figures", "energy-flow", "monthly", "timeseries", "floor-plan", "events", "jobs", "inputs"] {
            #expect(html.contains("<section id=\"\(id)\""), "\(id)")
        }
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("https://"))
    }

    @Test("The energy flow's bars add up to the facility's energy")
    func energyFlowAddsUp() throws {
        let run = try RunFile(path: try ReportRuns.run("shanghai-a100-air", ["simulation.duration": "33 days"], as: "shanghai-33d"))
        let html = RunReport(run: run).energyFlowSection()
        var facility = 0.0
        var rest = Substring(html)
        while let r = rest.range(of: "data-bar=\"Facility\" data-label=\"") {
            rest = rest[r.upperBound...]
            let value = rest.range(of: "data-value=\"")!
            let end = rest[value.upperBound...].firstIndex(of: "\"")!
            facility += Double(rest[value.upperBound..<end])!
        }
        let unit = QuantityFormat.EnergyUnit.fitting(run.summary.number("facility_energy_j"))
        #expect(abs(facility * unit.joules - run.summary.number("facility_energy_j")) <= 1e-6 * run.summary.number("facility_energy_j"))
    }

    @Test("Times are labelled on the site's clock: a +08:00 run starts at local midnight")
    func localTime() throws {
        let run = try RunFile(path: try ReportRuns.run("shanghai-a100-air", ["simulation.duration": "33 days"], as: "shanghai-33d"))
        #expect(run.clock.offsetS == 8 * 3600)
        #expect(run.clock.local(0) == "2026-01-01 00:00 (+08:00)")
        let html = RunReport(run: run).timeSeriesSection()
        #expect(html.contains("data-local-origin=\"\(run.clock.localOriginS)\""))
    }

    @Test("A floor plan's page says how far its inlets are from CFD and where its units stand; a one-node page does not")
    func floorPlanStatesItsErrorAgainstCFD() throws {
        let floorPlan = RunReport(run: try RunFile(path: try ReportRuns.run("crah-failure"))).page().render()
        #expect(ReportRuns.values(in: floorPlan)["inlet_error_against_cfd_mean_k"] == "\(HallAirflow.AgreementWithCFD.meanAbsoluteErrorK)")
        // And the reference's own error beside it: the two CFD grids' difference.
        #expect(floorPlan.contains(String(format: "the two CFD grids differ by %.1f K on average and %.1f K at worst",
                                          HallAirflow.AgreementWithCFD.referenceGridDifferenceMeanK,
                                          HallAirflow.AgreementWithCFD.referenceGridDifferenceWorstK)))
        // And where its units stand (/airflow's unit axis).
        #expect(floorPlan.contains("Cooling units: crah-1 on the west wall at 25 %; crah-2 on the east wall at 25 %; "
                                   + "crah-3 on the west wall at 75 %; crah-4 on the east wall at 75 %."))
        let oneNode = RunReport(run: try RunFile(path: try ReportRuns.run("shanghai-a100-air", ["simulation.duration": "33 days"], as: "shanghai-33d")))
            .page().render()
        // And by the racks' positions in their rows, the least certain first.
        let rowEnd = HallAirflow.AgreementWithCFD.finerGridErrorK(at: .rowEnd)
        #expect(floorPlan.contains(String(format: "against the 6 x 6 x 6 CFD: row end %.1f K on average, %.1f K at worst (the finest CFD itself "
                                          + "uncertain by %.1f K there); beside a row end", rowEnd.mean, rowEnd.worst,
                                          HallAirflow.AgreementWithCFD.FinestGridVerdict.referenceUncertaintyK(at: .rowEnd))))
        // And what the finest CFD can decide with its own uncertainty.
        #expect(floorPlan.contains(String(format: "the largest error it proves at a rack is %.1f K, at ",
                                          HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorK)
                                   + HallAirflow.AgreementWithCFD.FinestGridVerdict.largestProvenErrorAt))
        // And the finest grid's agreement beside the others.
        #expect(floorPlan.contains(String(format: "%.1f K and %.1f K against the finest (8 x 8 x 8)",
                                          HallAirflow.AgreementWithCFD.finestGridMeanAbsoluteErrorK, HallAirflow.AgreementWithCFD.finestGridWorstErrorK)))
        #expect(!oneNode.contains("inlet_error_against_cfd_mean_k") && !oneNode.contains("Cooling units:") && !oneNode.contains("rack_position"))
        #expect(!floorPlan.contains("data-key=\"relaxed_steps\""))
    }

    @Test("A starved floor plan's page says its inlets carry the starved halls' agreement with CFD")
    func starvedFloorPlanSaysSo() throws {
        let starved = ["simulation.duration": "12 min", "faults": "[]", "cooling.crah[0].airflow": "2.5 m3/s", "cooling.crah[0].capacity": "40 kW"]
        let page = RunReport(run: try RunFile(path: try ReportRuns.run("crah-failure", starved, as: "crah-failure-starved"))).page().render()
        #expect(page.contains("data-key=\"relaxed_steps\">In ") && page.contains("as far from CFD as starved halls'"))
    }
}

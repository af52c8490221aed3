import Foundation
import Testing
@testable import Report

@Suite("plenum compare and plenum export", .serialized)
struct CompareAndExportTests {
    @Test("Air against liquid cooling: PUE, energy and cost differences are the two summaries'")
    func airAgainstLiquid() throws {
        // The same hall, servers and job in Ulanqab, with cold plates and with air
        // (Scenarios/ulanqab-h100-air.yaml extends the liquid-cooled one).
        let air = try RunFile(path: try ReportRuns.run("ulanqab-h100-air", ["simulation.duration": "3 days"], as: "ulanqab-air-3d"))
        let liquid = try RunFile(path: try ReportRuns.run("ulanqab-h100-dlc", ["simulation.duration": "3 days"], as: "liquid-3d"))
        let comparison = RunComparison(runs: [air, liquid])
        let rows = Dictionary(uniqueKeysWithValues: comparison.rows(all: true).map { ($0.key, $0) })
        for key in ["pue", "facility_energy_j", "energy_cost", "total_cost", "it_energy_j", "cooling_energy_j"] {
            let a = air.summary.number(key), b = liquid.summary.number(key)
            #expect(rows[key]?.values == [a, b], "\(key)")
            #expect(rows[key]?.differences == [b - a], "\(key)")
            #expect(rows[key]?.ratios == [b / a], "\(key)")
        }
        let shown = ReportRuns.values(in: comparison.page().render())
        #expect(shown["difference:pue[1]"] == "\(liquid.summary.number("pue") - air.summary.number("pue"))")
        let text = comparison.text()
        #expect(text.contains("pue") && text.contains("Inputs that differ"))
        let differences = ScenarioDifferences.between([air.scenarioText, liquid.scenarioText])
        #expect(differences.contains { $0.path == "racks.h100-dlc.cooling" && $0.values == ["air", "direct-liquid"] })
        #expect(!differences.contains { $0.path.hasPrefix("site") })
        // The point of the example: server fans count as IT, so the air hall's PUE can be the
        // lower one while its facility energy is the higher one.
        #expect(air.summary.number("server_fan_energy_j") > 2 * liquid.summary.number("server_fan_energy_j"))
    }

    @Test("Inputs that differ are found key by key")
    func scenarioDifferences() {
        let a = "halls:\n  - name: h1\n    rows: 4\ncooling:\n  type: air\n"
        let b = "halls:\n  - name: h1\n    rows: 6\ncooling:\n  type: liquid\n  loop: warm\n"
        let d = ScenarioDifferences.between([a, b])
        #expect(d.map(\.path) == ["cooling.loop", "cooling.type", "halls[0].rows"])
        #expect(d[2].values == ["4", "6"])
        #expect(d[0].values == ["", "warm"])
    }

    @Test("Every table as CSV: units in headers, local time beside UTC, values exact")
    func csvExport() throws {
        let path = try ReportRuns.run("shanghai-a100-air", ["simulation.duration": "3 days"], as: "air-3d")
        var tables: [String: String] = [:]
        try CSVExport.tables(of: path) { tables[$0.fileName] = $0.text }
        for name in ["summary.csv", "summary_month.csv", "timeseries_facility.csv", "timeseries_hall_by_hall.csv", "events.csv", "jobs.csv"] {
            #expect(tables[name] != nil, "\(name)")
        }
        let facility = tables["timeseries_facility.csv"]!.split(separator: "\n")
        #expect(facility[0].hasPrefix("time [seconds since 2025-12-31T16:00:00Z],utc,local,"))
        #expect(facility[0].contains("it_power_w [W]"))
        #expect(facility[1].hasPrefix("0.0,2025-12-31T16:00:00Z,2026-01-01T00:00:00+08:00,"))
        let run = try RunFile(path: path)
        let header = facility[0].split(separator: ",").map(String.init)
        let column = header.firstIndex(of: "it_power_w [W]")!
        let values = facility.dropFirst().map { Double($0.split(separator: ",")[column])! }
        #expect(values == run.facility!.numbers("it_power_w"))
        let summary = tables["summary.csv"]!
        #expect(summary.contains("pue,\(run.summary.number("pue")),1,"))
        #expect(summary.contains("energy_cost,\(run.summary.number("energy_cost")),CNY,"))
        #expect(CSVExport.field("a,b \"c\"") == "\"a,b \"\"c\"\"\"")
    }

    @Test("First-order indices: Ishigami's function from given data")
    func sensitivity() {
        // Ishigami (a = 7, b = 0.1): S1 = 0.3139, S2 = 0.4424, S3 = 0 (Saltelli et al., Global
        // Sensitivity Analysis: The Primer, 2008, §4.6). Inputs uniform on [-π, π].
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) / Double(1 << 53)) * 2 * .pi - .pi
        }
        let n = 20_000
        let x = (0..<n).map { _ in (uniform(), uniform(), uniform()) }
        let y = x.map { sin($0.0) + 7 * sin($0.1) * sin($0.1) + 0.1 * pow($0.2, 4) * sin($0.0) }
        #expect(abs(FirstOrderSensitivity.index(x: x.map(\.0), y: y) - 0.3139) < 0.02)
        #expect(abs(FirstOrderSensitivity.index(x: x.map(\.1), y: y) - 0.4424) < 0.02)
        #expect(FirstOrderSensitivity.index(x: x.map(\.2), y: y) < 0.02)
        #expect(FirstOrderSensitivity.index(x: [1, 2, 3], y: [1, 2, 3]).isNaN)
    }
}

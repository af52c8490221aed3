import Foundation
import Testing
import Models
@testable import Scenario

@Suite("Weather files")
struct WeatherFileTests {
    static let weather = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/weather")

    /// The two real IWEC files: their monthly means agree with the reference table computed from
    /// the same files (../shared/reference/climate-monthly.txt) to its 0.1 K rounding.
    @Test(arguments: [
        ("CHN_Beijing.Beijing.545110_IWEC.epw", [-2.9, 0.0, 6.1, 14.3, 20.4, 25.2, 26.4, 25.0, 20.4, 13.7, 4.8, -0.5]),
        ("SGP_Singapore.486980_IWEC.epw", [26.7, 27.2, 27.6, 28.1, 28.2, 28.5, 27.8, 27.8, 27.2, 27.5, 26.7, 26.3]),
    ])
    func realEPWFilesMatchTheirMonthlyMeans(file: String, means: [Double]) throws {
        let path = Self.weather.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is absent (the shared reference folder is not beside this clone)")
            return
        }
        let series = try WeatherFileReader.read(path: path, elevationM: 0)
        #expect(series.hours == 8760)
        for (mean, expected) in zip(series.monthlyMeanDryBulbC(), means) { #expect(abs(mean - expected) <= 0.051, "\(file)") }
        #expect(series.relativeHumidity.allSatisfy { (0...1).contains($0) })
    }

    func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-weather-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func csvReadsAndBadLinesAreLocated() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("w.csv")
        try ("hour,dry_bulb_c,relative_humidity\n" + (0..<48).map { "\($0),\(20 + Double($0 % 24) / 4),0.5" }.joined(separator: "\n"))
            .write(to: good, atomically: true, encoding: .utf8)
        let series = try WeatherFileReader.read(path: good.path, elevationM: 1000)
        #expect(series.hours == 48 && abs(series.pressurePa[0] - 89_875) < 10)
        let bad = dir.appendingPathComponent("bad.csv")
        try ("dry_bulb_c,relative_humidity\n20,0.5\nhot,0.5\n21,45\n" + (0..<30).map { _ in "20,0.5" }.joined(separator: "\n"))
            .write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try WeatherFileReader.read(path: bad.path, elevationM: 0)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(bad.path):3:1: error: field 1: expected a number for dry_bulb_c, found 'hot'",
                "\(bad.path):4:2: error: field 2: relative_humidity 45.0 is outside 0.0...1.0 (a missing-value code?)",
            ])
        }
        let noHeader = dir.appendingPathComponent("none.csv")
        try "1,2,3\n".write(to: noHeader, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { _ = try WeatherFileReader.read(path: noHeader.path, elevationM: 0) }
        let shortEPW = dir.appendingPathComponent("short.epw")
        try "LOCATION,X\n1\n2\n3\n4\n5\n6\n7\n".write(to: shortEPW, atomically: true, encoding: .utf8)
        do {
            _ = try WeatherFileReader.read(path: shortEPW.path, elevationM: 0)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.first?.message == "expected 8760 or 8784 hourly lines after the 8 header lines, found 0")
        }
    }
}

@Suite("Weather files named by scenarios")
struct ScenarioWeatherFileTests {
    /// A scenario naming a weather file with a bad line fails validation at the scenario's key,
    /// with the weather file's own line and field in the message.
    @Test func badWeatherFileIsReportedWhereTheScenarioNamesIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-weather-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "dry_bulb_c,relative_humidity\n10,0.5\nwarm,0.4\n".write(to: dir.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        let text = ScenarioLoaderTests.valid + "\nsite:\n  climate:\n    weather_file: w.csv\n"
        do {
            _ = try ScenarioLoader.load(text: text, path: dir.appendingPathComponent("s.yaml").path)
            Issue.record("a bad weather file was accepted")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.contains("site.climate.weather_file") && $0.contains("w.csv:3:1") && $0.contains("'warm'") },
                    "\(messages)")
        }
    }
}

import Foundation
import Models

/// Reads hourly weather from an EnergyPlus EPW file or a simple CSV, with a located error for
/// every bad line (file, line, field, what was expected and found).
///
/// - EPW (EnergyPlus weather format): 8 header lines, then one line an hour; fields 7 (dry bulb,
///   °C), 9 (relative humidity, %) and 10 (station pressure, Pa) are read. 8760 or 8784 hours.
/// - CSV: a header naming the columns, then one line an hour: `dry_bulb_c` (°C),
///   `relative_humidity` (0-1), optional `pressure_pa` (Pa; default: standard pressure at the
///   site's elevation); other columns are ignored. At least 24 hours.
public enum WeatherFileReader {
    public static func read(path: String, elevationM: Double) throws(ScenarioError) -> WeatherSeries {
        var diagnostics = DiagnosticCollector(file: path)
        guard let text = ConfigDocumentReader.readText(path: path, limitBytes: InputLimits.weatherBytes,
                                                       what: "a year of hourly weather is under 2 MiB", into: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let series = path.lowercased().hasSuffix(".epw")
            ? readEPW(lines, path: path, &diagnostics)
            : readCSV(lines, path: path, elevationM: elevationM, &diagnostics)
        guard let series, !diagnostics.hasErrors else { throw ScenarioError(diagnostics.diagnostics) }
        return series
    }

    private static func number(_ field: Substring?, line: Int, column: Int, name: String, range: ClosedRange<Double>, path: String,
                               _ diagnostics: inout DiagnosticCollector) -> Double? {
        let location = SourceLocation(file: path, line: line, column: column)
        guard let field, let value = Double(field.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            diagnostics.error("expected a number for \(name), found '\(field.map(String.init) ?? "nothing")'", at: location, keyPath: "field \(column)")
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error("\(name) \(value) is outside \(range.lowerBound)...\(range.upperBound) (a missing-value code?)", at: location,
                              keyPath: "field \(column)")
            return nil
        }
        return value
    }

    private static func readEPW(_ lines: [Substring], path: String, _ diagnostics: inout DiagnosticCollector) -> WeatherSeries? {
        guard lines.first?.hasPrefix("LOCATION") == true else {
            diagnostics.error("not an EPW file: expected a first line starting with LOCATION", at: SourceLocation(file: path, line: 1, column: 1), keyPath: "")
            return nil
        }
        var dryBulb: [Double] = [], humidity: [Double] = [], pressure: [Double] = []
        for (index, line) in lines.enumerated().dropFirst(8) where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let n = index + 1
            guard let t = number(fields.count > 6 ? fields[6] : nil, line: n, column: 7, name: "dry bulb (degC)", range: -70...70, path: path, &diagnostics),
                  let rh = number(fields.count > 8 ? fields[8] : nil, line: n, column: 9, name: "relative humidity (%)", range: 0...110, path: path, &diagnostics),
                  let p = number(fields.count > 9 ? fields[9] : nil, line: n, column: 10, name: "pressure (Pa)", range: 31_000...120_000, path: path, &diagnostics)
            else {
                if diagnostics.diagnostics.count >= 20 { return nil }
                continue
            }
            dryBulb.append(t)
            humidity.append(min(rh, 100) / 100)
            pressure.append(p)
        }
        guard dryBulb.count == 8760 || dryBulb.count == 8784 else {
            if !diagnostics.hasErrors {
                diagnostics.error("expected 8760 or 8784 hourly lines after the 8 header lines, found \(dryBulb.count)", at: nil, keyPath: "")
            }
            return nil
        }
        return WeatherSeries(dryBulbC: dryBulb, relativeHumidity: humidity, pressurePa: pressure, source: path)
    }

    private static func readCSV(_ lines: [Substring], path: String, elevationM: Double, _ diagnostics: inout DiagnosticCollector) -> WeatherSeries? {
        let header = (lines.first ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let tColumn = header.firstIndex(of: "dry_bulb_c"), let rhColumn = header.firstIndex(of: "relative_humidity") else {
            diagnostics.error("expected a header with dry_bulb_c and relative_humidity (and optionally pressure_pa), found '\(lines.first ?? "")'",
                              at: SourceLocation(file: path, line: 1, column: 1), keyPath: "header")
            return nil
        }
        let pColumn = header.firstIndex(of: "pressure_pa")
        let standard = Psychrometrics.standardPressurePa(elevationM: elevationM)
        var dryBulb: [Double] = [], humidity: [Double] = [], pressure: [Double] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let n = index + 1
            func field(_ column: Int) -> Substring? { column < fields.count ? fields[column] : nil }
            guard let t = number(field(tColumn), line: n, column: tColumn + 1, name: "dry_bulb_c", range: -70...70, path: path, &diagnostics),
                  let rh = number(field(rhColumn), line: n, column: rhColumn + 1, name: "relative_humidity", range: 0...1, path: path, &diagnostics)
            else {
                if diagnostics.diagnostics.count >= 20 { return nil }
                continue
            }
            var p = standard
            if let pColumn {
                guard let value = number(field(pColumn), line: n, column: pColumn + 1, name: "pressure_pa", range: 31_000...120_000, path: path, &diagnostics) else { continue }
                p = value
            }
            dryBulb.append(t)
            humidity.append(rh)
            pressure.append(p)
        }
        guard dryBulb.count >= 24 else {
            if !diagnostics.hasErrors { diagnostics.error("expected at least 24 hourly lines, found \(dryBulb.count)", at: nil, keyPath: "") }
            return nil
        }
        return WeatherSeries(dryBulbC: dryBulb, relativeHumidity: humidity, pressurePa: pressure, source: path)
    }
}

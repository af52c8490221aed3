import Foundation
import Simulation

/// The summary `plenum run` prints: the KPIs a planner reads first, in display units.
enum SummaryReport {
    static func text(_ summary: RunSummary, scenario: String, seed: UInt64, outputPath: String, wallSeconds: Double) -> String {
        func kWh(_ joules: Double) -> String { String(format: "%.2f kWh", joules / 3.6e6) }
        func kW(_ watts: Double) -> String { String(format: "%.2f kW", watts / 1e3) }
        func degC(_ value: Double) -> String { value.isFinite ? String(format: "%.1f °C", value) : "n/a" }
        func hours(_ value: Double) -> String { String(format: "%.2f h", value) }
        let rows: [(String, String)] = [
            ("Simulated", "\(formatSeconds(summary.simulatedDurationS)) in \(formatSeconds(wallSeconds)) wall (\(summary.eventsFired) events)"),
            ("IT energy", "\(kWh(summary.itEnergyJ))   mean \(kW(summary.meanITPowerW)), peak \(kW(summary.peakITPowerW))"),
            ("Heat to air / liquid", "\(kWh(summary.heatToAirJ)) / \(kWh(summary.heatToLiquidJ))"),
            ("Removed by CRAH coils", "\(kWh(summary.coilHeatJ))   CRAH fans \(kWh(summary.crahFanEnergyJ))"),
            ("To facility water", "\(kWh(summary.facilityWaterHeatJ))   CDU pumps \(kWh(summary.pumpEnergyJ))"),
            ("Energy balance", String(format: "%.2e of IT energy unaccounted", summary.energyBalanceRelativeError)),
            ("Peak junction", degC(summary.peakJunctionC)),
            ("Peak inlet / exhaust", "\(degC(summary.peakInletC)) / \(degC(summary.peakExhaustC))"),
            ("Throttled", "\(hours(summary.throttledDeviceHours)) device-hours (\(summary.throttleEvents) events), \(summary.shutdowns) server shutdowns"),
            ("Inlet outside ASHRAE", "recommended \(hours(summary.hoursOutsideRecommended)), A1 \(hours(summary.hoursOutsideA1)), A2 \(hours(summary.hoursOutsideA2))"),
            ("Jobs", "\(summary.jobsSubmitted) submitted, \(summary.jobsStarted) started, \(summary.jobsCompleted) completed"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["Plenum \(PlenumVersion.current) — \(scenario) (seed \(seed))"]
        for (label, value) in rows {
            lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        lines.append("Output: \(outputPath)")
        return lines.joined(separator: "\n")
    }
}

import Foundation
import Scenario

/// The plant's part of the end-of-run warnings: each loop that had heat its plant could not
/// remove, with the worst step's numbers (docs/models/plant.md, "When the plant falls short").
enum PlantWarnings {
    static func lines(_ f: FacilitySummary, cooling: CoolingSpec) -> [String] {
        var lines: [String] = []
        if f.chilledShortfallHours > 0 {
            let supply = cooling.chilledWater?.supplyTemperatureC ?? cooling.chillers?.leavingWaterTemperatureC
            lines.append("plant: chilled water" + setPoint(supply) + " not held for \(hours(f.chilledShortfallHours)): chillers and economiser "
                         + "leave \(describe(f.peakChilledShortfall)); the loop's water warms and the CRAH coils get it")
        }
        if f.warmShortfallHours > 0 {
            lines.append("plant: facility water" + setPoint(cooling.facilityWaterSupplyC) + " not held for \(hours(f.warmShortfallHours)): "
                         + "heat rejection leaves \(describe(f.peakWarmShortfall)); the facility water warms until it can")
        }
        if f.facilityWaterAboveSetPointHours > 0 {
            lines.append("plant: facility water above its set point for \(hours(f.facilityWaterAboveSetPointHours)) (up to "
                         + String(format: "%.1f K", f.peakFacilityWaterRiseK) + "): heat rejection holds the CDUs' heat only at warmer water, "
                         + "and the CDUs, their loops and the liquid-cooled racks get it")
        }
        if !lines.isEmpty {
            lines[lines.count - 1] += String(format: " (%.1f kWh unmet in all)", f.unmetCoolingJ / 3.6e6)
        }
        return lines
    }

    private static func setPoint(_ supplyC: Double?) -> String {
        supplyC.map { String(format: " at its %.1f °C set point", $0) } ?? ""
    }

    private static func describe(_ worst: PlantShortfall) -> String {
        String(format: "up to %.0f kW of %.0f kW unmet (outdoors %.1f °C dry bulb, %.1f °C wet bulb)", worst.unmetW / 1000, worst.loadW / 1000,
               worst.dryBulbC, worst.wetBulbC)
    }

    private static func hours(_ h: Double) -> String { SetPointTracker.hours(h) }
}

import Foundation
import Models

/// The outdoor design day plant equipment is sized for: the dry bulb and the wet bulb exceeded
/// for a given fraction of the year's hours (ASHRAE Handbook—Fundamentals, ch. 14: the 0.4 %
/// cooling dry bulb for air-cooled equipment, the 0.4 % evaporation wet bulb for towers).
///
/// Taken from the site's hourly year: its weather file, or the hours synthesised from its monthly
/// normals. Without a climate, the AHRI 550/590 rating conditions (35 °C dry bulb, 23.9 °C wet
/// bulb) that the run itself uses all year.
public struct DesignConditions: Sendable, Equatable {
    public var dryBulbC: Double
    public var wetBulbC: Double
    /// Where they come from, for the summary: "0.4 % of 8,760 h of weather/CHN_Shanghai.epw".
    public var source: String

    /// AHRI 550/590 rating conditions: 35 °C dry bulb, 23.9 °C wet bulb.
    public static let ahriRating = DesignConditions(dryBulbC: 35.0, wetBulbC: 23.9, source: "AHRI 550/590 rating conditions (no climate given)")

    public init(dryBulbC: Double, wetBulbC: Double, source: String) {
        self.dryBulbC = dryBulbC
        self.wetBulbC = wetBulbC
        self.source = source
    }

    /// The conditions exceeded for `exceedance` of the hours of `series`.
    public static func from(_ series: WeatherSeries, exceedance: Double) throws -> DesignConditions {
        var wetBulbs: [Double] = []
        wetBulbs.reserveCapacity(series.hours)
        for hour in 0..<series.hours {
            wetBulbs.append(try Psychrometrics.wetBulbC(dryBulbC: series.dryBulbC[hour], relativeHumidity: series.relativeHumidity[hour],
                                                        pressurePa: series.pressurePa[hour]))
        }
        return DesignConditions(dryBulbC: exceeded(series.dryBulbC, exceedance), wetBulbC: exceeded(wetBulbs, exceedance),
                                source: String(format: "%.1f %% of %d h of %@", exceedance * 100, series.hours, series.source))
    }

    /// The value exceeded by `fraction` of `values` (the upper empirical quantile): of 8,760
    /// hours at 0.4 %, the 36th warmest, which 35 hours exceed.
    static func exceeded(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let index = min(max(Int((Double(sorted.count) * (1 - fraction)).rounded(.up)) - 1, 0), sorted.count - 1)
        return sorted[index]
    }
}

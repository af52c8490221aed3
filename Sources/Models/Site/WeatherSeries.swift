import Foundation

/// Hourly outdoor conditions for a year (or any whole number of hours): what the plant and the
/// economiser see. Hour 0 starts at the series' first hour.
public struct WeatherSeries: Sendable, Equatable {
    public var dryBulbC: [Double]
    /// Relative humidity, 0-1.
    public var relativeHumidity: [Double]
    public var pressurePa: [Double]
    /// Where it came from, for the output file.
    public var source: String

    public init(dryBulbC: [Double], relativeHumidity: [Double], pressurePa: [Double], source: String) {
        precondition(!dryBulbC.isEmpty && dryBulbC.count == relativeHumidity.count && dryBulbC.count == pressurePa.count)
        self.dryBulbC = dryBulbC
        self.relativeHumidity = relativeHumidity
        self.pressurePa = pressurePa
        self.source = source
    }

    public var hours: Int { dryBulbC.count }

    /// Mean dry bulb of each calendar month of a 365-day year starting on 1 January, °C.
    public func monthlyMeanDryBulbC() -> [Double] {
        var start = 0
        return YearCalendar.daysInMonth.map { count in
            let end = min(start + count * 24, hours)
            defer { start = end }
            return end > start ? dryBulbC[start..<end].reduce(0, +) / Double(end - start) : .nan
        }
    }
}

/// An hourly year synthesised from monthly normals, deterministic: daily means interpolated
/// linearly between mid-month anchors, the anchors adjusted (a few fixed-point passes) so that
/// every month's mean is its normal to 0.01 K, a diurnal cosine of half-amplitude `diurnalHalfRangeK` peaking at 15:00 (the
/// usual afternoon maximum), and the moisture of each day's mean (humidity ratio from the monthly
/// temperature and RH) held through the day, so relative humidity falls in the afternoon as it
/// does outdoors. Pressure from the elevation (standard atmosphere).
public enum ClimateSynthesis {
    /// Half the typical daily range of continental sites (an 8 K day-night swing): an estimate.
    public static let defaultDiurnalHalfRangeK = 4.0

    public static func hourlyYear(monthlyDryBulbC: [Double], monthlyRelativeHumidity: [Double], elevationM: Double,
                                  diurnalHalfRangeK: Double = defaultDiurnalHalfRangeK, source: String) -> WeatherSeries {
        precondition(monthlyDryBulbC.count == 12 && monthlyRelativeHumidity.count == 12)
        let days = YearCalendar.daysInMonth
        var midDays: [Double] = []
        var first = 0.0
        for count in days {
            midDays.append(first + Double(count) / 2)
            first += Double(count)
        }
        let pressure = Psychrometrics.standardPressurePa(elevationM: elevationM)
        let monthlyW = (0..<12).map {
            Psychrometrics.humidityRatio(dryBulbC: monthlyDryBulbC[$0], relativeHumidity: monthlyRelativeHumidity[$0], pressurePa: pressure)
        }
        /// A monthly quantity at day `d` (0 … 365), linear between mid-month anchors, wrapping the year.
        func interpolate(_ values: [Double], day: Double) -> Double {
            var upper = midDays.firstIndex { $0 > day } ?? 12
            let lowerDay: Double, upperDay: Double, lowerValue: Double, upperValue: Double
            if upper == 0 {
                lowerDay = midDays[11] - 365; lowerValue = values[11]; upperDay = midDays[0]; upperValue = values[0]
            } else if upper == 12 {
                lowerDay = midDays[11]; lowerValue = values[11]; upperDay = midDays[0] + 365; upperValue = values[0]
                upper = 0
            } else {
                lowerDay = midDays[upper - 1]; lowerValue = values[upper - 1]; upperDay = midDays[upper]; upperValue = values[upper]
            }
            return lowerValue + (upperValue - lowerValue) * (day - lowerDay) / (upperDay - lowerDay)
        }
        // Linear interpolation between anchors smooths the seasons' extremes (up to ~0.7 K):
        // raise or lower each anchor by its month's shortfall until the means match.
        var anchors = monthlyDryBulbC
        for _ in 0..<20 {
            var start = 0
            var worst = 0.0
            for (month, count) in days.enumerated() {
                let mean = (start..<(start + count)).reduce(0.0) { $0 + interpolate(anchors, day: Double($1) + 0.5) } / Double(count)
                anchors[month] += monthlyDryBulbC[month] - mean
                worst = max(worst, abs(monthlyDryBulbC[month] - mean))
                start += count
            }
            if worst < 1e-3 { break }
        }
        var dryBulb: [Double] = [], humidity: [Double] = []
        dryBulb.reserveCapacity(8760)
        for day in 0..<365 {
            let mean = interpolate(anchors, day: Double(day) + 0.5)
            let w = interpolate(monthlyW, day: Double(day) + 0.5)
            for hour in 0..<24 {
                let t = mean + diurnalHalfRangeK * cos(2 * Double.pi * (Double(hour) + 0.5 - 15) / 24)
                dryBulb.append(t)
                humidity.append(min(1, Psychrometrics.relativeHumidity(dryBulbC: t, humidityRatio: w, pressurePa: pressure)))
            }
        }
        return WeatherSeries(dryBulbC: dryBulb, relativeHumidity: humidity, pressurePa: Array(repeating: pressure, count: dryBulb.count),
                             source: source)
    }
}

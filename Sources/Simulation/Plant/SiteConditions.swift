import Models
import Numerics
import Scenario

/// Outdoor conditions at any simulated time: the site's hourly year (weather file, or synthesised
/// from monthly normals), started at the scenario's local start time and wrapped around the year,
/// linear between hours. Wet bulbs are solved once per hour at load, not per step.
struct SiteConditions {
    let series: WeatherSeries
    let wetBulbC: [Double]
    /// Hourly outdoor dew point, °C (for an air-side economiser's humidity limits).
    let dewPointC: [Double]
    /// Mean air pressure of the site, Pa.
    let pressurePa: Double
    /// Hour of the series at t = 0 (local clock time of `simulation.start`).
    let startHour: Double

    /// Where no climate is given: AHRI 550/590 rating conditions, 35 °C dry bulb and 23.9 °C wet
    /// bulb (29.4 °C condenser water at a 5.5 K approach), all year: a design-day answer.
    static let ratingDryBulbC = 35.0
    static let ratingWetBulbC = 23.9

    init?(spec: ScenarioSpec) throws(SimulationError) {
        let site = spec.site
        let series: WeatherSeries
        if let path = site.weatherFile {
            do {
                series = try WeatherFileReader.read(path: path, elevationM: site.elevationM)
            } catch {
                throw .input("\(error)")
            }
        } else if let temperatures = site.monthlyDryBulbC {
            series = ClimateSynthesis.hourlyYear(monthlyDryBulbC: temperatures,
                                                 monthlyRelativeHumidity: site.monthlyRelativeHumidity ?? Array(repeating: 0.6, count: 12),
                                                 elevationM: site.elevationM, source: "monthly normals of site \(site.name)")
        } else {
            return nil
        }
        var wetBulbs: [Double] = [], dewPoints: [Double] = []
        wetBulbs.reserveCapacity(series.hours)
        dewPoints.reserveCapacity(series.hours)
        for hour in 0..<series.hours {
            do {
                wetBulbs.append(try Psychrometrics.wetBulbC(dryBulbC: series.dryBulbC[hour], relativeHumidity: series.relativeHumidity[hour],
                                                            pressurePa: series.pressurePa[hour]))
                dewPoints.append(try Psychrometrics.dewPointC(dryBulbC: series.dryBulbC[hour], relativeHumidity: max(series.relativeHumidity[hour], 1e-4)))
            } catch {
                throw .numerical(error, timeS: 0, component: "site weather, hour \(hour)")
            }
        }
        self.series = series
        wetBulbC = wetBulbs
        dewPointC = dewPoints
        pressurePa = series.pressurePa.reduce(0, +) / Double(max(series.hours, 1))
        startHour = spec.simulation.localStartHourOfYear
    }

    /// Dry and wet bulb at `timeS`, °C.
    func conditions(atS timeS: Double) -> (dryBulbC: Double, wetBulbC: Double) {
        let hours = Double(series.hours)
        var h = (startHour + timeS / 3600).truncatingRemainder(dividingBy: hours)
        if h < 0 { h += hours }
        let i = Int(h), j = (i + 1) % series.hours
        let f = h - Double(i)
        return (series.dryBulbC[i] + f * (series.dryBulbC[j] - series.dryBulbC[i]), wetBulbC[i] + f * (wetBulbC[j] - wetBulbC[i]))
    }

    /// Outdoor dew point at `timeS`, °C (linear between hours).
    func dewPointC(atS timeS: Double) -> Double {
        let hours = Double(series.hours)
        var h = (startHour + timeS / 3600).truncatingRemainder(dividingBy: hours)
        if h < 0 { h += hours }
        let i = Int(h), j = (i + 1) % series.hours
        return dewPointC[i] + (h - Double(i)) * (dewPointC[j] - dewPointC[i])
    }

    /// Local hour of day (0-23) at `timeS` from a run starting at local hour `startHour`, for time-of-use prices.
    static func hourOfDay(startHour: Double, timeS: Double) -> Int {
        Int((startHour + timeS / 3600).truncatingRemainder(dividingBy: 24)) % 24
    }
}

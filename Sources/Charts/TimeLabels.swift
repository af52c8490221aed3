/// Calendar text for time axes, without time zones: a time is shifted to the site's local clock
/// first (seconds since 1970 on that clock), then split into a civil date by Howard Hinnant's
/// days-from-civil algorithm (http://howardhinnant.github.io/date_algorithms.html), which holds
/// for the proleptic Gregorian calendar. The page's script labels zoomed axes the same way.
public enum TimeLabels {
    public struct Civil: Equatable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        }
    }

    public static func civil(localEpochS: Double) -> Civil {
        let total = Int((localEpochS).rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
                     second: secondOfDay % 60)
    }

    /// Seconds since 1970-01-01T00:00 of a civil date and time (the inverse of `civil`).
    public static func epochSeconds(_ c: Civil) -> Double {
        let y = c.month <= 2 ? c.year - 1 : c.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = c.month > 2 ? c.month - 3 : c.month + 9
        let doy = (153 * mp + 2) / 5 + c.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + c.hour * 3600 + c.minute * 60 + c.second)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `2026-07-01 14:30` (to the minute).
    public static func dateTime(localEpochS: Double) -> String {
        let c = civil(localEpochS: localEpochS)
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// A tick label fit for a span: time of day under two days, month and day under 120 days,
    /// else the date.
    public static func tick(localEpochS: Double, spanS: Double) -> String {
        let c = civil(localEpochS: localEpochS)
        if spanS <= 2 * 86_400 { return "\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))" }
        if spanS <= 120 * 86_400 { return "\(two(c.month))-\(two(c.day))" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }

    /// Steps for time ticks, seconds: minutes to months.
    static let steps: [Double] = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400,
                                  14 * 86_400, 30 * 86_400, 61 * 86_400, 91 * 86_400]

    /// Tick positions (seconds since the run's start) at whole local steps, about `count` of them.
    public static func ticks(startS: Double, endS: Double, localOriginS: Double, count: Int = 6) -> [Double] {
        let span = max(endS - startS, 1)
        let step = steps.first { span / $0 <= Double(count) } ?? steps[steps.count - 1]
        // Align to the local clock: a tick at local midnight, whole hours, whole minutes.
        var local = ((localOriginS + startS) / step).rounded(.up) * step
        var out: [Double] = []
        while local - localOriginS <= endS + 1e-6 && out.count < 40 {
            out.append(local - localOriginS)
            local += step
        }
        return out
    }
}

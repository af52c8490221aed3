/// The 365-day year that climate series, monthly figures and local hours use: weather files
/// hold 8760 hours, and 29 February counts as the 28th.
public enum YearCalendar {
    public static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    /// Day of the year (0-based) on which each month starts.
    public static let firstDayOfMonth: [Int] = daysInMonth.indices.map { daysInMonth[..<$0].reduce(0, +) }
    public static let hours = 8760

    /// Hour of the year of a local calendar time; out-of-range months and days are clamped.
    public static func hourOfYear(month: Int, day: Int, hour: Int, minute: Int = 0) -> Double {
        let m = min(max(month, 1), 12)
        let d = min(max(day, 1), daysInMonth[m - 1])
        return Double((firstDayOfMonth[m - 1] + d - 1) * 24 + hour) + Double(minute) / 60
    }

    /// Month (0 = January) holding hour `hourOfYear`, wrapping around the year.
    public static func month(ofHourOfYear hourOfYear: Double) -> Int {
        let day = Int(hourOfYear / 24) % 365
        return (firstDayOfMonth.lastIndex { $0 <= day }) ?? 0
    }
}

import Foundation

/// A strict reading of `simulation.start`: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
///
/// Foundation's ISO-8601 parser is lenient (it read `nan-01-15T08:00:00+08:00` as the year 1 and
/// took `+99:00` as a zone), so every field is checked here against its calendar range first.
enum ISOInstant {
    /// Years a climate year and a tariff can be placed in.
    static let years = 1900...2200

    /// Why `text` is not a valid instant, or nil when it is.
    static func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
        }
        func byte(_ index: Int, _ expected: Character) -> Bool { index < bytes.count && bytes[index] == expected.asciiValue! }
        guard let year = digits(0..<4), byte(4, "-"), let month = digits(5..<7), byte(7, "-"), let day = digits(8..<10),
              byte(10, "T") || byte(10, "t"), let hour = digits(11..<13), byte(13, ":"), let minute = digits(14..<16), byte(16, ":"),
              let second = digits(17..<19) else {
            return "expected YYYY-MM-DDTHH:MM:SS with a zone (Z or ±HH:MM)"
        }
        guard years.contains(year) else { return "year \(year) is outside \(years.lowerBound)-\(years.upperBound)" }
        guard (1...12).contains(month) else { return "month \(month) is not 1-12" }
        let daysInMonth = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else { return "day \(day) does not exist in month \(month) of \(year)" }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
            return "time \(hour):\(minute):\(second) is not a time of day"
        }
        var index = 19
        if byte(index, ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count && (48...57).contains(bytes[index]) { index += 1 }
            if index == fractionStart { return "expected digits after the decimal point of the seconds" }
        }
        let zone = String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
        if zone == "Z" || zone == "z" { return nil }
        guard zone.utf8.count == 6, let zoneHours = digits((index + 1)..<(index + 3)), byte(index + 3, ":"),
              let zoneMinutes = digits((index + 4)..<(index + 6)), byte(index, "+") || byte(index, "-") else {
            return "expected a zone Z or ±HH:MM after the time, found '\(zone)'"
        }
        guard zoneHours <= 14, zoneMinutes <= 59, zoneHours * 60 + zoneMinutes <= 14 * 60 else {
            return "zone \(zone) is outside -14:00…+14:00"
        }
        return nil
    }
}

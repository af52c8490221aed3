import Foundation

/// Walks a CSV file line by line over its bytes, without building a `String` of the whole file
/// or an array of its lines: the file is memory-mapped, so a large trace costs the pages being
/// read, not its size in Swift strings (Foundation's line splitting and `trimmingCharacters`
/// took 28 % of a day's run on the 100,000-job trace).
///
/// Plain CSV as job traces use it: comma-separated fields, no quoting. CR before LF is dropped,
/// a UTF-8 byte-order mark at the start is skipped; leading and trailing blanks of a field are
/// trimmed.
struct CSVLineScanner {
    /// One line's fields as byte ranges of the file, with its 1-based line number.
    struct Line {
        let number: Int
        /// Byte offset (0-based) of each field's first byte within the line, for columns in
        /// messages.
        let fieldColumns: [Int]
        let fields: [String]
    }

    private let bytes: Data

    init(data: Data) { bytes = data }

    /// Calls `body` for each line that is not blank and does not start with `#`; stops when it
    /// returns false.
    func forEachLine(_ body: (Line) -> Bool) {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let buffer = raw.bindMemory(to: UInt8.self)
            var start = 0
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            var number = 0
            var fields: [String] = []
            var columns: [Int] = []
            while start < buffer.count {
                number += 1
                var end = start
                while end < buffer.count && buffer[end] != 10 && buffer[end] != 13 { end += 1 }
                let next = end < buffer.count && buffer[end] == 13 && end + 1 < buffer.count && buffer[end + 1] == 10 ? end + 2 : end + 1
                var first = start
                while first < end && (buffer[first] == 32 || buffer[first] == 9) { first += 1 }
                if first < end && buffer[first] != 35 /* # */ {
                    fields.removeAll(keepingCapacity: true)
                    columns.removeAll(keepingCapacity: true)
                    var fieldStart = start
                    while true {
                        var fieldEnd = fieldStart
                        while fieldEnd < end && buffer[fieldEnd] != 44 /* , */ { fieldEnd += 1 }
                        var a = fieldStart, b = fieldEnd
                        while a < b && (buffer[a] == 32 || buffer[a] == 9) { a += 1 }
                        while b > a && (buffer[b - 1] == 32 || buffer[b - 1] == 9) { b -= 1 }
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[a..<b]), as: UTF8.self))
                        columns.append(fieldStart - start)
                        if fieldEnd >= end { break }
                        fieldStart = fieldEnd + 1
                    }
                    if !body(Line(number: number, fieldColumns: columns, fields: fields)) { return }
                }
                start = next
            }
        }
    }
}

import Foundation
import Charts
import Storage

/// `plenum export FILE --csv DIR`: every table and time series of a Plenum file as CSV. Datasets
/// of a group that share their dimensions form one table:
/// - scalars → `<group>.csv` with `name,value,units,long_name` (text scalars as values);
/// - one dimension → one row per item, its label (`<axis>_name`) beside its index;
/// - (time, item) → long form, one row per time and item, which pandas pivots at will.
/// A time axis gets `utc` and `local` columns beside its seconds. Headers carry units:
/// `it_power_w [W]`. Money columns carry their currency: `energy_cost [CNY]`.
public enum CSVExport {
    public struct Table: Sendable {
        public var fileName: String
        public var text: String
    }

    /// The most values one table may hold (a server-level year is read by xarray instead).
    public static let maximumValues = 40_000_000

    public static func tables(of path: String, emit: (Table) throws -> Void) throws {
        let file = try HDF5File.open(at: path)
        let rootGroup = try StoredGroup.read(file, path: "/", maximumElements: 1_000_000)
        let clock = RunClock(root: rootGroup)
        try walk(file, path: "/", clock: clock, emit: emit)
    }

    static func walk(_ file: HDF5File, path: String, clock: RunClock, emit: (Table) throws -> Void) throws {
        let group = try StoredGroup.read(file, path: path, maximumElements: maximumValues)
        let base = path == "/" ? "root" : path.split(separator: "/").joined(separator: "_")
        for big in group.columns where big.numbers.isEmpty && big.texts.isEmpty && big.shape.reduce(1, *) > maximumValues {
            throw StorageError(file: file.path, objectPath: path + "/" + big.name, operation: "export as CSV",
                               reason: "\(big.shape.reduce(1, *)) values is more than a CSV table should hold (\(maximumValues)); read it with xarray (docs/output.md)")
        }
        // Scalars.
        let scalars = group.columns.filter { $0.shape.isEmpty }
        if !scalars.isEmpty {
            var text = "name,value,units,long_name\n"
            for c in scalars { text += [c.name, c.isText ? c.texts[0] : SVGText.exact(c.scalar), c.units, c.longName].map(field).joined(separator: ",") + "\n" }
            try emit(Table(fileName: base + ".csv", text: text))
        }
        // Tables by dimensions.
        var byDims: [[String]: [StoredColumn]] = [:], order: [[String]] = []
        for c in group.columns where !c.shape.isEmpty && c.dimensions.count == c.shape.count && !c.dimensions.contains("") {
            if byDims[c.dimensions] == nil { order.append(c.dimensions) }
            byDims[c.dimensions, default: []].append(c)
        }
        // A coordinate variable is the 1-D dataset named as the dimension it measures (HDF5 does
        // not attach a dimension scale to itself).
        let usedDimensions = Set(order.flatMap { $0 })
        let coordinates = Dictionary(group.columns.filter { $0.shape.count == 1 && usedDimensions.contains($0.name) }.map { ($0.name, $0) },
                                     uniquingKeysWith: { a, _ in a })
        for dims in order {
            let columns = byDims[dims]!.filter { !(dims.count == 1 && $0.name == dims[0]) }
            if dims.count == 1, let table = oneDimensional(dims[0], columns: columns, coordinate: coordinates[dims[0]], clock: clock) {
                try emit(Table(fileName: base + (order.filter { $0.count == 1 }.count > 1 || !scalars.isEmpty ? "_\(dims[0])" : "") + ".csv", text: table))
            } else if dims.count == 2, let time = coordinates[dims[0]] {
                let labels = group.columns.first { $0.name == dims[1] + "_name" && $0.isText }?.texts
                try emit(Table(fileName: base + "_by_\(dims[1]).csv", text: twoDimensional(time: time, item: dims[1], labels: labels,
                                                                                           itemCoordinate: coordinates[dims[1]], columns: columns, clock: clock)))
            }
        }
        // `/runs` of a merged sweep or a multi-site file links to whole run files: export those
        // files themselves.
        for child in group.subgroups where !(path == "/" && child == "runs") { try walk(file, path: (path == "/" ? "" : path) + "/" + child, clock: clock, emit: emit) }
    }

    static func header(_ c: StoredColumn) -> String {
        field(c.units.isEmpty || c.isText ? c.name : "\(c.name) [\(c.units)]")
    }

    static func isTime(_ c: StoredColumn?) -> Bool { c?.units.hasPrefix("seconds since") ?? false }

    static func timeFields(_ t: Double, _ clock: RunClock) -> String {
        let utc = TimeLabels.civil(localEpochS: clock.startUTCS + t), local = TimeLabels.civil(localEpochS: clock.localOriginS + t)
        return iso(utc) + "Z," + iso(local) + clock.offsetText
    }

    static func iso(_ c: TimeLabels.Civil) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    static func oneDimensional(_ dim: String, columns: [StoredColumn], coordinate: StoredColumn?, clock: RunClock) -> String? {
        let count = columns.first?.shape.first ?? coordinate?.shape.first ?? 0
        guard count > 0 else { return nil }
        let time = isTime(coordinate) ? coordinate : nil
        var text = [coordinate.map(header) ?? dim].joined() + (time != nil ? ",utc,local" : "")
        text += columns.map { "," + header($0) + (isTime($0) ? ",utc,local" : "") }.joined() + "\n"
        for r in 0..<count {
            var line = coordinate.map { SVGText.exact($0.numbers[r]) } ?? String(r)
            if let time { line += "," + timeFields(time.numbers[r], clock) }
            for c in columns {
                line += "," + (c.isText ? field(c.texts[r]) : SVGText.exact(c.numbers[r]))
                if isTime(c) { line += "," + timeFields(c.numbers[r], clock) }
            }
            text += line + "\n"
        }
        return text
    }

    /// - Parameter itemCoordinate: the second axis's coordinate (a package map's `x`, m), written
    ///   in place of the item's index when it is not a plain index.
    static func twoDimensional(time: StoredColumn, item: String, labels: [String]?, itemCoordinate: StoredColumn?,
                               columns: [StoredColumn], clock: RunClock) -> String {
        let items = columns.first?.shape.last ?? 0
        let withClock = isTime(time)
        let itemValues = itemCoordinate.flatMap { $0.units.isEmpty || $0.units == "1" ? nil : $0 }
        var text = header(time) + (withClock ? ",utc,local" : "") + "," + (itemValues.map(header) ?? item)
        text += (labels != nil ? ",\(item)_name" : "") + columns.map { "," + header($0) }.joined() + "\n"
        for k in 0..<time.numbers.count {
            let stamp = SVGText.exact(time.numbers[k]) + (withClock ? "," + timeFields(time.numbers[k], clock) : "")
            for i in 0..<items {
                var line = stamp + "," + (itemValues.map { SVGText.exact($0.numbers[i]) } ?? String(i)) + (labels.map { "," + field($0[i]) } ?? "")
                for c in columns { line += "," + SVGText.exact(c.numbers[k * items + i]) }
                text += line + "\n"
            }
        }
        return text
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

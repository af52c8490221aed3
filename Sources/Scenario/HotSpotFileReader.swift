import Foundation
import Models

/// Reads HotSpot's text files line by line, collecting located errors: floorplans (`.flp`),
/// power traces (`.ptrace`) and layer files (`.lcf`). Comments start with '#'.
struct HotSpotFileReader {
    var diagnostics: [Diagnostic] = []

    mutating func fail(_ file: String, _ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, location: SourceLocation(file: file, line: line, column: 1), keyPath: "", message: message))
    }

    /// The non-empty lines of a file, split into fields, with their line numbers.
    mutating func lines(_ path: String) -> [(Int, [String])]? {
        var local = DiagnosticCollector(file: path)
        guard let text = ConfigDocumentReader.readText(path: path, limitBytes: ConfigLimits.maximumFileBytes,
                                                       what: "a HotSpot input is a few thousand lines", into: &local) else {
            diagnostics.append(contentsOf: local.diagnostics)
            return nil
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            return fields.isEmpty ? nil : (index + 1, fields)
        }
    }

    /// `<name> <width> <height> <left-x> <bottom-y> [<specific heat>] [<resistivity>]`, metres.
    mutating func floorplan(_ path: String) -> [HotSpotStudy.Unit] {
        var units: [HotSpotStudy.Unit] = []
        let before = diagnostics.count
        for (line, fields) in lines(path) ?? [] {
            let numbers = fields.dropFirst().compactMap(Double.init)
            guard fields.count >= 5, fields.count <= 7, numbers.count == fields.count - 1, numbers.allSatisfy({ $0.isFinite && $0 >= 0 }),
                  numbers[0] > 0, numbers[1] > 0, numbers.dropFirst(4).allSatisfy({ $0 > 0 }) else {
                fail(path, line, "expected '<name> <width> <height> <left-x> <bottom-y> [<specific-heat J/(m3 K)>] [<resistivity m K/W>]' "
                     + "in metres, found '\(fields.joined(separator: " "))'")
                continue
            }
            if units.contains(where: { $0.name == fields[0] }) {
                fail(path, line, "unit '\(fields[0])' is named twice")
                continue
            }
            units.append(HotSpotStudy.Unit(name: fields[0], rectangle: PlaneRectangle(x: numbers[2], y: numbers[3], width: numbers[0], height: numbers[1]),
                                           resistivityMKPerW: numbers.count > 5 ? numbers[5] : nil,
                                           volumetricHeatCapacityJPerM3K: numbers.count > 4 ? numbers[4] : nil))
        }
        if units.isEmpty && diagnostics.count == before { fail(path, 1, "no floorplan units") }
        return units
    }

    /// A file named inside another: beside that file, else in the working folder (where HotSpot
    /// opens it).
    static func locate(_ named: String, namedIn file: String) -> String {
        let besideFile = file.hasPrefix("--") ? named : InputPath.resolve(named, namedIn: file)
        return FileManager.default.fileExists(atPath: besideFile) || !FileManager.default.fileExists(atPath: named) ? besideFile : named
    }

    /// A HotSpot steady file (`-init_file`): `<node name> <temperature K>` per line.
    mutating func temperatures(_ path: String) -> [String: Double]? {
        var values: [String: Double] = [:]
        for (line, fields) in lines(path) ?? [] {
            guard fields.count == 2, let kelvin = Double(fields[1]), kelvin.isFinite, kelvin > 0 else {
                fail(path, line, "expected '<node name> <temperature in K>', found '\(fields.joined(separator: " "))'")
                continue
            }
            values[fields[0]] = kelvin
        }
        return values
    }

    /// Block names on the first line, then one row of powers (W) per sampling interval.
    mutating func powerTrace(_ path: String) -> HotSpotStudy.PowerTrace? {
        guard let entries = lines(path), let header = entries.first else {
            if diagnostics.isEmpty { fail(path, 1, "no block names") }
            return nil
        }
        let rows = entries.dropFirst()
        var values: [[Double]] = []
        for (line, fields) in rows {
            let numbers = fields.compactMap(Double.init)
            guard fields.count == header.1.count, numbers.count == fields.count, numbers.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                fail(path, line, "expected \(header.1.count) powers in W (one per block of the first line), found '\(fields.joined(separator: " "))'")
                continue
            }
            values.append(numbers)
        }
        if rows.isEmpty { fail(path, header.0, "no power rows after the block names") }
        return HotSpotStudy.PowerTrace(names: header.1, rows: values)
    }

    /// Seven lines per layer: number, lateral flow Y/N, power Y/N, volumetric heat capacity
    /// J/(m³·K), resistivity m·K/W, thickness m, floorplan file (relative to the layer file,
    /// else to the working folder, as HotSpot opens it). Placed by number, layer 0 farthest from the sink.
    mutating func layerFile(_ path: String) -> [HotSpotStudy.Layer] {
        let entries = lines(path) ?? []
        guard entries.count % 7 == 0, !entries.isEmpty else {
            fail(path, entries.last?.0 ?? 1, "expected 7 lines per layer (number, lateral Y/N, power Y/N, heat capacity, resistivity, thickness, "
                 + "floorplan), found \(entries.count) lines")
            return []
        }
        var byNumber: [Int: HotSpotStudy.Layer] = [:]
        for k in stride(from: 0, to: entries.count, by: 7) {
            let block = Array(entries[k..<(k + 7)])
            let yesNo = ["Y", "N", "y", "n"]
            guard let number = Int(block[0].1[0]), number >= 0, number < entries.count / 7, byNumber[number] == nil,
                  let capacity = Double(block[3].1[0]), capacity > 0, capacity.isFinite,
                  let resistivity = Double(block[4].1[0]), resistivity > 0, resistivity.isFinite,
                  let thickness = Double(block[5].1[0]), thickness > 0, thickness.isFinite,
                  yesNo.contains(block[1].1[0]), yesNo.contains(block[2].1[0]) else {
                fail(path, block[0].0, "layer \(k / 7): expected a unique number 0-\(entries.count / 7 - 1), Y/N, Y/N, heat capacity (J/m3K), "
                     + "resistivity (mK/W), thickness (m) and a floorplan file")
                continue
            }
            let flp = Self.locate(block[6].1[0], namedIn: path)
            byNumber[number] = HotSpotStudy.Layer(units: floorplan(flp), conductivityWPerMK: 1 / resistivity, volumetricHeatCapacityJPerM3K: capacity,
                                                  thicknessM: thickness, hasLateral: block[1].1[0].uppercased() == "Y",
                                                  hasPower: block[2].1[0].uppercased() == "Y")
        }
        return byNumber.keys.sorted().map { byNumber[$0]! }
    }
}

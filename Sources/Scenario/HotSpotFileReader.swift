import Foundation
import Models

/// Reads HotSpot's text files line by line, collecting located errors: floorplans (`.flp`),
/// power traces (`.ptrace`) and layer files (`.lcf`). Comments start with '#'.
struct HotSpotFileReader {
    var diagnostics: [Diagnostic] = []
    /// Every file read, in order (an output must not overwrite any of them).
    var filesRead: [String] = []

    mutating func fail(_ file: String, _ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, location: SourceLocation(file: file, line: line, column: 1), keyPath: "", message: message))
    }

    /// The non-empty lines of a file, split into fields, with their line numbers.
    mutating func lines(_ path: String) -> [(Int, [String])]? {
        filesRead.append(path)
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

    /// A HotSpot materials file (`-materials_file`): per material its name, `solid` or `fluid`,
    /// conductivity W/(m·K), volumetric heat capacity J/(m³·K) and, for a fluid, dynamic viscosity
    /// Pa·s (HotSpot 7.0's `materials.c`). Layer files may name these materials.
    mutating func materials(_ path: String) -> [String: HotSpotMaterial] {
        var materials: [String: HotSpotMaterial] = [:]
        var entries = (lines(path) ?? [])[...]
        while let (line, fields) = entries.popFirst() {
            let name = fields[0]
            guard let (_, kind) = entries.popFirst(), kind[0] == "solid" || kind[0] == "fluid" else {
                fail(path, line, "material '\(name)': expected its name, then 'solid' or 'fluid', conductivity W/(m K), "
                     + "volumetric heat capacity J/(m3 K) and, for a fluid, dynamic viscosity Pa s")
                return materials
            }
            let count = kind[0] == "fluid" ? 3 : 2
            let values = (0..<count).compactMap { _ in entries.popFirst() }
            let numbers = values.compactMap { Double($0.1[0]) }
            guard numbers.count == count, numbers.allSatisfy({ $0.isFinite && $0 >= 0 }), numbers[0] > 0, numbers[1] > 0 else {
                fail(path, values.last?.0 ?? line, "material '\(name)' (\(kind[0])): expected \(count) positive numbers (conductivity W/(m K), "
                     + "volumetric heat capacity J/(m3 K)\(count == 3 ? ", dynamic viscosity Pa s" : "")), found "
                     + "'\(values.map { $0.1.joined(separator: " ") }.joined(separator: "', '"))'")
                return materials
            }
            materials[name] = HotSpotMaterial(conductivityWPerMK: numbers[0], volumetricHeatCapacityJPerM3K: numbers[1])
        }
        return materials
    }

    /// "material 'x' is not in FILE (its materials)", or that no materials file was given.
    static func unknownMaterial(_ name: String, materials: [String: HotSpotMaterial], file: String?) -> String {
        "material '\(name)' is not in " + (file.map { "\($0) (\(materials.keys.sorted().joined(separator: ", ")))" } ?? "any materials file: pass -materials_file")
    }

    /// Per layer: number, lateral flow Y/N, power Y/N, then either the volumetric heat capacity
    /// J/(m³·K) and resistivity m·K/W, or the name of a material of the materials file; then the
    /// thickness m and the floorplan file (relative to the layer file, else to the working
    /// folder, as HotSpot opens it). Read field by field as HotSpot's `parse_layer_file` reads it;
    /// layers are placed by number, layer 0 farthest from the sink.
    mutating func layerFile(_ path: String, materials: [String: HotSpotMaterial] = [:], materialsFile: String? = nil) -> [HotSpotStudy.Layer] {
        var entries = (lines(path) ?? [])[...]
        var read: [(line: Int, number: Int, layer: HotSpotStudy.Layer)] = []
        let yesNo = ["Y", "N", "y", "n"]
        func field(_ what: String, after line: Int) -> (Int, String)? {
            guard let (next, fields) = entries.popFirst() else {
                fail(path, line, "layer file ends before the layer's \(what)")
                return nil
            }
            return (next, fields[0])
        }
        while let (line, fields) = entries.popFirst() {
            let layer = read.count
            guard let number = Int(fields[0]), number >= 0 else {
                fail(path, line, "layer \(layer): expected its layer number (0, 1, …), found '\(fields[0])'")
                return []
            }
            guard let (lateralLine, lateral) = field("lateral flow (Y/N)", after: line), yesNo.contains(lateral) else {
                fail(path, line + 1, "layer \(number): expected Y or N (lateral heat flow)")
                return []
            }
            guard let (powerLine, power) = field("power dissipation (Y/N)", after: lateralLine), yesNo.contains(power) else {
                fail(path, lateralLine + 1, "layer \(number): expected Y or N (power dissipation)")
                return []
            }
            guard let (capacityLine, capacityOrMaterial) = field("heat capacity or material", after: powerLine) else { return [] }
            var conductivity: Double, capacity: Double, lastLine = capacityLine
            if let value = Double(capacityOrMaterial) {
                guard value.isFinite, value > 0 else {
                    fail(path, capacityLine, "layer \(number): expected a positive volumetric heat capacity J/(m3 K) "
                         + "(or the name of a material of -materials_file), found '\(capacityOrMaterial)'")
                    return []
                }
                guard let (resistivityLine, text) = field("resistivity", after: capacityLine) else { return [] }
                guard let resistivity = Double(text), resistivity.isFinite, resistivity > 0 else {
                    fail(path, resistivityLine, "layer \(number): expected a positive resistivity in m K/W, found '\(text)'")
                    return []
                }
                (conductivity, capacity, lastLine) = (1 / resistivity, value, resistivityLine)
            } else if let material = materials[capacityOrMaterial] {
                (conductivity, capacity) = (material.conductivityWPerMK, material.volumetricHeatCapacityJPerM3K)
            } else {
                fail(path, capacityLine, "layer \(number): " + Self.unknownMaterial(capacityOrMaterial, materials: materials, file: materialsFile)
                     + ", and it is not a heat capacity")
                return []
            }
            guard let (thicknessLine, text) = field("thickness", after: lastLine), let thickness = Double(text), thickness.isFinite, thickness > 0 else {
                fail(path, lastLine + 1, "layer \(number): expected a positive thickness in m")
                return []
            }
            guard let (floorplanLine, floorplanFile) = field("floorplan file", after: thicknessLine) else { return [] }
            if floorplanFile.lowercased().hasSuffix(".csv") {
                fail(path, floorplanLine, "layer \(number): '\(floorplanFile)' is a microchannel network (HotSpot's microfluidic cooling), "
                     + "which is not modelled here")
                return []
            }
            read.append((line, number, HotSpotStudy.Layer(units: floorplan(Self.locate(floorplanFile, namedIn: path)), conductivityWPerMK: conductivity,
                                                          volumetricHeatCapacityJPerM3K: capacity, thicknessM: thickness,
                                                          hasLateral: lateral.uppercased() == "Y", hasPower: power.uppercased() == "Y")))
        }
        if read.isEmpty { fail(path, 1, "no layers") }
        var byNumber: [Int: HotSpotStudy.Layer] = [:]
        for (line, number, layer) in read {
            guard number < read.count, byNumber[number] == nil else {
                fail(path, line, "layer number \(number): expected each of 0-\(read.count - 1) once (HotSpot's 'layer numbers must be unique')")
                continue
            }
            byNumber[number] = layer
        }
        return byNumber.count == read.count ? (0..<read.count).map { byNumber[$0]! } : []
    }
}

/// A material of a HotSpot materials file (solid or fluid), as a layer or `-material_<part>` uses it.
struct HotSpotMaterial: Equatable {
    var conductivityWPerMK: Double
    var volumetricHeatCapacityJPerM3K: Double
}

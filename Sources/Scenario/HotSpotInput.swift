import Foundation
import Models

/// Reads a HotSpot study (Huang et al., IEEE TVLSI 2006; uvahotspot/HotSpot) into a package:
/// its floorplan (`.flp`), power trace (`.ptrace`), configuration (`hotspot.config`) and, for 3D
/// stacks, layer file (`.lcf`). The stack is HotSpot's own — chip → TIM → spreader → sink →
/// convection resistance to ambient — or the `.lcf` layers (layer 0 farthest from the sink)
/// followed by spreader and sink. Steady state takes the mean row of the power trace, as
/// HotSpot's steady mode does; without a trace every block draws 1 W. Bad lines give errors with
/// the file, line and what was expected.
public enum HotSpotInput {
    /// HotSpot 7.0 defaults (hotspot.config); `-k_chip` 100 and `-r_convec` 0.1 as the config file ships.
    static let defaults: [String: Double] = [
        "t_chip": 0.15e-3, "k_chip": 100, "p_chip": 1.75e6, "t_interface": 20e-6, "k_interface": 4, "p_interface": 4e6,
        "s_spreader": 0.03, "t_spreader": 1e-3, "k_spreader": 400, "p_spreader": 3.55e6,
        "s_sink": 0.06, "t_sink": 6.9e-3, "k_sink": 400, "p_sink": 3.55e6, "r_convec": 0.1, "c_convec": 140.4,
        "ambient": 318.15, "grid_rows": 64, "grid_cols": 64, "sampling_intvl": 3.333e-6,
    ]

    struct Unit { let name: String; let rectangle: PlaneRectangle }

    public static func load(floorplan: String, powerTrace: String?, config: String?, layers: String?) throws(ScenarioError) -> PackageDesign {
        var diagnostics: [Diagnostic] = []
        func fail(_ file: String, _ line: Int, _ message: String) {
            diagnostics.append(Diagnostic(.error, file: file, location: SourceLocation(file: file, line: line, column: 1), keyPath: "",
                                          message: message))
        }
        func lines(_ path: String) -> [(Int, [String])]? {
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
        func readFloorplan(_ path: String) -> [Unit] {
            var units: [Unit] = []
            for (line, fields) in lines(path) ?? [] {
                let numbers = fields.dropFirst().prefix(4).compactMap(Double.init)
                guard fields.count >= 5, numbers.count == 4, numbers.allSatisfy({ $0.isFinite && $0 >= 0 }), numbers[0] > 0, numbers[1] > 0 else {
                    fail(path, line, "expected '<name> <width> <height> <left-x> <bottom-y>' in metres, found '\(fields.joined(separator: " "))'")
                    continue
                }
                units.append(Unit(name: fields[0], rectangle: PlaneRectangle(x: numbers[2], y: numbers[3], width: numbers[0], height: numbers[1])))
            }
            if units.isEmpty && diagnostics.isEmpty { fail(path, 1, "no floorplan units") }
            return units
        }

        var settings = defaults
        if let config {
            for (line, fields) in lines(config) ?? [] {
                guard fields.count >= 2, fields[0].hasPrefix("-") else {
                    fail(config, line, "expected '-<option> <value>', found '\(fields.joined(separator: " "))'")
                    continue
                }
                let key = String(fields[0].dropFirst())
                // Only the numeric options that describe the package matter here; others (file names,
                // model switches) are accepted and ignored, as HotSpot's own defaults would be.
                if defaults[key] != nil {
                    guard let value = Double(fields[1]), value.isFinite, value > 0 else {
                        fail(config, line, "-\(key): expected a positive number, found '\(fields[1])'")
                        continue
                    }
                    if key == "grid_rows" || key == "grid_cols" {
                        guard value == value.rounded(), (1...4096).contains(value) else {
                            fail(config, line, "-\(key): expected a whole number of cells 1-4096, found '\(fields[1])'")
                            continue
                        }
                    }
                    settings[key] = value
                }
            }
        }

        // Layers: the .lcf's, or HotSpot's default chip + TIM.
        var stack: [(name: String, material: PackageMaterial, thickness: Double, units: [Unit], dissipates: Bool)] = []
        if let layers {
            let entries = lines(layers) ?? []
            if entries.count % 7 != 0 {
                fail(layers, entries.last?.0 ?? 1, "expected 7 lines per layer (number, lateral Y/N, power Y/N, heat capacity, resistivity, thickness, floorplan), found \(entries.count) lines")
            } else {
                for k in stride(from: 0, to: entries.count, by: 7) {
                    let block = entries[k..<(k + 7)].map { $0 }
                    let number = Int(block[0].1[0]), capacity = Double(block[3].1[0]), resistivity = Double(block[4].1[0]), thickness = Double(block[5].1[0])
                    guard let number, let capacity, capacity > 0, let resistivity, resistivity > 0, let thickness, thickness > 0,
                          ["Y", "N"].contains(block[1].1[0]), ["Y", "N"].contains(block[2].1[0]) else {
                        fail(layers, block[0].0, "layer \(k / 7): expected a number, Y/N, Y/N, heat capacity (J/m3K), resistivity (mK/W), thickness (m) and a floorplan file")
                        continue
                    }
                    let flpPath = InputPath.resolve(block[6].1[0], namedIn: layers)
                    let material = PackageMaterial(name: "hotspot-layer-\(number)", lateral: 1 / resistivity, volumetricHeatCapacity: capacity,
                                                   source: "HotSpot layer file \(layers)")
                    stack.append(("layer-\(number)", material, thickness, readFloorplan(flpPath), block[2].1[0] == "Y"))
                }
            }
        } else {
            let chip = PackageMaterial(name: "hotspot-chip", lateral: settings["k_chip"]!, volumetricHeatCapacity: settings["p_chip"]!,
                                       source: "HotSpot configuration")
            let tim = PackageMaterial(name: "hotspot-interface", lateral: settings["k_interface"]!, volumetricHeatCapacity: settings["p_interface"]!,
                                      source: "HotSpot configuration")
            let units = readFloorplan(floorplan)
            stack = [("chip", chip, settings["t_chip"]!, units, true), ("interface", tim, settings["t_interface"]!, units, false)]
        }

        // Powers: mean row of the trace by block name.
        var power: [String: Double] = [:]
        var trace: (names: [String], rows: [[Double]])? = nil
        if let powerTrace, let entries = lines(powerTrace) {
            if let header = entries.first {
                let rows = entries.dropFirst()
                for (line, fields) in rows where fields.count != header.1.count || fields.contains(where: { Double($0) == nil }) {
                    fail(powerTrace, line, "expected \(header.1.count) powers in W (one per block of the first line), found '\(fields.joined(separator: " "))'")
                }
                if rows.isEmpty { fail(powerTrace, header.0, "no power rows after the block names") }
                for (index, name) in header.1.enumerated() {
                    let values = rows.compactMap { $0.1.count > index ? Double($0.1[index]) : nil }
                    power[name] = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
                }
                trace = (header.1, rows.map { $0.1.compactMap(Double.init) })
            }
        }
        guard diagnostics.isEmpty else { throw ScenarioError(diagnostics) }
        let powered = stack.filter(\.dissipates).flatMap { $0.units.map(\.name) }
        if let powerTrace {
            for name in power.keys.sorted() where !powered.contains(name) {
                diagnostics.append(Diagnostic(.error, file: powerTrace, location: SourceLocation(file: powerTrace, line: 1, column: 1),
                                              keyPath: "", message: "block '\(name)' is in no power-dissipating floorplan (\(powered.prefix(6).joined(separator: ", "))…)"))
            }
            guard diagnostics.isEmpty else { throw ScenarioError(diagnostics) }
        }

        let chipExtent = stack.flatMap { $0.units.map(\.rectangle) }.reduce(stack[0].units[0].rectangle) { $0.union($1) }
        let cx = chipExtent.x + chipExtent.width / 2, cy = chipExtent.y + chipExtent.height / 2
        func centred(_ side: Double) -> PlaneRectangle { PlaneRectangle(x: cx - side / 2, y: cy - side / 2, width: side, height: side) }
        let spreaderRect = centred(max(settings["s_spreader"]!, chipExtent.width, chipExtent.height))
        let sinkRect = centred(max(settings["s_sink"]!, spreaderRect.width))
        let copper = { (k: String, p: String) in PackageMaterial(name: "hotspot-\(k)", lateral: settings[k]!, volumetricHeatCapacity: settings[p]!,
                                                                  source: "HotSpot configuration") }
        var thermalLayers: [ThermalLayer] = []
        var dies: [PackageDesign.Die] = []
        var tier = 0
        for layer in stack {
            var regions: [(rectangle: PlaneRectangle, material: PackageMaterial, label: String)] = []
            var sources: [HeatSource] = []
            let extent = layer.units.map(\.rectangle).reduce(layer.units[0].rectangle) { $0.union($1) }
            let dieName = layer.dissipates ? "tier-\(tier)" : layer.name
            for unit in layer.units {
                regions.append((unit.rectangle, layer.material, unit.name))
                if layer.dissipates {
                    sources.append(HeatSource(name: unit.name, die: dieName, rectangle: unit.rectangle, powerW: powerTrace == nil ? 1 : power[unit.name] ?? 0))
                }
            }
            thermalLayers.append(ThermalLayer(name: layer.dissipates ? dieName : layer.name, thicknessM: layer.thickness, background: PackageMaterials.air,
                                              regions: regions, sources: sources))
            if layer.dissipates {
                dies.append(PackageDesign.Die(name: dieName, node: ProcessNode.named("7nm")!, rectangle: extent, thicknessM: layer.thickness, tier: tier,
                                              blocks: sources.map { .init(name: $0.name, rectangle: PlaneRectangle(x: $0.rectangle.x - extent.x,
                                                                                                                     y: $0.rectangle.y - extent.y,
                                                                                                                     width: $0.rectangle.width,
                                                                                                                     height: $0.rectangle.height),
                                                                          powerW: $0.powerW) },
                                              leakageFraction: 0))
                tier += 1
            }
        }
        if layers != nil {
            let tim = PackageMaterial(name: "hotspot-interface", lateral: settings["k_interface"]!, volumetricHeatCapacity: settings["p_interface"]!,
                                      source: "HotSpot configuration")
            thermalLayers.append(ThermalLayer(name: "interface", thicknessM: settings["t_interface"]!, background: PackageMaterials.air,
                                              regions: [(chipExtent, tim, "interface")]))
        }
        thermalLayers.append(ThermalLayer(name: "spreader", thicknessM: settings["t_spreader"]!, background: PackageMaterials.air,
                                          regions: [(spreaderRect, copper("k_spreader", "p_spreader"), "spreader")]))
        // HotSpot's convection capacitance (the fins' heat capacity, lumped at the convection node)
        // is spread over the sink base, so transients see it.
        let sinkVolume = sinkRect.area * settings["t_sink"]!
        let sinkMaterial = PackageMaterial(name: "hotspot-sink", lateral: settings["k_sink"]!,
                                           volumetricHeatCapacity: settings["p_sink"]! + settings["c_convec"]! / sinkVolume,
                                           source: "HotSpot configuration (p_sink + c_convec / sink volume)")
        thermalLayers.append(ThermalLayer(name: "sink", thicknessM: settings["t_sink"]!, background: PackageMaterials.air,
                                          regions: [(sinkRect, sinkMaterial, "sink")]))
        let ambientC = settings["ambient"]! - 273.15
        let rows = Int(settings["grid_rows"]!), columns = Int(settings["grid_cols"]!)
        // HotSpot's grid covers the chip; the sink and spreader beyond it get cells growing outwards.
        let fine = min(chipExtent.width / Double(columns), chipExtent.height / Double(rows))
        let problem = LayeredThermalProblem(
            layers: thermalLayers, extent: sinkRect,
            top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: 1 / (settings["r_convec"]! * sinkRect.area), rectangle: sinkRect, fluidC: ambientC),
            grid: .graded(fineCellM: fine, fineRegion: chipExtent, growth: 1.3), leakageCoefficientPerK: 0)
        let name = ((floorplan as NSString).lastPathComponent as NSString).deletingPathExtension
        var design = PackageDesign(name: name, kind: tier > 1 ? .stack3D : .monolithic, dies: dies, cooling: .resistance(kPerW: settings["r_convec"]!, fluidC: ambientC))
        design.customProblem = problem
        design.lid = nil
        // Transients replay the trace row by row, one row per sampling interval (HotSpot's
        // transient mode), as multipliers of each block's mean power.
        if let trace, trace.rows.count > 1 {
            let interval = settings["sampling_intvl"]!
            let sources = problem.layers.flatMap(\.sources)
            let columns = sources.map { source in trace.names.firstIndex(of: source.name) }
            let scales: [[Double]] = trace.rows.map { row in
                zip(sources, columns).map { source, column in
                    guard let column, column < row.count, source.powerW > 0 else { return 1 }
                    return row[column] / source.powerW
                }
            }
            design.sourceSchedule = PackageDesign.SourceSchedule(intervalS: interval, scales: scales)
        }
        return design
    }
}

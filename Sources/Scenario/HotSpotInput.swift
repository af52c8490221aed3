import Foundation
import Models

/// Reads a HotSpot study (Huang et al., IEEE TVLSI 2006; uvahotspot/HotSpot 7.0) as HotSpot does:
/// its floorplan (`.flp`), power trace (`.ptrace`), configuration (`hotspot.config`, then any
/// command-line style options) and, for 3-D stacks, layer file (`.lcf`, whose floorplans make a
/// `.flp` unnecessary). The result is a `HotSpotStudy`: HotSpot's own networks are built from it
/// (`--model hotspot`), and `design(_:)` makes it a Plenum package. Steady state takes the mean row
/// of the trace, as HotSpot's steady mode does; without a trace every unit draws 1 W. Bad lines
/// give errors with the file, line and what was expected.
public enum HotSpotInput {
    /// HotSpot 7.0 defaults (hotspot.config); `-k_chip` 100 and `-r_convec` 0.1 as the config file ships.
    static let defaults: [String: Double] = [
        "t_chip": 0.15e-3, "k_chip": 100, "p_chip": 1.75e6, "t_interface": 20e-6, "k_interface": 4, "p_interface": 4e6,
        "s_spreader": 0.03, "t_spreader": 1e-3, "k_spreader": 400, "p_spreader": 3.55e6,
        "s_sink": 0.06, "t_sink": 6.9e-3, "k_sink": 400, "p_sink": 3.55e6, "r_convec": 0.1, "c_convec": 140.4,
        "ambient": 318.15, "init_temp": 333.15, "grid_rows": 64, "grid_cols": 64, "sampling_intvl": 3.333e-6,
    ]
    /// Word-valued options and what they may be.
    static let words: [String: [String]] = [
        "model_type": HotSpotStudy.ModelType.allCases.map(\.rawValue), "grid_map_mode": HotSpotStudy.MapMode.allCases.map(\.rawValue),
        "detailed_3D": ["on", "off"], "block_omit_lateral": ["0", "1"],
    ]

    /// HotSpot switches for parts Plenum's reading of a study does not model.
    static let notModelled: [String: String] = [
        "model_secondary": "HotSpot's secondary heat path (C4, substrate, solder, PCB)", "package_model_used": "HotSpot's detailed package model",
        "leakage_used": "HotSpot's leakage iteration", "use_microfluidic_cooling": "HotSpot's microfluidic cooling",
    ]

    /// `-material_<part>` and the conductivity and heat-capacity options it sets.
    static let materialKeys: [String: (String, String)] = [
        "material_chip": ("k_chip", "p_chip"), "material_interface": ("k_interface", "p_interface"),
        "material_spreader": ("k_spreader", "p_spreader"), "material_sink": ("k_sink", "p_sink"),
    ]

    /// Loads a study as a Plenum package (`plenum package --flp/--lcf`).
    public static func load(floorplan: String?, powerTrace: String?, config: String?, layers: String?,
                            options: String? = nil) throws(ScenarioError) -> PackageDesign {
        design(try self.study(floorplan: floorplan, powerTrace: powerTrace, config: config, layers: layers, options: options),
               file: floorplan ?? layers ?? "hotspot")
    }

    /// A study read by `study(…)` as a Plenum package named after its floorplan or layer `file`.
    public static func design(_ study: HotSpotStudy, file: String) -> PackageDesign {
        var design = HotSpotDesign.design(study, name: ((file as NSString).lastPathComponent as NSString).deletingPathExtension)
        design.sourceFiles = study.sourceFiles
        return design
    }

    /// Reads a study. `options` are HotSpot command-line options (`-model_type grid -grid_rows 64`),
    /// applied after the configuration file as HotSpot's command line is.
    public static func study(floorplan: String?, powerTrace: String?, config: String?, layers: String?,
                             options: String? = nil) throws(ScenarioError) -> HotSpotStudy {
        var reader = HotSpotFileReader()
        var numbers = defaults
        var initialFile: (path: String, namedIn: String)? = nil
        var materialsFile: (path: String, namedIn: String)? = nil
        /// `-material_chip silicon` and the like: the material, and where it was named.
        var namedMaterials: [(key: String, material: String, file: String, line: Int)] = []
        // HotSpot's own defaults (`default_thermal_config`): the centre cell when no mapping is given.
        var settings = ["model_type": "block", "grid_map_mode": "center", "detailed_3D": "off", "block_omit_lateral": "0"]
        var settingLocation: [String: (file: String, line: Int)] = [:]
        func apply(_ fields: [String], file: String, line: Int) {
            guard fields.count >= 2, fields[0].hasPrefix("-") else {
                reader.fail(file, line, "expected '-<option> <value>', found '\(fields.joined(separator: " "))'")
                return
            }
            let key = String(fields[0].dropFirst())
            // Options that do not describe the package or the model (file names, DTM, floorplanning)
            // are accepted and ignored, as HotSpot's defaults would be.
            if key == "init_file" {
                if fields[1] != "(null)" { initialFile = (fields[1], file) }
            } else if key == "materials_file" {
                if fields[1] != "(null)" { materialsFile = (fields[1], file) }
            } else if Self.materialKeys[key] != nil {
                namedMaterials.append((key, fields[1], file, line))
            } else if let part = Self.notModelled[key] {
                // Switched on, these would change HotSpot's answer; ignoring them would not be HotSpot's.
                if fields[1] != "0" { reader.fail(file, line, "-\(key) \(fields[1]): \(part) is not modelled here; set it to 0 or leave it out") }
            } else if let allowed = words[key] {
                guard allowed.contains(fields[1]) else {
                    reader.fail(file, line, "-\(key): expected \(allowed.joined(separator: ", ")), found '\(fields[1])'")
                    return
                }
                settings[key] = fields[1]
                settingLocation[key] = (file, line)
            } else if defaults[key] != nil {
                guard let value = Double(fields[1]), value.isFinite, value > 0 else {
                    reader.fail(file, line, "-\(key): expected a positive number, found '\(fields[1])'")
                    return
                }
                if key == "grid_rows" || key == "grid_cols" {
                    guard value == value.rounded(), (1...4096).contains(value) else {
                        reader.fail(file, line, "-\(key): expected a whole number of cells 1-4096, found '\(fields[1])'")
                        return
                    }
                }
                numbers[key] = value
            }
        }
        if let config {
            for (line, fields) in reader.lines(config) ?? [] { apply(fields, file: config, line: line) }
        }
        if let options {
            let fields = options.split(whereSeparator: \.isWhitespace).map(String.init)
            if fields.count % 2 != 0 { reader.fail("--hotspot-options", 1, "expected pairs of '-<option> <value>', found '\(options)'") }
            for k in stride(from: 0, to: fields.count - 1, by: 2) { apply([fields[k], fields[k + 1]], file: "--hotspot-options", line: 1) }
        }

        // Materials (HotSpot 7.0's `-materials_file`): named by the layer file, and by
        // `-material_chip` and the like, which set k and p after every other option, as HotSpot does.
        let materialsPath = materialsFile.map { HotSpotFileReader.locate($0.path, namedIn: $0.namedIn) }
        let errorsBefore = reader.diagnostics.count
        let materials = materialsPath.map { reader.materials($0) } ?? [:]
        // An unreadable materials file is the error; every material named from it would repeat it.
        guard reader.diagnostics.count == errorsBefore else { throw ScenarioError(reader.diagnostics) }
        for named in namedMaterials {
            guard let material = materials[named.material] else {
                reader.fail(named.file, named.line, "-\(named.key): " + HotSpotFileReader.unknownMaterial(named.material, materials: materials, file: materialsPath))
                continue
            }
            let (k, p) = Self.materialKeys[named.key]!
            numbers[k] = material.conductivityWPerMK
            numbers[p] = material.volumetricHeatCapacityJPerM3K
        }

        if settings["detailed_3D"] == "on", settings["model_type"] != "grid" || layers == nil, let at = settingLocation["detailed_3D"] {
            // HotSpot's own refusals (hotspot.c).
            reader.fail(at.file, at.line, "-detailed_3D on: HotSpot allows it only with -model_type grid and a layer file (--lcf)")
        }

        var chipLayers: [HotSpotStudy.Layer] = []
        if let layers {
            chipLayers = reader.layerFile(layers, materials: materials, materialsFile: materialsPath)
        } else if let floorplan {
            let units = reader.floorplan(floorplan)
            chipLayers = [HotSpotStudy.Layer(units: units, conductivityWPerMK: numbers["k_chip"]!, volumetricHeatCapacityJPerM3K: numbers["p_chip"]!,
                                             thicknessM: numbers["t_chip"]!, hasPower: true),
                          HotSpotStudy.Layer(units: units, conductivityWPerMK: numbers["k_interface"]!,
                                             volumetricHeatCapacityJPerM3K: numbers["p_interface"]!, thicknessM: numbers["t_interface"]!, hasPower: false)]
        }
        var trace = powerTrace.flatMap { reader.powerTrace($0) }
        let initial = initialFile.flatMap { reader.temperatures(HotSpotFileReader.locate($0.path, namedIn: $0.namedIn)) }
        guard reader.diagnostics.isEmpty else { throw ScenarioError(reader.diagnostics) }
        guard !chipLayers.isEmpty, chipLayers.allSatisfy({ !$0.units.isEmpty }) else {
            throw ScenarioError([Diagnostic(.error, file: layers ?? floorplan ?? "", location: nil, keyPath: "", message: "no floorplan units")])
        }
        if let given = trace, let powerTrace {
            trace?.keys = Self.powerKeys(given, layers: chipLayers, fromLayerFile: layers != nil, file: powerTrace, reader: &reader)
            guard reader.diagnostics.isEmpty else { throw ScenarioError(reader.diagnostics) }
        }
        let mean = trace?.meanW ?? [:]
        var power: [String: Double] = [:]
        for (l, layer) in chipLayers.enumerated() where layer.hasPower {
            for unit in layer.units {
                let key = HotSpotStudy.powerKey(layer: l, unit: unit.name, fromLayerFile: layers != nil)
                power[key] = trace == nil ? 1 : mean[key] ?? 0
            }
        }
        let package = HotSpotStudy.Package(
            spreaderSideM: numbers["s_spreader"]!, spreaderThicknessM: numbers["t_spreader"]!, spreaderConductivityWPerMK: numbers["k_spreader"]!,
            spreaderHeatCapacityJPerM3K: numbers["p_spreader"]!, sinkSideM: numbers["s_sink"]!, sinkThicknessM: numbers["t_sink"]!,
            sinkConductivityWPerMK: numbers["k_sink"]!, sinkHeatCapacityJPerM3K: numbers["p_sink"]!,
            convectionResistanceKPerW: numbers["r_convec"]!, convectionCapacityJPerK: numbers["c_convec"]!)
        var study = HotSpotStudy(layers: chipLayers, fromLayerFile: layers != nil, package: package, ambientK: numbers["ambient"]!,
                            initialK: numbers["init_temp"]!, modelType: HotSpotStudy.ModelType(rawValue: settings["model_type"]!)!,
                            gridRows: Int(numbers["grid_rows"]!), gridColumns: Int(numbers["grid_cols"]!),
                            mapMode: HotSpotStudy.MapMode(rawValue: settings["grid_map_mode"]!)!, detailed3D: settings["detailed_3D"] == "on",
                            blockOmitLateral: settings["block_omit_lateral"] == "1", samplingIntervalS: numbers["sampling_intvl"]!,
                            powerW: power, trace: trace)
            .with(initialTemperaturesK: initial)
        study.sourceFiles = reader.filesRead
        return study
    }
}

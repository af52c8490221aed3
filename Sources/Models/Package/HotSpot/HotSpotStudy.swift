/// A HotSpot 7.0 study as HotSpot itself reads it (Huang et al., IEEE TVLSI 14(5), 2006;
/// uvahotspot/HotSpot): the chip layers (the default silicon + interface pair, or a layer file's
/// layers, farthest from the sink first), the package options of its configuration, and the
/// power of every floorplan unit. `HotSpotBlockNetwork` and `HotSpotGridNetwork` build HotSpot's
/// own thermal networks from it (`plenum package --model hotspot`); `HotSpotInput` turns the
/// same study into Plenum's converged layered model. Lengths in metres, temperatures in kelvin
/// as HotSpot writes them.
public struct HotSpotStudy: Sendable {
    /// A floorplan unit, with the optional per-unit resistivity (m·K/W) and volumetric heat
    /// capacity (J/(m³·K)) of HotSpot's detailed 3-D mode.
    public struct Unit: Sendable, Equatable {
        public var name: String
        public var rectangle: PlaneRectangle
        public var resistivityMKPerW: Double?
        public var volumetricHeatCapacityJPerM3K: Double?

        public init(name: String, rectangle: PlaneRectangle, resistivityMKPerW: Double? = nil, volumetricHeatCapacityJPerM3K: Double? = nil) {
            self.name = name
            self.rectangle = rectangle
            self.resistivityMKPerW = resistivityMKPerW
            self.volumetricHeatCapacityJPerM3K = volumetricHeatCapacityJPerM3K
        }
    }

    /// One chip layer: its floorplan, conductivity, heat capacity and thickness; whether heat
    /// flows laterally in it and whether its units dissipate power.
    public struct Layer: Sendable {
        public var units: [Unit]
        public var conductivityWPerMK: Double
        public var volumetricHeatCapacityJPerM3K: Double
        public var thicknessM: Double
        public var hasLateral: Bool
        public var hasPower: Bool

        public init(units: [Unit], conductivityWPerMK: Double, volumetricHeatCapacityJPerM3K: Double, thicknessM: Double,
                    hasLateral: Bool = true, hasPower: Bool) {
            self.units = units
            self.conductivityWPerMK = conductivityWPerMK
            self.volumetricHeatCapacityJPerM3K = volumetricHeatCapacityJPerM3K
            self.thicknessM = thicknessM
            self.hasLateral = hasLateral
            self.hasPower = hasPower
        }

        /// The floorplan's bounding box.
        public var extent: PlaneRectangle { units.dropFirst().reduce(units[0].rectangle) { $0.union($1.rectangle) } }
    }

    /// The spreader, sink and convection of HotSpot's package (`-s_spreader` … `-c_convec`).
    public struct Package: Sendable {
        public var spreaderSideM, spreaderThicknessM, spreaderConductivityWPerMK, spreaderHeatCapacityJPerM3K: Double
        public var sinkSideM, sinkThicknessM, sinkConductivityWPerMK, sinkHeatCapacityJPerM3K: Double
        /// Sink-to-ambient resistance, K/W, and the fins' heat capacity, J/K.
        public var convectionResistanceKPerW, convectionCapacityJPerK: Double

        public init(spreaderSideM: Double, spreaderThicknessM: Double, spreaderConductivityWPerMK: Double, spreaderHeatCapacityJPerM3K: Double,
                    sinkSideM: Double, sinkThicknessM: Double, sinkConductivityWPerMK: Double, sinkHeatCapacityJPerM3K: Double,
                    convectionResistanceKPerW: Double, convectionCapacityJPerK: Double) {
            self.spreaderSideM = spreaderSideM
            self.spreaderThicknessM = spreaderThicknessM
            self.spreaderConductivityWPerMK = spreaderConductivityWPerMK
            self.spreaderHeatCapacityJPerM3K = spreaderHeatCapacityJPerM3K
            self.sinkSideM = sinkSideM
            self.sinkThicknessM = sinkThicknessM
            self.sinkConductivityWPerMK = sinkConductivityWPerMK
            self.sinkHeatCapacityJPerM3K = sinkHeatCapacityJPerM3K
            self.convectionResistanceKPerW = convectionResistanceKPerW
            self.convectionCapacityJPerK = convectionCapacityJPerK
        }
    }

    /// HotSpot's `-model_type`.
    public enum ModelType: String, Sendable, CaseIterable { case block, grid }
    /// HotSpot's `-grid_map_mode`: how a block's temperature is read from the cells it overlaps.
    public enum MapMode: String, Sendable, CaseIterable { case avg, min, max, center }

    /// A power trace: block names and rows of powers (W), one row per sampling interval.
    public struct PowerTrace: Sendable {
        public var names: [String]
        /// Each column's power key (`HotSpotStudy.powerKey`): its name, or with a layer file the
        /// name qualified by the layer HotSpot reads the column for.
        public var keys: [String]
        public var rows: [[Double]]
        public init(names: [String], keys: [String]? = nil, rows: [[Double]]) {
            self.names = names
            self.keys = keys ?? names
            self.rows = rows
        }
        /// Each column's mean over the rows (HotSpot's steady power), by power key.
        public var meanW: [String: Double] {
            var mean: [String: Double] = [:]
            for (k, key) in keys.enumerated() {
                mean[key] = rows.isEmpty ? 0 : rows.reduce(0) { $0 + $1[k] } / Double(rows.count)
            }
            return mean
        }
    }

    /// The key of a unit's power: its name, or with a layer file `layer_<n>_<name>` (HotSpot's
    /// own name for it), since two layers may share a floorplan and its unit names.
    public func powerKey(layer: Int, unit: String) -> String { Self.powerKey(layer: layer, unit: unit, fromLayerFile: fromLayerFile) }

    public static func powerKey(layer: Int, unit: String, fromLayerFile: Bool) -> String { fromLayerFile ? "layer_\(layer)_\(unit)" : unit }

    /// Chip layers, farthest from the sink first (layer 0 of a layer file, or silicon).
    public var layers: [Layer]
    /// True when the layers came from a layer file (`-grid_layer_file` / `--lcf`).
    public var fromLayerFile: Bool
    public var package: Package
    public var ambientK: Double
    /// Every node's temperature at the start of a transient without an initial file, K.
    public var initialK: Double
    public var modelType: ModelType
    public var gridRows: Int, gridColumns: Int
    public var mapMode: MapMode
    /// `-detailed_3D on`: per-unit resistivity and heat capacity from the floorplans.
    public var detailed3D: Bool
    /// `-block_omit_lateral 1`: the block model without lateral resistances in the silicon.
    public var blockOmitLateral: Bool
    public var samplingIntervalS: Double
    /// Steady power per unit power key (`powerKey`), W (the trace's mean row; 1 W a unit without a trace).
    public var powerW: [String: Double]
    public var trace: PowerTrace?
    /// `-init_file`: initial temperatures by HotSpot node name (a steady file), K.
    public var initialTemperaturesK: [String: Double]? = nil
    /// Every file the study was read from (configuration, floorplans, trace, layer, materials
    /// and initial files), so that no output overwrites one.
    public var sourceFiles: [String] = []

    public init(layers: [Layer], fromLayerFile: Bool, package: Package, ambientK: Double, initialK: Double, modelType: ModelType,
                gridRows: Int, gridColumns: Int, mapMode: MapMode, detailed3D: Bool, blockOmitLateral: Bool, samplingIntervalS: Double,
                powerW: [String: Double], trace: PowerTrace?) {
        self.layers = layers
        self.fromLayerFile = fromLayerFile
        self.package = package
        self.ambientK = ambientK
        self.initialK = initialK
        self.modelType = modelType
        self.gridRows = gridRows
        self.gridColumns = gridColumns
        self.mapMode = mapMode
        self.detailed3D = detailed3D
        self.blockOmitLateral = blockOmitLateral
        self.samplingIntervalS = samplingIntervalS
        self.powerW = powerW
        self.trace = trace
    }

    /// The same study starting its transients from these temperatures.
    public func with(initialTemperaturesK: [String: Double]?) -> HotSpotStudy {
        var study = self
        study.initialTemperaturesK = initialTemperaturesK
        return study
    }

    /// The chip's footprint: the first layer's floorplan extent (HotSpot requires every layer's
    /// to match).
    public var chipExtent: PlaneRectangle { layers[0].extent }

    /// The network HotSpot would build for this study with its `-model_type`.
    public func network() throws(HotSpotModelError) -> ThermalRCNetwork {
        switch modelType {
        case .block: return try HotSpotBlockNetwork.build(self)
        case .grid: return try HotSpotGridNetwork.build(self)
        }
    }
}

/// A study HotSpot itself would refuse, with HotSpot's reason.
public enum HotSpotModelError: Error, CustomStringConvertible, Sendable {
    case blockModelNeedsOneFloorplan
    case chipLargerThanPackage(chipM: Double, spreaderM: Double, sinkM: Double)
    case layersDiffer(layer: Int)
    case gridTooCoarse(unit: String)

    public var description: String {
        switch self {
        case .blockModelNeedsOneFloorplan:
            return "HotSpot's block model takes one floorplan; a layer file (--lcf) needs '-model_type grid'"
        case .chipLargerThanPackage(let chip, let spreader, let sink):
            return String(format: "the chip (%.1f mm across) is larger than the spreader (%.1f mm) or the sink (%.1f mm): HotSpot's "
                          + "'inordinate floorplan size'; set -s_spreader and -s_sink", chip * 1e3, spreader * 1e3, sink * 1e3)
        case .layersDiffer(let layer):
            return "layer \(layer)'s floorplan is not the same width and height as layer 0's (HotSpot requires it)"
        case .gridTooCoarse(let unit):
            return "unit '\(unit)' covers no whole grid cell boundary pair (HotSpot's 'invalid floorplan spec or grid resolution'); use more -grid_rows / -grid_cols"
        }
    }
}

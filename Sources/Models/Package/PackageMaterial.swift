/// A solid of a chip package: conductivity (lateral and through the layer, W/(m·K); composites
/// such as bump layers and substrates differ in the two) and volumetric heat capacity, J/(m³·K).
public struct PackageMaterial: Sendable, Equatable {
    public let name: String
    public let lateralConductivityWPerMK: Double
    public let verticalConductivityWPerMK: Double
    public let volumetricHeatCapacityJPerM3K: Double
    public let source: String

    public init(name: String, lateral: Double, vertical: Double? = nil, volumetricHeatCapacity: Double, source: String) {
        precondition(lateral > 0 && (vertical ?? lateral) > 0 && volumetricHeatCapacity > 0)
        self.name = name
        lateralConductivityWPerMK = lateral
        verticalConductivityWPerMK = vertical ?? lateral
        volumetricHeatCapacityJPerM3K = volumetricHeatCapacity
        self.source = source
    }
}

/// The materials package descriptions name, with sources (estimates say so).
public enum PackageMaterials {
    public static let silicon = PackageMaterial(
        name: "silicon", lateral: 130, volumetricHeatCapacity: 1.6303e6,
        source: "HotSpot 7.0 template (k 130 W/mK at operating temperature; bulk 148 at 300 K), c 1.6303e6 J/m3K")
    public static let copper = PackageMaterial(
        name: "copper", lateral: 400, volumetricHeatCapacity: 3.55e6, source: "HotSpot defaults for spreader and sink")
    public static let aluminium = PackageMaterial(
        name: "aluminium", lateral: 237, volumetricHeatCapacity: 2.42e6, source: "handbook: k 237 W/mK, 2700 kg/m3 × 897 J/kgK")
    public static let timGrease = PackageMaterial(
        name: "tim-grease", lateral: 4, volumetricHeatCapacity: 4e6, source: "HotSpot TIM defaults (k 4 W/mK, 4e6 J/m3K)")
    public static let indium = PackageMaterial(
        name: "indium", lateral: 86, volumetricHeatCapacity: 1.70e6, source: "handbook: indium k 81.6-86 W/mK, 7310 kg/m3 × 233 J/kgK (solder TIM1)")
    public static let underfill = PackageMaterial(
        name: "underfill", lateral: 0.5, volumetricHeatCapacity: 1.6e6, source: "estimate: capillary underfills 0.3-0.7 W/mK")
    public static let mold = PackageMaterial(
        name: "mold", lateral: 0.9, volumetricHeatCapacity: 1.7e6, source: "estimate: epoxy mold compounds 0.6-1.0 W/mK")
    public static let organicSubstrate = PackageMaterial(
        name: "organic-substrate", lateral: 30, vertical: 0.8, volumetricHeatCapacity: 1.8e6,
        source: "estimate: build-up substrate with copper planes, in-plane 20-40, through-plane 0.5-1 W/mK")
    public static let microBumpLayer = PackageMaterial(
        name: "micro-bump-layer", lateral: 0.6, vertical: 10, volumetricHeatCapacity: 2.0e6,
        source: "estimate: 20 µm bumps at 40 µm pitch (20 % area, solder/copper) in underfill")
    public static let c4BumpLayer = PackageMaterial(
        name: "c4-bump-layer", lateral: 0.5, vertical: 5, volumetricHeatCapacity: 2.0e6,
        source: "estimate: C4 bumps at 150-200 µm pitch in underfill")
    public static let hybridBondLayer = PackageMaterial(
        name: "hybrid-bond-layer", lateral: 1.4, vertical: 20, volumetricHeatCapacity: 1.8e6,
        source: "estimate: oxide (1.4 W/mK) with ~25 % copper pads; R ≈ 1e-7 m2K/W for 2 µm")
    public static let hbmStack = PackageMaterial(
        name: "hbm-stack", lateral: 100, vertical: 12, volumetricHeatCapacity: 1.7e6,
        source: "estimate: 8-12 thinned DRAM dies with micro-bump layers; effective through-stack 5-20 W/mK")
    public static let air = PackageMaterial(
        name: "air", lateral: 0.026, volumetricHeatCapacity: 1.2e3, source: "handbook: air at 25 °C")

    public static let all = [silicon, copper, aluminium, timGrease, indium, underfill, mold, organicSubstrate, microBumpLayer,
                             c4BumpLayer, hybridBondLayer, hbmStack, air]

    public static func named(_ name: String) -> PackageMaterial? { all.first { $0.name == name } }
}

import Foundation
import Models

/// A HotSpot study as a Plenum package, solved by Plenum's converged layered model: the study's
/// chip layers (HotSpot's silicon + TIM, or the layer file's own layers, which carry their own
/// TIM), then the spreader and sink at their full sizes, and r_convec to ambient from the sink's
/// top. Differences from HotSpot's network (documented in docs/models/package.md): nodes at cell
/// centres through each slab's thickness, and the spreader and sink beyond the chip as cells,
/// not HotSpot's twelve lumped nodes.
enum HotSpotDesign {
    static func design(_ study: HotSpotStudy, name: String) -> PackageDesign {
        let chipExtent = study.chipExtent, p = study.package
        let cx = chipExtent.x + chipExtent.width / 2, cy = chipExtent.y + chipExtent.height / 2
        func centred(_ side: Double) -> PlaneRectangle { PlaneRectangle(x: cx - side / 2, y: cy - side / 2, width: side, height: side) }
        let spreaderRect = centred(max(p.spreaderSideM, chipExtent.width, chipExtent.height))
        let sinkRect = centred(max(p.sinkSideM, spreaderRect.width))
        var thermalLayers: [ThermalLayer] = []
        var dies: [PackageDesign.Die] = []
        var tier = 0
        var sourceKeys: [String] = []
        for (index, layer) in study.layers.enumerated() {
            let material = PackageMaterial(name: "hotspot-layer-\(index)", lateral: layer.hasLateral ? layer.conductivityWPerMK : 1e-9,
                                           vertical: layer.conductivityWPerMK, volumetricHeatCapacity: layer.volumetricHeatCapacityJPerM3K,
                                           source: "HotSpot layer \(index)")
            let extent = layer.extent
            let dieName = layer.hasPower ? "tier-\(tier)" : (study.fromLayerFile ? "layer-\(index)" : "interface")
            var regions: [(rectangle: PlaneRectangle, material: PackageMaterial, label: String)] = []
            var sources: [HeatSource] = []
            for unit in layer.units {
                var unitMaterial = material
                if study.detailed3D, unit.resistivityMKPerW != nil || unit.volumetricHeatCapacityJPerM3K != nil {
                    let k = unit.resistivityMKPerW.map { 1 / $0 } ?? layer.conductivityWPerMK
                    unitMaterial = PackageMaterial(name: "hotspot-\(unit.name)", lateral: layer.hasLateral ? k : 1e-9, vertical: k,
                                                   volumetricHeatCapacity: unit.volumetricHeatCapacityJPerM3K ?? layer.volumetricHeatCapacityJPerM3K,
                                                   source: "HotSpot floorplan unit \(unit.name)")
                }
                regions.append((unit.rectangle, unitMaterial, unit.name))
                if layer.hasPower {
                    let key = study.powerKey(layer: index, unit: unit.name)
                    sources.append(HeatSource(name: unit.name, die: dieName, rectangle: unit.rectangle, powerW: study.powerW[key] ?? 0))
                    sourceKeys.append(key)
                }
            }
            thermalLayers.append(ThermalLayer(name: dieName, thicknessM: layer.thicknessM, background: PackageMaterials.air, regions: regions,
                                              sources: sources))
            if layer.hasPower {
                dies.append(PackageDesign.Die(name: dieName, node: ProcessNode.named("7nm")!, rectangle: extent, thicknessM: layer.thicknessM, tier: tier,
                                              blocks: sources.map { .init(name: $0.name, rectangle: PlaneRectangle(x: $0.rectangle.x - extent.x,
                                                                                                                     y: $0.rectangle.y - extent.y,
                                                                                                                     width: $0.rectangle.width,
                                                                                                                     height: $0.rectangle.height),
                                                                          powerW: $0.powerW) },
                                              leakageFraction: 0))
                tier += 1
            }
        }
        let spreader = PackageMaterial(name: "hotspot-spreader", lateral: p.spreaderConductivityWPerMK, volumetricHeatCapacity: p.spreaderHeatCapacityJPerM3K,
                                       source: "HotSpot configuration")
        thermalLayers.append(ThermalLayer(name: "spreader", thicknessM: p.spreaderThicknessM, background: PackageMaterials.air,
                                          regions: [(spreaderRect, spreader, "spreader")]))
        // HotSpot's convection capacitance (the fins' heat capacity, lumped at the convection node)
        // is spread over the sink base, so transients see it.
        let sinkVolume = sinkRect.area * p.sinkThicknessM
        let sinkMaterial = PackageMaterial(name: "hotspot-sink", lateral: p.sinkConductivityWPerMK,
                                           volumetricHeatCapacity: p.sinkHeatCapacityJPerM3K + p.convectionCapacityJPerK / sinkVolume,
                                           source: "HotSpot configuration (p_sink + c_convec / sink volume)")
        thermalLayers.append(ThermalLayer(name: "sink", thicknessM: p.sinkThicknessM, background: PackageMaterials.air,
                                          regions: [(sinkRect, sinkMaterial, "sink")]))
        let ambientC = study.ambientK - 273.15
        // HotSpot's grid covers the chip; the sink and spreader beyond it get cells growing outwards.
        let fine = min(chipExtent.width / Double(study.gridColumns), chipExtent.height / Double(study.gridRows))
        let problem = LayeredThermalProblem(
            layers: thermalLayers, extent: sinkRect,
            top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: 1 / (p.convectionResistanceKPerW * sinkRect.area), rectangle: sinkRect, fluidC: ambientC),
            grid: .graded(fineCellM: fine, fineRegion: chipExtent, growth: 1.3), leakageCoefficientPerK: 0)
        var design = PackageDesign(name: name, kind: tier > 1 ? .stack3D : .monolithic, dies: dies,
                                   cooling: .resistance(kPerW: p.convectionResistanceKPerW, fluidC: ambientC))
        design.customProblem = problem
        design.lid = nil
        // Transients replay the trace row by row, one row per sampling interval (HotSpot's
        // transient mode), as multipliers of each block's mean power.
        if let trace = study.trace, trace.rows.count > 1 {
            let sources = problem.layers.flatMap(\.sources)
            let columns = sourceKeys.map { trace.keys.firstIndex(of: $0) }
            let scales: [[Double]] = trace.rows.map { row in
                zip(sources, columns).map { source, column in
                    guard let column, column < row.count, source.powerW > 0 else { return 1 }
                    return row[column] / source.powerW
                }
            }
            design.sourceSchedule = PackageDesign.SourceSchedule(intervalS: study.samplingIntervalS, scales: scales)
        }
        return design
    }
}

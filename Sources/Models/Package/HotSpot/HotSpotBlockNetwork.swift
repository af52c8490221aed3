/// HotSpot 7.0's block model (`temperature_block.c`): one node per floorplan unit in each of four
/// layers — silicon, interface (TIM), spreader and sink — plus HotSpot's twelve package nodes
/// (`HotSpotPackageRC`). For units i and j sharing an edge of length L in a layer of thickness t
/// and conductivity k, and unit i of width w_i, height h_i and area A_i:
///
///     R_ij (side by side) = w_i/(2 k t L) + w_j/(2 k t L)     (half of each unit's width)
///     R_ij (one above)    = h_i/(2 k t L) + h_j/(2 k t L)
///     R_vertical,i        = t_layer / (k_layer A_i)            (each layer to the next, full thickness)
///     R_ambient,i         = t_sink / (k_sink A_i) + r_convec s_sink² / A_i
///
/// A unit on the chip's edge links its spreader (and sink) node to that side's package node
/// through 1/g_i + r_sp1·G_side/g_i, g_i = k t w_i/(h_i/2) (HotSpot shares the side's lumped
/// resistance in proportion to the units' own conductances). `-block_omit_lateral` drops the
/// silicon's lateral links. Capacities C_FACTOR · ρc_p · t · A (HotSpot's lumping factor
/// 0.333); the sink's gets its share of C_FACTOR · c_convec.
public enum HotSpotBlockNetwork {
    /// HotSpot's geometric tolerance (`DELTA` in util.h), m.
    static let tolerance = 1e-6

    public static func build(_ study: HotSpotStudy) throws(HotSpotModelError) -> ThermalRCNetwork {
        guard !study.fromLayerFile, study.layers.count == 2 else { throw .blockModelNeedsOneFloorplan }
        let chip = study.layers[0], tim = study.layers[1], p = study.package
        let units = chip.units, n = units.count, extent = chip.extent
        guard extent.width <= p.sinkSideM, extent.height <= p.sinkSideM, extent.width <= p.spreaderSideM, extent.height <= p.spreaderSideM else {
            throw .chipLargerThanPackage(chipM: max(extent.width, extent.height), spreaderM: p.spreaderSideM, sinkM: p.sinkSideM)
        }
        let pack = HotSpotPackageRC(p, chipWidthM: extent.width, chipHeightM: extent.height)
        var network = ThermalRCNetworkBuilder(nodes: 4 * n + 12, ambientK: study.ambientK)
        // (conductivity, thickness, volumetric heat capacity) of silicon, TIM, spreader and sink.
        let layers = [(chip.conductivityWPerMK, chip.thicknessM, chip.volumetricHeatCapacityJPerM3K),
                      (tim.conductivityWPerMK, tim.thicknessM, tim.volumetricHeatCapacityJPerM3K),
                      (p.spreaderConductivityWPerMK, p.spreaderThicknessM, p.spreaderHeatCapacityJPerM3K),
                      (p.sinkConductivityWPerMK, p.sinkThicknessM, p.sinkHeatCapacityJPerM3K)]
        func eq(_ a: Double, _ b: Double) -> Bool { abs(a - b) < tolerance }

        // Lateral links within each layer.
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let a = units[i].rectangle, b = units[j].rectangle
                let sideBySide = eq(a.maxX, b.x) || eq(b.maxX, a.x)
                let aboveBelow = eq(a.maxY, b.y) || eq(b.maxY, a.y)
                let sharedY = min(a.maxY, b.maxY) - max(a.y, b.y), sharedX = min(a.maxX, b.maxX) - max(a.x, b.x)
                for (layer, (k, t, _)) in layers.enumerated() where !(layer == 0 && study.blockOmitLateral) {
                    if sideBySide && sharedY > tolerance {
                        network.link(layer * n + i, layer * n + j, conductance: 1 / (a.width / (2 * k * t * sharedY) + b.width / (2 * k * t * sharedY)))
                    } else if aboveBelow && sharedX > tolerance {
                        network.link(layer * n + i, layer * n + j, conductance: 1 / (a.height / (2 * k * t * sharedX) + b.height / (2 * k * t * sharedX)))
                    }
                }
            }
        }
        // Vertical links, ambient and capacities.
        let fins = HotSpotPackageRC.capacitanceFactor * p.convectionCapacityJPerK / (p.sinkSideM * p.sinkSideM)
        for i in 0..<n {
            let area = units[i].rectangle.area
            for layer in 0..<3 {
                network.link(layer * n + i, (layer + 1) * n + i, conductance: layers[layer].0 * area / layers[layer].1)
            }
            network.toAmbient(3 * n + i, conductance: 1 / (p.sinkThicknessM / (p.sinkConductivityWPerMK * area)
                                                           + p.convectionResistanceKPerW * p.sinkSideM * p.sinkSideM / area))
            for layer in 0..<4 { network.capacity[layer * n + i] = HotSpotPackageRC.capacitanceFactor * layers[layer].2 * layers[layer].1 * area }
            network.capacity[3 * n + i] += fins * area
        }
        // Units on the chip's edges to the package nodes, the side's lumped resistance shared
        // in proportion to the units' conductances toward it.
        typealias Node = HotSpotPackageRC.Node
        let base = 4 * n
        for (layer, pairs) in [(2, [(Node.spreaderNorth, pack.rSp1Y), (.spreaderSouth, pack.rSp1Y), (.spreaderEast, pack.rSp1X), (.spreaderWest, pack.rSp1X)]),
                               (3, [(Node.sinkInnerNorth, pack.rHs1Y), (.sinkInnerSouth, pack.rHs1Y), (.sinkInnerEast, pack.rHs1X), (.sinkInnerWest, pack.rHs1X)])] {
            let (k, t, _) = layers[layer]
            for (side, lumped) in pairs {
                let onSide: (PlaneRectangle) -> Bool
                let toward: (PlaneRectangle) -> Double   // the unit's conductance from its centre to the side
                switch side {
                case .spreaderNorth, .sinkInnerNorth:
                    onSide = { eq($0.maxY, extent.maxY) }
                    toward = { k * $0.width * t / ($0.height / 2) }
                case .spreaderSouth, .sinkInnerSouth:
                    onSide = { eq($0.y, extent.y) }
                    toward = { k * $0.width * t / ($0.height / 2) }
                case .spreaderEast, .sinkInnerEast:
                    onSide = { eq($0.maxX, extent.maxX) }
                    toward = { k * $0.height * t / ($0.width / 2) }
                default:
                    onSide = { eq($0.x, extent.x) }
                    toward = { k * $0.height * t / ($0.width / 2) }
                }
                let total = units.filter { onSide($0.rectangle) }.reduce(0) { $0 + toward($1.rectangle) }
                for (i, unit) in units.enumerated() where onSide(unit.rectangle) {
                    let g = toward(unit.rectangle)
                    network.link(layer * n + i, base + side.rawValue, conductance: 1 / (1 / g + lumped * total / g))
                }
            }
        }
        pack.addPeripheralLinks(to: &network, firstNode: base)

        let names = units.map(\.name)
        let outputs = names + ["iface_", "hsp_", "hsink_"].flatMap { prefix in names.map { prefix + $0 } }
            + (0..<12).map { "inode_\($0)" }
        return ThermalRCNetwork(network, powerNames: names, powerNodes: (0..<n).map { [($0, 1.0)] }, outputNames: outputs,
                                outputNodes: (0..<(4 * n + 12)).map { [$0] }, outputMode: .avg,
                                outputIsPowered: (0..<(4 * n + 12)).map { $0 < n }, layeredGrid: nil)
    }
}

import Foundation

/// HotSpot 7.0's grid model (`temperature_grid.c`): every layer — the chip layers (silicon and
/// TIM, or a layer file's), then spreader and sink — is cut into the same rows × columns of cells
/// over the chip's footprint (cell cw × ch), and the spreader and sink beyond the footprint are
/// HotSpot's twelve package nodes (`HotSpotPackageRC`). Per layer of conductivity k and
/// thickness t:
///
///     r_x = cw / (k ch t),  r_y = ch / (k cw t),  r_z = t / (k cw ch)
///
/// Every link is HotSpot 7.0's `find_res`, which its multigrid, SuperLU and transient solvers all
/// call. Cells in neighbouring rows are linked by r_x/2 + r_x/2 and cells in neighbouring
/// columns by r_y/2 + r_y/2: HotSpot's own convention, the transpose of the physical one, which
/// only square cells make equal (it is kept so that a study with oblong cells gives HotSpot's
/// numbers). A cell links to the one below through the upper layer's full r_z (HotSpot's nodes
/// sit where a layer meets the next); a sink cell to ambient by its r_z + r_convec s_sink² /
/// (cw ch). A layer without lateral flow has no lateral links. Edge cells of the spreader (sink)
/// reach their side's package node through r_y/2 + cols · r_sp1_y (r_x/2 + rows · r_sp1_x).
/// With `-detailed_3D on`, cells take their units' resistivity and heat capacity
/// (occupancy-weighted in parallel; a unit covering ≥ 95 % of a cell takes it), are linked
/// laterally even in a layer marked without lateral flow, and vertical links are half of each
/// cell's r_z (the first layer's whole) — the sink's r_z there including its share of
/// r_convec, as HotSpot adds it to the layer's r_z. A unit's power goes to the cells it overlaps
/// in proportion to the overlap; its temperature is the plain mean (`avg`), maximum or minimum
/// of the cells it touches, or the mean of its (up to four) central cells (`center`, HotSpot's
/// default; `-grid_map_mode`).
public enum HotSpotGridNetwork {
    static let tolerance = 1e-6
    /// A unit covering at least this share of a cell gives the cell its own properties
    /// (HotSpot's `OCCUPANCY_THRESHOLD`, detailed 3-D mode).
    static let occupancyThreshold = 0.95

    /// The cells a unit touches (rows from the top, HotSpot's i1..<i2, j1..<j2) and its share of each.
    struct Footprint { var rows: Range<Int>; var columns: Range<Int>; var occupancy: [[Double]] }

    static func tolerantCeil(_ x: Double) -> Int {
        let nearest = (x + 0.5).rounded(.down)
        return abs(x - nearest) < tolerance ? Int(nearest) : Int(x.rounded(.up))
    }

    static func tolerantFloor(_ x: Double) -> Int {
        let nearest = (x + 0.5).rounded(.down)
        return abs(x - nearest) < tolerance ? Int(nearest) : Int(x.rounded(.down))
    }

    static func footprint(_ r: PlaneRectangle, chip: PlaneRectangle, rows: Int, columns: Int) -> Footprint? {
        let cw = chip.width / Double(columns), ch = chip.height / Double(rows)
        let left = r.x - chip.x, right = r.maxX - chip.x, bottom = r.y - chip.y, top = r.maxY - chip.y
        let i1 = rows - tolerantCeil(top / ch), i2 = rows - tolerantFloor(bottom / ch)
        let j1 = tolerantFloor(left / cw), j2 = tolerantCeil(right / cw)
        guard i1 >= 0, j1 >= 0, i2 <= rows, j2 <= columns, i1 < i2, j1 < j2 else { return nil }
        let occupancy = (i1..<i2).map { i in
            (j1..<j2).map { j -> Double in
                let cellTop = chip.height - Double(i) * ch, cellBottom = chip.height - Double(i + 1) * ch
                var oh = min(top, cellTop) - max(bottom, cellBottom), ow = min(right, Double(j + 1) * cw) - max(left, Double(j) * cw)
                if abs(oh / ch) < tolerance { oh = 0 } else if abs(oh / ch - 1) < tolerance { oh = ch }
                if abs(ow / cw) < tolerance { ow = 0 } else if abs(ow / cw - 1) < tolerance { ow = cw }
                return max(oh, 0) * max(ow, 0) / (ch * cw)
            }
        }
        return Footprint(rows: i1..<i2, columns: j1..<j2, occupancy: occupancy)
    }

    /// A layer as the network sees it.
    struct GridLayer {
        var conductivity: Double, heatCapacity: Double, thickness: Double, hasLateral: Bool, hasPower: Bool
        var units: [HotSpotStudy.Unit]
        var prefix: String
        /// Per cell (detailed 3-D only): conductivity factors (1/ρ·occupancy summed) and heat capacity.
        var cellConductivity: [Double]? = nil
        var cellHeatCapacity: [Double]? = nil
    }

    public static func build(_ study: HotSpotStudy) throws(HotSpotModelError) -> ThermalRCNetwork {
        let chip = study.chipExtent, p = study.package
        let nr = study.gridRows, nc = study.gridColumns, perLayer = nr * nc
        guard chip.width <= p.sinkSideM, chip.height <= p.sinkSideM, chip.width <= p.spreaderSideM, chip.height <= p.spreaderSideM else {
            throw .chipLargerThanPackage(chipM: max(chip.width, chip.height), spreaderM: p.spreaderSideM, sinkM: p.sinkSideM)
        }
        for (index, layer) in study.layers.enumerated() {
            let e = layer.extent
            if abs(e.width - chip.width) >= tolerance || abs(e.height - chip.height) >= tolerance { throw .layersDiffer(layer: index) }
        }
        let cw = chip.width / Double(nc), ch = chip.height / Double(nr)
        var layers: [GridLayer] = study.layers.enumerated().map { index, layer in
            let prefix = study.fromLayerFile ? "layer_\(index)_" : (index == 0 ? "" : "iface_")
            return GridLayer(conductivity: layer.conductivityWPerMK, heatCapacity: layer.volumetricHeatCapacityJPerM3K, thickness: layer.thicknessM,
                             hasLateral: layer.hasLateral, hasPower: layer.hasPower, units: layer.units, prefix: prefix)
        }
        let lastUnits = study.layers.last!.units
        layers.append(GridLayer(conductivity: p.spreaderConductivityWPerMK, heatCapacity: p.spreaderHeatCapacityJPerM3K, thickness: p.spreaderThicknessM,
                                hasLateral: true, hasPower: false, units: lastUnits, prefix: "hsp_"))
        layers.append(GridLayer(conductivity: p.sinkConductivityWPerMK, heatCapacity: p.sinkHeatCapacityJPerM3K, thickness: p.sinkThicknessM,
                                hasLateral: true, hasPower: false, units: lastUnits, prefix: "hsink_"))
        let nl = layers.count, spreader = nl - 2, sink = nl - 1

        // Every unit's footprint, per layer.
        var footprints: [[Footprint]] = []
        for layer in layers {
            var list: [Footprint] = []
            for unit in layer.units {
                guard let f = footprint(unit.rectangle, chip: chip, rows: nr, columns: nc) else { throw .gridTooCoarse(unit: unit.name) }
                list.append(f)
            }
            footprints.append(list)
        }
        if study.detailed3D {
            for l in 0..<(nl - 2) { applyDetailedProperties(&layers[l], footprints: footprints[l], cells: perLayer, columns: nc) }
        }
        // Per-cell resistances (HotSpot's layer r's, or the detailed cell's).
        func k(_ l: Int, _ cell: Int) -> Double { layers[l].cellConductivity?[cell] ?? layers[l].conductivity }
        func rx(_ l: Int, _ cell: Int) -> Double { cw / (k(l, cell) * ch * layers[l].thickness) }
        func ry(_ l: Int, _ cell: Int) -> Double { ch / (k(l, cell) * cw * layers[l].thickness) }
        func rz(_ l: Int, _ cell: Int) -> Double { layers[l].thickness / (k(l, cell) * cw * ch) }
        let convectionPerCell = p.convectionResistanceKPerW * p.sinkSideM * p.sinkSideM / (cw * ch)

        var network = ThermalRCNetworkBuilder(nodes: nl * perLayer + 12, ambientK: study.ambientK)
        let fins = HotSpotPackageRC.capacitanceFactor * p.convectionCapacityJPerK * cw * ch / (p.sinkSideM * p.sinkSideM)
        // HotSpot's layer r_z of the sink includes its share of r_convec; detailed 3-D mode puts
        // half of it into the spreader-sink link.
        func rzWithConvection(_ l: Int, _ cell: Int) -> Double { rz(l, cell) + (l == sink ? convectionPerCell : 0) }
        for l in 0..<nl {
            for i in 0..<nr {
                for j in 0..<nc {
                    let cell = i * nc + j, node = l * perLayer + cell
                    if layers[l].hasLateral || (study.detailed3D && l < spreader) {
                        if j + 1 < nc { network.link(node, node + 1, conductance: 1 / (ry(l, cell) / 2 + ry(l, cell + 1) / 2)) }
                        if i + 1 < nr { network.link(node, node + nc, conductance: 1 / (rx(l, cell) / 2 + rx(l, cell + nc) / 2)) }
                    }
                    if l + 1 < nl {
                        let r = study.detailed3D ? (l == 0 ? rz(l, cell) : rz(l, cell) / 2) + rzWithConvection(l + 1, cell) / 2 : rz(l, cell)
                        network.link(node, node + perLayer, conductance: 1 / r)
                    } else {
                        network.toAmbient(node, conductance: 1 / (rz(l, cell) + convectionPerCell))
                    }
                    network.capacity[node] = HotSpotPackageRC.capacitanceFactor * (layers[l].cellHeatCapacity?[cell] ?? layers[l].heatCapacity)
                        * layers[l].thickness * cw * ch
                    if l == sink { network.capacity[node] += fins }
                }
            }
        }
        // Edge cells of the spreader and the sink to their sides' package nodes.
        typealias Node = HotSpotPackageRC.Node
        let pack = HotSpotPackageRC(p, chipWidthM: chip.width, chipHeightM: chip.height)
        let base = nl * perLayer
        for (l, north, south, east, west, lumpedX, lumpedY) in [(spreader, Node.spreaderNorth, Node.spreaderSouth, Node.spreaderEast, Node.spreaderWest, pack.rSp1X, pack.rSp1Y),
                                                                (sink, .sinkInnerNorth, .sinkInnerSouth, .sinkInnerEast, .sinkInnerWest, pack.rHs1X, pack.rHs1Y)] {
            let layerRx = cw / (layers[l].conductivity * ch * layers[l].thickness), layerRy = ch / (layers[l].conductivity * cw * layers[l].thickness)
            for j in 0..<nc {
                network.link(l * perLayer + j, base + north.rawValue, conductance: 1 / (layerRy / 2 + Double(nc) * lumpedY))
                network.link(l * perLayer + (nr - 1) * nc + j, base + south.rawValue, conductance: 1 / (layerRy / 2 + Double(nc) * lumpedY))
            }
            for i in 0..<nr {
                network.link(l * perLayer + i * nc + nc - 1, base + east.rawValue, conductance: 1 / (layerRx / 2 + Double(nr) * lumpedX))
                network.link(l * perLayer + i * nc, base + west.rawValue, conductance: 1 / (layerRx / 2 + Double(nr) * lumpedX))
            }
        }
        pack.addPeripheralLinks(to: &network, firstNode: base)

        // Power: each unit of a power layer over the cells it overlaps; read-outs per unit.
        var powerNames: [String] = [], powerNodes: [[(node: Int, share: Double)]] = []
        var outputNames: [String] = [], outputNodes: [[Int]] = [], powered: [Bool] = []
        for (l, layer) in layers.enumerated() {
            for (u, unit) in layer.units.enumerated() {
                let f = footprints[l][u]
                var cells: [Int] = []
                var shares: [(node: Int, share: Double)] = []
                for (a, i) in f.rows.enumerated() {
                    for (b, j) in f.columns.enumerated() {
                        let node = l * perLayer + i * nc + j
                        cells.append(node)
                        if layer.hasPower, f.occupancy[a][b] > 0 { shares.append((node, f.occupancy[a][b] * cw * ch / unit.rectangle.area)) }
                    }
                }
                if layer.hasPower {
                    powerNames.append(study.powerKey(layer: l, unit: unit.name))
                    powerNodes.append(shares)
                }
                outputNames.append(layer.prefix + unit.name)
                if study.mapMode == .center {
                    // HotSpot's `xlate_temp_g2b`: the mean of the two central rows and columns
                    // when a unit spans an even number of them, the one central cell otherwise.
                    let i1 = (f.rows.lowerBound + f.rows.upperBound) / 2, i2 = i1 - (f.rows.count % 2 == 0 ? 1 : 0)
                    let j1 = (f.columns.lowerBound + f.columns.upperBound) / 2, j2 = j1 - (f.columns.count % 2 == 0 ? 1 : 0)
                    cells = [(i1, j1), (i2, j1), (i1, j2), (i2, j2)].map { l * perLayer + $0.0 * nc + $0.1 }
                }
                outputNodes.append(cells)
                powered.append(layer.hasPower)
            }
        }
        for k in 0..<12 {
            outputNames.append("inode_\(k)")
            outputNodes.append([base + k])
            powered.append(false)
        }
        return ThermalRCNetwork(network, powerNames: powerNames, powerNodes: powerNodes, outputNames: outputNames, outputNodes: outputNodes,
                                outputMode: study.mapMode == .center ? .avg : study.mapMode, outputIsPowered: powered,
                                layeredGrid: (nc, nr, nl))
    }

    /// Detailed 3-D: each cell's conductivity and heat capacity from the units over it. The first
    /// unit to cover ≥ 95 % of the cell locks it to its own; otherwise the units' conductances add
    /// in parallel weighted by occupancy (HotSpot's `blist_append`). Units without their own
    /// values take the layer's.
    static func applyDetailedProperties(_ layer: inout GridLayer, footprints: [Footprint], cells: Int, columns nc: Int) {
        var conductivity = [Double](repeating: layer.conductivity, count: cells)
        var capacity = [Double](repeating: layer.heatCapacity, count: cells)
        var started = [Bool](repeating: false, count: cells), locked = started
        for (unit, f) in zip(layer.units, footprints) {
            let k = unit.resistivityMKPerW.map { 1 / $0 } ?? layer.conductivity
            let c = unit.volumetricHeatCapacityJPerM3K ?? layer.heatCapacity
            for (a, i) in f.rows.enumerated() {
                for (b, j) in f.columns.enumerated() {
                    let cell = i * nc + j, occupancy = f.occupancy[a][b]
                    if !started[cell] {
                        started[cell] = true
                        locked[cell] = occupancy >= occupancyThreshold
                        conductivity[cell] = locked[cell] ? k : k * occupancy
                        capacity[cell] = c
                    } else if !locked[cell] {
                        if occupancy >= occupancyThreshold {
                            locked[cell] = true
                            conductivity[cell] = k
                            capacity[cell] = c
                        } else {
                            conductivity[cell] += k * occupancy
                        }
                    }
                }
            }
        }
        // An unlocked cell keeps the layer's heat capacity (HotSpot's `find_cap_3D`).
        for cell in 0..<cells where started[cell] && !locked[cell] { capacity[cell] = layer.heatCapacity }
        layer.cellConductivity = conductivity
        layer.cellHeatCapacity = capacity
    }
}

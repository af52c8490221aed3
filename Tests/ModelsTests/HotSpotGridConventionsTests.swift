import Foundation
import Testing
@testable import Models

/// HotSpot 7.0's grid network as its `find_res` builds it (uvahotspot/HotSpot, temperature_grid.c;
/// the multigrid, SuperLU and transient solvers all call it), on the points where HotSpot's
/// example 1 cannot tell: oblong cells, detailed 3-D stacks, and the centre read-out.
@Suite("HotSpot grid network conventions")
struct HotSpotGridConventionsTests {
    static let k = 130.0, t = 150e-6

    /// A study of one chip layer (or two, the second without lateral flow) on a rows × columns grid.
    static func study(width: Double, height: Double, rows: Int, columns: Int, detailed: Bool = false, units: [HotSpotStudy.Unit]? = nil,
                      secondLayerLateral: Bool? = nil, mapMode: HotSpotStudy.MapMode = .avg) -> HotSpotStudy {
        let floorplan = units ?? [HotSpotStudy.Unit(name: "die", rectangle: PlaneRectangle(x: 0, y: 0, width: width, height: height))]
        var layers = [HotSpotStudy.Layer(units: floorplan, conductivityWPerMK: k, volumetricHeatCapacityJPerM3K: 1.75e6, thicknessM: t, hasPower: true)]
        if let lateral = secondLayerLateral {
            layers.append(HotSpotStudy.Layer(units: floorplan, conductivityWPerMK: 4, volumetricHeatCapacityJPerM3K: 4e6, thicknessM: 20e-6,
                                             hasLateral: lateral, hasPower: false))
        }
        let package = HotSpotStudy.Package(spreaderSideM: 0.03, spreaderThicknessM: 1e-3, spreaderConductivityWPerMK: 400, spreaderHeatCapacityJPerM3K: 3.55e6,
                                           sinkSideM: 0.06, sinkThicknessM: 6.9e-3, sinkConductivityWPerMK: 400, sinkHeatCapacityJPerM3K: 3.55e6,
                                           convectionResistanceKPerW: 0.1, convectionCapacityJPerK: 140.4)
        return HotSpotStudy(layers: layers, fromLayerFile: true, package: package, ambientK: 318.15, initialK: 318.15, modelType: .grid,
                            gridRows: rows, gridColumns: columns, mapMode: mapMode, detailed3D: detailed, blockOmitLateral: false,
                            samplingIntervalS: 0.01, powerW: Dictionary(uniqueKeysWithValues: floorplan.map { ($0.name, 1.0) }), trace: nil)
    }

    /// The conductance between two nodes (minus the off-diagonal entry), W/K.
    static func link(_ network: ThermalRCNetwork, _ a: Int, _ b: Int) -> Double {
        let g = network.conductance
        for e in g.rowStart[a]..<g.rowStart[a + 1] where g.columnIndex[e] == b { return -g.values[e] }
        return 0
    }

    /// Cells 5 mm wide and 2.5 mm high: HotSpot links neighbouring rows through r_x = cw/(k ch t)
    /// and neighbouring columns through r_y = ch/(k cw t) — the transpose of the physical links,
    /// kept because it is what HotSpot computes; square cells (every case of example 1) cannot
    /// tell the two apart.
    @Test func oblongCellsAreLinkedAsHotSpotLinksThem() throws {
        let network = try Self.study(width: 0.02, height: 0.01, rows: 4, columns: 4).network()
        let cw = 0.005, ch = 0.0025
        let columnNeighbours = Self.link(network, 0, 1), rowNeighbours = Self.link(network, 0, 4)
        #expect(abs(columnNeighbours - Self.k * cw * Self.t / ch) < 1e-12 * columnNeighbours)
        #expect(abs(rowNeighbours - Self.k * ch * Self.t / cw) < 1e-12 * rowNeighbours)
        // Square cells: the same either way.
        let square = try Self.study(width: 0.01, height: 0.01, rows: 4, columns: 4).network()
        #expect(abs(Self.link(square, 0, 1) - Self.link(square, 0, 4)) < 1e-15)
    }

    /// Detailed 3-D: layer 0 reaches layer 1 through its whole r_z and half of the next; the
    /// spreader reaches the sink through half of each r_z, the sink's including its share of
    /// r_convec (HotSpot adds it to the sink layer's r_z); a layer marked without lateral flow
    /// still conducts laterally through its cells.
    @Test func detailedStacksLinkLayersAsHotSpotDoes() throws {
        let rows = 4, columns = 4, perLayer = rows * columns
        let cw = 0.01 / Double(columns), ch = 0.01 / Double(rows), area = cw * ch
        let study = Self.study(width: 0.01, height: 0.01, rows: rows, columns: columns, detailed: true, secondLayerLateral: false)
        let network = try study.network()
        let rz0 = Self.t / (Self.k * area), rz1 = 20e-6 / (4 * area)
        let rzSpreader = 1e-3 / (400 * area), rzSink = 6.9e-3 / (400 * area) + 0.1 * 0.06 * 0.06 / area
        #expect(abs(1 / Self.link(network, 5, perLayer + 5) - (rz0 + rz1 / 2)) < 1e-9 * rz0)
        #expect(abs(1 / Self.link(network, 2 * perLayer + 5, 3 * perLayer + 5) - (rzSpreader / 2 + rzSink / 2)) < 1e-9 * rzSink)
        #expect(abs(network.ambientWPerK[3 * perLayer + 5] - 1 / rzSink) < 1e-12)
        #expect(Self.link(network, perLayer + 5, perLayer + 6) > 0)
        // Without detailed 3-D: the upper layer's whole r_z, and no lateral links where none are asked for.
        let plain = try Self.study(width: 0.01, height: 0.01, rows: rows, columns: columns, secondLayerLateral: false).network()
        #expect(abs(1 / Self.link(plain, 2 * perLayer + 5, 3 * perLayer + 5) - rzSpreader) < 1e-9 * rzSpreader)
        #expect(Self.link(plain, perLayer + 5, perLayer + 6) == 0)
    }

    /// `-grid_map_mode center` (HotSpot's default): a unit over an even number of rows and columns
    /// reads the mean of its four central cells, over an odd number its one central cell.
    @Test func centreReadOutIsHotSpots() throws {
        let units = [HotSpotStudy.Unit(name: "even", rectangle: PlaneRectangle(x: 0, y: 0, width: 0.004, height: 0.008)),
                     HotSpotStudy.Unit(name: "odd", rectangle: PlaneRectangle(x: 0.004, y: 0, width: 0.002, height: 0.008)),
                     HotSpotStudy.Unit(name: "rest", rectangle: PlaneRectangle(x: 0.006, y: 0, width: 0.002, height: 0.008))]
        // 8 rows of 1 mm × 4 columns of 2 mm: "even" spans all rows and columns 0-1, "odd" all rows and column 2.
        let network = try Self.study(width: 0.008, height: 0.008, rows: 8, columns: 4, units: units, mapMode: .center).network()
        let even = network.outputNodes[network.outputNames.firstIndex(of: "layer_0_even")!]
        #expect(Set(even) == Set([3 * 4 + 0, 3 * 4 + 1, 4 * 4 + 0, 4 * 4 + 1]))
        #expect(even.count == 4)
        let t = (0..<network.nodeCount).map(Double.init)
        let out = network.outputs(t)[network.outputNames.firstIndex(of: "layer_0_even")!]
        #expect(abs(out - Double(12 + 13 + 16 + 17) / 4) < 1e-12)
        let odd = network.outputs(t)[network.outputNames.firstIndex(of: "layer_0_odd")!]
        #expect(abs(odd - Double(14 + 18) / 2) < 1e-12)
    }
}

extension HotSpotGridConventionsTests {
    /// HotSpot's SuperLU build advances a grid transient by one backward-Euler step per sampling
    /// interval (RCutil.c). On one node of capacity C and conductance g to ambient, a step of h
    /// from T₀ under power P is T₁ = (C/h T₀ + P + g T_a) / (C/h + g) exactly; BDF2 with short
    /// steps follows the exponential T_a + P/g + (T₀ − T_a − P/g) e^(−g t / C) instead.
    @Test func superLUBuildTakesOneBackwardEulerStepPerInterval() throws {
        var builder = ThermalRCNetworkBuilder(nodes: 1, ambientK: 300)
        let c = 2.0, g = 0.5, p = 10.0, h = 1.0
        builder.toAmbient(0, conductance: g)
        builder.capacity[0] = c
        let network = ThermalRCNetwork(builder, powerNames: ["die"], powerNodes: [[(0, 1.0)]], outputNames: ["die"], outputNodes: [[0]],
                                       outputMode: .avg, outputIsPowered: [true], layeredGrid: nil)
        let euler = try network.transient(initialK: [300], rowsW: [[p], [p]], intervalS: h, substeps: 1, backwardEulerOnly: true)
        let t1 = (c / h * 300 + p + g * 300) / (c / h + g)
        #expect(abs(euler[0][0] - t1) < 1e-12)
        #expect(abs(euler[1][0] - (c / h * t1 + p + g * 300) / (c / h + g)) < 1e-12)
        let accurate = try network.transient(initialK: [300], rowsW: [[p], [p]], intervalS: h, substeps: 1000)
        let exact = 300 + p / g * (1 - exp(-g * 2 * h / c))
        #expect(abs(accurate[1][0] - exact) < 1e-5)
        #expect(abs(euler[1][0] - exact) > 0.1, "one step per interval is visibly first order")
    }
}

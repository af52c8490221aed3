/// HotSpot's lumped package around the chip (HotSpot 7.0 `populate_package_R/C`): the parts of
/// the spreader and sink outside the chip's footprint are twelve nodes — the spreader's four
/// sides (W, E, N, S), the sink's four sides under the spreader, and the sink's four sides beyond
/// it — each a trapezoid approximated by a rectangle of mean width. With chip w × l, spreader
/// side s_sp and sink side s_hs (x: west/east, y: north/south):
///
///     r_sp1_x = ((s_sp − w)/4) / (k_sp · (s_sp + 3l)/4 · t_sp)        lateral, spreader
///     r_hs1_x = ((s_sp − w)/4) / (k_hs · (s_sp + 3l)/4 · t_hs)        lateral, sink under spreader
///     r_hs2_x = ((s_sp − w)/4) / (k_hs · (3s_sp + l)/4 · t_hs)
///     r_hs    = ((s_hs − s_sp)/4) / (k_hs · (s_hs + 3s_sp)/4 · t_hs)  lateral, sink beyond
///     r_sp_per_x = t_sp / (k_sp · A_x),  A_x = (s_sp + l)(s_sp − w)/4  vertical, spreader side
///     r_hs_c_per_x = t_hs / (k_hs · A_x),  r_amb_c_per_x = r_convec · s_hs² / A_x
///     r_hs_per = t_hs / (k_hs · A_o),  r_amb_per = r_convec · s_hs² / A_o,  A_o = (s_hs² − s_sp²)/4
///
/// and the y terms with w and l swapped. Capacities: c = ρc_p · t · A, and the fins' c_convec
/// shared by area; every capacity times HotSpot's lumping factor `C_FACTOR` = 0.333 (its
/// `getcap`, fitted to Flotherm: a lumped node over-states a distributed slab's early response).
public struct HotSpotPackageRC: Sendable {
    public var rSp1X = 0.0, rSp1Y = 0.0, rHs1X = 0.0, rHs1Y = 0.0, rHs2X = 0.0, rHs2Y = 0.0, rHs = 0.0
    public var rSpPerX = 0.0, rSpPerY = 0.0, rHsCPerX = 0.0, rHsCPerY = 0.0, rHsPer = 0.0
    public var rAmbCPerX = 0.0, rAmbCPerY = 0.0, rAmbPer = 0.0
    public var cSpPerX = 0.0, cSpPerY = 0.0, cHsCPerX = 0.0, cHsCPerY = 0.0, cHsPer = 0.0
    public var cAmbCPerX = 0.0, cAmbCPerY = 0.0, cAmbPer = 0.0

    /// HotSpot's capacitance lumping factor (`C_FACTOR`, temperature.h), applied to every capacity.
    public static let capacitanceFactor = 0.333

    /// Twelve extra nodes after the chip's, in HotSpot's order (`inode_0` … `inode_11`).
    public enum Node: Int, CaseIterable {
        case spreaderWest, spreaderEast, spreaderNorth, spreaderSouth
        case sinkInnerWest, sinkInnerEast, sinkInnerNorth, sinkInnerSouth
        case sinkWest, sinkEast, sinkNorth, sinkSouth
    }

    public init(_ p: HotSpotStudy.Package, chipWidthM w: Double, chipHeightM l: Double) {
        let sSp = p.spreaderSideM, tSp = p.spreaderThicknessM, kSp = p.spreaderConductivityWPerMK
        let sHs = p.sinkSideM, tHs = p.sinkThicknessM, kHs = p.sinkConductivityWPerMK, rConvec = p.convectionResistanceKPerW
        func r(_ k: Double, _ length: Double, _ area: Double) -> Double { length / (k * area) }
        rSp1X = r(kSp, (sSp - w) / 4, (sSp + 3 * l) / 4 * tSp)
        rSp1Y = r(kSp, (sSp - l) / 4, (sSp + 3 * w) / 4 * tSp)
        rHs1X = r(kHs, (sSp - w) / 4, (sSp + 3 * l) / 4 * tHs)
        rHs1Y = r(kHs, (sSp - l) / 4, (sSp + 3 * w) / 4 * tHs)
        rHs2X = r(kHs, (sSp - w) / 4, (3 * sSp + l) / 4 * tHs)
        rHs2Y = r(kHs, (sSp - l) / 4, (3 * sSp + w) / 4 * tHs)
        rHs = r(kHs, (sHs - sSp) / 4, (sHs + 3 * sSp) / 4 * tHs)
        let areaX = (sSp + l) * (sSp - w) / 4, areaY = (sSp + w) * (sSp - l) / 4, areaOuter = (sHs * sHs - sSp * sSp) / 4
        rSpPerX = r(kSp, tSp, areaX)
        rSpPerY = r(kSp, tSp, areaY)
        rHsCPerX = r(kHs, tHs, areaX)
        rHsCPerY = r(kHs, tHs, areaY)
        rHsPer = r(kHs, tHs, areaOuter)
        rAmbCPerX = rConvec * sHs * sHs / areaX
        rAmbCPerY = rConvec * sHs * sHs / areaY
        rAmbPer = rConvec * sHs * sHs / areaOuter
        let cFins = Self.capacitanceFactor * p.convectionCapacityJPerK / (sHs * sHs)
        cSpPerX = Self.capacitanceFactor * p.spreaderHeatCapacityJPerM3K * tSp * areaX
        cSpPerY = Self.capacitanceFactor * p.spreaderHeatCapacityJPerM3K * tSp * areaY
        cHsCPerX = Self.capacitanceFactor * p.sinkHeatCapacityJPerM3K * tHs * areaX
        cHsCPerY = Self.capacitanceFactor * p.sinkHeatCapacityJPerM3K * tHs * areaY
        cHsPer = Self.capacitanceFactor * p.sinkHeatCapacityJPerM3K * tHs * areaOuter
        cAmbCPerX = cFins * areaX
        cAmbCPerY = cFins * areaY
        cAmbPer = cFins * areaOuter
    }

    /// The links among the twelve nodes and to ambient, shared by both of HotSpot's models:
    /// spreader side → sink side under it (vertical), sink inner → outer side (lateral), and
    /// each sink node → ambient (vertical through the sink plus its share of r_convec).
    func addPeripheralLinks(to network: inout ThermalRCNetworkBuilder, firstNode base: Int) {
        typealias N = Node
        for (spreader, inner, outer, isX) in [(N.spreaderWest, N.sinkInnerWest, N.sinkWest, true), (.spreaderEast, .sinkInnerEast, .sinkEast, true),
                                               (.spreaderNorth, .sinkInnerNorth, .sinkNorth, false), (.spreaderSouth, .sinkInnerSouth, .sinkSouth, false)] {
            network.link(base + spreader.rawValue, base + inner.rawValue, conductance: 1 / (isX ? rSpPerX : rSpPerY))
            network.link(base + inner.rawValue, base + outer.rawValue, conductance: 1 / (rHs + (isX ? rHs2X : rHs2Y)))
            network.toAmbient(base + inner.rawValue, conductance: 1 / (isX ? rHsCPerX + rAmbCPerX : rHsCPerY + rAmbCPerY))
            network.toAmbient(base + outer.rawValue, conductance: 1 / (rHsPer + rAmbPer))
            network.capacity[base + spreader.rawValue] = isX ? cSpPerX : cSpPerY
            network.capacity[base + inner.rawValue] = isX ? cHsCPerX + cAmbCPerX : cHsCPerY + cAmbCPerY
            network.capacity[base + outer.rawValue] = cHsPer + cAmbPer
        }
    }
}

/// Turns a `PackageDesign` into the layered conduction problem the grid solver takes, bottom up:
///
///     substrate → [C4 bumps → interposer] → die attach bumps → tier 0 dies (mold around)
///       → [bond → tier 1 dies → …] → TIM1 → lid → [TIM2 → sink base | cold plate] → fluid
///
/// and gives every die its power: its blocks, a uniform share, half of each of its links, its
/// HBM traffic or its CIM macros (`PackagePowerBudget`). The bottom face is adiabatic (no
/// secondary path through the board), as HotSpot's default.
public enum PackageStackBuilder {
    /// Package body around the dies (mold, TIM, lid overhang), m.
    static let bodyMarginM = 2e-3
    /// Interposer margin around the dies, m.
    static let interposerMarginM = 1e-3

    public static func problem(_ design: PackageDesign, budget: PackagePowerBudget) -> LayeredThermalProblem {
        if let custom = design.customProblem { return custom }
        let dies = design.diesExtent
        let body = PlaneRectangle(x: dies.x - bodyMarginM, y: dies.y - bodyMarginM, width: dies.width + 2 * bodyMarginM,
                                  height: dies.height + 2 * bodyMarginM)
        // The substrate is 4× the dies' area (Chiplet Actuary), centred, and at least the body.
        let side = max((4 * design.dies.reduce(0) { $0 + $1.rectangle.area }).squareRoot(), body.width, body.height)
        let substrate = design.substrate.rectangle ?? PlaneRectangle(x: dies.x + dies.width / 2 - side / 2, y: dies.y + dies.height / 2 - side / 2,
                                                                     width: side, height: side)
        let lid = design.lid?.rectangle ?? substrate
        var layers: [ThermalLayer] = []
        layers.append(ThermalLayer(name: "substrate", thicknessM: design.substrate.thicknessM, background: PackageMaterials.air,
                                   regions: [(substrate, design.substrate.material, "substrate")], sublayers: design.substrate.sublayers))
        let tier0 = design.dies.filter { $0.tier == 0 }
        if let interposer = design.interposer {
            let rect = interposer.rectangle ?? PlaneRectangle(x: dies.x - interposerMarginM, y: dies.y - interposerMarginM,
                                                              width: dies.width + 2 * interposerMarginM, height: dies.height + 2 * interposerMarginM)
            layers.append(ThermalLayer(name: "c4-bumps", thicknessM: 100e-6, background: PackageMaterials.air,
                                       regions: [(rect, PackageMaterials.c4BumpLayer, "c4")]))
            layers.append(ThermalLayer(name: "interposer", thicknessM: interposer.thicknessM, background: PackageMaterials.air,
                                       regions: [(rect, interposer.material, "interposer")], sublayers: interposer.sublayers))
        }
        layers.append(ThermalLayer(name: "die-attach", thicknessM: design.attach.thicknessM, background: PackageMaterials.air,
                                   regions: [(body, PackageMaterials.underfill, "underfill")] + tier0.map { ($0.rectangle, design.attach.material, $0.name) },
                                   sublayers: design.attach.sublayers))
        let topTier = design.dies.map(\.tier).max() ?? 0
        for tier in 0...topTier {
            let members = design.dies.filter { $0.tier == tier }
            if tier > 0 {
                layers.append(ThermalLayer(name: "bond-\(tier)", thicknessM: design.bond.thicknessM, background: PackageMaterials.air,
                                           regions: [(body, PackageMaterials.mold, "mold")] + members.map { ($0.rectangle, design.bond.material, $0.name) },
                                           sublayers: design.bond.sublayers))
            }
            let thickness = members.map(\.thicknessM).max() ?? 100e-6
            var sources: [HeatSource] = []
            // The active face: down for flip-chip and face-to-back dies; up for the bottom die of a
            // face-to-face pair.
            let side: HeatSource.ActiveSide = tier == 0 && topTier > 0 && design.orientation == .faceToFace ? .top : .bottom
            for die in members {
                let budgetW = budget.diePowerW[die.name] ?? 0
                let blocks = die.blocks.reduce(0) { $0 + $1.powerW }
                for block in die.blocks {
                    let r = PlaneRectangle(x: die.rectangle.x + block.rectangle.x, y: die.rectangle.y + block.rectangle.y,
                                           width: block.rectangle.width, height: block.rectangle.height)
                    sources.append(HeatSource(name: "\(die.name)/\(block.name)", die: die.name, rectangle: r, powerW: block.powerW,
                                              leakageFraction: die.leakageFraction, activeSide: die.role == .logic ? side : .volume))
                }
                let rest = budgetW - blocks
                if rest > 0 {
                    sources.append(HeatSource(name: "\(die.name)/uniform", die: die.name, rectangle: die.rectangle, powerW: rest,
                                              leakageFraction: die.leakageFraction, activeSide: die.role == .logic ? side : .volume))
                }
            }
            layers.append(ThermalLayer(name: "tier-\(tier)", thicknessM: thickness, background: PackageMaterials.air,
                                       regions: [(body, PackageMaterials.mold, "mold")]
                                           + members.map { ($0.rectangle, dieMaterial($0), $0.name) },
                                       sources: sources, sublayers: design.dieSublayers))
        }
        layers.append(ThermalLayer(name: "tim1", thicknessM: design.tim1.thicknessM, background: PackageMaterials.air,
                                   regions: [(body, design.tim1.material, "tim1")], sublayers: design.tim1.sublayers))
        var top = body
        if let lidSlab = design.lid {
            layers.append(ThermalLayer(name: "lid", thicknessM: lidSlab.thicknessM, background: PackageMaterials.air, regions: [(lid, lidSlab.material, "lid")],
                                       sublayers: lidSlab.sublayers))
            top = lid
        }
        if case .coldPlate = design.cooling {
            // The plate's own base is inside its resistance curve (case to coolant).
        } else if let sinkSlab = design.sink {
            let sinkRect = sinkSlab.rectangle ?? top
            if let tim2 = design.tim2 {
                layers.append(ThermalLayer(name: "tim2", thicknessM: tim2.thicknessM, background: PackageMaterials.air, regions: [(top, tim2.material, "tim2")],
                                           sublayers: tim2.sublayers))
            }
            layers.append(ThermalLayer(name: "sink", thicknessM: sinkSlab.thicknessM, background: PackageMaterials.air,
                                       regions: [(sinkRect, sinkSlab.material, "sink")], sublayers: sinkSlab.sublayers))
            top = sinkRect
        }
        let extent = layers.flatMap { $0.regions.map(\.rectangle) }.reduce(top) { $0.union($1) }
        let h: Double
        switch design.cooling {
        case .convection(let coefficient, _): h = coefficient
        case .resistance(let r, _): h = 1 / (r * top.area)
        case .coldPlate(let flow, _): h = 1 / (ColdPlateModel.ocp1kWOAM.resistanceKPerW(flowM3PerS: flow) * top.area)
        }
        let grid = design.grid ?? .graded(fineCellM: design.fineCellM, fineRegion: dies, growth: 1.3)
        return LayeredThermalProblem(layers: layers, extent: extent,
                                     top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: h, rectangle: top, fluidC: design.cooling.fluidC),
                                     grid: grid)
    }
}

/// A die's material: an HBM stack's effective one, or silicon with its TSVs' copper in parallel.
func dieMaterial(_ die: PackageDesign.Die) -> PackageMaterial {
    if die.role == .hbm { return PackageMaterials.hbmStack }
    guard die.tsvFraction > 0 else { return PackageMaterials.silicon }
    let si = PackageMaterials.silicon, cu = PackageMaterials.copper, f = die.tsvFraction
    return PackageMaterial(name: "silicon+tsv", lateral: si.lateralConductivityWPerMK,
                           vertical: (1 - f) * si.verticalConductivityWPerMK + f * cu.verticalConductivityWPerMK,
                           volumetricHeatCapacity: (1 - f) * si.volumetricHeatCapacityJPerM3K + f * cu.volumetricHeatCapacityJPerM3K,
                           source: "silicon with \(f * 100) % copper TSVs in parallel")
}

/// Where a package's power goes, die by die, at the reference temperature.
public struct PackagePowerBudget: Sendable {
    /// Per die: everything it dissipates (blocks, uniform, links' half, HBM, CIM), W.
    public var diePowerW: [String: Double] = [:]
    public var computeW = 0.0, linkW = 0.0, hbmW = 0.0, cimW = 0.0
    /// Per die: PHY area its links take, mm².
    public var phyAreaMM2: [String: Double] = [:]
    /// CIM: delivered throughput (TOPS) and whether the macros' density limits it.
    public var cimDeliveredTOPS = 0.0
    public var cimLimited = false
    public var totalW: Double { computeW + linkW + hbmW + cimW }

    public init(_ design: PackageDesign) {
        for die in design.dies {
            var power = die.uniformPowerW + die.blocks.reduce(0) { $0 + $1.powerW }
            computeW += power
            if let hbm = die.hbm, let w = PackagePower.hbmPowerW(generation: hbm.generation, bandwidthGBPerS: hbm.bandwidthGBPerS) {
                power += w
                hbmW += w
            }
            if let cim = die.cim {
                let limit = cim.technology.topsPerMM2 * die.areaMM2
                let delivered = min(cim.demandTOPS, limit)
                cimLimited = cimLimited || cim.demandTOPS > limit * (1 + 1e-12)
                cimDeliveredTOPS += delivered
                // An operation is half a MAC.
                let w = delivered * 1e12 / 2 * cim.technology.energyFJPerMAC * 1e-15
                power += w
                cimW += w
            }
            diePowerW[die.name] = power
        }
        for link in design.links {
            let w = PackagePower.linkPowerW(link.linkClass, trafficGBPerS: link.trafficGBPerS)
            linkW += w
            diePowerW[link.from, default: 0] += w / 2
            diePowerW[link.to, default: 0] += w / 2
            let area = PackagePower.phyAreaMM2(link.linkClass, trafficGBPerS: link.trafficGBPerS)
            phyAreaMM2[link.from, default: 0] += area
            phyAreaMM2[link.to, default: 0] += area
        }
    }
}

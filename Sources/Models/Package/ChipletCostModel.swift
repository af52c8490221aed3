import Foundation

/// A process node's defect density and wafer price (Chiplet Actuary, Feng & Ma, DAC 2022, and
/// its repository Yinxiao-Feng/chiplet-actuary).
public struct ProcessNode: Sendable, Equatable {
    public let name: String
    /// Defects per cm².
    public let defectDensityPerCm2: Double
    /// 300 mm wafer, US dollars.
    public let waferCostUSD: Double
    /// Negative-binomial clustering parameter α.
    public let clustering: Double

    public init(name: String, defectDensityPerCm2: Double, waferCostUSD: Double, clustering: Double = 10) {
        self.name = name
        self.defectDensityPerCm2 = defectDensityPerCm2
        self.waferCostUSD = waferCostUSD
        self.clustering = clustering
    }

    /// Logic nodes (α = 10) and the 55 nm node silicon interposers are made on (D0 0.06, α 6).
    public static let catalog: [ProcessNode] = [
        ProcessNode(name: "5nm", defectDensityPerCm2: 0.11, waferCostUSD: 16_988),
        ProcessNode(name: "7nm", defectDensityPerCm2: 0.09, waferCostUSD: 9_346),
        ProcessNode(name: "10nm", defectDensityPerCm2: 0.08, waferCostUSD: 5_992),
        ProcessNode(name: "14nm", defectDensityPerCm2: 0.08, waferCostUSD: 3_984),
        ProcessNode(name: "20nm", defectDensityPerCm2: 0.07, waferCostUSD: 3_677),
        ProcessNode(name: "28nm", defectDensityPerCm2: 0.07, waferCostUSD: 2_891),
        ProcessNode(name: "40nm", defectDensityPerCm2: 0.07, waferCostUSD: 2_274),
        ProcessNode(name: "55nm", defectDensityPerCm2: 0.07, waferCostUSD: 1_937),
    ]
    public static let interposer = ProcessNode(name: "interposer-55nm", defectDensityPerCm2: 0.06, waferCostUSD: 1_937, clustering: 6)

    public static func named(_ name: String) -> ProcessNode? {
        let key = name.lowercased().replacingOccurrences(of: " ", with: "")
        return catalog.first { $0.name == key }
    }
}

/// Yield and cost of dies and packages: the closed forms of Chiplet Actuary (Feng & Ma, DAC
/// 2022; its repository Yinxiao-Feng/chiplet-actuary, `package.py` and `parameter.ini`).
///
///     dies per wafer  N = π (r − e)² / A′ − π (2r − 2e) / √(2A′),   A′ = (√A + s)²
///     die yield       Y = (1 + A·D₀/α)^−α                        (negative binomial)
///     good die cost   = wafer cost / N / Y  (+ test cost, with known-good-die testing)
///
/// r = 150 mm, edge loss e = 5 mm, scribe s = 0.2 mm. Packages:
///
/// - **organic substrate** (MCM): substrate of 4× the dies' area at $0.005/mm² × 1, 1.5, 1.75
///   or 2 (one die; several in ≤ 17², ≤ 30², larger mm²); C4 bumps at $0.005 per mm² of die;
///   each die bonded with yield 0.99. Cost = (dies + bumps + substrate) / 0.99ⁿ.
/// - **silicon interposer** (2.5D) and **InFO** (RDL fan-out): an interposer of 1.1× (1.2×) the
///   dies' area, made on a wafer like a die ($1,937, D₀ 0.06, α 6; InFO $1,200, D₀ 0.05, α 3),
///   with C4 bumps under it at $0.005/mm²; micro-bumps at $0.01 per mm² of die; each die bonded
///   with yield 0.95 (0.98); the interposer bonded to a substrate of 4× its area ($0.005/mm²)
///   with yield 0.99. Chip-last assembly: a bad interposer is found before the dies go on, so
///
///       cost = dies / (y_b y_s) + interposer / (Y_i y_b y_s) + substrate / y_s,   y_b = bondⁿ, y_s = 0.99
///
/// - **bridges** (EMIB-like, an estimate): a 2 mm × 8 mm silicon bridge per adjacent pair at
///   interposer-wafer prices, on an organic substrate, bonded as on organic.
///
/// Die-on-die bonds (3D) multiply the die bonding yield by their own. A die-to-die interface
/// costs 10 % of each chiplet's area.
public enum ChipletCostModel {
    public static let waferRadiusMM = 150.0
    public static let edgeLossMM = 5.0
    public static let scribeMM = 0.2
    /// $/mm²: organic substrate, C4 bumps (per mm² bumped), micro-bumps (per mm² of die).
    public static let substrateCostPerMM2 = 0.005
    public static let c4BumpCostPerMM2 = 0.005
    public static let microBumpCostPerMM2 = 0.01
    /// Substrate area per area it carries; yield of bonding one die (or an interposer) to organic.
    public static let substrateAreaFactor = 4.0
    public static let organicBondYield = 0.99

    public static func diesPerWafer(areaMM2 a: Double) -> Double {
        let withScribe = pow(a.squareRoot() + scribeMM, 2)
        let r = waferRadiusMM - edgeLossMM
        return max(Double.pi * r * r / withScribe - Double.pi * 2 * r / (2 * withScribe).squareRoot(), 0)
    }

    public static func yield(areaMM2 a: Double, node: ProcessNode) -> Double {
        pow(1 + a / 100 * node.defectDensityPerCm2 / node.clustering, -node.clustering)
    }

    /// Cost of one die as cut from the wafer, good or not, USD.
    public static func rawDieCost(areaMM2 a: Double, node: ProcessNode) -> Double { node.waferCostUSD / diesPerWafer(areaMM2: a) }

    /// Cost of one known-good die: every die tested, the bad ones discarded, USD.
    public static func goodDieCost(areaMM2 a: Double, node: ProcessNode, testCostUSD: Double = 0) -> Double {
        (rawDieCost(areaMM2: a, node: node) + testCostUSD) / yield(areaMM2: a, node: node)
    }

    public enum Carrier: String, Sendable, CaseIterable {
        case organic, siliconInterposer = "silicon-interposer", info, bridge
    }

    /// An interposer-like carrier: its area per die area, its wafer (as a process node) and the
    /// yield of bonding each die to it.
    public struct Interposer: Sendable {
        public var areaScale: Double
        public var wafer: ProcessNode
        public var dieBondYield: Double
        public static let silicon = Interposer(areaScale: 1.1, wafer: ProcessNode.interposer, dieBondYield: 0.95)
        public static let info = Interposer(areaScale: 1.2, wafer: ProcessNode(name: "info-rdl", defectDensityPerCm2: 0.05, waferCostUSD: 1_200,
                                                                               clustering: 3), dieBondYield: 0.98)
    }

    /// Organic substrate cost for dies of total area A (MCM), USD.
    public static func substrateCost(totalDieAreaMM2 a: Double, dieCount: Int) -> Double {
        let area = substrateAreaFactor * a
        let factor: Double = dieCount <= 1 ? 1 : (area <= 17 * 17 ? 1.5 : (area <= 30 * 30 ? 1.75 : 2))
        return substrateCostPerMM2 * area * factor
    }

    public struct PackageCost: Sendable {
        /// Known-good dies, USD.
        public var dieCostUSD: Double
        /// C4 (organic) or micro-bumps (interposer) on the dies, USD.
        public var bumpCostUSD: Double
        /// Interposer (its C4 bumps included) or bridges, as made, USD.
        public var carrierCostUSD: Double
        /// The interposer's own yield (1 without one).
        public var carrierYield: Double
        public var substrateCostUSD: Double
        /// Assembly yield: die (and stack) bonds times the interposer-to-substrate bond.
        public var bondingYield: Double
        /// What one good package costs, every part divided by the yields it is exposed to, USD.
        public var costPerGoodPackageUSD: Double
    }

    /// Cost per good package of known-good dies on a carrier; `stackBonds` counts die-on-die
    /// bonds (3D) at `stackBondYield` each.
    public static func packageCost(dies: [(areaMM2: Double, node: ProcessNode)], carrier: Carrier, stackBonds: Int = 0,
                                   stackBondYield: Double = 0.99, testCostUSD: Double = 0) -> PackageCost {
        let total = dies.reduce(0) { $0 + $1.areaMM2 }, n = Double(dies.count)
        let dieCost = dies.reduce(0) { $0 + goodDieCost(areaMM2: $1.areaMM2, node: $1.node, testCostUSD: testCostUSD) }
        let stack = pow(stackBondYield, Double(stackBonds))
        switch carrier {
        case .organic, .bridge:
            let substrate = substrateCost(totalDieAreaMM2: total, dieCount: dies.count)
            let bumps = c4BumpCostPerMM2 * total
            // Bridges (an estimate): one 16 mm² bridge per adjacent pair, known good.
            let bridges = carrier == .bridge ? Double(max(dies.count - 1, 0)) * goodDieCost(areaMM2: 16, node: .interposer) : 0
            let y = pow(organicBondYield, n) * stack
            return PackageCost(dieCostUSD: dieCost, bumpCostUSD: bumps, carrierCostUSD: bridges, carrierYield: 1, substrateCostUSD: substrate,
                               bondingYield: y, costPerGoodPackageUSD: (dieCost + bumps + bridges + substrate) / y)
        case .siliconInterposer, .info:
            let spec = carrier == .info ? Interposer.info : Interposer.silicon
            let area = spec.areaScale * total
            let interposer = rawDieCost(areaMM2: area, node: spec.wafer) + c4BumpCostPerMM2 * area
            let interposerYield = yield(areaMM2: area, node: spec.wafer)
            let substrate = substrateCostPerMM2 * substrateAreaFactor * area
            let bumps = microBumpCostPerMM2 * total
            let dieBonds = pow(spec.dieBondYield, n) * stack, substrateBond = organicBondYield
            let cost = (dieCost + bumps) / (dieBonds * substrateBond) + interposer / (interposerYield * dieBonds * substrateBond)
                + substrate / substrateBond
            return PackageCost(dieCostUSD: dieCost, bumpCostUSD: bumps, carrierCostUSD: interposer, carrierYield: interposerYield,
                               substrateCostUSD: substrate, bondingYield: dieBonds * substrateBond, costPerGoodPackageUSD: cost)
        }
    }

    /// Share of a chiplet's area spent on its die-to-die interface.
    public static let interfaceAreaShare = 0.10

    /// Monolithic die of `areaMM2` on `monolithicCarrier` (organic, as Chiplet Actuary's SoC)
    /// against `chiplets` equal chiplets holding the same logic (each enlarged by the interface
    /// share) on `carrier`: cost per good package of each.
    public static func monolithicVersusChiplets(areaMM2 a: Double, chiplets n: Int, node: ProcessNode, carrier: Carrier = .organic,
                                                monolithicCarrier: Carrier = .organic) -> (monolithicUSD: Double, chipletUSD: Double) {
        let mono = packageCost(dies: [(a, node)], carrier: monolithicCarrier).costPerGoodPackageUSD
        let piece = a / Double(n) / (1 - interfaceAreaShare)
        let split = packageCost(dies: Array(repeating: (piece, node), count: n), carrier: carrier).costPerGoodPackageUSD
        return (mono, split)
    }
}

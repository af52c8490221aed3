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
/// 2022).
///
///     dies per wafer  N = π (r − e)² / A′ − π (2r − 2e) / √(2A′),   A′ = (√A + s)²
///     die yield       Y = (1 + A·D₀/α)^−α                        (negative binomial)
///     good die cost   = wafer cost / N / Y  (+ test cost, with known-good-die testing)
///
/// r = 150 mm, edge loss e = 5 mm, scribe s = 0.2 mm. Packages: an organic substrate of 4× the
/// dies' area at $0.005/mm² × 1, 1.5, 1.75 or 2 (one die; several dies in ≤ 17², ≤ 30², larger
/// mm² packages); a silicon interposer of 1.1× the dies' area on a 55 nm wafer (D₀ 0.06, α 6) with
/// micro-bumps at $0.01/mm²; bonding yield per die 0.99 on organic, 0.95 on silicon; a die-to-die
/// interface costing 10 % of each chiplet's area. A failed bond loses the whole package.
public enum ChipletCostModel {
    public static let waferRadiusMM = 150.0
    public static let edgeLossMM = 5.0
    public static let scribeMM = 0.2

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
        case organic, siliconInterposer = "silicon-interposer", bridge
    }

    /// Organic substrate cost for dies of total area A, USD.
    public static func substrateCost(totalDieAreaMM2 a: Double, dieCount: Int) -> Double {
        let area = 4 * a
        let factor: Double = dieCount <= 1 ? 1 : (area <= 17 * 17 ? 1.5 : (area <= 30 * 30 ? 1.75 : 2))
        return 0.005 * area * factor
    }

    public struct PackageCost: Sendable {
        public var dieCostUSD: Double
        public var carrierCostUSD: Double
        public var substrateCostUSD: Double
        public var bondingYield: Double
        /// What one good package costs: all parts / the bonding yield (a failed bond loses them all).
        public var costPerGoodPackageUSD: Double { (dieCostUSD + carrierCostUSD + substrateCostUSD) / bondingYield }
    }

    /// Cost per good package of known-good dies on a carrier; `stackBonds` counts die-on-die
    /// bonds (3D) at `stackBondYield` each.
    public static func packageCost(dies: [(areaMM2: Double, node: ProcessNode)], carrier: Carrier, stackBonds: Int = 0,
                                   stackBondYield: Double = 0.99, testCostUSD: Double = 0) -> PackageCost {
        let total = dies.reduce(0) { $0 + $1.areaMM2 }
        let dieCost = dies.reduce(0) { $0 + goodDieCost(areaMM2: $1.areaMM2, node: $1.node, testCostUSD: testCostUSD) }
        let substrate = substrateCost(totalDieAreaMM2: total, dieCount: dies.count)
        var carrierCost = 0.0
        var bondYield = pow(stackBondYield, Double(stackBonds))
        switch carrier {
        case .organic:
            bondYield *= pow(0.99, Double(dies.count))
        case .siliconInterposer:
            let area = 1.1 * total
            carrierCost = goodDieCost(areaMM2: area, node: .interposer) + 0.01 * total
            bondYield *= pow(0.95, Double(dies.count))
        case .bridge:
            // Silicon bridges (EMIB-like) under die edges: a 2 mm × 8 mm bridge per adjacent pair
            // at interposer-wafer prices, bonding as on organic (an estimate).
            let bridges = max(dies.count - 1, 0)
            carrierCost = Double(bridges) * goodDieCost(areaMM2: 16, node: .interposer)
            bondYield *= pow(0.99, Double(dies.count))
        }
        return PackageCost(dieCostUSD: dieCost, carrierCostUSD: carrierCost, substrateCostUSD: substrate, bondingYield: bondYield)
    }

    /// Share of a chiplet's area spent on its die-to-die interface.
    public static let interfaceAreaShare = 0.10

    /// Monolithic die of `areaMM2` against `chiplets` equal chiplets holding the same logic (each
    /// enlarged by the interface share) on `carrier`: cost per good package of each.
    public static func monolithicVersusChiplets(areaMM2 a: Double, chiplets n: Int, node: ProcessNode, carrier: Carrier = .organic)
        -> (monolithicUSD: Double, chipletUSD: Double) {
        let mono = packageCost(dies: [(a, node)], carrier: .organic).costPerGoodPackageUSD
        let piece = a / Double(n) / (1 - interfaceAreaShare)
        let split = packageCost(dies: Array(repeating: (piece, node), count: n), carrier: carrier).costPerGoodPackageUSD
        return (mono, split)
    }
}

import Foundation
import Testing
import Models

/// Yield and cost against the closed forms of Chiplet Actuary (Feng & Ma, DAC 2022) and its trend.
@Suite("Chiplet yield and cost")
struct ChipletCostTests {
    /// N = π(r − e)²/A′ − π(2r − 2e)/√(2A′), A′ = (√A + s)², r = 150, e = 5, s = 0.2 mm.
    @Test func diesPerWaferClosedForm() {
        let a = 100.0, withScribe = 10.2 * 10.2
        let expected = Double.pi * 145 * 145 / withScribe - Double.pi * 290 / (2 * withScribe).squareRoot()
        #expect(abs(ChipletCostModel.diesPerWafer(areaMM2: a) - expected) < 1e-9)
        #expect(abs(expected - 571.71) < 0.01) // 100 mm² on 300 mm: about 572 gross dies
    }

    /// Y = (1 + A·D₀/α)^−α: an 800 mm² 7 nm die (D₀ 0.09/cm², α 10) yields 0.4989.
    @Test func negativeBinomialYield() throws {
        let node = try #require(ProcessNode.named("7nm"))
        let y = ChipletCostModel.yield(areaMM2: 800, node: node)
        #expect(abs(y - pow(1 + 8 * 0.09 / 10, -10)) < 1e-15)
        #expect(abs(y - 0.4989) < 1e-4)
        // Small dies approach Poisson exp(−A·D₀) and perfection.
        #expect(abs(ChipletCostModel.yield(areaMM2: 1, node: node) - exp(-0.01 * 0.09)) < 1e-6)
    }

    /// Good-die cost = wafer cost / N / Y; on organic substrate every part (dies, their C4 bumps
    /// at $0.005/mm², the substrate) is divided by the bonding yield 0.99ⁿ.
    @Test func organicPackageAssemblesItsParts() throws {
        let node = try #require(ProcessNode.named("28nm"))
        let die = ChipletCostModel.goodDieCost(areaMM2: 150, node: node)
        #expect(abs(die - 2_891 / ChipletCostModel.diesPerWafer(areaMM2: 150) / ChipletCostModel.yield(areaMM2: 150, node: node)) < 1e-12)
        let cost = ChipletCostModel.packageCost(dies: Array(repeating: (150, node), count: 4), carrier: .organic)
        #expect(abs(cost.bumpCostUSD - 0.005 * 600) < 1e-12)
        #expect(abs(cost.substrateCostUSD - 0.005 * 2400 * 2) < 1e-12)
        #expect(abs(cost.costPerGoodPackageUSD - (4 * die + 3 + 24) / pow(0.99, 4)) < 1e-9)
    }

    /// Chiplet Actuary's `Advanced.cost_RE` summed term by term (raw chips with micro-bumps,
    /// defective chips, raw interposer with C4 and substrate of 4× its area, defective package,
    /// chips wasted on failed bonds; chip-last), against Plenum's closed form, for a silicon
    /// interposer and InFO.
    @Test(arguments: [ChipletCostModel.Carrier.siliconInterposer, .info])
    func interposerPackageMatchesChipletActuary(carrier: ChipletCostModel.Carrier) throws {
        let node = try #require(ProcessNode.named("7nm"))
        let areas = [200.0, 200.0, 120.0]
        let spec = carrier == .info ? ChipletCostModel.Interposer.info : .silicon
        let moduleArea = areas.reduce(0, +), interposerArea = spec.areaScale * moduleArea
        let rawChips = areas.reduce(0) { $0 + ChipletCostModel.rawDieCost(areaMM2: $1, node: node) + $1 * 0.01 }
        let defectChips = areas.reduce(0) { $0 + ChipletCostModel.rawDieCost(areaMM2: $1, node: node) * (1 / ChipletCostModel.yield(areaMM2: $1, node: node) - 1) }
        let interposer = spec.wafer.waferCostUSD / ChipletCostModel.diesPerWafer(areaMM2: interposerArea) + interposerArea * 0.005
        let substrate = interposerArea * 4 * 0.005
        let y1 = pow(1 + spec.wafer.defectDensityPerCm2 / 100 * interposerArea / spec.wafer.clustering, -spec.wafer.clustering)
        let y2 = pow(spec.dieBondYield, 3.0), y3 = 0.99
        let defectPackage = interposer * (1 / (y1 * y2 * y3) - 1) + substrate * (1 / y3 - 1)
        let wasted = (rawChips + defectChips) * (1 / (y2 * y3) - 1)
        let reference = rawChips + defectChips + interposer + substrate + defectPackage + wasted
        let cost = ChipletCostModel.packageCost(dies: areas.map { ($0, node) }, carrier: carrier)
        #expect(abs(cost.costPerGoodPackageUSD - reference) < 1e-9 * reference, "\(cost.costPerGoodPackageUSD) against \(reference)")
        #expect(abs(cost.bondingYield - y2 * y3) < 1e-15 && abs(cost.carrierYield - y1) < 1e-15)
    }

    /// Against a monolithic die on organic substrate (Chiplet Actuary's SoC), splitting pays
    /// above an area that is smallest on organic substrate, larger on InFO and larger still on a
    /// silicon interposer (the carriers' cost order, Feng & Ma Fig. 6), and falls as defect
    /// density rises.
    @Test func crossoversFollowTheCarriersCost() {
        func breakEven(_ carrier: ChipletCostModel.Carrier, _ d0: Double = 0.09) -> Double? {
            let node = ProcessNode(name: "test", defectDensityPerCm2: d0, waferCostUSD: 9_346)
            return stride(from: 20.0, through: 2_000, by: 5).first {
                let c = ChipletCostModel.monolithicVersusChiplets(areaMM2: $0, chiplets: 2, node: node, carrier: carrier)
                return c.chipletUSD < c.monolithicUSD
            }
        }
        let organic = breakEven(.organic), info = breakEven(.info), silicon = breakEven(.siliconInterposer)
        #expect(organic != nil && info != nil && silicon != nil)
        if let organic, let info, let silicon { #expect(organic < info && info < silicon, "\(organic), \(info), \(silicon) mm²") }
        let dense = breakEven(.siliconInterposer, 0.2)
        #expect(dense != nil && silicon != nil && dense! < silicon!)
    }

    /// The published trend: splitting a 7 nm die into four chiplets on organic substrate pays
    /// only above some area, and that area falls as defect density rises (Feng & Ma, Fig. 5).
    @Test func chipletsPayAboveAnAreaThatFallsWithDefectDensity() {
        func breakEven(_ d0: Double) -> Double? {
            let node = ProcessNode(name: "test", defectDensityPerCm2: d0, waferCostUSD: 9_346)
            return stride(from: 20.0, through: 900, by: 5).first {
                let c = ChipletCostModel.monolithicVersusChiplets(areaMM2: $0, chiplets: 4, node: node)
                return c.chipletUSD < c.monolithicUSD
            }
        }
        let areas = [0.05, 0.09, 0.2, 0.5].map(breakEven)
        #expect(areas.allSatisfy { $0 != nil })
        let found = areas.compactMap { $0 }
        #expect(zip(found, found.dropFirst()).allSatisfy { $0 > $1 }, "break-even areas \(found) mm²")
        // Small dies stay cheaper monolithic at any of these densities.
        let small = ChipletCostModel.monolithicVersusChiplets(areaMM2: 50, chiplets: 4, node: ProcessNode.named("7nm")!)
        #expect(small.monolithicUSD < small.chipletUSD)
    }
}

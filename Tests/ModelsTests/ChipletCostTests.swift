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

    /// Good-die cost = wafer cost / N / Y, and a package's cost divides every part by the
    /// bonding yield.
    @Test func packageCostAssemblesItsParts() throws {
        let node = try #require(ProcessNode.named("28nm"))
        let die = ChipletCostModel.goodDieCost(areaMM2: 150, node: node)
        #expect(abs(die - 2_891 / ChipletCostModel.diesPerWafer(areaMM2: 150) / ChipletCostModel.yield(areaMM2: 150, node: node)) < 1e-12)
        let cost = ChipletCostModel.packageCost(dies: Array(repeating: (150, node), count: 4), carrier: .siliconInterposer)
        #expect(abs(cost.dieCostUSD - 4 * die) < 1e-9)
        #expect(abs(cost.bondingYield - pow(0.95, 4)) < 1e-15)
        let interposer = ChipletCostModel.goodDieCost(areaMM2: 660, node: .interposer) + 0.01 * 600
        #expect(abs(cost.carrierCostUSD - interposer) < 1e-9)
        #expect(abs(cost.substrateCostUSD - 0.005 * 2400 * 2) < 1e-12)
        #expect(abs(cost.costPerGoodPackageUSD - (4 * die + interposer + 24) / pow(0.95, 4)) < 1e-9)
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

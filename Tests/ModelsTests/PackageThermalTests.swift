import Foundation
import Testing
import Models

/// The package conduction solver against closed forms, symmetry, refinement and energy balance.
@Suite("Package thermal grid")
struct PackageThermalTests {
    static let mm = 1e-3

    /// A die (150 µm silicon), TIM (20 µm), copper spreader (1 mm), heated uniformly over its
    /// whole area and cooled at the top: 1-D conduction, T_source − T_fluid = q″·(t_Si/2/k_Si +
    /// t_TIM/k_TIM + t_Cu/k_Cu + 1/h) at the centre of the heated layer's cells.
    @Test func oneDimensionalStackMatchesTheSeriesResistances() throws {
        let side = 10 * Self.mm, area = side * side
        let extent = PlaneRectangle(x: 0, y: 0, width: side, height: side)
        let power = 100.0, h = 20_000.0
        let problem = LayeredThermalProblem(
            layers: [
                ThermalLayer(name: "die", thicknessM: 150e-6, background: PackageMaterials.silicon,
                             sources: [HeatSource(name: "die", die: "die", rectangle: extent, powerW: power)]),
                ThermalLayer(name: "tim", thicknessM: 20e-6, background: PackageMaterials.timGrease),
                ThermalLayer(name: "spreader", thicknessM: 1e-3, background: PackageMaterials.copper),
            ],
            extent: extent, top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: h, rectangle: extent, fluidC: 30),
            grid: .uniform(columns: 16, rows: 16))
        let solution = try PackageThermalSolver(problem).steady()
        let flux = power / area
        let expected = flux * (150e-6 / 2 / 130 + 20e-6 / 4 + 1e-3 / 400 + 1 / h)
        let dieCells = 0..<256
        for cell in dieCells {
            #expect(abs(solution.temperatureC[cell] - 30 - expected) < 1e-3 * expected)
        }
        #expect(abs(solution.energyBalanceRelativeError) < 1e-8)
    }

    /// A hot spot in the middle of a symmetric package is symmetric under both reflections.
    @Test func centredSourceIsSymmetric() throws {
        let solver = PackageThermalSolver(Self.spreaderProblem(cells: 32))
        let solution = try solver.steady()
        let grid = solver.grid, nx = grid.columns
        for j in 0..<grid.rows {
            for i in 0..<nx {
                let t = solution.temperatureC[j * nx + i]
                #expect(abs(t - solution.temperatureC[j * nx + (nx - 1 - i)]) < 1e-7)
                #expect(abs(t - solution.temperatureC[(grid.rows - 1 - j) * nx + i]) < 1e-7)
                #expect(abs(t - solution.temperatureC[i * nx + j]) < 1e-7)
            }
        }
        #expect(abs(solution.energyBalanceRelativeError) < 1e-8)
    }

    /// Refining the grid converges: the peak die temperature's changes shrink by about 4 per
    /// halving (second order for cell-centred finite volumes with the source's edges on grid lines).
    @Test func refinementConverges() throws {
        let peaks = try [16, 32, 64, 128].map { cells in
            try PackageThermalSolver(Self.spreaderProblem(cells: cells)).steady().temperatureC.prefix(cells * cells).max()!
        }
        let changes = zip(peaks.dropFirst(), peaks).map { abs($0 - $1) }
        let ratios = zip(changes, changes.dropFirst()).map { $0 / $1 }
        #expect(ratios.allSatisfy { $0 > 3 }, "peaks \(peaks), change ratios \(ratios)")
    }

    /// 16 mm die with a centred 4 mm × 4 mm hot spot of 50 W over 100 W spread, on TIM and a
    /// 32 mm copper spreader cooled at 5,000 W/m²K; every edge on a grid line of every grid.
    static func spreaderProblem(cells: Int) -> LayeredThermalProblem {
        let mm = Self.mm
        let extent = PlaneRectangle(x: 0, y: 0, width: 32 * mm, height: 32 * mm)
        let die = PlaneRectangle(x: 8 * mm, y: 8 * mm, width: 16 * mm, height: 16 * mm)
        let spot = PlaneRectangle(x: 14 * mm, y: 14 * mm, width: 4 * mm, height: 4 * mm)
        return LayeredThermalProblem(
            layers: [
                ThermalLayer(name: "die", thicknessM: 300e-6, background: PackageMaterials.mold,
                             regions: [(die, PackageMaterials.silicon, "die")],
                             sources: [HeatSource(name: "background", die: "die", rectangle: die, powerW: 100),
                                       HeatSource(name: "spot", die: "die", rectangle: spot, powerW: 50)]),
                ThermalLayer(name: "tim", thicknessM: 50e-6, background: PackageMaterials.air, regions: [(die, PackageMaterials.timGrease, "tim")]),
                ThermalLayer(name: "spreader", thicknessM: 2e-3, background: PackageMaterials.copper),
            ],
            extent: extent, top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: 5_000, rectangle: extent, fluidC: 35),
            grid: .uniform(columns: cells, rows: cells))
    }
}

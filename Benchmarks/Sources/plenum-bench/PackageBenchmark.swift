import Foundation
import Models

/// The package solver benchmark of issue 6: a 4-layer stack (die with a hot spot, TIM, copper
/// spreader, copper sink base; 30 mm square, 0.1 K/W equivalent convection) on an n × n grid:
/// steady (one solve, no leakage) and, for `transientS` > 0, a transient from ambient with the
/// power switched on at t = 0, at `stepS`.
func packageProblem(cells n: Int) -> LayeredThermalProblem {
    let mm = 1e-3
    let extent = PlaneRectangle(x: 0, y: 0, width: 30 * mm, height: 30 * mm)
    let die = PlaneRectangle(x: 7.5 * mm, y: 7.5 * mm, width: 15 * mm, height: 15 * mm)
    let spot = PlaneRectangle(x: 12 * mm, y: 9 * mm, width: 3 * mm, height: 3 * mm)
    return LayeredThermalProblem(
        layers: [
            ThermalLayer(name: "die", thicknessM: 150e-6, background: PackageMaterials.mold, regions: [(die, PackageMaterials.silicon, "die")],
                         sources: [HeatSource(name: "core", die: "die", rectangle: die, powerW: 150),
                                   HeatSource(name: "spot", die: "die", rectangle: spot, powerW: 30)]),
            ThermalLayer(name: "tim", thicknessM: 20e-6, background: PackageMaterials.air, regions: [(die, PackageMaterials.timGrease, "tim")]),
            ThermalLayer(name: "spreader", thicknessM: 1e-3, background: PackageMaterials.copper),
            ThermalLayer(name: "sink", thicknessM: 6.9e-3, background: PackageMaterials.copper),
        ],
        extent: extent, top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: 1 / (0.1 * extent.area), rectangle: extent, fluidC: 45),
        grid: .uniform(columns: n, rows: n), leakageCoefficientPerK: 0)
}

func packageBenchmark(cells: Int, transientS: Double, stepS: Double) throws {
    var solver: PackageThermalSolver!
    let setup = seconds { solver = PackageThermalSolver(packageProblem(cells: cells)) }
    if transientS <= 0 {
        var result: PackageThermalSolver.Steady!
        let solve = try seconds { result = try solver.steady() }
        print(String(format: "package steady  %d×%d×4 = %d cells  setup %.3f s  solve %.3f s  (%d CG iterations, peak %.2f °C, balance %.1e)",
                     cells, cells, solver.grid.cellCount, setup, solve, result.linearIterations, result.temperatureC.max()!,
                     result.energyBalanceRelativeError))
    } else {
        var run: (timesS: [Double], maxC: [Double], final: [Double], linearIterations: Int, sourceMeansC: [[Double]])!
        let solve = try seconds { run = try solver.transient(durationS: transientS, stepS: stepS) }
        print(String(format: "package transient  %d×%d×4 = %d cells  %.3f s simulated in %d steps  setup %.3f s  solve %.3f s  (%.2f× real time, %d CG iterations, peak %.2f °C)",
                     cells, cells, solver.grid.cellCount, transientS, run.timesS.count, setup, solve, transientS / solve,
                     run.linearIterations, run.maxC.last!))
    }
}

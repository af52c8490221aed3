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

    /// A coarser grid's answer read onto a refined grid (the start of each refinement's solve):
    /// every refined cell takes the coarse cell containing its centre, through the thickness too,
    /// and starting from it changes the answer by no more than the solver's tolerance.
    @Test func refinedGridStartsFromTheCoarseAnswer() throws {
        let coarse = PackageThermalSolver(Self.spreaderProblem(cells: 16))
        let fine = PackageThermalSolver(Self.spreaderProblem(cells: 16).refined(lateral: 2, vertical: 2))
        let g = coarse.grid, f = fine.grid
        #expect(f.columns == 32 && f.slices.count > g.slices.count)
        let index = (0..<g.cellCount).map(Double.init)
        let start = g.resampled(index, onto: f)
        var sliceTop = [0.0], fineTop = [0.0]
        for s in g.slices { sliceTop.append(sliceTop.last! + s.thicknessM) }
        for s in f.slices { fineTop.append(fineTop.last! + s.thicknessM) }
        for cell in stride(from: 0, to: f.cellCount, by: 7) {
            let (x, y, z) = f.cellCenter(cell), zMid = (fineTop[z] + fineTop[z + 1]) / 2
            let c = g.cellCenter(Int(start[cell]))
            let i = Int(start[cell]) % g.cellsPerSlice % g.columns, j = Int(start[cell]) % g.cellsPerSlice / g.columns
            #expect(x > g.xEdges[i] && x < g.xEdges[i + 1] && y > g.yEdges[j] && y < g.yEdges[j + 1], "cell \(cell) at \(x), \(y)")
            #expect(zMid > sliceTop[c.slice] && zMid < sliceTop[c.slice + 1], "cell \(cell) at depth \(zMid)")
        }
        let cold = try fine.steady(), warm = try fine.steady(initialC: g.resampled(try coarse.steady().temperatureC, onto: f))
        #expect(zip(cold.temperatureC, warm.temperatureC).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(warm.linearIterations < cold.linearIterations, "warm \(warm.linearIterations), cold \(cold.linearIterations)")
    }

    /// One 10 mm copper cell, 5 mm thick, heated with 2 W and cooled at 200 W/m²K to 25 °C: a
    /// lumped RC (Biot ≪ 1) with R = 1/(hA) + (t/2)/(kA) and C = ρc·V.
    static func copperBlock() -> (problem: LayeredThermalProblem, r: Double, c: Double) {
        let side = 10 * mm, thickness = 5e-3, h = 200.0
        let extent = PlaneRectangle(x: 0, y: 0, width: side, height: side)
        let problem = LayeredThermalProblem(
            layers: [ThermalLayer(name: "block", thicknessM: thickness, background: PackageMaterials.copper,
                                  sources: [HeatSource(name: "heater", die: "block", rectangle: extent, powerW: 2)])],
            extent: extent, top: ConvectiveBoundary(heatTransferCoefficientWPerM2K: h, rectangle: extent, fluidC: 25),
            grid: .uniform(columns: 1, rows: 1))
        return (problem, 1 / (h * side * side) + thickness / 2 / (400 * side * side), 3.55e6 * side * side * thickness)
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

    /// Two 10 mm × 10 mm, 100 W logic dies stacked in 3D run hotter than the same two side by
    /// side: half the footprint carries the heat, and the lower die's goes through the upper.
    @Test func stackedDiesRunHotterThanSideBySide() throws {
        let node = ProcessNode.named("7nm")!
        func die(_ name: String, x: Double, tier: Int) -> PackageDesign.Die {
            PackageDesign.Die(name: name, node: node, rectangle: PlaneRectangle(x: x, y: 0, width: 10 * Self.mm, height: 10 * Self.mm),
                              thicknessM: 100e-6, tier: tier, uniformPowerW: 100, leakageFraction: 0)
        }
        let cooling = PackageDesign.Cooling.convection(heatTransferCoefficientWPerM2K: 10_000, fluidC: 35)
        var side = PackageDesign(name: "side", kind: .chiplet25D, dies: [die("a", x: 0, tier: 0), die("b", x: 11 * Self.mm, tier: 0)], cooling: cooling)
        var stacked = PackageDesign(name: "stacked", kind: .stack3D, dies: [die("a", x: 5.5 * Self.mm, tier: 0), die("b", x: 5.5 * Self.mm, tier: 1)],
                                    cooling: cooling)
        side.fineCellM = 0.5e-3
        stacked.fineCellM = 0.5e-3
        let s = try PackageAnalysis(side, refine: false), t = try PackageAnalysis(stacked, refine: false)
        #expect(t.hottestC > s.hottestC + 5, "stacked \(t.hottestC) °C against side by side \(s.hottestC) °C")
        // The lower die of the stack is the hotter one.
        #expect(t.dies[0].maxC > t.dies[1].maxC)
        for analysis in [s, t] {
            #expect(abs(analysis.steady.energyBalanceRelativeError) < 1e-8)
            #expect(abs(analysis.steady.totalPowerW - 200) < 1e-9)
        }
    }

    /// A 20 × 20 mm, 300 W die with 20 % leakage, cooled by `h` on 40 °C fluid, on a 1 mm grid.
    static func leakyDie(heatTransferCoefficientWPerM2K h: Double) -> PackageDesign {
        var design = PackageDesign(name: "mono", kind: .monolithic,
                                   dies: [PackageDesign.Die(name: "die", node: ProcessNode.named("7nm")!,
                                                            rectangle: PlaneRectangle(x: 0, y: 0, width: 20 * mm, height: 20 * mm),
                                                            thicknessM: 150e-6, uniformPowerW: 300, leakageFraction: 0.2)],
                                   cooling: .convection(heatTransferCoefficientWPerM2K: h, fluidC: 40))
        design.fineCellM = 1e-3
        return design
    }

    /// Leakage raises power with temperature; the fixed point agrees with its own temperatures.
    @Test func leakageConvergesToASelfConsistentPoint() throws {
        let analysis = try PackageAnalysis(Self.leakyDie(heatTransferCoefficientWPerM2K: 8_000), refine: false)
        let mean = analysis.blocks[0].meanC
        let expected = 300 * 0.8 + 300 * 0.2 * exp(0.02 * (mean - 85))
        #expect(abs(analysis.steady.totalPowerW - expected) < 1e-6 * expected)
        #expect(analysis.steady.leakageIterations > 2)
    }

    /// Cooling too weak for the leakage: no fixed point. The error says so with the nominal power
    /// (300 W), not with the last diverging iterate (which can pass 1e30 W).
    @Test func thermalRunawayIsReportedAgainstTheNominalPower() throws {
        do {
            _ = try PackageAnalysis(Self.leakyDie(heatTransferCoefficientWPerM2K: 2_000), refine: false)
            Issue.record("a 300 W die at 1.25 K/W with 20 % leakage has no steady state")
        } catch {
            guard case .thermalRunaway(let how) = error else {
                Issue.record("expected thermal runaway, got \(error)")
                return
            }
            guard case .powerBeyondNominal(let nominalW, _) = how else {
                Issue.record("expected the power criterion, got \(how)")
                return
            }
            #expect(abs(nominalW - 300) < 1e-9)
            #expect(error.description.contains("nominal 300 W") && !error.description.contains("e+"))
        }
    }

    /// One well-mixed copper block (Biot ≪ 1) heated from t = 0: the RC step response
    /// T − T_f = P R (1 − e^(−t/RC)), reproduced by BDF2 to 1e-4 of the rise at t = RC.
    @Test func transientFollowsTheRCStepResponse() throws {
        let (problem, r, c) = Self.copperBlock()
        let run = try PackageThermalSolver(problem).transient(durationS: r * c, stepS: r * c / 400)
        let expected = 2 * r * (1 - exp(-1))
        #expect(abs(run.maxC.last! - 25 - expected) < 1e-4 * expected)
    }

    /// Per-layer resolution: more cells through the lid and dies add slices and move the answer
    /// only a little (the through-thickness profile of thin layers is nearly linear).
    @Test func layerSublayersRefineThroughTheThickness() throws {
        func design(_ sublayers: Int) -> PackageDesign {
            var d = PackageDesign(name: "mono", kind: .monolithic,
                                  dies: [PackageDesign.Die(name: "die", node: ProcessNode.named("7nm")!,
                                                           rectangle: PlaneRectangle(x: 0, y: 0, width: 15 * Self.mm, height: 15 * Self.mm),
                                                           thicknessM: 300e-6, uniformPowerW: 200, leakageFraction: 0)],
                                  cooling: .convection(heatTransferCoefficientWPerM2K: 10_000, fluidC: 35))
            d.fineCellM = 1e-3
            d.lid?.sublayers = sublayers
            d.dieSublayers = sublayers
            return d
        }
        let coarse = try PackageAnalysis(design(1), refine: false), fine = try PackageAnalysis(design(4), refine: false)
        #expect(fine.solver.grid.slices.count == coarse.solver.grid.slices.count + 6)
        #expect(abs(fine.hottestC - coarse.hottestC) < 0.5, "\(fine.hottestC) against \(coarse.hottestC)")
        #expect(abs(fine.steady.energyBalanceRelativeError) < 1e-8)
    }

    /// GSL's ODE driver (msbdf on the dense system) agrees with the RC closed form and with
    /// BDF2 on a small layered grid.
    @Test func gslTransientAgreesWithBDF2AndTheClosedForm() throws {
        let (block, r, c) = Self.copperBlock()
        let rc = try PackageThermalSolver(block).transientGSL(durationS: r * c, outputStepS: r * c)
        #expect(abs(rc.maxC.last! - 25 - 2 * r * (1 - exp(-1))) < 1e-4 * 2 * r)

        let solver = PackageThermalSolver(Self.spreaderProblem(cells: 8))
        let gsl = try solver.transientGSL(durationS: 0.5, outputStepS: 0.1)
        let bdf2 = try solver.transient(durationS: 0.5, stepS: 1e-4)
        #expect(abs(gsl.maxC.last! - bdf2.maxC.last!) < 0.01, "GSL \(gsl.maxC.last!) °C against BDF2 \(bdf2.maxC.last!) °C")
        #expect(throws: PackageThermalError.self) { try PackageThermalSolver(Self.spreaderProblem(cells: 64)).transientGSL(durationS: 1, outputStepS: 1) }
    }

    /// Stack orientation: with four cells through each die, face to back puts the lower die's
    /// power at its bottom face (farthest from the sink), face to face at its top, next to the
    /// bond: face to back runs hotter. Copper TSVs (10 % of the area) conduct the lower die's heat
    /// up better and cool it. The per-die compact figures agree with the die's own temperatures.
    @Test func orientationAndTSVsMoveTheLowerDie() throws {
        func stack(_ orientation: PackageDesign.StackOrientation, tsv: Double = 0) throws -> PackageAnalysis {
            func die(_ name: String, tier: Int) -> PackageDesign.Die {
                var d = PackageDesign.Die(name: name, node: ProcessNode.named("7nm")!,
                                          rectangle: PlaneRectangle(x: 0, y: 0, width: 10 * Self.mm, height: 10 * Self.mm),
                                          thicknessM: 200e-6, tier: tier, uniformPowerW: 100, leakageFraction: 0)
                d.tsvFraction = tier == 0 ? tsv : 0
                return d
            }
            var design = PackageDesign(name: "stack", kind: .stack3D, dies: [die("lower", tier: 0), die("upper", tier: 1)],
                                       cooling: .convection(heatTransferCoefficientWPerM2K: 20_000, fluidC: 35))
            design.orientation = orientation
            design.dieSublayers = 4
            design.bond = PackageDesign.Slab(material: PackageMaterials.microBumpLayer, thicknessM: 20e-6)
            design.fineCellM = 1e-3
            return try PackageAnalysis(design, refine: false)
        }
        let f2b = try stack(.faceToBack), f2f = try stack(.faceToFace), tsv = try stack(.faceToBack, tsv: 0.1)
        #expect(f2b.dies[0].maxC > f2f.dies[0].maxC + 0.1, "F2B \(f2b.dies[0].maxC) °C against F2F \(f2f.dies[0].maxC) °C")
        #expect(tsv.dies[0].maxC < f2b.dies[0].maxC)
        for a in [f2b, f2f, tsv] {
            #expect(abs(a.steady.energyBalanceRelativeError) < 1e-8)
            let d = a.dies[0]
            #expect(abs(d.junctionToFluidKPerW * a.steady.totalPowerW - (d.maxC - 35)) < 1e-9)
            #expect(d.hotSpotExcessK >= 0 && d.capacityJPerK > 0)
        }
    }
}

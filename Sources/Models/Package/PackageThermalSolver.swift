import Foundation
import Numerics

/// Temperatures of a package: steady state with temperature-dependent leakage, and transients.
public final class PackageThermalSolver: Sendable {
    public let problem: LayeredThermalProblem
    public let grid: PackageThermalGrid
    private let preconditioner: LayeredGridMultigrid
    /// Relative residual of each linear solve, and of the solves inside the leakage iteration
    /// (each is followed by a tight one, so the answer is the same).
    public static let tolerance = 1e-10
    static let leakagePassTolerance = 1e-7

    public init(_ problem: LayeredThermalProblem) {
        self.problem = problem
        grid = PackageThermalGrid(problem)
        preconditioner = LayeredGridMultigrid(matrix: grid.conductance, columns: grid.columns, rows: grid.rows, slices: grid.slices.count)
    }

    /// A steady solution.
    public struct Steady: Sendable {
        /// Cell temperatures, °C.
        public let temperatureC: [Double]
        /// Each source's power at its temperature (leakage included), W, in `grid.sources` order.
        public let sourcePowerW: [Double]
        public let leakageIterations: Int
        public let linearIterations: Int
        /// Heat leaving through the boundaries, W, and (that − power) / power.
        public let heatOutW: Double
        public var totalPowerW: Double { sourcePowerW.reduce(0, +) }
        public var energyBalanceRelativeError: Double { (heatOutW - totalPowerW) / max(totalPowerW, 1e-300) }
    }

    /// Power of source k at mean temperature T: P·(1 − s) + P·s·exp(β (T − T_ref)).
    func sourcePowerW(_ k: Int, meanC: Double) -> Double {
        let s = grid.sources[k]
        return s.powerW * (1 - s.leakageFraction) + s.powerW * s.leakageFraction * exp(problem.leakageCoefficientPerK * (meanC - problem.referenceC))
    }

    /// A source's temperature where it is dissipated: at its active face (the bottom or top face
    /// of its slice, `PackageThermalGrid.faceC`), or the mean through the layer for volume sources.
    /// Reading the face, not the slice centre, makes a surface source converge at second order
    /// as the slices are refined (at first order from the centre).
    public func sourceTemperatureC(_ k: Int, _ t: [Double]) -> Double {
        let side = grid.sources[k].activeSide
        guard side != .volume else { return sourceMeanC(k, t) }
        let cells = grid.sourceCells[k]
        let total = cells.reduce(0) { $0 + $1.share }
        return cells.reduce(0) { $0 + $1.share * grid.faceC($1.cell, t, top: side == .top) } / max(total, 1e-300)
    }

    public func sourceMeanC(_ k: Int, _ t: [Double]) -> Double {
        grid.sourceCells[k].reduce(0) { $0 + $1.share * t[$1.cell] } / max(grid.sourceCells[k].reduce(0) { $0 + $1.share }, 1e-300)
    }

    func rightHandSide(powers: [Double]) -> [Double] {
        var b = [Double](repeating: 0, count: grid.cellCount)
        for i in 0..<grid.cellCount where grid.boundaryWPerK[i] > 0 { b[i] = grid.boundaryWPerK[i] * grid.boundaryFluidC[i] }
        for (k, cells) in grid.sourceCells.enumerated() {
            for (cell, share) in cells { b[cell] += powers[k] * share }
        }
        return b
    }

    public func heatOutW(_ t: [Double]) -> Double {
        var q = 0.0
        for i in 0..<grid.cellCount where grid.boundaryWPerK[i] > 0 { q += grid.boundaryWPerK[i] * (t[i] - grid.boundaryFluidC[i]) }
        return q
    }

    /// Steady state, leakage iterated to a fixed point (successive substitution: each pass solves
    /// G T = P(T_prev) + g_b T_f, warm-started; stops when no source's power moves by more than
    /// 1e-9 of the total). A package whose leakage grows faster than its cooling removes heat has
    /// no fixed point: that is thermal runaway, reported as an error.
    /// - Parameter initialPowersW: a first guess of the sources' powers with leakage (a coarser
    ///   grid's answer), in `grid.sources` order.
    /// - Parameter initialC: a first guess of the cell temperatures (a coarser grid's answer,
    ///   `PackageThermalGrid.resampled`); the fluid temperature everywhere when nil.
    public func steady(maximumLeakageIterations: Int = 100, initialPowersW: [Double]? = nil, initialC: [Double]? = nil)
        throws(PackageThermalError) -> Steady {
        var powers = initialPowersW ?? grid.sources.map(\.powerW)
        let hasLeakage = grid.sources.contains { $0.leakageFraction > 0 }
        var t = initialC ?? [Double](repeating: problem.top.fluidC, count: grid.cellCount)
        var linear = 0, passes = 0
        while true {
            passes += 1
            do {
                // While leakage iterates, a looser solve suffices; the last one is tight.
                linear += try solveConjugateGradient(grid.conductance, rightHandSide(powers: powers), x: &t,
                                                     tolerance: hasLeakage ? Self.leakagePassTolerance : Self.tolerance,
                                                     preconditioner: preconditioner.apply)
            } catch {
                throw .numerical(error)
            }
            guard hasLeakage else { break }
            let next = grid.sources.indices.map { sourcePowerW($0, meanC: sourceTemperatureC($0, t)) }
            let change = zip(next, powers).map { abs($0 - $1) }.max() ?? 0
            powers = next
            let total = powers.reduce(0, +)
            let nominalW = problem.totalReferencePowerW
            if !total.isFinite || total > Self.runawayPowerFactor * max(nominalW, 1e-9) {
                throw .thermalRunaway(.powerBeyondNominal(nominalW: nominalW, passes: passes))
            }
            if let hottest = t.max(), hottest > Self.runawayTemperatureC {
                throw .thermalRunaway(.temperatureBeyondLimit(nominalW: nominalW, reachedW: total, passes: passes))
            }
            if change <= 1e-9 * max(total, 1e-300) { break }
            if passes >= maximumLeakageIterations {
                throw .thermalRunaway(.noFixedPoint(nominalW: nominalW, reachedW: total, passes: passes))
            }
        }
        if hasLeakage {
            // Final solve with the converged powers so temperatures and powers agree exactly.
            do {
                linear += try solveConjugateGradient(grid.conductance, rightHandSide(powers: powers), x: &t, tolerance: Self.tolerance,
                                                     preconditioner: preconditioner.apply)
            } catch {
                throw .numerical(error)
            }
        }
        return Steady(temperatureC: t, sourcePowerW: powers, leakageIterations: passes, linearIterations: linear, heatOutW: heatOutW(t))
    }
}

extension PackageThermalSolver {
    /// Where the leakage iteration gives up: the sources' power (with leakage) beyond this many
    /// times their nominal power, or a cell above this temperature (silicon is long destroyed).
    static let runawayPowerFactor = 100.0
    static let runawayTemperatureC = 1000.0
}

/// How a leakage iteration ran away, with the figures a designer compares with the package.
public enum ThermalRunaway: Sendable, Equatable {
    /// The power with leakage passed `PackageThermalSolver.runawayPowerFactor` × nominal.
    case powerBeyondNominal(nominalW: Double, passes: Int)
    /// A cell passed `PackageThermalSolver.runawayTemperatureC` at `reachedW` of power.
    case temperatureBeyondLimit(nominalW: Double, reachedW: Double, passes: Int)
    /// The power still moved after the iteration's limit of passes.
    case noFixedPoint(nominalW: Double, reachedW: Double, passes: Int)
}

public enum PackageThermalError: Error, CustomStringConvertible, Sendable {
    case numerical(NumericalError)
    case thermalRunaway(ThermalRunaway)
    case tooLargeForGSL(cells: Int)
    case tooManyCells(limit: Int)

    public var description: String {
        switch self {
        case .numerical(let error): return "package thermal solve failed: \(error)"
        case .tooLargeForGSL(let cells):
            return "the GSL ODE solver keeps a dense Jacobian: \(cells) cells is more than \(PackageThermalSolver.maximumGSLCells); use the default BDF2 solver or a coarser grid"
        case .tooManyCells(let limit):
            return "the grid would have more than \(limit) cells (grid.cell too small for the package, or a sliver between "
                + "two nearly equal edges); use a larger grid.cell, or pass --allow-large"
        case .thermalRunaway(let how):
            func watts(_ w: Double) -> String { String(format: "%.4g W", w) }
            func after(_ passes: Int) -> String { passes == 1 ? "after 1 pass" : "after \(passes) passes" }
            let what: String
            switch how {
            case .powerBeyondNominal(let nominal, let passes):
                what = "\(after(passes)) the power with leakage was above \(Int(PackageThermalSolver.runawayPowerFactor)) × its nominal \(watts(nominal))"
            case .temperatureBeyondLimit(let nominal, let reached, let passes):
                what = "\(after(passes)) a cell was above \(Int(PackageThermalSolver.runawayTemperatureC)) °C, at \(watts(reached)) "
                    + "of power against a nominal \(watts(nominal))"
            case .noFixedPoint(let nominal, let reached, let passes):
                what = "\(after(passes)) the power (\(watts(reached)) against a nominal \(watts(nominal))) still moved"
            }
            return "thermal runaway: leakage grows faster than the cooling removes it (\(what)); improve the cooling or lower the power"
        }
    }
}

import Foundation

/// How converged a package's temperatures are, and the grid that makes them so.
///
/// The error of the hottest block's temperature has two parts that add (measured on the EV6
/// study: refining both ways at once moves it by the sum of refining each): the slices through
/// each slab's thickness, and the lateral cells. Each is estimated by Richardson's method from a
/// sequence of grids refined by 2 in that direction only — the slices on the design's lateral
/// grid, the lateral cells on its slices, where each grid is cheapest:
///
///     T_∞ = T_K + (T_K − T_K−1) / (2^p − 1),   p = log2(|T_K−2 − T_K−1| / |T_K−1 − T_K|)  (observed, in [1, 4])
///     error of level i ≈ T_∞ − T_i,  bound = F_s |T_∞ − T_i|
///
/// with Roache's safety factor (Grid Convergence Index, J. Fluids Eng. 116, 1994): F_s = 1.25
/// with an observed order, 3 with only two grids (p = 2, the scheme's formal order). Each
/// direction is refined until its bound is within half the tolerance. The answer is then solved
/// on the cheapest pair of the two sequences' refinements whose bounds add up to the tolerance
/// (often not the finest of both); when no such pair fits the cell limit, on the pair that fits
/// with the smallest bound, and the report says the tolerance was not met.
public struct PackageConvergence: Sendable {
    public struct Level: Sendable {
        /// Lateral refinement (cell size divided by it) and through-thickness refinement (sublayers times it).
        public var lateral: Int, vertical: Int
        public var cells: Int
        /// The hottest block's temperature, °C.
        public var hottestBlockC: Double
        public var wallSeconds: Double
    }

    /// One direction's Richardson estimate for one level of its sequence (coarsest first).
    public struct DirectionEstimate: Sendable {
        /// T_∞ − T_level, K, and its bound F_s |T_∞ − T_level|.
        public var correctionK: Double
        public var boundK: Double
        public var observedOrder: Double?

        /// - Parameter index: the level estimated (default: the finest).
        public init?(_ t: [Double], index: Int? = nil) {
            guard t.count >= 2 else { return nil }
            let fine = t[t.count - 1], medium = t[t.count - 2]
            var order = 2.0, safety = 3.0
            observedOrder = nil
            if t.count >= 3 {
                let coarse = t[t.count - 3]
                let ratio = abs(coarse - medium) / max(abs(medium - fine), 1e-12)
                if ratio > 1, (coarse - medium) * (medium - fine) > 0 {
                    order = min(max(log2(ratio), 1), 4)
                    observedOrder = order
                    safety = 1.25
                }
            }
            let extrapolated = fine + (fine - medium) / (pow(2, order) - 1)
            correctionK = extrapolated - t[index ?? t.count - 1]
            boundK = safety * abs(correctionK)
        }
    }

    public let levels: [Level]
    /// The level the answer comes from (an index into `levels`).
    public let answerIndex: Int
    /// The block followed (hottest on the design's grid).
    public let block: String
    public let toleranceK: Double
    public let slices: DirectionEstimate?, lateral: DirectionEstimate?
    public let stop: Stop

    public enum Stop: String, Sendable {
        case withinTolerance = "within tolerance"
        case cellLimit = "a finer grid would exceed the cell limit (--allow-large raises it)"
        case levelLimit = "the finest refinement allowed (16× through the thickness, 8× laterally)"
        case notAsked = "the design's grid only"
    }

    public var answer: Level { levels[answerIndex] }
    /// Bound on the answer's discretisation error, K: both directions' (nil when neither was refined).
    public var estimatedErrorK: Double? {
        guard slices != nil || lateral != nil else { return nil }
        return (slices?.boundK ?? 0) + (lateral?.boundK ?? 0)
    }
    /// False when only one direction could be refined: the bound is then partial.
    public var complete: Bool { slices != nil && lateral != nil }
    public var extrapolatedC: Double? {
        guard slices != nil || lateral != nil else { return nil }
        return answer.hottestBlockC + (slices?.correctionK ?? 0) + (lateral?.correctionK ?? 0)
    }
    public var converged: Bool { complete && (estimatedErrorK ?? .infinity) <= toleranceK }

    static let maximumVertical = 16, maximumLateral = 8

    /// Of every pair of a lateral and a slice refinement solved in their sequences, the one to
    /// solve the answer on: the fewest cells among those whose bounds (the two sequences' GCIs
    /// at those levels) add up to within `toleranceK`; when none does, the smallest bound among
    /// those that fit. `cells` counts a pair's grid, nil when it exceeds the cell limit.
    /// - Returns: the pair and whether its bound is within the tolerance; nil when none fits.
    static func cheapestPair(_ levels: [Level], toleranceK: Double, cells: (Int, Int) -> Int?)
        -> (pair: (lateral: Int, vertical: Int, boundK: Double), within: Bool)? {
        let lateralLevels = sequence(levels, lateral: true), verticalLevels = sequence(levels, lateral: false)
        func bound(_ sequence: [Level], _ index: Int) -> Double {
            DirectionEstimate(sequence.map(\.hottestBlockC), index: index)?.boundK ?? .infinity
        }
        var candidates: [(lateral: Int, vertical: Int, boundK: Double, cells: Int)] = []
        for (i, l) in lateralLevels.enumerated() {
            for (j, v) in verticalLevels.enumerated() {
                guard let count = cells(l.lateral, v.vertical) else { continue }
                candidates.append((l.lateral, v.vertical, bound(lateralLevels, i) + bound(verticalLevels, j), count))
            }
        }
        if let best = candidates.filter({ $0.boundK <= toleranceK }).min(by: { ($0.cells, $0.boundK) < ($1.cells, $1.boundK) }) {
            return ((best.lateral, best.vertical, best.boundK), true)
        }
        return candidates.min { ($0.boundK, $0.cells) < ($1.boundK, $1.cells) }.map { (($0.lateral, $0.vertical, $0.boundK), false) }
    }

    /// The slices' sequence (on the design's lateral grid) and the lateral one (on its slices).
    static func sequence(_ levels: [Level], lateral: Bool) -> [Level] {
        levels.filter { lateral ? $0.vertical == 1 : $0.lateral == 1 }.sorted { lateral ? $0.lateral < $1.lateral : $0.vertical < $1.vertical }
    }

    /// Each direction's estimate at the given level's refinement.
    static func estimates(_ levels: [Level], at level: Level) -> (slices: DirectionEstimate?, lateral: DirectionEstimate?) {
        let v = sequence(levels, lateral: false), l = sequence(levels, lateral: true)
        return (v.firstIndex { $0.vertical == level.vertical }.flatMap { DirectionEstimate(v.map(\.hottestBlockC), index: $0) },
                l.firstIndex { $0.lateral == level.lateral }.flatMap { DirectionEstimate(l.map(\.hottestBlockC), index: $0) })
    }

    init(levels: [Level], block: String, toleranceK: Double, stop: Stop, answerIndex: Int? = nil) {
        self.levels = levels
        self.block = block
        self.toleranceK = toleranceK
        // The answer: the level asked, else the one with the smallest (complete) bound.
        func bound(_ level: Level) -> Double {
            let e = Self.estimates(levels, at: level)
            return (e.slices?.boundK ?? .infinity) + (e.lateral?.boundK ?? .infinity)
        }
        let chosen = answerIndex ?? levels.indices.min { bound(levels[$0]) < bound(levels[$1]) } ?? 0
        self.answerIndex = bound(levels[chosen]).isFinite || answerIndex != nil ? chosen : levels.count - 1
        (slices, lateral) = Self.estimates(levels, at: levels[self.answerIndex])
        self.stop = stop
    }
}

extension LayeredThermalProblem {
    /// The lateral cell over the fine region (or the uniform cell), m.
    var fineCellM: Double {
        switch grid {
        case .uniform(let columns, let rows): return min(extent.width / Double(columns), extent.height / Double(rows))
        case .graded(let fine, _, _): return fine
        }
    }

    /// The same problem with cells `lateral` times smaller across and `vertical` times as many
    /// sublayers in every slab whose slices are thicker than a quarter of the fine lateral cell
    /// (thinner slabs — bumps, bonds, TIMs — conduct straight through and gain nothing).
    public func refined(lateral: Int, vertical: Int) -> LayeredThermalProblem {
        var copy = self
        let threshold = fineCellM / 4
        copy.layers = layers.map { layer in
            var l = layer
            if layer.thicknessM / Double(layer.sublayers) > threshold { l.sublayers = layer.sublayers * vertical }
            return l
        }
        switch grid {
        case .uniform(let columns, let rows): copy.grid = .uniform(columns: columns * lateral, rows: rows * lateral)
        case .graded(let fine, let region, let growth):
            // Every cell halves: the fine cells, the growth per metre away from them, and the cap.
            copy.grid = .graded(fineCellM: fine / Double(lateral), fineRegion: region, growth: 1 + (growth - 1) / Double(lateral))
            copy.lateralRefinement = lateralRefinement * lateral
        }
        return copy
    }
}

extension PackageThermalSolver {
    /// Solves `base` and refines it (see `PackageConvergence`) until the hottest block's error
    /// bound is within `toleranceK`; a nil tolerance solves the base only.
    /// - Returns: the answer's solver and steady state, and the convergence record.
    /// - Parameter progress: told before each grid is solved (its refinement and cells), for a
    ///   status line: a default run may solve grids of millions of cells for a minute.
    public static func converged(_ base: LayeredThermalProblem, toleranceK: Double?, maximumCells: Int,
                                 progress: ((String) -> Void)? = nil)
        throws(PackageThermalError) -> (solver: PackageThermalSolver, steady: Steady, convergence: PackageConvergence) {
        var levels: [PackageConvergence.Level] = []
        // Every level's steady state, but only the last level's solver: a solver holds its grid,
        // matrix and multigrid hierarchy, hundreds of bytes a cell.
        var solved: [Steady] = []
        var lastSolver: PackageThermalSolver? = nil
        var block = ""
        func solve(lateral: Int, vertical: Int) throws(PackageThermalError) {
            let started = Date()
            let problem = base.refined(lateral: lateral, vertical: vertical)
            if let progress {
                let cells = PackageThermalGrid.cellCount(problem, limit: maximumCells) ?? 0
                progress("grid \(levels.count + 1): \(lateral)× finer cells, \(vertical)× slices, \(cells.formatted()) cells")
            }
            let solver = PackageThermalSolver(problem)
            // The last grid's answer starts the solve: its leakage powers and its temperatures
            // differ from this grid's by the discretisation error only.
            let start = lastSolver.map { $0.grid.resampled(solved[solved.count - 1].temperatureC, onto: solver.grid) }
            let steady = try solver.steady(initialPowersW: solved.last?.sourcePowerW, initialC: start)
            if block.isEmpty {
                let hottest = solver.grid.sources.indices.max { solver.sourceTemperatureC($0, steady.temperatureC) < solver.sourceTemperatureC($1, steady.temperatureC) }
                block = hottest.map { solver.grid.sources[$0].name } ?? ""
            }
            let k = solver.grid.sources.firstIndex { $0.name == block }
            levels.append(.init(lateral: lateral, vertical: vertical, cells: solver.grid.cellCount,
                                hottestBlockC: k.map { solver.sourceTemperatureC($0, steady.temperatureC) } ?? .nan,
                                wallSeconds: Date().timeIntervalSince(started)))
            solved.append(steady)
            lastSolver = solver
        }
        func fits(_ lateral: Int, _ vertical: Int) -> Bool {
            PackageThermalGrid.cellCount(base.refined(lateral: lateral, vertical: vertical), limit: maximumCells) != nil
        }
        try solve(lateral: 1, vertical: 1)
        guard let toleranceK else {
            return (lastSolver!, solved[0], PackageConvergence(levels: levels, block: block, toleranceK: .infinity, stop: .notAsked, answerIndex: 0))
        }
        var stop = PackageConvergence.Stop.withinTolerance
        // Each direction on its own, where the grids are cheapest, to half the tolerance.
        var refinement = (lateral: 1, vertical: 1)
        for lateral in [false, true] {
            while true {
                let sequence = PackageConvergence.sequence(levels, lateral: lateral).map(\.hottestBlockC)
                if let estimate = PackageConvergence.DirectionEstimate(sequence), estimate.boundK <= toleranceK / 2 { break }
                let current = lateral ? refinement.lateral : refinement.vertical
                guard current < (lateral ? PackageConvergence.maximumLateral : PackageConvergence.maximumVertical) else { stop = .levelLimit; break }
                guard lateral ? fits(current * 2, 1) : fits(1, current * 2) else { stop = .cellLimit; break }
                if lateral { refinement.lateral *= 2 } else { refinement.vertical *= 2 }
                try solve(lateral: lateral ? refinement.lateral : 1, vertical: lateral ? 1 : refinement.vertical)
            }
        }
        // The answer: the cheapest pair of the two sequences' refinements whose bounds add up to
        // within the tolerance and whose grid fits — else, of those that fit, the one with the
        // smallest bound (the finest in both directions often does not fit when a coarser
        // lateral or slice level would do).
        let choice = PackageConvergence.cheapestPair(levels, toleranceK: toleranceK) { l, v in
            PackageThermalGrid.cellCount(base.refined(lateral: l, vertical: v), limit: maximumCells)
        }
        var answer: Int? = nil
        if let (pick, within) = choice {
            if let index = levels.firstIndex(where: { $0.lateral == pick.lateral && $0.vertical == pick.vertical }) {
                answer = index
            } else {
                try solve(lateral: pick.lateral, vertical: pick.vertical)
                answer = levels.count - 1
            }
            if !within && !fits(refinement.lateral, refinement.vertical) { stop = .cellLimit }
        } else {
            stop = .cellLimit
        }
        let record = PackageConvergence(levels: levels, block: block, toleranceK: toleranceK, stop: stop, answerIndex: answer)
        let final = PackageConvergence(levels: levels, block: block, toleranceK: toleranceK,
                                       stop: record.converged ? .withinTolerance : (stop == .withinTolerance ? .levelLimit : stop), answerIndex: answer)
        let answerLevel = levels[final.answerIndex]
        let solver = final.answerIndex == levels.count - 1
            ? lastSolver! : PackageThermalSolver(base.refined(lateral: answerLevel.lateral, vertical: answerLevel.vertical))
        return (solver, solved[final.answerIndex], final)
    }

    /// `--convergence`: the hottest block on the base grid refined 1×, 2× and 4× in every
    /// direction (as far as the cell limit allows), for a grid-independence table.
    public static func refinementStudy(_ base: LayeredThermalProblem, block: String, maximumCells: Int) throws(PackageThermalError)
        -> [PackageConvergence.Level] {
        var levels: [PackageConvergence.Level] = []
        for factor in [1, 2, 4] {
            let problem = base.refined(lateral: factor, vertical: factor)
            guard PackageThermalGrid.cellCount(problem, limit: maximumCells) != nil else { break }
            let started = Date()
            let solver = PackageThermalSolver(problem)
            let steady = try solver.steady()
            let k = solver.grid.sources.firstIndex { $0.name == block }
            levels.append(.init(lateral: factor, vertical: factor, cells: solver.grid.cellCount,
                                hottestBlockC: k.map { solver.sourceTemperatureC($0, steady.temperatureC) } ?? .nan,
                                wallSeconds: Date().timeIntervalSince(started)))
        }
        return levels
    }
}

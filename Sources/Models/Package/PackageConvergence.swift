import Foundation

/// How converged a package's temperatures are, and the grid that makes them so.
///
/// The error of the hottest block's mean temperature has two parts that add (measured on the
/// EV6 study: refining both ways at once moves it by the sum of refining each): the slices
/// through each slab's thickness, and the lateral cells. Each is estimated by Richardson's
/// method from a sequence of grids refined by 2 in that direction only,
///
///     δ = (T_h − T_2h) / (2^p − 1),   p = log2(|T_4h − T_2h| / |T_2h − T_h|)  (observed, kept in [1, 4]),
///
/// with Roache's safety factor on the bound (Grid Convergence Index, J. Fluids Eng. 116, 1994):
/// GCI = F_s |δ|, F_s = 1.25 with an observed order, 3 with only two grids (p = 2, the scheme's
/// formal order). The sublayers are doubled first (cheap: 2× the cells) until their GCI is within
/// half the tolerance, then the lateral cells are halved (4× the cells) until theirs is. The
/// answer is the finest grid solved; its error bound is the sum of the two GCIs and the
/// extrapolated value T + δ_slices + δ_lateral.
public struct PackageConvergence: Sendable {
    public struct Level: Sendable {
        /// Lateral refinement (cell size divided by it) and through-thickness refinement (sublayers times it).
        public var lateral: Int, vertical: Int
        public var cells: Int
        /// The hottest block's mean temperature, °C.
        public var hottestBlockC: Double
        public var wallSeconds: Double
    }

    /// One direction's Richardson estimate from its sequence of temperatures (coarsest first).
    public struct DirectionEstimate: Sendable {
        public var correctionK: Double
        public var boundK: Double
        public var observedOrder: Double?

        public init?(_ t: [Double]) {
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
            correctionK = (fine - medium) / (pow(2, order) - 1)
            boundK = safety * abs(correctionK)
        }
    }

    public let levels: [Level]
    /// The block followed (hottest on the base grid).
    public let block: String
    public let toleranceK: Double
    public let slices: DirectionEstimate?, lateral: DirectionEstimate?
    public let stop: Stop

    public enum Stop: String, Sendable {
        case withinTolerance = "within tolerance"
        case cellLimit = "the next grid would exceed the cell limit (--allow-large raises it)"
        case levelLimit = "the finest refinement allowed (16× through the thickness, 8× laterally)"
        case notAsked = "the design's grid only"
    }

    /// The grid the answer comes from.
    public var answer: Level { levels.last! }
    /// Bound on the answer's discretisation error, K: both directions' GCIs (nil when neither
    /// was refined). `complete` is false when only one direction could be refined.
    public var estimatedErrorK: Double? {
        guard slices != nil || lateral != nil else { return nil }
        return (slices?.boundK ?? 0) + (lateral?.boundK ?? 0)
    }
    public var complete: Bool { slices != nil && lateral != nil }
    public var extrapolatedC: Double? {
        guard slices != nil || lateral != nil else { return nil }
        return answer.hottestBlockC + (slices?.correctionK ?? 0) + (lateral?.correctionK ?? 0)
    }
    public var converged: Bool { complete && (estimatedErrorK ?? .infinity) <= toleranceK }

    static let maximumVertical = 16, maximumLateral = 8

    init(levels: [Level], block: String, toleranceK: Double, stop: Stop) {
        self.levels = levels
        self.block = block
        self.toleranceK = toleranceK
        self.stop = stop
        let last = levels.last!
        // Each direction: the levels that differ from the answer only in that direction.
        slices = DirectionEstimate(levels.filter { $0.lateral == 1 }.map(\.hottestBlockC))
        lateral = DirectionEstimate(levels.filter { $0.vertical == last.vertical }.map(\.hottestBlockC))
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
    /// - Returns: the finest grid's solver and steady state, and the convergence record.
    public static func converged(_ base: LayeredThermalProblem, toleranceK: Double?, maximumCells: Int)
        throws(PackageThermalError) -> (solver: PackageThermalSolver, steady: Steady, convergence: PackageConvergence) {
        var levels: [PackageConvergence.Level] = []
        var best: (PackageThermalSolver, Steady)? = nil
        var block = ""
        func solve(lateral: Int, vertical: Int) throws(PackageThermalError) {
            let started = Date()
            let solver = PackageThermalSolver(base.refined(lateral: lateral, vertical: vertical))
            // The previous grid's leakage powers start the iteration: they differ by the error.
            let steady = try solver.steady(initialPowersW: best?.1.sourcePowerW)
            if block.isEmpty {
                let hottest = solver.grid.sources.indices.max { solver.sourceTemperatureC($0, steady.temperatureC) < solver.sourceTemperatureC($1, steady.temperatureC) }
                block = hottest.map { solver.grid.sources[$0].name } ?? ""
            }
            let k = solver.grid.sources.firstIndex { $0.name == block }
            levels.append(.init(lateral: lateral, vertical: vertical, cells: solver.grid.cellCount,
                                hottestBlockC: k.map { solver.sourceTemperatureC($0, steady.temperatureC) } ?? .nan,
                                wallSeconds: Date().timeIntervalSince(started)))
            best = (solver, steady)
        }
        func fits(_ lateral: Int, _ vertical: Int) -> Bool {
            PackageThermalGrid.cellCount(base.refined(lateral: lateral, vertical: vertical), limit: maximumCells) != nil
        }
        try solve(lateral: 1, vertical: 1)
        var stop = PackageConvergence.Stop.notAsked
        if let toleranceK {
            var vertical = 1, lateral = 1
            stop = .withinTolerance
            // Slices first: refine until their bound is within half the tolerance.
            while true {
                let estimate = PackageConvergence.DirectionEstimate(levels.map(\.hottestBlockC))
                if let estimate, estimate.boundK <= toleranceK / 2 { break }
                guard vertical < PackageConvergence.maximumVertical else { stop = .levelLimit; break }
                guard fits(1, vertical * 2) else { stop = .cellLimit; break }
                vertical *= 2
                try solve(lateral: 1, vertical: vertical)
            }
            // Then the lateral cells, at those slices.
            while true {
                let record = PackageConvergence(levels: levels, block: block, toleranceK: toleranceK, stop: stop)
                if let estimate = record.lateral, estimate.boundK <= toleranceK / 2 || record.converged { break }
                guard lateral < PackageConvergence.maximumLateral else { stop = .levelLimit; break }
                guard fits(lateral * 2, vertical) else { stop = .cellLimit; break }
                lateral *= 2
                try solve(lateral: lateral, vertical: vertical)
            }
            if PackageConvergence(levels: levels, block: block, toleranceK: toleranceK, stop: stop).converged { stop = .withinTolerance }
        }
        return (best!.0, best!.1, PackageConvergence(levels: levels, block: block, toleranceK: toleranceK ?? .infinity, stop: stop))
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

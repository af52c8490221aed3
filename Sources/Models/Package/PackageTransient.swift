import Numerics

extension PackageThermalSolver {
    /// A transient from `initialC` with the sources at their powers times `powerScale(t)`
    /// (leakage at each step's temperatures), by BDF2 at a constant step:
    ///
    ///     (3C/(2h) + G) Tⁿ⁺¹ = P + g_b T_f + C (4Tⁿ − Tⁿ⁻¹)/(2h)      (first step backward Euler)
    ///
    /// L-stable, second order: the microsecond modes of thin layers are damped at any step, and
    /// the step only has to follow the power's changes. This is the default for grids of any size;
    /// GSL's ODE driver (`transientGSL`) needs a dense Jacobian (n² doubles: 2 GB at 16,000 cells)
    /// and serves grids up to `maximumGSLCells`.
    ///
    /// - Returns: the hottest cell temperature after each step, each source's (block's) mean
    /// temperature after each step, and the final field.
    public func transient(durationS: Double, stepS: Double, initialC: [Double]? = nil, schedule: PackageDesign.SourceSchedule? = nil,
                          powerScale: (Double) -> Double = { _ in 1 }) throws(PackageThermalError)
        -> (timesS: [Double], maxC: [Double], final: [Double], linearIterations: Int, sourceMeansC: [[Double]]) {
        precondition(durationS > 0 && stepS > 0)
        let n = grid.cellCount
        let steps = max(1, Int((durationS / stepS).rounded()))
        let h = durationS / Double(steps)
        var euler = grid.conductance, bdf2 = grid.conductance
        euler.addToDiagonal(grid.capacityJPerK.map { $0 / h })
        bdf2.addToDiagonal(grid.capacityJPerK.map { 1.5 * $0 / h })
        let eulerPreconditioner = LayeredGridMultigrid(matrix: euler, columns: grid.columns, rows: grid.rows, slices: grid.slices.count, visitsPerLevel: 1)
        let bdf2Preconditioner = LayeredGridMultigrid(matrix: bdf2, columns: grid.columns, rows: grid.rows, slices: grid.slices.count, visitsPerLevel: 1)
        var previous = initialC ?? [Double](repeating: problem.top.fluidC, count: n)
        var current = previous
        var times: [Double] = [], maxima: [Double] = [], iterations = 0, means: [[Double]] = []
        for step in 1...steps {
            let t = Double(step) * h
            let scale = powerScale(t)
            // A power schedule (a replayed trace) holds each interval's power over the step's middle.
            let scheduled = schedule?.scales(atS: t - h / 2)
            let powers = grid.sources.indices.map { sourcePowerW($0, meanC: sourceTemperatureC($0, current)) * scale * (scheduled?[$0] ?? 1) }
            var b = rightHandSide(powers: powers)
            // Start from the linear extrapolation of the last two steps: on a smooth transient it
            // leaves CG a fraction of the residual the previous step would.
            var next = current
            if step > 1 { for i in 0..<n { next[i] = 2 * current[i] - previous[i] } }
            do {
                if step == 1 {
                    for i in 0..<n { b[i] += grid.capacityJPerK[i] / h * current[i] }
                    iterations += try solveConjugateGradient(euler, b, x: &next, tolerance: Self.tolerance, preconditioner: eulerPreconditioner.apply)
                } else {
                    for i in 0..<n { b[i] += grid.capacityJPerK[i] / (2 * h) * (4 * current[i] - previous[i]) }
                    iterations += try solveConjugateGradient(bdf2, b, x: &next, tolerance: Self.tolerance, preconditioner: bdf2Preconditioner.apply)
                }
            } catch {
                throw .numerical(error)
            }
            previous = current
            current = next
            times.append(t)
            maxima.append(current.max() ?? .nan)
            means.append(grid.sources.indices.map { sourceTemperatureC($0, current) })
        }
        return (times, maxima, current, iterations, means)
    }
}

extension PackageThermalSolver {
    /// Cells up to which the GSL ODE solver is offered: its implicit steppers keep an n × n dense
    /// Jacobian (4,000 cells: 128 MB).
    public static let maximumGSLCells = 4_000

    /// The same transient as `transient(durationS:stepS:)`, integrated by GSL's ODE driver with an
    /// implicit stepper (`msbdf`, variable order and step, error-controlled to `relativeTolerance`)
    /// on the dense system dT/dt = C⁻¹(−G T + P(T) + g_b T_f), Jacobian −C⁻¹G (leakage's own
    /// derivative left out: the Newton iteration converges without it). For grids up to
    /// `maximumGSLCells`; it checks the BDF2 path and serves small studies.
    ///
    /// - Returns: the hottest cell and each source's mean at each multiple of `outputStepS`, and the final field.
    public func transientGSL(durationS: Double, outputStepS: Double, relativeTolerance: Double = 1e-6,
                             schedule: PackageDesign.SourceSchedule? = nil,
                             powerScale: @escaping (Double) -> Double = { _ in 1 }) throws(PackageThermalError)
        -> (timesS: [Double], maxC: [Double], final: [Double], sourceMeansC: [[Double]]) {
        let n = grid.cellCount
        guard n <= Self.maximumGSLCells else { throw .tooLargeForGSL(cells: n) }
        let g = grid.conductance, inverseC = grid.capacityJPerK.map { 1 / $0 }
        let boundary = zip(grid.boundaryWPerK, grid.boundaryFluidC).map { $0 * $1 }
        var heat = [Double](repeating: 0, count: n)
        let integrator = ODEIntegrator(
            dimension: n, method: .msbdf, absoluteTolerance: 1e-6, relativeTolerance: relativeTolerance, initialStep: 1e-6,
            derivatives: { [unowned self] t, y, dydt in
                let field = Array(y)
                let scale = powerScale(t)
                let scheduled = schedule?.scales(atS: t)
                for i in 0..<n { heat[i] = boundary[i] }
                for (k, cells) in self.grid.sourceCells.enumerated() {
                    let power = self.sourcePowerW(k, meanC: self.sourceTemperatureC(k, field)) * scale * (scheduled?[k] ?? 1)
                    for (cell, share) in cells { heat[cell] += power * share }
                }
                for r in 0..<n {
                    var flow = heat[r]
                    for k in g.rowStart[r]..<g.rowStart[r + 1] { flow -= g.values[k] * y[g.columnIndex[k]] }
                    dydt[r] = flow * inverseC[r]
                }
            },
            jacobian: { _, _, dfdy, dfdt in
                for i in 0..<(n * n) { dfdy[i] = 0 }
                for r in 0..<n {
                    for k in g.rowStart[r]..<g.rowStart[r + 1] { dfdy[r * n + g.columnIndex[k]] = -g.values[k] * inverseC[r] }
                    dfdt[r] = 0
                }
            })
        var state = [Double](repeating: problem.top.fluidC, count: n)
        var times: [Double] = [], maxima: [Double] = [], means: [[Double]] = []
        let steps = max(1, Int((durationS / outputStepS).rounded()))
        for step in 1...steps {
            let t0 = Double(step - 1) * durationS / Double(steps), t1 = Double(step) * durationS / Double(steps)
            do {
                try integrator.integrate(&state, from: t0, to: t1)
            } catch {
                throw .numerical(error)
            }
            times.append(t1)
            maxima.append(state.max() ?? .nan)
            means.append(grid.sources.indices.map { sourceTemperatureC($0, state) })
        }
        return (times, maxima, state, means)
    }
}

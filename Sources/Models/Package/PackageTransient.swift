import Numerics

extension PackageThermalSolver {
    /// A transient from `initialC` with the sources at their powers times `powerScale(t)`
    /// (leakage at each step's temperatures), by BDF2 at a constant step:
    ///
    ///     (3C/(2h) + G) Tⁿ⁺¹ = P + g_b T_f + C (4Tⁿ − Tⁿ⁻¹)/(2h)      (first step backward Euler)
    ///
    /// L-stable, second order: the microsecond modes of thin layers are damped at any step, and
    /// the step only has to follow the power's changes. GSL's ODE drivers are not used here: their
    /// implicit steppers need a dense Jacobian (n² doubles: 2 GB at 16,000 cells); the compact
    /// model exported to the hall is integrated by GSL in the hall model instead.
    ///
    /// - Returns: the hottest cell temperature after each step and the final field.
    public func transient(durationS: Double, stepS: Double, initialC: [Double]? = nil,
                          powerScale: (Double) -> Double = { _ in 1 }) throws(PackageThermalError)
        -> (timesS: [Double], maxC: [Double], final: [Double], linearIterations: Int) {
        precondition(durationS > 0 && stepS > 0)
        let n = grid.cellCount
        let steps = max(1, Int((durationS / stepS).rounded()))
        let h = durationS / Double(steps)
        var euler = grid.conductance, bdf2 = grid.conductance
        euler.addToDiagonal(grid.capacityJPerK.map { $0 / h })
        bdf2.addToDiagonal(grid.capacityJPerK.map { 1.5 * $0 / h })
        // C/h makes these matrices diagonally dominant: a small coarse grid is enough, and its
        // dense solves would otherwise cost more than the lines.
        let eulerPreconditioner = LayeredGridPreconditioner(matrix: euler, columns: grid.columns, rows: grid.rows, slices: grid.slices.count,
                                                            maximumCoarseSize: 64)
        let bdf2Preconditioner = LayeredGridPreconditioner(matrix: bdf2, columns: grid.columns, rows: grid.rows, slices: grid.slices.count,
                                                           maximumCoarseSize: 64)
        var previous = initialC ?? [Double](repeating: problem.top.fluidC, count: n)
        var current = previous
        var times: [Double] = [], maxima: [Double] = [], iterations = 0
        for step in 1...steps {
            let t = Double(step) * h
            let scale = powerScale(t)
            let powers = grid.sources.indices.map { sourcePowerW($0, meanC: sourceMeanC($0, current)) * scale }
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
        }
        return (times, maxima, current, iterations)
    }
}

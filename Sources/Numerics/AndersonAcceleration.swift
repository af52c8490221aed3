/// Anderson acceleration of a fixed-point iteration x = g(x) (Anderson, "Iterative procedures for
/// nonlinear integral equations", J. ACM 12(4), 1965; in the form of Walker & Ni, "Anderson
/// acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49(4), 2011).
///
/// Each step takes the residual f_k = g(x_k) − x_k and the differences of the last `memory`
/// iterates and residuals, ΔX and ΔF, and chooses the combination of them that leaves the least
/// residual,
///
///     γ_k = argmin ‖f_k − ΔF γ‖₂,
///     x_{k+1} = x_k + β f_k − (ΔX + β ΔF) γ_k,
///
/// β the damping (β = 1: the undamped step g(x_k) − ΔG γ_k). With no history it is the damped
/// step x_k + β f_k. It is a multisecant quasi-Newton method that needs no Jacobian: on a linear
/// map with memory m ≥ n it finds the fixed point of an n-dimensional problem in n + 1 steps
/// (it is then GMRES), even where the damped iteration diverges (an eigenvalue λ of the map's
/// Jacobian with |1 − β (1 − λ)| > 1). Affine constraints that every g(x) and x satisfy (a sum,
/// say) are kept: the columns of ΔX and ΔF sum to zero.
///
/// The least squares is solved by its m × m normal equations (m ≤ `memory`, small), with a
/// relative ridge of 10⁻¹⁰ on the diagonal; when they are singular anyway the history is dropped
/// and the step is the damped one.
public struct AndersonAcceleration: Sendable {
    public let memory: Int
    public let damping: Double
    private var lastX: [Double] = [], lastF: [Double] = []
    /// The differences of consecutive iterates and residuals, oldest first.
    private var deltaX: [[Double]] = [], deltaF: [[Double]] = []

    public init(memory: Int, damping: Double) {
        precondition(memory >= 1 && damping > 0 && damping <= 1)
        self.memory = memory
        self.damping = damping
    }

    /// Forgets the history: the next step is the damped one.
    public mutating func reset() {
        lastX = []
        lastF = []
        deltaX = []
        deltaF = []
    }

    /// The next iterate from the current one, x, and the map's value there, g = g(x).
    public mutating func next(x: [Double], g: [Double]) -> [Double] {
        precondition(x.count == g.count)
        let f = zip(g, x).map { $0 - $1 }
        if lastX.count == x.count {
            deltaX.append(zip(x, lastX).map { $0 - $1 })
            deltaF.append(zip(f, lastF).map { $0 - $1 })
            if deltaX.count > memory {
                deltaX.removeFirst()
                deltaF.removeFirst()
            }
        }
        lastX = x
        lastF = f
        let beta = damping
        var step = zip(x, f).map { $0 + beta * $1 }
        guard let gamma = leastSquares(f) else {
            reset()
            lastX = x
            lastF = f
            return step
        }
        for (k, weight) in gamma.enumerated() {
            let dx = deltaX[k], df = deltaF[k]
            for i in step.indices { step[i] -= weight * (dx[i] + beta * df[i]) }
        }
        return step
    }

    /// argmin ‖f − ΔF γ‖₂ by the normal equations, or nil when there is no history or they are
    /// singular.
    private func leastSquares(_ f: [Double]) -> [Double]? {
        let m = deltaF.count
        guard m > 0 else { return nil }
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for i in a.indices { sum += a[i] * b[i] }
            return sum
        }
        var normal = DenseMatrix(rows: m, columns: m)
        var trace = 0.0
        for i in 0..<m {
            for j in i..<m {
                let value = dot(deltaF[i], deltaF[j])
                normal[i, j] = value
                normal[j, i] = value
            }
            trace += normal[i, i]
        }
        guard trace > 0, trace.isFinite else { return nil }
        for i in 0..<m { normal[i, i] += 1e-10 * trace / Double(m) }
        let rightHandSide = deltaF.map { dot($0, f) }
        guard let gamma = try? solveLinearSystem(normal, rightHandSide), gamma.allSatisfy(\.isFinite) else { return nil }
        return gamma
    }
}

/// Preconditioned conjugate gradients for a symmetric positive-definite `A·x = b` (a conduction
/// network with at least one path to a fixed temperature, or with heat capacity over a time step).
///
/// Converged when ‖A·x − b‖₂ ≤ tolerance·‖b‖₂ (the true residual is recomputed at the end, so a
/// drifting recursive residual cannot claim convergence falsely).
///
/// - Parameters:
///   - preconditioner: z = M⁻¹·r for a symmetric positive-definite M (identity when nil).
///   - x: the starting guess on entry (a previous solution speeds up a sequence of solves); the
///     solution on return.
/// - Returns: the iterations taken.
/// - Throws: `NumericalError.maximumIterations` when the tolerance is not reached.
@discardableResult
public func solveConjugateGradient(_ matrix: CSRMatrix, _ b: [Double], x: inout [Double], tolerance: Double = 1e-10,
                                   maximumIterations: Int = 5_000,
                                   preconditioner: ((UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)? = nil)
    throws(NumericalError) -> Int {
    let n = matrix.dimension
    Swift.precondition(b.count == n && x.count == n && tolerance > 0)
    func dot(_ u: [Double], _ v: [Double]) -> Double {
        u.withUnsafeBufferPointer { a in v.withUnsafeBufferPointer { c in
            var s = 0.0
            for i in 0..<n { s += a[i] * c[i] }
            return s
        } }
    }
    let normB = dot(b, b).squareRoot()
    if normB == 0 {
        for i in 0..<n { x[i] = 0 }
        return 0
    }
    var r = matrix.multiplied(by: x)
    for i in 0..<n { r[i] = b[i] - r[i] }
    var z = [Double](repeating: 0, count: n)
    func applyPreconditioner(_ r: [Double], _ z: inout [Double]) {
        if let preconditioner {
            r.withUnsafeBufferPointer { rs in z.withUnsafeMutableBufferPointer { preconditioner(rs, $0) } }
        } else {
            z = r
        }
    }
    applyPreconditioner(r, &z)
    var p = z
    var rz = dot(r, z)
    var q = [Double](repeating: 0, count: n)
    var iterations = 0
    while dot(r, r).squareRoot() > tolerance * normB {
        guard iterations < maximumIterations else {
            throw NumericalError(kind: .maximumIterations, operation: "conjugate gradients",
                                 detail: "residual \(dot(r, r).squareRoot() / normB) after \(iterations) iterations (tolerance \(tolerance))")
        }
        iterations += 1
        p.withUnsafeBufferPointer { ps in q.withUnsafeMutableBufferPointer { matrix.multiply(ps, into: $0) } }
        let alpha = rz / dot(p, q)
        x.withUnsafeMutableBufferPointer { xs in
            r.withUnsafeMutableBufferPointer { rs in
                p.withUnsafeBufferPointer { ps in
                    q.withUnsafeBufferPointer { qs in
                        for i in 0..<n {
                            xs[i] += alpha * ps[i]
                            rs[i] -= alpha * qs[i]
                        }
                    }
                }
            }
        }
        applyPreconditioner(r, &z)
        let rzNext = dot(r, z)
        let beta = rzNext / rz
        rz = rzNext
        p.withUnsafeMutableBufferPointer { ps in z.withUnsafeBufferPointer { zs in for i in 0..<n { ps[i] = zs[i] + beta * ps[i] } } }
        if iterations % 50 == 0 {
            // Refresh the recursive residual against rounding drift.
            let ax = matrix.multiplied(by: x)
            for i in 0..<n { r[i] = b[i] - ax[i] }
        }
    }
    return iterations
}

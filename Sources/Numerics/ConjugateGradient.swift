/// Preconditioned conjugate gradients for a symmetric positive-definite `A·x = b` (a conduction
/// network with at least one path to a fixed temperature, or with heat capacity over a time step).
///
/// Converged when ‖A·x − b‖₂ ≤ tolerance·‖b‖₂; the recursive residual is recomputed from A·x
/// every 50 iterations and at the end, so rounding drift cannot claim convergence falsely.
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
    precondition(b.count == n && x.count == n && tolerance > 0)
    var r = [Double](repeating: 0, count: n), z = r, p = r, q = r
    var iterations = 0
    var failure: NumericalError? = nil
    b.withUnsafeBufferPointer { b in
        x.withUnsafeMutableBufferPointer { x in
            r.withUnsafeMutableBufferPointer { r in
                z.withUnsafeMutableBufferPointer { z in
                    p.withUnsafeMutableBufferPointer { p in
                        q.withUnsafeMutableBufferPointer { q in
                            func dot(_ u: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>) -> Double {
                                var s = 0.0
                                for i in 0..<n { s += u[i] * v[i] }
                                return s
                            }
                            func residual() {
                                matrix.multiply(UnsafeBufferPointer(x), into: q)
                                for i in 0..<n { r[i] = b[i] - q[i] }
                            }
                            func applyPreconditioner() {
                                if let preconditioner { preconditioner(UnsafeBufferPointer(r), z) } else { for i in 0..<n { z[i] = r[i] } }
                            }
                            var normB = 0.0
                            for i in 0..<n { normB += b[i] * b[i] }
                            normB = normB.squareRoot()
                            if normB == 0 {
                                for i in 0..<n { x[i] = 0 }
                                return
                            }
                            residual()
                            applyPreconditioner()
                            for i in 0..<n { p[i] = z[i] }
                            var rz = dot(r, z)
                            var rr = dot(r, r)
                            while rr.squareRoot() > tolerance * normB {
                                guard iterations < maximumIterations else {
                                    failure = NumericalError(kind: .maximumIterations, operation: "conjugate gradients",
                                                             detail: "residual \(rr.squareRoot() / normB) after \(iterations) iterations (tolerance \(tolerance))")
                                    return
                                }
                                iterations += 1
                                matrix.multiply(UnsafeBufferPointer(p), into: q)
                                let alpha = rz / dot(p, q)
                                for i in 0..<n {
                                    x[i] += alpha * p[i]
                                    r[i] -= alpha * q[i]
                                }
                                if iterations % 50 == 0 { residual() }
                                applyPreconditioner()
                                let rzNext = dot(r, z)
                                let beta = rzNext / rz
                                rz = rzNext
                                rr = 0
                                for i in 0..<n {
                                    p[i] = z[i] + beta * p[i]
                                    rr += r[i] * r[i]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    if let failure { throw failure }
    return iterations
}

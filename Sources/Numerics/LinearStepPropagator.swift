internal import CGSL

/// Advances a linear time-invariant system `dy/dt = A·y + b` over a fixed step `h` exactly:
///
///     y(t + h) = Φ·y(t) + Γ·b,   Φ = e^(A h),   Γ = ∫₀ʰ e^(A s) ds
///
/// Φ and Γ come from one matrix exponential of the augmented matrix (Van Loan, "Computing
/// integrals involving the matrix exponential", IEEE TAC 23(3), 1978):
///
///     exp([[A, I], [0, 0]]·h) = [[Φ, Γ], [0, I]]
///
/// computed by GSL (`gsl_linalg_exponential_ss`, scaling and squaring, double precision). The
/// construction needs no inverse of A, so singular A (energy accumulators, free-floating nodes)
/// is fine.
///
/// Why: between two coupling steps of the hall, a server's thermal network is linear with
/// constant inputs (the inputs are held over the step: zero-order hold). The propagator then gives
/// the exact solution at any stiffness — junctions of a second next to chassis of minutes — for
/// two matrix-vector products per step, where a restarted implicit ODE method would pay its
/// start-up for every step. Its result agrees with GSL's msbdf to the ODE tolerance (tested).
public struct LinearStepPropagator: Sendable {
    public let dimension: Int
    public let stepS: Double
    /// Φ and Γ column-major (element (i, j) at j·n + i): `advance` runs down columns.
    @usableFromInline let transitionColumns: [Double], inputGainColumns: [Double]

    /// - Precondition: `matrix` is `dimension × dimension`, row-major; `stepS` > 0. A matrix that
    ///   is not finite throws.
    /// - Complexity: O(n³) for the 2n × 2n exponential; compute once per (system, step) and reuse.
    public init(matrix: [Double], dimension n: Int, stepS: Double) throws(NumericalError) {
        precondition(n >= 1 && matrix.count == n * n && stepS > 0 && stepS.isFinite)
        try NumericalError.checkFinite(matrix, operation: "matrix exponential of a \(n)-node network over \(stepS) s")
        GSLRuntime.ensureInitialised()
        dimension = n
        self.stepS = stepS
        let m = 2 * n
        let augmented = gsl_matrix_calloc(m, m)!
        let exponential = gsl_matrix_alloc(m, m)!
        defer {
            gsl_matrix_free(augmented)
            gsl_matrix_free(exponential)
        }
        for i in 0..<n {
            for j in 0..<n { gsl_matrix_set(augmented, i, j, matrix[i * n + j] * stepS) }
            gsl_matrix_set(augmented, i, n + i, stepS)
        }
        let status = gsl_linalg_exponential_ss(augmented, exponential, gsl_mode_t(GSL_PREC_DOUBLE))
        try gslCheck(status, "matrix exponential of a \(n)-node network over \(stepS) s")
        var phi = [Double](repeating: 0, count: n * n)
        var gamma = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                phi[j * n + i] = gsl_matrix_get(exponential, i, j)
                gamma[j * n + i] = gsl_matrix_get(exponential, i, n + j)
            }
        }
        guard phi.allSatisfy(\.isFinite), gamma.allSatisfy(\.isFinite) else {
            throw NumericalError(kind: .badFunction, operation: "matrix exponential over \(stepS) s", detail: "the result is not finite")
        }
        transitionColumns = phi
        inputGainColumns = gamma
    }

    /// A propagator from its matrices, column-major (`PropagatorLadder`'s squaring).
    init(transitionColumns: [Double], inputGainColumns: [Double], dimension: Int, stepS: Double) {
        self.transitionColumns = transitionColumns
        self.inputGainColumns = inputGainColumns
        self.dimension = dimension
        self.stepS = stepS
    }

    /// `state ← Φ·state + Γ·input`, in place; `scratch` must have `dimension` elements.
    ///
    /// Column by column (`scratch += Φ[:, j]·state[j] + Γ[:, j]·input[j]`), so that the inner loop
    /// runs over independent rows and vectorises; Γ's columns for zero inputs are skipped.
    /// - Complexity: O(n²), no allocation.
    @inlinable
    public func advance(_ state: UnsafeMutableBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        scratch: UnsafeMutableBufferPointer<Double>) {
        let n = dimension
        precondition(state.count >= n && input.count >= n && scratch.count >= n)
        guard let out = scratch.baseAddress else { return }
        for i in 0..<n { out[i] = 0 }
        transitionColumns.withUnsafeBufferPointer { phi in
            inputGainColumns.withUnsafeBufferPointer { gamma in
                // Pointers to each column: the inner loops then carry no overflow checks of index
                // sums and vectorise (same sums in the same order: the same bits).
                guard let phi = phi.baseAddress, let gamma = gamma.baseAddress else { return }
                for j in 0..<n {
                    let x = state[j], u = input[j], p = phi + j * n, g = gamma + j * n
                    if u != 0 {
                        for i in 0..<n { out[i] += p[i] * x + g[i] * u }
                    } else {
                        for i in 0..<n { out[i] += p[i] * x }
                    }
                }
            }
        }
        for i in 0..<n { state[i] = out[i] }
    }

    /// `state ← Φ·state + Γ·input` for arrays (tests, small systems).
    public func advance(_ state: inout [Double], input: [Double]) {
        precondition(state.count == dimension && input.count == dimension)
        var scratch = [Double](repeating: 0, count: dimension)
        state.withUnsafeMutableBufferPointer { s in
            input.withUnsafeBufferPointer { u in
                scratch.withUnsafeMutableBufferPointer { w in advance(s, input: u, scratch: w) }
            }
        }
    }
}

/// Propagators of any step length for one linear time-invariant system `dy/dt = A·y + b` (b held
/// over the step), composed instead of computed by a matrix exponential each.
///
/// Coupling steps cut short by events (a job starting 17.8 s into a 60 s step) have lengths that
/// almost never repeat, so a propagator cached per length is used for one step and dropped. On a
/// heterogeneous trace that was a quarter of the run: a 2n × 2n exponential through GSL (about
/// 600 µs for a 20-node server) per cut step and operating point. The ladder keeps the
/// propagators over h₀·2ᵏ (k = 0, 1, ...) and their multiples d·16ᵖ·h₀, and composes a step
/// `t = m·h₀ + r`, `0 ≤ r < h₀`, from those of the hexadecimal digits of `m` and a Taylor series
/// over `r`. The pieces commute (all are
/// functions of A), and with the input held:
///
///     Φ(a + b) = Φ(a)·Φ(b),   Γ(a + b) = Γ(a) + Φ(a)·Γ(b)
///     Γ(r) = r·φ₁(A r),  φ₁(X) = Σ_{j≥0} Xʲ/(j+1)!,   Φ(r) = I + A·Γ(r)
///
/// h₀ is the power of two at or below 1/(8‖A‖∞) (rows of accumulators left out: they set no time
/// scale), so the series' terms fall by 8·(j+1) each: 12 terms reach double precision. Rung 0 is
/// an exact exponential (`LinearStepPropagator`, Van Loan's construction); the others come by
/// squaring, as inside every scaling-and-squaring exponential. A step costs two n × n products per
/// non-zero hexadecimal digit and none for the remainder, a sum of the powers of h₀·A kept with the
/// ladder (tens of µs at n = 20: `plenum-bench propagator`). It is
/// as accurate as the exponential it replaces (against a 40-digit reference:
/// Benchmarks/validation/propagator_ladder.py), and agrees with it to 1e-10 relative (tested).
public final class PropagatorLadder {
    public let dimension: Int
    /// h₀, s: a power of two.
    public let baseStepS: Double
    /// `rungs[k]` spans h₀·2ᵏ; `multiples[p][d − 1]` spans d·16ᵖ·h₀.
    private var rungs: [LinearStepPropagator], multiples: [[LinearStepPropagator]] = []
    /// Yʲ for j = 0 ... 12, Y = h₀·A, column-major: the remainder's series is a sum of these
    /// (no products per step). ‖Y‖ ≤ 1/8 over the nodes that set time scales, so the powers fall.
    private let scaledPowers: [[Double]]
    /// Terms of φ₁ kept, X⁰ to X¹¹: the first left out, (1/8)¹²/13!, is below 2⁻⁶⁸.
    static let seriesTerms = 12
    /// Beyond 2⁵² base steps a step's digits are no longer exact in a Double.
    static let maximumRungs = 52

    /// - Precondition: `matrix` is `dimension × dimension`, row-major. A matrix that is not finite
    ///   throws (`LinearStepPropagator`).
    public init(matrix: [Double], dimension n: Int) throws(NumericalError) {
        precondition(n >= 1 && matrix.count == n * n)
        try NumericalError.checkFinite(matrix, operation: "propagator ladder of a \(n)-node network")
        var columns = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { columns[j * n + i] = matrix[i * n + j] } }
        // ‖A‖∞ over the rows of nodes that feed others. An accumulator (a column of zeros: the
        // energy a server's air has carried away) sets no time scale: its row's terms are the
        // others' terms times its row, so they converge at the others' rate. Counting it would
        // shrink h₀ (480 W/K of air flow against 34 s⁻¹ of the air node) and add squarings.
        var norm = 0.0
        for i in 0..<n where columns[(i * n)..<(i * n + n)].contains(where: { $0 != 0 }) {
            var row = 0.0
            for j in 0..<n { row += abs(matrix[i * n + j]) }
            norm = max(norm, row)
        }
        // The largest power of two with ‖A‖·h₀ ≤ 1/8 (1 s for a matrix of zeros), within
        // [2⁻⁴⁰, 2¹⁰] s so that neither the base nor the number of rungs degenerates.
        let exponent = norm > 0 ? Int((0.125 / norm).exponent) : 0
        let base = Double(sign: .plus, exponent: min(max(exponent, -40), 10), significand: 1)
        baseStepS = base
        dimension = n
        var powers = [[Double]](repeating: [Double](repeating: 0, count: n * n), count: Self.seriesTerms + 1)
        for i in 0..<n { powers[0][i * n + i] = 1 }
        powers[1] = columns.map { $0 * base }
        for j in 2...Self.seriesTerms { DenseProduct.multiply(powers[j - 1], powers[1], into: &powers[j], dimension: n) }
        scaledPowers = powers
        rungs = [try LinearStepPropagator(matrix: matrix, dimension: n, stepS: baseStepS)]
    }

    /// Rungs computed so far: the ladder grows to the longest step asked for.
    public var rungCount: Int { rungs.count }

    /// The propagator over `stepS`: its factors multiplied out (two n × n products a factor), for
    /// a length that many systems step over.
    /// - Throws: when the step spans 2⁵² base steps or more (about 10¹¹ s at the stiffest base).
    public func propagator(stepS: Double) throws(NumericalError) -> LinearStepPropagator {
        let factors = try self.factors(stepS: stepS)
        var step = factors[0]
        for factor in factors.dropFirst() { step = factor.followed(by: step) }
        return LinearStepPropagator(transitionColumns: step.transitionColumns, inputGainColumns: step.inputGainColumns,
                                    dimension: dimension, stepS: stepS)
    }

    /// The step over `stepS` as its factors, applied in turn (`ChainedStepPropagator`): a
    /// length that only a few systems step over costs each of them one matrix-vector product a
    /// factor (about 0.1 µs at n = 20) instead of the products that multiply the factors out.
    /// - Throws: as `propagator(stepS:)`.
    public func chainedStep(stepS: Double) throws(NumericalError) -> ChainedStepPropagator {
        ChainedStepPropagator(factors: try factors(stepS: stepS).filter { $0.stepS > 0 }, stepS: stepS)
    }

    /// The remainder's propagator, then those of the non-zero hexadecimal digits of m from the
    /// lowest: a step `t = m·h₀ + r` is their product, in any order (all are functions of A).
    private func factors(stepS: Double) throws(NumericalError) -> [LinearStepPropagator] {
        precondition(stepS > 0 && stepS.isFinite)
        // t/h₀ is exact (h₀ a power of two), and so is t − m·h₀ (Sterbenz: m·h₀ ≤ t < 2·m·h₀ for m ≥ 1).
        let multiple = (stepS / baseStepS).rounded(.down)
        guard multiple < Double(sign: .plus, exponent: Self.maximumRungs, significand: 1) else {
            throw NumericalError(kind: .badFunction, operation: "propagator ladder over \(stepS) s",
                                 detail: "the step is 2^\(Self.maximumRungs) base steps of \(baseStepS) s or more")
        }
        var factors = [remainder(stepS - multiple * baseStepS)]
        // m in hexadecimal: one factor per non-zero digit (about 4 for a minute) instead of one
        // per binary one (about 8).
        var digits = UInt64(multiple), position = 0
        while digits != 0 {
            let digit = Int(digits & 15)
            if digit != 0 { factors.append(multipleOfPower(digit, position: position)) }
            digits >>= 4
            position += 1
        }
        return factors
    }

    /// The propagator over d·16ᵖ·h₀ (d = 1 ... 15): 16ᵖ·h₀ is rung 4p (squarings of rung 0), and
    /// each further multiple adds one more of it. Computed when first asked for.
    private func multipleOfPower(_ digit: Int, position p: Int) -> LinearStepPropagator {
        while multiples.count <= p { multiples.append([]) }
        if multiples[p].isEmpty {
            while rungs.count <= 4 * p { rungs.append(rungs[rungs.count - 1].followed(by: rungs[rungs.count - 1])) }
            multiples[p] = [rungs[4 * p]]
        }
        while multiples[p].count < digit { multiples[p].append(multiples[p][multiples[p].count - 1].followed(by: multiples[p][0])) }
        return multiples[p][digit - 1]
    }

    /// The propagator over r < h₀ by the series of φ₁ to X¹¹, X = A·r = σY with σ = r/h₀ < 1:
    ///
    ///     Φ = Σ_{j=0}^{12} σʲ Yʲ / j!,   Γ = r Σ_{j=0}^{11} σʲ Yʲ / (j+1)!
    ///
    /// sums of the ladder's powers of Y, smallest terms first: no matrix products per step (a
    /// Paterson-Stockmeyer evaluation of the same series took six).
    private func remainder(_ r: Double) -> LinearStepPropagator {
        let n = dimension, size = n * n
        var phi = [Double](repeating: 0, count: size), gamma = phi
        guard r > 0 else {
            for i in 0..<n { phi[i * n + i] = 1 }
            return LinearStepPropagator(transitionColumns: phi, inputGainColumns: gamma, dimension: n, stepS: 0)
        }
        let sigma = r / baseStepS, terms = Self.seriesTerms
        // σʲ/j! for Φ (j = 0 ... 12) and σʲ/(j+1)! for Γ (j = 0 ... 11).
        var power = [Double](repeating: 1, count: terms + 1)
        for j in 1...terms { power[j] = power[j - 1] * sigma / Double(j) }
        phi.withUnsafeMutableBufferPointer { phi in
            gamma.withUnsafeMutableBufferPointer { gamma in
                for j in stride(from: terms, through: 0, by: -1) {
                    let a = power[j], b = j < terms ? power[j] / Double(j + 1) : 0
                    scaledPowers[j].withUnsafeBufferPointer { y in
                        for e in 0..<size {
                            phi[e] += a * y[e]
                            gamma[e] += b * y[e]
                        }
                    }
                }
                for e in 0..<size { gamma[e] *= r }
            }
        }
        return LinearStepPropagator(transitionColumns: phi, inputGainColumns: gamma, dimension: n, stepS: r)
    }
}

extension LinearStepPropagator {
    /// `self` after `first`: Φ = Φ_self·Φ_first, Γ = Γ_self + Φ_self·Γ_first.
    func followed(by first: LinearStepPropagator) -> LinearStepPropagator {
        let n = dimension
        var phi = [Double](repeating: 0, count: n * n), gamma = phi
        DenseProduct.multiply(transitionColumns, first.transitionColumns, into: &phi, dimension: n)
        DenseProduct.multiply(transitionColumns, first.inputGainColumns, into: &gamma, dimension: n)
        for e in 0..<(n * n) { gamma[e] += inputGainColumns[e] }
        return LinearStepPropagator(transitionColumns: phi, inputGainColumns: gamma, dimension: n, stepS: stepS + first.stepS)
    }
}

/// Products of small square matrices, column-major (element (i, j) at j·n + i).
enum DenseProduct {
    /// c = a·b. Column j of c is Σₖ a[:, k]·b[k, j]: the inner loop runs down columns and
    /// vectorises; four k at a time, so that each element of c is loaded and stored once per four
    /// columns of a (a 20 × 20 product: 2.6 µs → about 1 µs).
    static func multiply(_ a: [Double], _ b: [Double], into c: inout [Double], dimension n: Int) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    // Pointers to each column, so that the inner loops carry no overflow checks
                    // of index sums and vectorise.
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    let blocked = n & ~3
                    for j in 0..<n {
                        let out = c + j * n, x = b + j * n
                        for i in 0..<n { out[i] = 0 }
                        var k = 0
                        while k < blocked {
                            let x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3]
                            let a0 = a + k * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n
                            for i in 0..<n { out[i] += a0[i] * x0 + a1[i] * x1 + a2[i] * x2 + a3[i] * x3 }
                            k += 4
                        }
                        while k < n {
                            let xk = x[k], ak = a + k * n
                            for i in 0..<n { out[i] += ak[i] * xk }
                            k += 1
                        }
                    }
                }
            }
        }
    }
}

/// The exhaust columns of a recirculation matrix in compressed rows, and the Gauss-Seidel sweep
/// that solves the racks' mixing with them (`HallAirflow.inletRiseK`). It runs for every hall
/// with a floor plan in most coupling steps of a run, so the rows are read through plain
/// pointers (no bounds or exclusivity checks in the sweep).
final class MixingRows: @unchecked Sendable {   // immutable after init
    let count: Int
    private let start: UnsafeMutablePointer<Int>, rack: UnsafeMutablePointer<Int>, fraction: UnsafeMutablePointer<Double>
    /// m_ii: the share of each rack's intake that is its own exhaust, kept out of the rows.
    private let own: UnsafeMutablePointer<Double>

    init(_ rows: [[(rack: Int, fraction: Double)]]) {
        count = rows.count
        let entries = rows.reduce(0) { $0 + $1.count }
        start = .allocate(capacity: count + 1)
        rack = .allocate(capacity: max(entries, 1))
        fraction = .allocate(capacity: max(entries, 1))
        own = .allocate(capacity: max(count, 1))
        var k = 0
        for (i, row) in rows.enumerated() {
            start[i] = k
            own[i] = 0
            for (j, m) in row {
                if j == i { own[i] = m; continue }
                rack[k] = j; fraction[k] = m; k += 1
            }
        }
        start[count] = k
    }

    deinit {
        start.deallocate()
        rack.deallocate()
        fraction.deallocate()
        own.deallocate()
    }

    /// Solves the mixing from `start` (zeros when it does not fit): each rack's inlet over the
    /// supply and its mixed air, K, for rises `rise`, zone weights `weight` and metal `metal`
    /// over the supply (nil: a = 1, no metal).
    func solve(rise: [Double], start: [Double], weight: [Double]?, metal: [Double]?, toleranceK: Double) -> (inlet: [Double], mixed: [Double]) {
        let n = count, zoned = weight?.count == n && metal?.count == n
        var inlet = start.count == n ? start : Array(repeating: 0, count: n), mixed = Array(repeating: 0.0, count: n)
        solve(rise: rise, weight: zoned ? weight! : Array(repeating: 1, count: n), metal: zoned ? metal! : Array(repeating: 0, count: n),
              inlet: &inlet, mixed: &mixed, toleranceK: toleranceK)
        return (inlet, mixed)
    }

    /// Solves the mixing in place: `inlet` holds the starting guess and gets the inlets over the
    /// supply, `mixed` each rack's mixed air, K. Every array has one entry per rack. One scratch
    /// block holds each rack's exhaust over the supply (x + ΔT, kept beside x: one gather per
    /// entry) and the two coefficients of its row (`sweepUntilConverged`).
    ///
    /// `retained` is the share k of a rack's inlet its exhaust keeps, e = k x + ΔT (1: the rises as
    /// given). Starved fields solve their racks' answer to their inlets with the step
    /// (`HallAirflowState`): k = 1 − ε, ΔT the rise each rack would have at an inlet of the supply.
    func solve(rise: [Double], weight: [Double], metal: [Double], retained keep: Double = 1, inlet: inout [Double], mixed: inout [Double],
               toleranceK: Double) {
        let n = count
        precondition(rise.count == n && weight.count == n && metal.count == n && inlet.count == n && mixed.count == n,
                     "the mixing's arrays have one entry per rack")
        guard n > 0 else { return }
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n)
        defer { scratch.deallocate() }
        let exhaust = scratch, gain = scratch + n, offset = scratch + 2 * n
        rise.withUnsafeBufferPointer { rise in
            weight.withUnsafeBufferPointer { a in
                metal.withUnsafeBufferPointer { s in
                    inlet.withUnsafeMutableBufferPointer { x in
                        mixed.withUnsafeMutableBufferPointer { mixed in
                            for i in 0..<n {
                                exhaust[i] = keep * x[i] + rise[i]
                                // x = a (Σ_j≠i M_ij e_j + m_ii (k x + ΔT)) + (1 − a) s, solved for x.
                                let solvedOwn = 1 / (1 - a[i] * own[i] * keep)
                                gain[i] = a[i] * solvedOwn
                                offset[i] = (a[i] * own[i] * rise[i] + (1 - a[i]) * s[i]) * solvedOwn
                            }
                            sweepUntilConverged(x: x.baseAddress!, mixed: mixed.baseAddress!, exhaust: exhaust, gain: gain, offset: offset,
                                                rise: rise.baseAddress!, keep: keep, toleranceK: toleranceK)
                        }
                    }
                }
            }
        }
    }

    /// Sweeps x_i = a_i Σ_j M_ij e_j + (1 − a_i) s_i, e = k x + ΔT, in place until x is within
    /// `toleranceK` of the fixed point; `mixed` gets each rack's Σ_j M_ij e_j. Each row is
    /// x_i = g_i Σ_j≠i M_ij e_j + o_i, with its own exhaust solved into g_i = a_i/(1 − a_i m_ii k)
    /// and o_i = (a_i m_ii ΔT_i + (1 − a_i) s_i)/(1 − a_i m_ii k) once per solve.
    ///
    /// The iteration contracts geometrically (the spectral radius of M_e is below 1), so after
    /// sweeps that moved the inlets by at most c_{k−1} and then c_k, the inlets lie within
    /// c_k ρ/(1 − ρ) of the fixed point, ρ = c_k/c_{k−1}. It stops when that bound, or the last
    /// change itself, is below the tolerance: usually after the second sweep, where waiting for a
    /// sweep that moves nothing took a third.
    private func sweepUntilConverged(x: UnsafeMutablePointer<Double>, mixed: UnsafeMutablePointer<Double>, exhaust: UnsafeMutablePointer<Double>,
                                     gain: UnsafePointer<Double>, offset: UnsafePointer<Double>, rise: UnsafePointer<Double>,
                                     keep: Double, toleranceK: Double) {
        var previousChange = Double.infinity
        for _ in 0..<2_000 {
            var change = 0.0
            for i in 0..<count {
                // Four partial sums: one makes the row a chain of dependent additions, and the
                // solve 7 % slower (`plenum-bench mixing`, farm-bench, paired).
                var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
                var k = start[i]
                let end = start[i + 1]
                while k + 4 <= end {
                    m0 += fraction[k] * exhaust[rack[k]]
                    m1 += fraction[k + 1] * exhaust[rack[k + 1]]
                    m2 += fraction[k + 2] * exhaust[rack[k + 2]]
                    m3 += fraction[k + 3] * exhaust[rack[k + 3]]
                    k += 4
                }
                while k < end { m0 += fraction[k] * exhaust[rack[k]]; k += 1 }
                // Gauss-Seidel: each row reads the exhausts of the rows before as just updated,
                // so the rows form a chain. A multiply-add on it instead of the division of the
                // rack's own share made the solve a fifth faster (`plenum-bench mixing`).
                let others = (m0 + m1) + (m2 + m3)
                let next = gain[i] * others + offset[i]
                let exhaustNext = keep * next + rise[i]   // next + rise exactly when k = 1
                mixed[i] = others + own[i] * exhaustNext
                change = max(change, abs(next - x[i]))
                x[i] = next
                exhaust[i] = exhaustNext
            }
            if change < toleranceK { return }
            if previousChange.isFinite {
                let ratio = change / previousChange
                if ratio < 0.5 && change * ratio / (1 - ratio) < toleranceK { return }
            }
            previousChange = change
        }
    }
}

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
    /// over the supply (nil: a = 1, no metal). One scratch block holds x, the mixed air, each
    /// rack's exhaust over the supply (x + ΔT, kept beside x: one gather per entry), a and s.
    func solve(rise: [Double], start: [Double], weight: [Double]?, metal: [Double]?, toleranceK: Double) -> (inlet: [Double], mixed: [Double]) {
        let n = count
        let zoned = weight?.count == n && metal?.count == n
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 5 * n)
        defer { scratch.deallocate() }
        let x = scratch, mixed = scratch + n, exhaust = scratch + 2 * n, a = scratch + 3 * n, s = scratch + 4 * n
        for i in 0..<n {
            x[i] = start.count == n ? start[i] : 0
            exhaust[i] = x[i] + rise[i]
            a[i] = zoned ? weight![i] : 1
            s[i] = zoned ? metal![i] : 0
        }
        sweepUntilConverged(x: x, mixed: mixed, exhaust: exhaust, weight: a, metal: s, rise: rise, toleranceK: toleranceK)
        return (Array(UnsafeBufferPointer(start: x, count: n)), Array(UnsafeBufferPointer(start: mixed, count: n)))
    }

    /// Sweeps x_i = a_i Σ_j M_ij e_j + (1 − a_i) s_i, e = x + ΔT, in place until x is within
    /// `toleranceK` of the fixed point; `mixed` gets each rack's Σ_j M_ij e_j.
    ///
    /// The iteration contracts geometrically (the spectral radius of M_e is below 1), so after
    /// sweeps that moved the inlets by at most c_{k−1} and then c_k, the inlets lie within
    /// c_k ρ/(1 − ρ) of the fixed point, ρ = c_k/c_{k−1}. It stops when that bound, or the last
    /// change itself, is below the tolerance: usually after the second sweep, where waiting for a
    /// sweep that moves nothing took a third.
    private func sweepUntilConverged(x: UnsafeMutablePointer<Double>, mixed: UnsafeMutablePointer<Double>, exhaust: UnsafeMutablePointer<Double>,
                             weight a: UnsafeMutablePointer<Double>, metal s: UnsafeMutablePointer<Double>, rise: [Double], toleranceK: Double) {
        rise.withUnsafeBufferPointer { rise in
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
                    // The rack's own exhaust is solved with its inlet: x = a (r + m_ii (x + ΔT)) + (1 − a) s.
                    let others = (m0 + m1) + (m2 + m3)
                    let next = (a[i] * (others + own[i] * rise[i]) + (1 - a[i]) * s[i]) / (1 - a[i] * own[i])
                    mixed[i] = others + own[i] * (next + rise[i])
                    change = max(change, abs(next - x[i]))
                    x[i] = next   // Gauss-Seidel: later rows use the rows already updated
                    exhaust[i] = next + rise[i]
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
}

/// How far changes of the racks' exhaust rises, or of what reaches their inlets directly, can move
/// any rack's inlet: bounds that let a run keep the last solve of the mixing while they stay small
/// (`HallAirflowState`).
///
/// The inlets solve x = A M (x + ΔT) + (1 − A) s (`HallAirflow.inletRiseK`; A the zones' mixing
/// weights, at most 1). M and A are non-negative, so a change d of the rises and z of the direct
/// terms move the inlets by at most
///
///     |δx| ≤ K d + (I + K) z,   K = (I − M)⁻¹ M ≥ (I − A M)⁻¹ A M   (entrywise),
///
/// and the largest change over the racks by at most min(Σ_j c_j d_j, ‖K‖∞ max_j d_j) for the
/// rises, with c_j = max_i K_ij the most rack j's exhaust can reach any inlet, and the same with
/// 1 + c_j and 1 + ‖K‖∞ for z. The first form is tight when a few racks move (a job starts), the
/// second when all move alike (the supply shifts).
public struct MixingInfluence: Sendable {
    /// c_j = max_i K_ij: the most a unit rise of rack j's exhaust moves any inlet, K/K.
    public let columnMax: [Double]
    /// ‖K‖∞: how far a unit rise of every rack moves the worst inlet, K/K.
    public let norm: Double
    /// Halls with more racks take c_j = ‖K‖∞ (one solve per rack would cost more than the
    /// bound saves).
    public static let largestHallForColumns = 1_000

    init(rows: MixingRows) {
        let n = rows.count
        func response(to rise: [Double]) -> [Double] {
            rows.solve(rise: rise, start: [], weight: nil, metal: nil, toleranceK: 1e-9).inlet
        }
        let all = response(to: Array(repeating: 1, count: n))
        norm = all.max() ?? 0
        // A field without quasi-steady mixing is never held, and its solves run to their cap of
        // sweeps: no columns.
        guard n <= Self.largestHallForColumns, Self.isQuasiSteady(gain: norm) else {
            columnMax = Array(repeating: norm, count: n)
            return
        }
        var unit = Array(repeating: 0.0, count: n), columns = Array(repeating: 0.0, count: n)
        for j in 0..<n {
            unit[j] = 1
            columns[j] = response(to: unit).max() ?? 0
            unit[j] = 0
        }
        columnMax = columns
    }

    /// Whether the mixing is quasi-steady: its gain `norm` within `HallAirflow.largestMixingGain`
    /// (false for a gain that is not a number: a rack drawing all its own exhaust).
    public var isQuasiSteady: Bool { Self.isQuasiSteady(gain: norm) }

    static func isQuasiSteady(gain: Double) -> Bool { gain <= HallAirflow.largestMixingGain }

    /// The most the inlets can have moved for rise changes `d` and direct changes `z`, K.
    public func bound(riseChangeSum: Double, largestRiseChange: Double, directChangeSum: Double, largestDirectChange: Double) -> Double {
        riseBound(changeSum: riseChangeSum, largestChange: largestRiseChange)
            + directBound(changeSum: directChangeSum, largestChange: largestDirectChange)
    }

    /// The rises' part of `bound`: Σ_j c_j d_j (`changeSum`) or ‖K‖∞ max_j d_j, K.
    public func riseBound(changeSum: Double, largestChange: Double) -> Double { min(changeSum, norm * largestChange) }

    /// The direct terms' part of `bound`: Σ_j (1 + c_j) z_j (`changeSum`) or (1 + ‖K‖∞) max_j z_j, K.
    public func directBound(changeSum: Double, largestChange: Double) -> Double { min(changeSum, (1 + norm) * largestChange) }
}

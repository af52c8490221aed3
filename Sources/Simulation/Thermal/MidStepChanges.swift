import Models

/// Utilisations that change between two grid points of the coupling step, kept so that the step
/// runs each server at the right utilisation for the right time.
///
/// Why: job starts and ends do not cut the coupling step (`EventEngine.run(until:gridS:…)`),
/// since a cut step costs a step of the whole facility and their number grows with its size. A
/// job that starts at τ inside the step [t₀, t₁] sets its servers' utilisation from τ; the step
/// then advances each such server over [t₀, τ) at the old utilisation and over [τ, t₁] at the
/// new one, with the same inlet and coolant, and delivers the time-weighted mean of the two
/// stretches' flows to its rack and hall. A server that was dormant until τ rests through
/// [t₀, τ), as it would have without the change. The server's energy over the step is exact; what the
/// halls see is the mean heat of the step, as for any server whose power moves inside a step.
struct MidStepChanges {
    /// A stretch of the step that runs at one utilisation, from `fromS` to the next stretch, and
    /// the mean wall power it drew (once stepped).
    struct Segment: Equatable {
        var fromS: Double, utilization: Double, powerW = 0.0
    }

    /// The coming step's stretches, and the last step's (with their power, for the jobs' books).
    private var coming: [Int: [Segment]] = [:], last: [Int: [Segment]] = [:]
    /// Servers dormant until their change in the coming step: their first stretch rests.
    private var resting: Set<Int> = []
    /// Each stretched server's last stretch, in the coming and in the last step.
    private var comingEnd: [Int: ServerStepResult] = [:], lastEnd: [Int: ServerStepResult] = [:]

    /// Server `s` runs at `to` from `atS` on (it ran at `from` before, from the step's start).
    mutating func record(server s: Int, atS time: Double, from old: Double, to new: Double, stepStartS: Double) {
        coming[s, default: [Segment(fromS: stepStartS, utilization: old)]].append(Segment(fromS: time, utilization: new))
    }

    /// Whether server `s` changes inside the coming step.
    func changes(server s: Int) -> Bool { !coming.isEmpty && coming[s] != nil }

    /// The stretches of server `s` in time order, the first from the step's start; nil when its
    /// utilisation holds over the step.
    func segments(server s: Int) -> [Segment]? { coming.isEmpty ? nil : coming[s] }

    var isEmpty: Bool { coming.isEmpty }

    /// Server `s` was dormant, and would have stayed so, until its first change.
    mutating func restFirstStretch(server s: Int) { resting.insert(s) }

    func restsFirstStretch(server s: Int) -> Bool { !resting.isEmpty && resting.contains(s) }

    /// The power drawn in stretch `k` of server `s`.
    mutating func setPower(server s: Int, stretch k: Int, powerW: Double) { coming[s]![k].powerW = powerW }

    /// The result of server `s`'s last stretch in the coming step.
    mutating func setEndResult(server s: Int, _ r: ServerStepResult) { comingEnd[s] = r }

    /// The result of server `s`'s last stretch in the last step, if it had stretches.
    func lastStepEndResult(server s: Int) -> ServerStepResult? { lastEnd.isEmpty ? nil : lastEnd[s] }

    /// A change taken out of the coming step when the step is cut before it (`cut(atS:)`).
    struct LaterChange: Equatable {
        var server: Int, atS: Double, utilization: Double
    }

    /// Cuts the coming step at `cutS`: takes out the changes at or after it, in time order per
    /// server, and returns them with the utilisation each such server runs at up to the cut
    /// (servers in increasing order, so that the cut is the same in every run).
    mutating func cut(atS cutS: Double) -> (later: [LaterChange], untilCut: [(server: Int, utilization: Double)]) {
        var later: [LaterChange] = [], untilCut: [(server: Int, utilization: Double)] = []
        for s in coming.keys.sorted() {
            let segments = coming[s]!
            let kept = segments.filter { $0.fromS < cutS }
            guard kept.count < segments.count, let last = kept.last else { continue }
            for segment in segments where segment.fromS >= cutS {
                later.append(LaterChange(server: s, atS: segment.fromS, utilization: segment.utilization))
            }
            untilCut.append((s, last.utilization))
            coming[s] = kept.count > 1 ? kept : nil
        }
        return (later, untilCut)
    }

    /// The step is done: its stretches become the last step's.
    mutating func endStep() {
        guard !coming.isEmpty || !last.isEmpty else { return }
        swap(&coming, &last)
        swap(&comingEnd, &lastEnd)
        coming.removeAll(keepingCapacity: true)
        comingEnd.removeAll(keepingCapacity: true)
        resting.removeAll(keepingCapacity: true)
    }

    /// The power server `s` drew at `time` inside the last step, if its utilisation changed in it.
    func lastStepPowerW(server s: Int, atS time: Double) -> Double? {
        guard !last.isEmpty, let segments = last[s] else { return nil }
        return (segments.last { $0.fromS <= time } ?? segments[0]).powerW
    }
}

extension ServerStepResult {
    /// Adds `weight` times the flows of `r` (power, its losses, heat and airflow): a step's
    /// time-weighted mean over its stretches.
    mutating func accumulate(_ r: ServerStepResult, weight: Double) {
        powerW += weight * r.powerW
        psuLossW += weight * r.psuLossW
        vrmLossW += weight * r.vrmLossW
        fanPowerW += weight * r.fanPowerW
        heatToAirW += weight * r.heatToAirW
        heatToLiquidW += weight * r.heatToLiquidW
        airflowM3PerS += weight * r.airflowM3PerS
    }
}

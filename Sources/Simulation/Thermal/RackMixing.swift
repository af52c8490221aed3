import Models
import Numerics

/// The racks' mixing as last solved for one hall with a floor plan, and the step that keeps or
/// solves it again (docs/models/hall-airflow.md, "Each step: inlets from the matrix"). A value
/// that a step updates in place: it runs for every hall with a floor plan in every coupling step,
/// so it keeps its buffers, and a step that keeps the last solve allocates nothing.
struct RackMixing: Sendable {
    /// Inlets and mixed air over the supply, K (the next solve's starting guess).
    private(set) var inletRiseK: [Double], mixedRiseK: [Double]
    /// The largest of `inletRiseK`, K (the hall's hottest inlet without a pass over the racks),
    /// and the extremes of both, K (`HallAirflowState` clamps the inlets to the mixing's bounds only
    /// when these cross them). `solvedFinite` is false when the last solve gave a value that is not
    /// finite: the ranges then keep an earlier solve's, and the clamps run.
    private(set) var largestInletRiseK = 0.0
    private(set) var inletRiseRangeK = 0.0...0.0, mixedRiseRangeK = 0.0...0.0, solvedFinite = true
    /// What the last solve used: each rack's exhaust rise, K; its zone's mixing weight; its zone's
    /// metal, °C; and the supply, °C. `solved` is false before the first solve.
    private var solvedRiseK: [Double], solvedWeight: [Double], solvedStructureC: [Double], solvedSupplyC = Double.nan
    private var solved = false
    /// The step's zone weights and metal over the supply (buffers for the solve).
    private var weight: [Double], structureRiseK: [Double]

    init(racks: Int) {
        inletRiseK = Array(repeating: 0, count: racks)
        (mixedRiseK, solvedRiseK, solvedWeight, solvedStructureC, weight, structureRiseK)
            = (inletRiseK, inletRiseK, inletRiseK, inletRiseK, inletRiseK, inletRiseK)
    }

    /// Forgets the last solve (the units stopped, or the field changed): the next step solves
    /// from zero.
    mutating func reset() {
        self = RackMixing(racks: inletRiseK.count)
    }

    /// Steps the mixing to a step whose racks rose by `riseK` (K) and drew `drawWPerK` (W/K) in
    /// the last step, with the zones' metal of `zones` and the supply at `supplyC`. It keeps the
    /// last solve while the changes since could move no inlet by `heldK` (`MixingInfluence`),
    /// else solves again from it; a new `airflow` field (`fieldChanged`) is always solved.
    /// Returns whether it solved.
    @discardableResult
    mutating func step(airflow: HallAirflow, fieldChanged: Bool, zones: RackZones, riseK: [Double], retained: Double = 1,
                       drawWPerK: [Double], supplyC: Double, heldK: Double) -> Bool {
        let structureC = zones.structureC
        // Through buffers: an array's element writes check its uniqueness each time, and these
        // loops run over every rack in every step.
        weight.withUnsafeMutableBufferPointer { weight in
            for i in weight.indices { weight[i] = zones.mixingWeight(drawWPerK: drawWPerK[i]) }
        }
        if !fieldChanged && solved && !mayHaveMoved(heldK, airflow: airflow, riseK: riseK, structureC: structureC, supplyC: supplyC) {
            return false
        }
        structureRiseK.withUnsafeMutableBufferPointer { metal in
            for i in metal.indices { metal[i] = structureC[i] - supplyC }
        }
        airflow.solveInlets(riseK: riseK, mixingWeight: weight, structureRiseK: structureRiseK, retained: retained,
                            inletRiseK: &inletRiseK, mixedRiseK: &mixedRiseK)
        // The extremes in lanes (`LaneReductions`): a pass of `max()` over the racks was a chain
        // of dependent comparisons.
        let inlet = inletRiseK.withUnsafeBufferPointer { LaneReductions.extremes($0) }
        let mixed = mixedRiseK.withUnsafeBufferPointer { LaneReductions.extremes($0) }
        largestInletRiseK = inletRiseK.isEmpty ? 0 : inlet.highest
        solvedFinite = inlet.sum.isFinite && mixed.sum.isFinite
        if solvedFinite && !inletRiseK.isEmpty {
            inletRiseRangeK = inlet.lowest...inlet.highest
            mixedRiseRangeK = mixed.lowest...mixed.highest
        }
        // Copied element by element: the callers' arrays change in place after the step, and
        // sharing their storage would copy it then.
        solvedRiseK.withUnsafeMutableBufferPointer { rises in
            solvedStructureC.withUnsafeMutableBufferPointer { metal in
                for i in rises.indices {
                    rises[i] = riseK[i]
                    metal[i] = structureC[i]
                }
            }
        }
        swap(&solvedWeight, &weight)
        solvedSupplyC = supplyC
        solved = true
        return true
    }

    /// Whether the changes since the last solve could have moved some inlet by `heldK`, by the
    /// bound of `MixingInfluence` (the mixing is linear in the racks' rises and in what their
    /// zones' metal adds over the supply). The rises' part alone calls most solves (jobs start
    /// and end), so the zones' part is summed only when the rises' part stays below `heldK`; the
    /// answer is the bound's, since both parts are non-negative.
    private func mayHaveMoved(_ heldK: Double, airflow: HallAirflow, riseK: [Double], structureC: [Double], supplyC: Double) -> Bool {
        let reach = airflow.influence.columnMax
        // Sums and maxima in lanes (`LaneReductions`): one running sum and maximum made these
        // loops chains of dependent additions and comparisons.
        let rises = reach.withUnsafeBufferPointer { reach in
            riseK.withUnsafeBufferPointer { rises in
                solvedRiseK.withUnsafeBufferPointer { LaneReductions.weightedAbsoluteDifference(weights: reach, $0, rises) }
            }
        }
        let riseBound = airflow.influence.riseBound(changeSum: rises.sum, largestChange: rises.largest)
        guard riseBound < heldK else { return true }
        let direct = directChange(reach: reach, structureC: structureC, supplyC: supplyC)
        return !(riseBound + airflow.influence.directBound(changeSum: direct.sum, largestChange: direct.largest) < heldK)   // nan: solve
    }

    /// The direct terms' change since the last solve: Σ_i (1 + c_i) z_i and max_i z_i, with z_i the
    /// most rack i's inlet moved through its zone, by its metal's change over the supply and by its
    /// weight's change times how far the mixed air is from its metal. In two lanes.
    private func directChange(reach: [Double], structureC: [Double], supplyC: Double) -> (sum: Double, largest: Double) {
        let supplyShift = supplyC - solvedSupplyC
        return reach.withUnsafeBufferPointer { reach in
            structureC.withUnsafeBufferPointer { metal in
                solvedStructureC.withUnsafeBufferPointer { solvedMetal in
                    weight.withUnsafeBufferPointer { weight in
                        solvedWeight.withUnsafeBufferPointer { solvedWeight in
                            mixedRiseK.withUnsafeBufferPointer { mixed in
                                func direct(_ i: Int) -> Double {
                                    (1 - solvedWeight[i]) * abs(metal[i] - solvedMetal[i] - supplyShift)
                                        + abs(weight[i] - solvedWeight[i]) * abs(mixed[i] + supplyC - metal[i])
                                }
                                var (s0, s1, m0, m1) = (0.0, 0.0, 0.0, 0.0)
                                var i = 0
                                while i + 2 <= reach.count {
                                    let (d0, d1) = (direct(i), direct(i + 1))
                                    s0 += (1 + reach[i]) * d0; s1 += (1 + reach[i + 1]) * d1
                                    m0 = m0 < d0 ? d0 : m0; m1 = m1 < d1 ? d1 : m1
                                    i += 2
                                }
                                if i < reach.count {
                                    let d = direct(i)
                                    s0 += (1 + reach[i]) * d
                                    m0 = m0 < d ? d : m0
                                }
                                return (s0 + s1, m0 < m1 ? m1 : m0)
                            }
                        }
                    }
                }
            }
        }
    }
}

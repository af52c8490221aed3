import Models

/// The racks' mixing as last solved for one hall with a floor plan, and the step that keeps or
/// solves it again (docs/models/hall-airflow.md, "Each step: inlets from the matrix"). A value
/// that a step updates in place: it runs for every hall with a floor plan in every coupling step,
/// so it keeps its buffers, and a step that keeps the last solve allocates nothing.
struct RackMixing: Sendable {
    /// Inlets and mixed air over the supply, K (the next solve's starting guess).
    private(set) var inletRiseK: [Double], mixedRiseK: [Double]
    /// The largest of `inletRiseK`, K (the hall's hottest inlet without a pass over the racks).
    private(set) var largestInletRiseK = 0.0
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
        largestInletRiseK = inletRiseK.max() ?? 0
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
        var riseSum = 0.0, riseLargest = 0.0
        for i in riseK.indices {
            let rise = abs(solvedRiseK[i] - riseK[i])
            riseSum += reach[i] * rise
            riseLargest = max(riseLargest, rise)
        }
        let riseBound = airflow.influence.riseBound(changeSum: riseSum, largestChange: riseLargest)
        guard riseBound < heldK else { return true }
        let supplyShift = supplyC - solvedSupplyC
        var directSum = 0.0, directLargest = 0.0
        for i in structureC.indices {
            let direct = (1 - solvedWeight[i]) * abs(structureC[i] - solvedStructureC[i] - supplyShift)
                + abs(weight[i] - solvedWeight[i]) * abs(mixedRiseK[i] + supplyC - structureC[i])
            directSum += (1 + reach[i]) * direct
            directLargest = max(directLargest, direct)
        }
        return !(riseBound + airflow.influence.directBound(changeSum: directSum, largestChange: directLargest) < heldK)   // nan: solve
    }
}

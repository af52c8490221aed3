import Models

/// The racks' mixing as last solved for one hall with a floor plan, and the step that keeps or
/// solves it again (docs/models/hall-airflow.md, "Each step: inlets from the matrix"). A value: a
/// step computes the next one from it and the step's inputs, on the stepping thread or beside it
/// (`HallAirflowState`), with the same arithmetic either way.
struct RackMixing: Sendable {
    /// What a step's mixing depends on besides the supply: each rack's exhaust rise over its inlet
    /// in the last step, K; the heat capacity rate it drew, W/K; its zone's metal, °C.
    struct Inputs: Sendable {
        var riseK: [Double], drawWPerK: [Double], structureC: [Double]
    }

    /// Inlets and mixed air over the supply, K (the next solve's starting guess).
    private(set) var inletRiseK: [Double], mixedRiseK: [Double]
    /// What they were solved with; `solvedFor` is nil before the first solve.
    private var solvedFor: Inputs?, solvedWeights: [Double] = [], solvedSupplyC = Double.nan

    init(racks: Int) {
        inletRiseK = Array(repeating: 0, count: racks)
        mixedRiseK = inletRiseK
    }

    /// Forgets the last solve (the units stopped, or the field changed): the next step solves
    /// from zero.
    mutating func reset() {
        self = RackMixing(racks: inletRiseK.count)
    }

    /// The mixing for a step with these inputs and supply: the last solve's while the changes since
    /// could move no inlet by `heldK` (`MixingInfluence`), else solved again from it. A new
    /// `airflow` field (`fieldChanged`) is always solved.
    func stepped(airflow: HallAirflow, fieldChanged: Bool, zones: RackZones, inputs: Inputs, supplyC: Double, heldK: Double) -> RackMixing {
        let weights = inputs.drawWPerK.map { zones.mixingWeight(drawWPerK: $0) }
        if !fieldChanged, let solvedFor, moveBoundK(airflow: airflow, weights: weights, inputs: inputs, solvedFor: solvedFor, supplyC: supplyC) < heldK {
            return self
        }
        var next = self
        let solved = airflow.inletRiseK(riseK: inputs.riseK, start: inletRiseK, mixingWeight: weights,
                                        structureRiseK: inputs.structureC.map { $0 - supplyC })
        next.inletRiseK = solved.inlet
        next.mixedRiseK = solved.mixed
        next.solvedFor = inputs
        next.solvedWeights = weights
        next.solvedSupplyC = supplyC
        return next
    }

    /// The most any inlet can have moved since the last solve (`MixingInfluence.bound`): the
    /// mixing is linear in the racks' rises and in what their zones' metal adds over the supply.
    private func moveBoundK(airflow: HallAirflow, weights: [Double], inputs: Inputs, solvedFor: Inputs, supplyC: Double) -> Double {
        let supplyShift = supplyC - solvedSupplyC, reach = airflow.influence.columnMax
        let structure = inputs.structureC, solvedStructure = solvedFor.structureC, solvedWeights = solvedWeights, mixed = mixedRiseK
        let rises = inputs.riseK, solvedRises = solvedFor.riseK
        var riseSum = 0.0, riseLargest = 0.0, directSum = 0.0, directLargest = 0.0
        for i in structure.indices {
            let direct = (1 - solvedWeights[i]) * abs(structure[i] - solvedStructure[i] - supplyShift)
                + abs(weights[i] - solvedWeights[i]) * abs(mixed[i] + supplyC - structure[i])
            let rise = abs(solvedRises[i] - rises[i])
            riseSum += reach[i] * rise
            riseLargest = max(riseLargest, rise)
            directSum += (1 + reach[i]) * direct
            directLargest = max(directLargest, direct)
        }
        return airflow.influence.bound(riseChangeSum: riseSum, largestRiseChange: riseLargest,
                                       directChangeSum: directSum, largestDirectChange: directLargest)
    }
}

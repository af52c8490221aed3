import Foundation
import Models
import Numerics

/// Per-rack inlets of a hall with a floor plan (`halls[i].airflow`): the hall's air node keeps the
/// room's energy (return air, coils, structure), and the airflow model mixes the supply and the
/// racks' exhausts into each rack's inlet (docs/models/hall-airflow.md).
///
/// The flow field depends on which units run, on the ratio of their air to the racks' draw
/// (potential flow is linear in its sources, and the tracing depends only on ratios) and, through
/// the tile jets' lift (`FittedTerms.jetLift`), on how fast the tiles blow: on the racks' draw
/// itself. Operating points are cached by the running units, that ratio on 2 % steps and the
/// racks' mean draw on 5 % steps, so a run solves a handful of fields. The racks draw equal shares
/// of the hall's airflow in the field (every rack of a hall is of one type); each rack's own heat
/// and airflow set its exhaust rise every step.
final class HallAirflowState {
    struct OperatingKey: Hashable {
        let running: [Bool]
        let ratioStep: Int
        let rackFlowStep: Int
    }

    let grid: AirflowGrid
    /// The hall's racks in the run's numbering (the grid numbers them in the same order).
    let racks: Range<Int>
    /// Below this share of the racks' draw reaching them from running units, the room is mixed by
    /// the racks' own jets and every inlet is the room's (the one-node hall).
    static let mixedRoomSupplyRatio = 0.05
    /// Ratio steps: 2 % in the units' air over the racks' draw; above 20 times the draw (racks
    /// nearly idle under full fans) the field no longer changes, and the cache stays bounded.
    static let ratioStep = 1.02, largestRatio = 20.0
    /// Steps of the racks' mean draw, 5 %: the tiles' air scales with it, and a 5 % step moves the
    /// share of a tile's air its jet lifts (s = u²/(u² + u₀²)) by at most 2.5 % of the tile's air.
    static let rackFlowStep = 1.05
    /// How far the changes since the last solve may move any inlet before the inlets are solved
    /// again, K (`RackMixing`, by the bound of `MixingInfluence`): a quarter of the servers'
    /// default wake tolerance (`simulation.solver.server_tolerance`, 0.2 K), so no server wakes on
    /// the hold alone; written as `/airflow@inlet_hold_k`.
    static let heldK = 0.05

    private var cache: [OperatingKey: HallAirflow] = [:]
    private(set) var current: HallAirflow?
    private var currentKey: OperatingKey?
    /// The racks' mixing as last solved (`RackMixing`).
    private var mixing: RackMixing
    /// Each rack's inlet now, °C, and the mixed air reaching its zone, °C (held over the step for
    /// the zone's metal).
    private(set) var inletC: [Double], mixedC: [Double]
    /// The hottest of `inletC`, °C (read every step for the hall's envelope events).
    private(set) var hottestInletC: Double
    /// The metal at each rack's intake, and the heat capacity rate each rack drew this step, W/K.
    private(set) var zones: RackZones
    private var drawWPerK: [Double]
    /// Flow solves done (for the run's record: `/airflow/flow_solves`).
    private(set) var solves = 0
    /// Steps whose inlets were solved again; the others kept the last solve (`/airflow/inlet_solves`).
    private(set) var inletSolves = 0
    /// Steps whose inlets came from the floor plan (the others ran the hall as a well-mixed room).
    private(set) var planSteps = 0
    /// Flow solves whose raised-floor tile flows did not settle, and the most any of them still
    /// moved, over the units' air (`FloorPlenum.Solution`; `/airflow/plenum_unsettled_*`).
    private(set) var unsettledPlenumSolves = 0, plenumUnsettledFraction = 0.0
    /// Flow solves whose racks draw mostly their own exhaust, taken as a well-mixed room,
    /// and the largest mixing gain among them (`HallAirflow.largestMixingGain`;
    /// `/airflow/recirculating_solves`, `/airflow/largest_mixing_gain`).
    private(set) var recirculatingSolves = 0, largestMixingGain = 0.0
    /// Steps whose field's mixing gain lies above `HallAirflow.starvedMixingGain` (units starved of
    /// air; `/airflow/relaxed_steps`), and the largest gain among them.
    private(set) var relaxedSteps = 0, largestRelaxedGain = 0.0
    /// Steps in which the maximum principle of mixing held some inlet (`mixingBounds`;
    /// `/airflow/limited_steps`).
    private(set) var limitedSteps = 0
    /// Whether the hall runs as a well-mixed room because a field's gain crossed
    /// `HallAirflow.largestMixingGain` (until one falls below `HallAirflow.planReturnGain`).
    private var mixedByGain = false

    init(geometry: HallGeometry, racks: Range<Int>, initialInletC: Double) {
        grid = AirflowGrid(geometry)
        self.racks = racks
        mixing = RackMixing(racks: racks.count)
        inletC = Array(repeating: initialInletC, count: racks.count)
        mixedC = inletC
        hottestInletC = initialInletC
        zones = RackZones(count: racks.count, temperatureC: initialInletC)
        drawWPerK = Array(repeating: 0, count: racks.count)
    }

    /// Every rack at the well-mixed room's inlet (the one-node hall), through its zone's metal.
    private func mixRoom(roomInletC: Double) {
        current = nil
        mixing.reset()
        for i in inletC.indices {
            mixedC[i] = roomInletC
            inletC[i] = zones.inletC(i, mixedC: roomInletC, drawWPerK: drawWPerK[i])
        }
        hottestInletC = inletC.max() ?? roomInletC
    }

    /// Places the zones' metal at the mixed air reaching them (a facility that has been idling:
    /// inlets then equal the mixed air).
    func settleZones() {
        zones.settle(at: mixedC)
        inletC = mixedC
        hottestInletC = inletC.max() ?? hottestInletC
    }

    /// Advances the zones' metal over the step that used these inlets; returns the heat it gave
    /// to the racks' intake air, J (the room gets it with their exhaust).
    func advanceZones(dt: Double) -> Double {
        zones.advance(mixedC: mixedC, drawWPerK: drawWPerK, dt: dt)
    }

    /// The field of an operating point: every rack draws the step's mean draw, and the units
    /// deliver the ratio's share of the racks' air, split over those running. (Fields used to be
    /// built at 1 m³/s a rack, which gave the tiles of 0.3 or 3 m³/s racks the jets' lift of
    /// 1 m³/s racks.)
    static func field(grid: AirflowGrid, running: [Bool], ratioStep: Int, rackFlowStep: Int) throws(NumericalError) -> HallAirflow {
        let n = grid.racks.count, rackFlow = pow(Self.rackFlowStep, Double(rackFlowStep))
        let perUnit = pow(Self.ratioStep, Double(ratioStep)) * Double(n) * rackFlow / Double(running.filter { $0 }.count)
        return try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: rackFlow, count: n),
                               coolerFlowM3PerS: running.map { $0 ? perUnit : 0 })
    }

    /// The racks' rises the mixing reads, and the share of its inlet each rack's exhaust keeps
    /// (1: all of it): the last step's rises as they were, or, in a field whose mixing gain g
    /// lies above `HallAirflow.largestDirectMixingGain` (1), the racks' answer to their inlets
    /// solved with the step. A hotter inlet lowers a rack's rise by up to ε of the change while
    /// its metal warms (ε the servers' air-to-metal effectiveness, `hallAirToMetalEffectiveness`),
    /// so the mixing takes each rack's rise as r − ε (T_in − T_in,last):
    ///
    ///     e = (1 − ε) x + r + ε (T_in,last − T_sup),   x = M_e e   (with the zones' terms)
    ///
    /// Read as they were, the rises turn an inlet's error into −ε_a g times it the next step (ε_a
    /// the share the metal really takes over the step), which grows once ε_a g > 1 (a hall with
    /// units starved of air, gain 2.1-3.8, stopped on a non-finite server network). Solved with
    /// the step, the error comes back times g (ε − ε_a)/(1 + g ε), between 0 and 1 for any
    /// ε_a ≤ ε: it decays without changing sign, and a steady state is the same. (Until the
    /// twentieth session the rises were relaxed in time, u_n = u_{n−1} + (r_n − u_{n−1})/(1 + g),
    /// which took 1 + g steps to follow a change of the racks' heat and let the inlets of a field
    /// whose gain had just jumped read the rises of before, docs/models/hall-airflow.md.)
    private func mixingRiseK(_ riseK: [Double], gain: Double, supplyC: Double,
                             serverEffectiveness epsilon: Double) -> (riseK: [Double], retained: Double) {
        if gain > HallAirflow.starvedMixingGain {
            relaxedSteps += 1
            largestRelaxedGain = max(largestRelaxedGain, gain)
        }
        guard gain > HallAirflow.largestDirectMixingGain else { return (riseK, 1) }
        var rises = riseK
        for i in rises.indices { rises[i] += epsilon * (inletC[i] - supplyC) }
        return (rises, 1 - epsilon)
    }

    /// Sets the inlets for a step.
    /// - Parameters:
    ///   - supplyC: the units' supply air; roomInletC the one-node hall's inlet (used when the
    ///     units deliver (almost) nothing).
    ///   - running: per unit (crah-1 first), whether it delivers air.
    ///   - rackRiseK: each rack's exhaust over its inlet in the last step; rackDrawWPerK the heat
    ///     capacity rate of the air it draws, W/K (for its zone's metal).
    func update(supplyC: Double, roomInletC: Double, itAirflowM3PerS: Double, crahAirflowM3PerS: Double, running: [Bool],
                rackRiseK: [Double], rackDrawWPerK: [Double], serverEffectiveness: Double) throws(NumericalError) {
        drawWPerK = rackDrawWPerK
        let ratio = itAirflowM3PerS > 0 ? crahAirflowM3PerS / itAirflowM3PerS : 0
        guard ratio >= Self.mixedRoomSupplyRatio, running.contains(true) else {
            mixRoom(roomInletC: roomInletC)
            return
        }
        let step = Int((log(min(ratio, Self.largestRatio)) / log(Self.ratioStep)).rounded())
        let flowStep = Int((log(itAirflowM3PerS / Double(racks.count)) / log(Self.rackFlowStep)).rounded())
        let key = OperatingKey(running: running, ratioStep: step, rackFlowStep: flowStep)
        let airflow: HallAirflow
        if let current, key == currentKey {
            airflow = current   // most steps: the same point, without hashing the key
        } else if let cached = cache[key] {
            airflow = cached
        } else {
            airflow = try Self.field(grid: grid, running: running, ratioStep: step, rackFlowStep: flowStep)
            cache[key] = airflow
            solves += 1
            if airflow.plenumUnsettledFraction > 0 {
                unsettledPlenumSolves += 1
                plenumUnsettledFraction = max(plenumUnsettledFraction, airflow.plenumUnsettledFraction)
            }
            if !airflow.hasQuasiSteadyMixing {
                recirculatingSolves += 1
                // A gain that is not a number (a rack drawing all its own exhaust) is unbounded.
                largestMixingGain = max(largestMixingGain, airflow.influence.norm.isNaN ? .infinity : airflow.influence.norm)
            }
        }
        // A field in which racks draw mostly their own exhaust has no quasi-steady mixing
        // (`HallAirflow.largestMixingGain`): the room is taken as well mixed, as without supply,
        // and stays so until a field's gain falls below `HallAirflow.planReturnGain`.
        let gain = airflow.influence.norm
        mixedByGain = !airflow.hasQuasiSteadyMixing || (mixedByGain && !(gain < HallAirflow.planReturnGain))
        guard !mixedByGain else {
            mixRoom(roomInletC: roomInletC)
            return
        }
        if current == nil { mixing.reset() }
        let fieldChanged = current == nil || currentKey != key
        let rises = mixingRiseK(rackRiseK, gain: airflow.influence.norm, supplyC: supplyC, serverEffectiveness: serverEffectiveness)
        if mixing.step(airflow: airflow, fieldChanged: fieldChanged, zones: zones, riseK: rises.riseK, retained: rises.retained,
                       drawWPerK: rackDrawWPerK, supplyC: supplyC, heldK: Self.heldK) {
            inletSolves += 1
        }
        current = airflow
        currentKey = key
        planSteps += 1
        let inletRise = mixing.inletRiseK, mixedRise = mixing.mixedRiseK
        let bound = Self.mixingBounds(supplyC: supplyC, inletC: inletC, riseK: rackRiseK, metalC: zones.structureC)
        // Exactly the largest of the inlets below: rounding s + r is monotone in r.
        hottestInletC = min(max(supplyC + mixing.largestInletRiseK, bound.lowestC), bound.highestC)
        // The bounds hold only a starved field's inlets (`mixingBounds`): a step whose solved
        // inlets and mixed air all lie inside them (rounding s + r is monotone in r) sets them
        // without the clamps, in a loop that vectorises.
        let inside = mixing.solvedFinite && bound.lowestC <= supplyC + mixing.inletRiseRangeK.lowerBound
            && supplyC + mixing.inletRiseRangeK.upperBound <= bound.highestC
            && bound.lowestC <= supplyC + mixing.mixedRiseRangeK.lowerBound && supplyC + mixing.mixedRiseRangeK.upperBound <= bound.highestC
        var limited = false
        inletC.withUnsafeMutableBufferPointer { inlet in
            mixedC.withUnsafeMutableBufferPointer { mixed in
                if inside {
                    for i in inlet.indices {
                        inlet[i] = supplyC + inletRise[i]
                        mixed[i] = supplyC + mixedRise[i]
                    }
                    return
                }
                for i in inlet.indices {
                    let unbounded = supplyC + inletRise[i]
                    inlet[i] = min(max(unbounded, bound.lowestC), bound.highestC)
                    mixed[i] = min(max(supplyC + mixedRise[i], bound.lowestC), bound.highestC)
                    limited = limited || inlet[i] != unbounded
                }
            }
        }
        if limited { limitedSteps += 1 }
    }

    /// The air a step's mixing can deliver, °C: a rack's intake is a mix of the units' supply, the
    /// racks' exhaust and the metal at its intake, so it lies between the coldest and the hottest
    /// of them (the maximum principle of mixing). The exhaust is the last step's, each rack's
    /// inlet then plus its rise. A steady state's inlets lie inside, and so do a fitted hall's in
    /// any step; the bound holds only the inlets of starved fields: when units trip and the inlets
    /// jump, the racks' metal takes heat from the air and their rises turn negative for a step or
    /// two, and those rises multiplied by a gain of 2-6.5 could put inlets tens of kelvin below the
    /// supply or above the hottest exhaust (as they did while the rises were relaxed in time).
    static func mixingBounds(supplyC: Double, inletC: [Double], riseK: [Double], metalC: [Double]) -> (lowestC: Double, highestC: Double) {
        // In lanes (`LaneReductions`): one running minimum and maximum made the pass over the racks
        // a chain of dependent comparisons, the costliest loop of the step's update.
        inletC.withUnsafeBufferPointer { inlet in
            riseK.withUnsafeBufferPointer { rise in
                metalC.withUnsafeBufferPointer { metal in
                    let range = LaneReductions.sumAndValueExtremes(from: supplyC, inlet, plus: rise, and: metal)
                    return (range.lowest, range.highest)
                }
            }
        }
    }
}

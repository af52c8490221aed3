import Models
import Numerics

/// Each rack's inlet: its hall's (one air node), or its own from the hall's floor plan; and the
/// run's record of them (hours above the ASHRAE limits, the Rack Cooling Index, the Return
/// Temperature Index).
extension FacilityThermalModel {
    /// Sets the inlets of the racks of halls with a floor plan, from the supply now and the racks'
    /// exhaust rises of the last step.
    func updateRackInlets(hallInletC: [Double]) throws(NumericalError) {
        for (h, airflow) in airflows.enumerated() {
            guard let airflow else { continue }
            // The hall is read in place (a copy of it would retain each of its arrays and sets).
            let itFlow = servers.hallTotals[h].airflowM3PerS, point = halls[h].crahOperatingPoint(itAirflowM3PerS: itFlow)
            let running = halls[h].crahUnitsRunning
            let (rises, draws) = mixingInputs(racks: airflow.racks)
            // The supply from the operating point already at hand (as `HallThermal.supplyC`).
            let supplyC = halls[h].air.supplyC(roomC: halls[h].roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
            try airflow.update(supplyC: supplyC, roomInletC: hallInletC[h], itAirflowM3PerS: itFlow,
                               crahAirflowM3PerS: point.airflowM3PerS, running: running, rackRiseK: rises, rackDrawWPerK: draws,
                               serverEffectiveness: hallAirToMetalEffectiveness[h])
            conditions.rackInletC.replaceSubrange(airflow.racks, with: airflow.inletC)
        }
    }

    /// Each rack's exhaust rise over the inlet it ran with in the last step, K, and the heat
    /// capacity rate of the air it drew, W/K: what the step's mixing reads.
    private func mixingInputs(racks: Range<Int>) -> (riseK: [Double], drawWPerK: [Double]) {
        // Locals in the per-rack loops: class properties are checked for exclusivity at each access.
        let inlets = conditions.rackInletC[racks], heat = rackHeatToAirW[racks], totals = servers.rackTotals
        let flows = [Double](unsafeUninitializedCapacity: racks.count) { flows, count in
            for (k, r) in racks.enumerated() { flows[k] = totals[r].airflowM3PerS }
            count = racks.count
        }
        var rises = Array(repeating: 0.0, count: racks.count), draws = rises
        // Through buffers of contiguous values, so that the loop vectorises (two racks'
        // divisions at once): element writes to the arrays (a uniqueness check each) made it
        // 7 ns a rack, and reading the flows out of the racks' totals inside it kept the
        // divisions one at a time.
        inlets.withUnsafeBufferPointer { inlets in
            heat.withUnsafeBufferPointer { heat in
                flows.withUnsafeBufferPointer { flows in
                    rises.withUnsafeMutableBufferPointer { rises in
                        draws.withUnsafeMutableBufferPointer { draws in
                            for k in rises.indices {
                                // One density for both (`riseK` without its own second one).
                                let exhaust = AirProperties.exhaust(inletC: inlets[k], heatW: heat[k], airflowM3PerS: flows[k])
                                rises[k] = exhaust.exhaustC - inlets[k]
                                draws[k] = exhaust.rateWPerK
                            }
                        }
                    }
                }
            }
        }
        return (rises, draws)
    }

    /// Advances the racks' zone metal over a step of `dt` seconds and adds the heat it gave up to
    /// its hall's heat into the air (the racks carry it into the room with their exhaust).
    func advanceRackZones(dt: Double) {
        for (h, airflow) in airflows.enumerated() {
            guard let airflow else { continue }
            hallHeatToAirW[h] += airflow.advanceZones(dt: dt) / dt
        }
    }

    /// A rack's exhaust over its inlet in the last step (after a rear door), K.
    func rackRiseK(_ r: Int, inletC: Double) -> Double {
        Self.riseK(inletC: inletC, heatW: rackHeatToAirW[r], airflowM3PerS: servers.rackTotals[r].airflowM3PerS)
    }

    /// Exhaust over inlet of air carrying `heatW`, K (0 without flow).
    static func riseK(inletC: Double, heatW: Double, airflowM3PerS flow: Double) -> Double {
        guard flow > 0 else { return 0 }
        return AirProperties.exhaustC(inletC: inletC, heatW: heatW, airflowM3PerS: flow) - inletC
    }

    /// Adds a step of `dt` seconds to the racks' and halls' inlet records.
    func recordInlets(dt: Double) {
        let recommended = ASHRAEEnvelope.recommended.inletRangeC.upperBound, a1 = ASHRAEEnvelope.a1.inletRangeC.upperBound
        // One access to each array for the whole loop (class properties are checked for
        // exclusivity at each access).
        let inlets = conditions.rackInletC
        rackSecondsAboveRecommended.withUnsafeMutableBufferPointer { aboveRecommended in
            rackSecondsAboveA1.withUnsafeMutableBufferPointer { aboveA1 in
                rackPeakInletC.withUnsafeMutableBufferPointer { peak in
                    rackInletSecondsC.withUnsafeMutableBufferPointer { integral in
                        for (r, inlet) in inlets.enumerated() {
                            if inlet > recommended { aboveRecommended[r] += dt }
                            if inlet > a1 { aboveA1[r] += dt }
                            peak[r] = max(peak[r], inlet)
                            integral[r] += inlet * dt
                        }
                    }
                }
            }
        }
        recordedSeconds += dt
        for h in halls.indices {
            if let airflow = airflows[h] {
                let captured = airflow.current?.coldAisleCaptureIndex, first = airflow.racks.lowerBound
                rackCaptureSeconds.withUnsafeMutableBufferPointer { seconds in
                    for r in airflow.racks { seconds[r] += (captured?[r - first] ?? 0) * dt }
                }
            } else {
                let captured = coldAisleCaptureIndex(rack: servers.hallRacks[h].lowerBound)
                rackCaptureSeconds.withUnsafeMutableBufferPointer { seconds in
                    for r in servers.hallRacks[h] { seconds[r] += captured * dt }
                }
            }
            let rci = rciHigh(hall: h)
            hallRCIHighSeconds[h] += rci * dt
            hallLowestRCIHigh[h] = min(hallLowestRCIHigh[h], rci)
            if let rti = returnTemperatureIndex(hall: h) {
                hallRTISeconds[h] += rti * dt
                hallRTIDefinedSeconds[h] += dt
            }
        }
    }

    // MARK: readings

    /// The inlet rack `r` ran with in the last step, °C.
    func rackInletC(_ r: Int) -> Double { conditions.rackInletC[r] }

    /// Every rack's inlet as the run reports it, °C: its own under a floor plan (the one it ran
    /// the last step with), else its hall's now, computed once for all its racks (a one-node
    /// hall's operating point is not cheap: the coil's effectiveness).
    func rackInletsNowC() -> [Double] {
        var inlets = conditions.rackInletC
        for h in halls.indices where airflows[h] == nil {
            let inlet = inletNowC(hall: h)
            for r in servers.hallRacks[h] { inlets[r] = inlet }
        }
        return inlets
    }

    /// The hottest exhaust now over racks that move air, after their rear doors, °C (-∞: none).
    /// Arrays are read once: this runs every step over every rack.
    func hottestExhaustNowC() -> Double {
        let inlets = rackInletsNowC(), totals = servers.rackTotals, heat = rackHeatToAirW
        var hottest = -Double.infinity
        for r in inlets.indices where totals[r].airflowM3PerS > 0 {
            hottest = max(hottest, AirProperties.exhaustC(inletC: inlets[r], heatW: heat[r], airflowM3PerS: totals[r].airflowM3PerS))
        }
        return hottest
    }

    /// The hottest rack inlet of a hall as the run reports it (for its envelope events), °C.
    func hottestInletNowC(hall h: Int) -> Double {
        airflows[h]?.hottestInletC ?? inletNowC(hall: h)
    }

    /// Herrlin's RCI_HI over a hall's racks now, % (A1 allowable).
    func rciHigh(hall h: Int) -> Double {
        AirManagementIndices.rciHigh(inletsC: Array(conditions.rackInletC[servers.hallRacks[h]]))
    }

    func rciLow(hall h: Int) -> Double {
        AirManagementIndices.rciLow(inletsC: Array(conditions.rackInletC[servers.hallRacks[h]]))
    }

    /// Herrlin's RTI of a hall now, % (nil while its racks put no heat into the air).
    func returnTemperatureIndex(hall h: Int) -> Double? {
        let itFlow = servers.hallTotals[h].airflowM3PerS
        guard itFlow > 0 else { return nil }
        let supply = supplyNowC(hall: h)
        let rise = hallHeatToAirW[h] / AirProperties.heatCapacityRateWPerK(flowM3PerS: itFlow, temperatureC: supply)
        return AirManagementIndices.returnTemperatureIndex(returnC: halls[h].roomC, supplyC: supply, equipmentRiseK: rise)
    }

    /// A rack's cold-aisle capture index now: the share of its intake from the cooled supply (for
    /// a one-node hall, 1 − r_eff of `HallAirModel`).
    func coldAisleCaptureIndex(rack r: Int) -> Double {
        let h = facility.rackHall[r]
        if let airflow = airflows[h] {
            return airflow.current?.coldAisleCaptureIndex[r - airflow.racks.lowerBound] ?? 0
        }
        let hall = halls[h], itFlow = servers.hallTotals[h].airflowM3PerS
        let point = hall.crahOperatingPoint(itAirflowM3PerS: itFlow)
        return 1 - hall.air.effectiveRecirculation(itAirflowM3PerS: itFlow, crahAirflowM3PerS: point.airflowM3PerS)
    }

    /// Every rack's cold-aisle capture index now, a one-node hall's computed once for its racks.
    func coldAisleCaptureIndices() -> [Double] {
        var indices = Array(repeating: 0.0, count: facility.racks.count)
        for h in halls.indices {
            let racks = servers.hallRacks[h]
            guard airflows[h] == nil, let first = racks.first else {
                for r in racks { indices[r] = coldAisleCaptureIndex(rack: r) }
                continue
            }
            let index = coldAisleCaptureIndex(rack: first)
            for r in racks { indices[r] = index }
        }
        return indices
    }

    /// A rack's hot-aisle capture index now (nan for a one-node hall, which does not trace the
    /// exhaust).
    func hotAisleCaptureIndex(rack r: Int) -> Double {
        let h = facility.rackHall[r]
        guard let airflow = airflows[h] else { return .nan }
        return airflow.current?.hotAisleCaptureIndex[r - airflow.racks.lowerBound] ?? 0
    }
}

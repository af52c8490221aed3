/// A coupling step cut into pieces (`FacilityThermalModel.advance`, when a hall's room answers
/// its racks faster than the step): the utilisation changes recorded for the whole step
/// (`MidStepChanges`) are taken out of each piece they lie beyond, and recorded again for the
/// next one, so every server runs each utilisation for the time it holds.
extension ServerBank {
    /// Cuts the coming step at `timeS`: the changes at or after it are returned, and each server
    /// they concern runs at its utilisation up to the cut until `resume` gives them back.
    func cutStep(atS timeS: Double) -> [MidStepChanges.LaterChange] {
        guard !midStep.isEmpty else { return [] }
        let (later, untilCut) = midStep.cut(atS: timeS)
        for (s, u) in untilCut { utilization[s] = u }
        return later
    }

    /// Records the changes a cut took out, for the piece now coming (a change at its start holds
    /// for the whole piece).
    func resume(_ later: [MidStepChanges.LaterChange]) {
        for change in later { setUtilization(change.utilization, server: change.server, atS: change.atS) }
    }
}

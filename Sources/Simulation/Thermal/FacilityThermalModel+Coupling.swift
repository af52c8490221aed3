import Models

extension FacilityThermalModel {
    /// Pieces a coupling step of `stepS` is cut into: enough that it lasts no longer than any
    /// hall's room takes to answer its racks (`HallThermal.roomResponseTimeS`), so the room's
    /// error, with the racks' heat held over a piece, comes back smaller and of the same sign.
    /// Halls whose rooms are as large as their racks' air asks (the benchmarks' and 15 of the 17
    /// examples') take one piece: the step. At most `largestCouplingPieces`.
    func couplingPieces(stepS: Double) -> Int {
        var pieces = 1.0
        for h in halls.indices {
            let itFlow = servers.hallTotals[h].airflowM3PerS, effectiveness = hallAirToMetalEffectiveness[h]
            // The room's answer ∂T_in/∂T_r is at most 1: a step no longer than C_r/(ε W_IT) needs
            // no piece, and no look at the CRAHs' operating point (a coil's ε-NTU every step).
            let air = halls[h].air
            let fastestS = air.roomCapacityJPerK / (AirProperties.heatCapacityRateWPerK(flowM3PerS: itFlow, temperatureC: air.setPointC) * effectiveness)
            guard stepS > fastestS else { continue }
            let response = halls[h].roomResponseTimeS(itAirflowM3PerS: itFlow, serverEffectiveness: effectiveness)
            pieces = max(pieces, (stepS / response).rounded(.up))
        }
        guard pieces > 1 else { return 1 }
        cutSteps += 1
        return Int(min(pieces, Double(Self.largestCouplingPieces)))
    }

    /// The most pieces a coupling step is cut into: a 60 s step in pieces of about a second. A
    /// room faster still (one turned over in a tenth of a second) is cut this far; if it still
    /// swings, it stops on its located failure (`HallThermal.advance`), which names the time
    /// step it wants.
    static let largestCouplingPieces = 64
}

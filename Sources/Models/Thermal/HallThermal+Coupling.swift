// How fast a hall's room answers its racks: what bounds the coupling step.
extension HallThermal {
    /// The time in which the room would undo a change of its own temperature through the racks,
    /// s: τ = C_r / (ε W_IT · ∂T_in/∂T_r), ε the racks' servers' `airToMetalEffectiveness`.
    ///
    /// The racks run each coupling step with their inlet held, and hand the room the heat they
    /// delivered (`FacilityThermalModel`). A room warmer by δ raises their inlets by
    /// ∂T_in/∂T_r · δ, and their metal then takes ε W_IT of that (W_IT the air's heat capacity
    /// rate, ε ≤ 1 the servers' air-to-metal effectiveness): held over a step of dt, the
    /// room's error comes back multiplied by about 1 − ε dt/τ. Over dt > τ it overshoots, and
    /// over dt > 2τ it grows from step to step (a room of 100 m³ under 16 m³/s of racks' air on
    /// 30 s steps reached −115 °C). ∂T_in/∂T_r = r_eff + (1 − r_eff) ∂T_sup/∂T_r: the share
    /// of the racks' air that is room air (`HallAirModel.effectiveRecirculation`), and the
    /// supply's own answer, 0 while the coils' valves hold their set point, 1 − ε_coil at full
    /// valve, 1 with the units stopped. ε is the share with the servers' metal held, which
    /// bounds it over any step, so τ is a lower bound. The inlets of a floor plan
    /// (`HallAirflowState`) follow the room through the supply alone, or as the well-mixed
    /// room's: at most as much.
    public func roomResponseTimeS(itAirflowM3PerS: Double, serverEffectiveness: Double) -> Double {
        guard itAirflowM3PerS > 0 else { return .infinity }
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let roomShare = air.effectiveRecirculation(itAirflowM3PerS: itAirflowM3PerS, crahAirflowM3PerS: point.airflowM3PerS)
        func supplyC(_ roomC: Double) -> Double { air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil) }
        // The steeper side: a room at the valve's limit answers as the side it is heading to.
        let supplySlope = min(1, max(0, supplyC(roomC + 1) - supplyC(roomC), supplyC(roomC) - supplyC(roomC - 1)))
        let slope = roomShare + (1 - roomShare) * supplySlope
        let rateWPerK = AirProperties.heatCapacityRateWPerK(flowM3PerS: itAirflowM3PerS, temperatureC: air.setPointC) * slope * serverEffectiveness
        return rateWPerK > 0 ? air.roomCapacityJPerK / rateWPerK : .infinity
    }
}

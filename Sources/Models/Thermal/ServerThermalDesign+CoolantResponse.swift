import Numerics

extension ServerThermalDesign {
    /// How much less heat the server gives its liquid over a step of `stepS` when its coolant is
    /// 1 K warmer, held over the step, J/K: the step response of the network's liquid accumulator
    /// to its coolant inlet, at the fan speed and coolant flow where it is largest (the smallest
    /// plate resistance, at the plate's highest rated flow). A loop of capacity C_loop carrying
    /// N such servers answers them within a step when N·E(step) ≤ C_loop
    /// (`HallThermal` couples them explicitly: the racks' liquid heat is held over a step).
    ///
    /// - Transient (`steady` false): E(s) = −E_liq(s) of dy/dt = A y + b from y = 0 with only the
    ///   coolant inlet at 1 K: G s for short steps (G = n G_sl + G_bl, the metal held), less as the
    ///   plates and board follow the coolant within the step.
    /// - Quasi-steady (`steady` true): the metal stores nothing, so E(s) = G_ss s with G_ss the
    ///   steady state's answer (`ServerThermalNetwork.liquidHeatFlowW`): only the board's path
    ///   between the air and the liquid gives one; the plates pass their accelerators' power
    ///   whatever their coolant.
    public func coolantEnergyResponseJPerK(stepS: Double, steady: Bool) throws(NumericalError) -> Double {
        guard usesLiquid, stepS > 0 else { return 0 }
        let n = network.dimension
        var largest = 0.0
        for speed in [fan.minimumSpeed, 1.0] {
            let flows = ServerThermalNetwork.Flows(
                airflowM3PerS: fan.airflowM3PerS(speed: speed),
                airVolumetricHeatJPerM3K: AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK,
                coolantFlowPerPlateM3PerS: network.parameters.coldPlate?.flowsM3PerS.last ?? 0, referenceAirflowM3PerS: fan.maxAirflowM3PerS)
            var input = [Double](repeating: 0, count: n), state = input
            let dies = [Double](repeating: 0, count: acceleratorCount)
            input.withUnsafeMutableBufferPointer { b in
                dies.withUnsafeBufferPointer { p in
                    network.fillInput(b, acceleratorPowerW: p, boardPowerW: 0, airInletK: 0, coolantInletK: 1, flows: flows)
                }
            }
            let propagator = try LinearStepPropagator(matrix: network.matrix(flows), dimension: n,
                                                      stepS: steady ? ServerStep.steadyStepS : stepS)
            propagator.advance(&state, input: input)
            let response = if steady {
                -state.withUnsafeBufferPointer { network.liquidHeatFlowW($0, coolantInletK: 1, flows: flows) } * stepS
            } else {
                -state[network.liquidEnergyIndex]
            }
            largest = max(largest, response)
        }
        return largest
    }
}

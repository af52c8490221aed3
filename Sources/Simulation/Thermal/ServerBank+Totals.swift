import Models

extension ServerBank {
    /// Sums of the servers' last steps, per rack and per hall.
    struct Totals: Equatable {
        var powerW = 0.0, psuLossW = 0.0, vrmLossW = 0.0, fanPowerW = 0.0, heatToAirW = 0.0, heatToLiquidW = 0.0, airflowM3PerS = 0.0

        init() {}

        /// One server's step as a sum of one.
        init(_ r: ServerStepResult) {
            (powerW, psuLossW, vrmLossW, fanPowerW) = (r.powerW, r.psuLossW, r.vrmLossW, r.fanPowerW)
            (heatToAirW, heatToLiquidW, airflowM3PerS) = (r.heatToAirW, r.heatToLiquidW, r.airflowM3PerS)
        }

        mutating func add(_ r: ServerStepResult) { add(Totals(r)) }

        mutating func add(_ t: Totals) {
            powerW += t.powerW
            psuLossW += t.psuLossW
            vrmLossW += t.vrmLossW
            fanPowerW += t.fanPowerW
            heatToAirW += t.heatToAirW
            heatToLiquidW += t.heatToLiquidW
            airflowM3PerS += t.airflowM3PerS
        }
    }
}

/// A lumped RC network for one rack of servers cooled by air from a constant-temperature supply.
///
/// Each server i has two thermal nodes: its solids (boards, heat sinks, chassis; capacity
/// C_s,i) and the air inside it (capacity C_a,i = ρ·c_p·V_i). Electrical power P_i heats the
/// solids, a convective conductance G_i carries the heat to the air, and the air stream
/// (heat capacity rate A_i = ṁ_i·c_p) carries it out:
///
///     C_s,i dT_s,i/dt = P_i − G_i (T_s,i − T_a,i)
///     C_a,i dT_a,i/dt = G_i (T_s,i − T_a,i) − A_i (T_a,i − T_sup)
///     dE/dt           = Σ_i A_i (T_a,i − T_sup)        (heat removed by the air, J)
///
/// The server air is well mixed, so the outlet temperature is T_a,i. In steady state
/// T_a = T_sup + P/A and T_s = T_a + P/G. The air node's time constant C_a/(G + A) is tens of
/// milliseconds while the solids' C_s/G is a minute or more: the system is stiff, which is why
/// it is integrated with an implicit method.
///
/// State layout (length 2N + 1): `[T_s,0 … T_s,N−1, T_a,0 … T_a,N−1, E]`, temperatures in K.
/// The network is linear with constant coefficients between events, so its Jacobian is
/// constant.
public struct RackThermalNetwork: Sendable {
    public let serverCount: Int
    /// C_s,i, J/K.
    public let solidCapacityJPerK: [Double]
    /// C_a,i, J/K.
    public let airCapacityJPerK: [Double]
    /// G_i, W/K.
    public let conductanceWPerK: [Double]
    /// A_i = ṁ_i·c_p, W/K.
    public let airHeatRateWPerK: [Double]
    /// T_sup, K.
    public var supplyTemperatureK: Double
    /// P_i, W: the input that changes at events.
    public var powerW: [Double]

    public var stateDimension: Int { 2 * serverCount + 1 }

    public init(solidCapacityJPerK: [Double], airCapacityJPerK: [Double], conductanceWPerK: [Double],
                airHeatRateWPerK: [Double], supplyTemperatureK: Double, powerW: [Double]) {
        let n = solidCapacityJPerK.count
        precondition(n >= 1 && [airCapacityJPerK.count, conductanceWPerK.count, airHeatRateWPerK.count, powerW.count].allSatisfy { $0 == n })
        precondition(solidCapacityJPerK.allSatisfy { $0 > 0 } && airCapacityJPerK.allSatisfy { $0 > 0 })
        precondition(conductanceWPerK.allSatisfy { $0 > 0 } && airHeatRateWPerK.allSatisfy { $0 > 0 })
        precondition(supplyTemperatureK > 0)
        serverCount = n
        self.solidCapacityJPerK = solidCapacityJPerK
        self.airCapacityJPerK = airCapacityJPerK
        self.conductanceWPerK = conductanceWPerK
        self.airHeatRateWPerK = airHeatRateWPerK
        self.supplyTemperatureK = supplyTemperatureK
        self.powerW = powerW
    }

    /// dy/dt for state `y`.
    public func derivatives(_ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>) {
        let n = serverCount
        var removedW = 0.0
        for i in 0..<n {
            let solid = y[i], air = y[n + i]
            let toAirW = conductanceWPerK[i] * (solid - air)
            let outW = airHeatRateWPerK[i] * (air - supplyTemperatureK)
            dydt[i] = (powerW[i] - toAirW) / solidCapacityJPerK[i]
            dydt[n + i] = (toAirW - outW) / airCapacityJPerK[i]
            removedW += outW
        }
        dydt[2 * n] = removedW
    }

    /// The constant Jacobian ∂f/∂y, row-major, and ∂f/∂t = 0.
    public func jacobian(_ dfdy: UnsafeMutableBufferPointer<Double>, _ dfdt: UnsafeMutableBufferPointer<Double>) {
        let n = serverCount, m = stateDimension
        for k in 0..<(m * m) { dfdy[k] = 0 }
        for k in 0..<m { dfdt[k] = 0 }
        for i in 0..<n {
            let s = i, a = n + i
            let g = conductanceWPerK[i], h = airHeatRateWPerK[i]
            dfdy[s * m + s] = -g / solidCapacityJPerK[i]
            dfdy[s * m + a] = g / solidCapacityJPerK[i]
            dfdy[a * m + s] = g / airCapacityJPerK[i]
            dfdy[a * m + a] = -(g + h) / airCapacityJPerK[i]
            dfdy[2 * n * m + a] = h
        }
    }

    /// The steady state for the current inputs, with E = 0.
    public func steadyState() -> [Double] {
        let n = serverCount
        var y = [Double](repeating: 0, count: stateDimension)
        for i in 0..<n {
            let air = supplyTemperatureK + powerW[i] / airHeatRateWPerK[i]
            y[n + i] = air
            y[i] = air + powerW[i] / conductanceWPerK[i]
        }
        return y
    }

    /// Heat stored in the nodes relative to `reference` (a state of the same network), J:
    /// Σ C_s,i ΔT_s,i + C_a,i ΔT_a,i.
    public func storedEnergyJ(_ y: [Double], relativeTo reference: [Double]) -> Double {
        let n = serverCount
        var stored = 0.0
        for i in 0..<n {
            stored += solidCapacityJPerK[i] * (y[i] - reference[i]) + airCapacityJPerK[i] * (y[n + i] - reference[n + i])
        }
        return stored
    }

    /// Heat removed by each server's air stream at state `y`, W.
    public func heatRemovedW(_ y: [Double], server i: Int) -> Double {
        airHeatRateWPerK[i] * (y[serverCount + i] - supplyTemperatureK)
    }
}

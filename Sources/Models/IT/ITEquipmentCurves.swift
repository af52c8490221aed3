/// The EnergyPlus air-cooled IT equipment model (`ElectricEquipment:ITE:AirCooled`; EnergyPlus
/// Engineering Reference, "Heat Gain from IT Equipment"):
///
///     P_CPU  = P_design · (1 − f_fan) · f_CPU(u, T_in)
///     V̇      = V̇_design · f_flow(u, T_in),      V̇_design = (airflow per W) · P_design
///     P_fan  = P_design · f_fan · f_fanpower(V̇ / V̇_design)
///     T_out  = T_in + (P_CPU + P_fan) / (ρ c_p V̇)
///
/// with biquadratic curves f(u, T) = c0 + c1 u + c2 u² + c3 T + c4 T² + c5 u T and a cubic fan
/// power curve in the flow fraction. The defaults are those of EnergyPlus' example file
/// `1ZoneDataCenterCRAC_wApproachTemp.idf`.
public struct ITEquipmentCurves: Sendable, Equatable {
    /// Biquadratic curve coefficients (c0 … c5).
    public struct Biquadratic: Sendable, Equatable {
        public var coefficients: [Double]
        public init(_ coefficients: [Double]) {
            precondition(coefficients.count == 6)
            self.coefficients = coefficients
        }
        public func value(_ u: Double, _ t: Double) -> Double {
            let c = coefficients
            return c[0] + c[1] * u + c[2] * u * u + c[3] * t + c[4] * t * t + c[5] * u * t
        }
    }

    public var designPowerW: Double
    public var fanPowerFraction: Double
    public var airflowPerWattM3PerSPerW: Double
    public var cpuPowerCurve: Biquadratic
    public var airflowCurve: Biquadratic
    /// Cubic in the flow fraction x: c0 + c1 x + c2 x² + c3 x³.
    public var fanPowerCurve: [Double]

    public init(designPowerW: Double, fanPowerFraction: Double, airflowPerWattM3PerSPerW: Double, cpuPowerCurve: Biquadratic,
                airflowCurve: Biquadratic, fanPowerCurve: [Double]) {
        precondition(designPowerW > 0 && (0..<1).contains(fanPowerFraction) && airflowPerWattM3PerSPerW > 0 && fanPowerCurve.count == 4)
        self.designPowerW = designPowerW
        self.fanPowerFraction = fanPowerFraction
        self.airflowPerWattM3PerSPerW = airflowPerWattM3PerSPerW
        self.cpuPowerCurve = cpuPowerCurve
        self.airflowCurve = airflowCurve
        self.fanPowerCurve = fanPowerCurve
    }

    /// Total power (CPU and fans) at utilisation u and inlet temperature, W.
    public func powerW(utilization u: Double, inletC: Double) -> Double {
        cpuPowerW(utilization: u, inletC: inletC) + fanPowerW(utilization: u, inletC: inletC)
    }

    /// The example file's equipment: 500 W design, fan fraction 0.4, 1e-4 m³/s per W, CPU curve
    /// −1 + u + 0.06667 T_in, airflow curve −1.4 + 0.9 u + 0.1 T_in, fan power ∝ flow³.
    public static func energyPlusExample(designPowerW: Double = 500) -> ITEquipmentCurves {
        ITEquipmentCurves(designPowerW: designPowerW, fanPowerFraction: 0.4, airflowPerWattM3PerSPerW: 1e-4,
                          cpuPowerCurve: Biquadratic([-1, 1, 0, 0.06667, 0, 0]),
                          airflowCurve: Biquadratic([-1.4, 0.9, 0, 0.1, 0, 0]),
                          fanPowerCurve: [0, 0, 0, 1])
    }

    public func cpuPowerW(utilization u: Double, inletC: Double) -> Double {
        designPowerW * (1 - fanPowerFraction) * max(0, cpuPowerCurve.value(u, inletC))
    }

    public func airflowM3PerS(utilization u: Double, inletC: Double) -> Double {
        designPowerW * airflowPerWattM3PerSPerW * max(0, airflowCurve.value(u, inletC))
    }

    public func fanPowerW(utilization u: Double, inletC: Double) -> Double {
        let x = airflowM3PerS(utilization: u, inletC: inletC) / (designPowerW * airflowPerWattM3PerSPerW)
        let c = fanPowerCurve
        return designPowerW * fanPowerFraction * max(0, c[0] + c[1] * x + c[2] * x * x + c[3] * x * x * x)
    }

    /// Outlet air temperature, °C: T_in + (P_CPU + P_fan)/(ρ c_p V̇), ρ at the inlet.
    public func outletC(utilization u: Double, inletC: Double) -> Double {
        let flow = airflowM3PerS(utilization: u, inletC: inletC)
        let heat = cpuPowerW(utilization: u, inletC: inletC) + fanPowerW(utilization: u, inletC: inletC)
        return inletC + heat / AirProperties.heatCapacityRateWPerK(flowM3PerS: flow, temperatureC: inletC)
    }
}

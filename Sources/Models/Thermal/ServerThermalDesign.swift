import Foundation

/// Everything a server's step needs about one server type in one rack type: its thermal
/// network, fans, accelerator and CPU power models, power supplies and how its power splits.
///
/// Built from the scenario's specs by `Simulation` (`ServerThermalDesign+Spec.swift`, where the
/// design rules for figures a scenario does not give are written down); the physics of one step
/// is `ServerStep`. docs/models/it-thermal.md.
public struct ServerThermalDesign: Sendable {
    public let network: ServerThermalNetwork
    public let fan: FanModel
    public let acceleratorPower: AcceleratorPowerModel?
    public let acceleratorLimitC: Double
    /// Power the clock is capped at: the accelerator's power limit, or its TDP.
    public let acceleratorPowerLimitW: Double
    public let acceleratorCount: Int
    /// The CPUs' power with leakage, as for accelerators (TDP and idle of all CPUs together).
    public let cpuPower: AcceleratorPowerModel?
    /// CPU die above the board at full load: CPUs are not resolved as nodes, so their junction
    /// temperature is estimated as board + 25 K × utilisation (an estimate).
    public static let cpuDieRiseK = 25.0
    /// The rest of the box without its fans, at idle and at full load, W.
    public let otherIdleW: Double, otherMaxW: Double
    public let coolant: CoolantProperties
    public let usesLiquid: Bool
    /// EnergyPlus ITE curves: power and airflow from utilisation and inlet temperature.
    public let curves: ITEquipmentCurves?
    /// Power supplies (nil: the parts' power is the wall power) and whether their heat goes to
    /// the chassis air (not in immersion tanks, where it goes to the fluid with the board's).
    public let psu: PSUModel?
    public let psuHeatToAir: Bool
    /// What the supplies can give without their redundant units, W (infinite without `psu`).
    public let psuUsableW: Double
    /// Board VRMs: accelerator module power reaches the die times this; the rest heats the board.
    public let vrmEfficiency: Double

    public init(network: ServerThermalNetwork, fan: FanModel, acceleratorPower: AcceleratorPowerModel?, acceleratorLimitC: Double,
                acceleratorPowerLimitW: Double, cpuPower: AcceleratorPowerModel?, otherIdleW: Double, otherMaxW: Double,
                coolant: CoolantProperties, usesLiquid: Bool, curves: ITEquipmentCurves?, psu: PSUModel?, psuHeatToAir: Bool,
                psuUsableW: Double, vrmEfficiency: Double) {
        precondition(acceleratorPower != nil || network.parameters.acceleratorCount == 0, "accelerators need a power model")
        self.network = network
        self.fan = fan
        self.acceleratorPower = acceleratorPower
        self.acceleratorLimitC = acceleratorLimitC
        self.acceleratorPowerLimitW = acceleratorPowerLimitW
        acceleratorCount = network.parameters.acceleratorCount
        self.cpuPower = cpuPower
        self.otherIdleW = otherIdleW
        self.otherMaxW = otherMaxW
        self.coolant = coolant
        self.usesLiquid = usesLiquid
        self.curves = curves
        self.psu = psu
        self.psuHeatToAir = psuHeatToAir
        self.psuUsableW = psuUsableW
        self.vrmEfficiency = vrmEfficiency
    }

    /// Board power (CPUs; memory, drives and the rest; fans) at utilisation u, fan speed N and
    /// inlet temperature, W, DC after the PSUs (with EnergyPlus curves: all of it in `restW`).
    public func boardPowerW(utilization u: Double, fanSpeed: Double, inletC: Double, boardC: Double) -> (cpuW: Double, restW: Double, fanW: Double) {
        // The EnergyPlus curves split their power into CPU and fans: the fans count as fans (their
        // energy is part of IT energy either way; the summary reports it as server fan energy).
        if let curves { return (0, curves.cpuPowerW(utilization: u, inletC: inletC), curves.fanPowerW(utilization: u, inletC: inletC)) }
        let cpu = cpuPower?.powerW(utilization: u, clock: 1, junctionC: boardC + Self.cpuDieRiseK * u) ?? 0
        return (cpu, otherIdleW + (otherMaxW - otherIdleW) * u, fan.powerW(speed: fanSpeed))
    }

    /// Fan speed as a fraction of full speed: the curves' airflow fraction, or the fan control.
    public func fanSpeed(utilization u: Double, inletC: Double, deviceMarginK: Double) -> Double {
        if let curves {
            let fraction = curves.airflowM3PerS(utilization: u, inletC: inletC) / (curves.designPowerW * curves.airflowPerWattM3PerSPerW)
            return max(0.02, (fraction / fan.speedStep).rounded() * fan.speedStep)
        }
        return fan.speed(inletC: inletC, deviceMarginK: deviceMarginK)
    }

    /// ∂T_j/∂θ in steady state: the device's path to its coolant (junction-to-case plus sink) times
    /// the dynamic power the clock controls (the throttle controller's gain).
    public func clockSensitivityK(flows: ServerThermalNetwork.Flows, utilization u: Double) -> Double {
        guard let model = acceleratorPower else { return 0 }
        let g = network.conductances(flows)
        let path = network.parameters.junctionToCaseKPerW + 1 / max(g.sinkToAir + g.sinkToLiquid, 1e-9)
        return path * (model.dynamicMaxW - model.dynamicIdleW) * u
    }

    /// The largest share of a change of its inlet that the server can take out of its air stream,
    /// at any fan speed: a hotter inlet by δ lowers the heat the air carries off by ε W δ, W =
    /// ρ c_p V̇ the stream's heat capacity rate (`HallThermal.roomResponseTimeS`).
    ///
    /// - Transient (`steady` false): ε = G/(G + W), G = n G_sa + G_ba the heat sinks' and the
    ///   board's conductance to the air (the air inside is one node, `ServerThermalNetwork`),
    ///   with the metal held; as the metal warms within a step the share falls, and what is left
    ///   in steady state (below) is smaller still, so ε bounds it.
    /// - Quasi-steady (`steady` true): the metal stores nothing, and only a path from the air to
    ///   the coolant keeps a share: the board's, between its conductances to the air and to the
    ///   liquid, ε = G_s/W with 1/G_s = 1/W + 1/G_ba + 1/G_bl. An air-cooled server's is 0; a
    ///   liquid-cooled one on coolant far below the room pulls heat out of the air.
    public func airToMetalEffectiveness(steady: Bool) -> Double {
        let speeds = [fan.minimumSpeed, 1.0]
        return speeds.map { speed -> Double in
            let flows = ServerThermalNetwork.Flows(airflowM3PerS: fan.airflowM3PerS(speed: speed),
                                                   airVolumetricHeatJPerM3K: AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK,
                                                   coolantFlowPerPlateM3PerS: 0, referenceAirflowM3PerS: fan.maxAirflowM3PerS)
            let g = network.conductances(flows)
            guard g.airStream > 0 else { return 0 }
            if steady {
                let liquid = network.parameters.boardToLiquidWPerK
                guard g.boardToAir > 0, liquid > 0 else { return 0 }
                return 1 / (1 + g.airStream / g.boardToAir + g.airStream / liquid)
            }
            let metal = Double(acceleratorCount) * g.sinkToAir + g.boardToAir
            return metal / (metal + g.airStream)
        }.max() ?? 1
    }
}

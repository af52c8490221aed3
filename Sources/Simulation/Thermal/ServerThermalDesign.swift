import Foundation
import Models
import Scenario

/// Everything the thermal solver needs about one server type in one rack type: its network,
/// fans, accelerator power model and how its power splits, derived from the scenario's specs.
///
/// Where the scenario gives no figure, the design rules below are estimates, documented in
/// docs/models/it-thermal.md:
/// - junction-to-case rise of 20 K at TDP (R_jc = 20 K/TDP) with a junction time constant of
///   1.2 s (C_j = 0.06 s/K × TDP);
/// - air heat sinks sized so that at full fan speed a device at TDP sits 5 K below its limit
///   with 45 °C air around it (R_sa = (T_limit − 5 − 45 − 20)/TDP, at least 0.01 K/W), heat
///   capacity 0.9 J/K per W of TDP (about 0.7 kg of copper for 700 W);
/// - cold plates: the OCP 1 kW OAM plate, heat capacity 0.35 J/K per W of TDP;
/// - immersion: 0.04 K/W from the device's sink to the fluid;
/// - board (CPUs, memory, chassis): the rest of the server's heat capacity; 10 K above its air at
///   full load; on direct-liquid racks part of it on cold plates so that the server's liquid
///   share at full load is the rack's `liquid_fraction`;
/// - fans: 5 % of the server's maximum power at full speed when not given.
struct ServerThermalDesign {
    let network: ServerThermalNetwork
    let fan: FanModel
    let acceleratorPower: AcceleratorPowerModel?
    let acceleratorLimitC: Double
    /// Power the clock is capped at: the accelerator's power limit, or its TDP.
    let acceleratorPowerLimitW: Double
    let acceleratorCount: Int
    let cpuIdleW: Double, cpuMaxW: Double
    /// The CPUs' power with leakage, as for accelerators (TDP and idle of all CPUs together).
    let cpuPower: AcceleratorPowerModel?
    /// CPU die above the board at full load: CPUs are not resolved as nodes, so their junction
    /// temperature is estimated as board + 25 K × utilisation (an estimate).
    static let cpuDieRiseK = 25.0
    /// The rest of the box without its fans, at idle and at full load.
    let otherIdleW: Double, otherMaxW: Double
    let coolant: CoolantProperties
    let usesLiquid: Bool
    /// EnergyPlus ITE curves: power and airflow from utilisation and inlet temperature.
    let curves: ITEquipmentCurves?
    /// Power supplies (nil: the parts' power is the wall power) and whether their heat goes to
    /// the chassis air (not in immersion tanks, where it goes to the fluid with the board's).
    let psu: PSUModel?
    let psuHeatToAir: Bool
    /// What the supplies can give without their redundant units, W (infinite without `psu`).
    let psuUsableW: Double
    /// Board VRMs: accelerator module power reaches the die times this; the rest heats the board.
    let vrmEfficiency: Double

    static let junctionRiseAtTDPK = 20.0
    static let junctionTimeConstantS = 1.2
    static let immersionResistanceKPerW = 0.04

    /// With a package variant, the accelerator's junction-to-case resistance, junction heat
    /// capacity and leakage share come from its solved compact model (docs/models/package.md).
    init(server: ServerSpec, rack: RackTypeSpec, package: PackageAnalysis? = nil) {
        let count = server.acceleratorCount
        let tdp = server.accelerator?.tdpW ?? 1
        let limit = server.accelerator?.maxOperatingTemperatureC ?? 85
        acceleratorCount = count
        acceleratorLimitC = limit
        acceleratorPowerLimitW = server.accelerator.map { $0.powerLimitW ?? $0.tdpW } ?? 1
        curves = server.energyPlusCurves
        psu = server.psu.map {
            PSUModel(units: $0.units, ratingW: $0.ratingW, efficiencyClass: .init(name: $0.efficiencyClass, fixedEfficiency: $0.fixedEfficiency))
        }
        psuHeatToAir = rack.cooling != .immersion
        psuUsableW = server.psu.map { Double($0.units - $0.redundantUnits) * $0.ratingW } ?? .infinity
        vrmEfficiency = server.energyPlusCurves == nil ? server.vrmEfficiency : 1
        let leakageShare = package.map { p in
            p.design.dies.reduce(0) { $0 + $1.leakageFraction * (p.budget.diePowerW[$1.name] ?? 0) } / max(p.budget.totalW, 1e-9)
        } ?? AcceleratorPowerModel.defaultLeakageShare
        acceleratorPower = server.accelerator.map { AcceleratorPowerModel(tdpW: $0.tdpW, idlePowerW: $0.idlePowerW, leakageShare: leakageShare) }
        cpuIdleW = Double(server.cpuCount) * server.cpuIdlePowerW
        cpuMaxW = Double(server.cpuCount) * server.cpuTDPW
        cpuPower = cpuMaxW > 0 && cpuIdleW <= cpuMaxW ? AcceleratorPowerModel(tdpW: cpuMaxW, idlePowerW: cpuIdleW) : nil
        // The rest of the box includes its fans (at idle and full speed); they are modelled on
        // their own, so their share comes out of it.
        let fanMax = rack.cooling == .immersion ? 0 : (server.fanMaxPowerW ?? 0.05 * server.maxPowerW)
        let fanAtIdle = fanMax * pow(FanModel.defaultMinimumSpeed, 3)
        otherIdleW = max(0, server.otherIdlePowerW - fanAtIdle)
        otherMaxW = max(0, server.otherMaxPowerW - fanMax)

        // Everything but the accelerators heats the board (with EnergyPlus curves: all of it).
        // and so does the accelerators' VRM loss.
        let acceleratorModulesMaxW = Double(count) * (server.accelerator?.tdpW ?? 0)
        let boardMaxW = max(server.maxPowerW - acceleratorModulesMaxW, cpuMaxW + server.otherMaxPowerW)
            + (1 - vrmEfficiency) * acceleratorModulesMaxW
        let junctionCapacity = package?.compact.junctionCapacityJPerK ?? Self.junctionTimeConstantS * tdp / Self.junctionRiseAtTDPK
        let junctionToCase = package?.compact.junctionToCaseKPerW ?? Self.junctionRiseAtTDPK / tdp
        var heatSink: HeatSinkModel? = nil, coldPlate: ColdPlateModel? = nil
        var sinkCapacity = 0.9 * tdp
        var boardToLiquid = 0.0, boardToAir = max(boardMaxW, 1) / 10
        var airflow = server.airflowM3PerS
        switch rack.cooling {
        case .air, .rearDoor:
            heatSink = HeatSinkModel(referenceResistanceKPerW: max(0.01, (limit - 5 - 45 - Self.junctionRiseAtTDPK) / tdp),
                                     referenceFlowM3PerS: server.airflowM3PerS)
            coolant = .water
            usesLiquid = false
        case .directLiquid:
            coldPlate = .ocp1kWOAM
            sinkCapacity = 0.35 * tdp
            let acceleratorDiesMax = vrmEfficiency * acceleratorModulesMaxW
            let share = min(max((rack.liquidFraction * server.maxPowerW - acceleratorDiesMax) / max(boardMaxW, 1), 0), 0.999)
            boardToLiquid = boardToAir * share / (1 - share)
            coolant = .water
            usesLiquid = true
        case .immersion:
            coldPlate = ColdPlateModel(flowsLPerMin: [0.1, 100], resistancesKPerW: [Self.immersionResistanceKPerW, Self.immersionResistanceKPerW],
                                       noFlowResistanceKPerW: 0.5)
            sinkCapacity = 0.9 * tdp
            boardToLiquid = boardToAir
            boardToAir = boardToAir * 1e-3 // the board sits in the fluid; a trace of air remains
            airflow = max(airflow * 1e-3, 1e-4)
            coolant = .dielectric
            usesLiquid = true
        }
        fan = FanModel(maxAirflowM3PerS: airflow, maxPowerW: fanMax)
        let sinksCapacity = Double(count) * (junctionCapacity + sinkCapacity)
        let airCapacity = server.internalAirVolumeM3 * AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: count, junctionCapacityJPerK: junctionCapacity, junctionToCaseKPerW: junctionToCase,
            sinkCapacityJPerK: sinkCapacity, boardCapacityJPerK: max(server.heatCapacityJPerK - sinksCapacity, 0.2 * server.heatCapacityJPerK),
            airCapacityJPerK: airCapacity, boardToAirWPerK: boardToAir, boardToLiquidWPerK: boardToLiquid,
            heatSink: count > 0 ? heatSink : nil, coldPlate: count > 0 ? coldPlate : nil)
        network = ServerThermalNetwork(parameters)
    }

    /// Board power (CPUs; memory, drives and the rest; fans) at utilisation u, fan speed N and
    /// inlet temperature, W, DC after the PSUs (with EnergyPlus curves: all of it in `restW`).
    func boardPowerW(utilization u: Double, fanSpeed: Double, inletC: Double, boardC: Double) -> (cpuW: Double, restW: Double, fanW: Double) {
        if let curves { return (0, curves.powerW(utilization: u, inletC: inletC), 0) }
        let cpu = cpuPower?.powerW(utilization: u, clock: 1, junctionC: boardC + Self.cpuDieRiseK * u) ?? 0
        return (cpu, otherIdleW + (otherMaxW - otherIdleW) * u, fan.powerW(speed: fanSpeed))
    }

    /// Fan speed as a fraction of full speed: the curves' airflow fraction, or the fan control.
    func fanSpeed(utilization u: Double, inletC: Double, deviceMarginK: Double) -> Double {
        if let curves {
            let fraction = curves.airflowM3PerS(utilization: u, inletC: inletC) / (curves.designPowerW * curves.airflowPerWattM3PerSPerW)
            return max(0.02, (fraction / fan.speedStep).rounded() * fan.speedStep)
        }
        return fan.speed(inletC: inletC, deviceMarginK: deviceMarginK)
    }
}

import Foundation
import Models
import Scenario

/// A server design from the scenario's server and rack specs.
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
extension ServerThermalDesign {
    static let junctionRiseAtTDPK = 20.0
    static let junctionTimeConstantS = 1.2
    static let immersionResistanceKPerW = 0.04

    /// With a package variant, the accelerator's junction-to-case resistance, junction heat
    /// capacity and leakage share come from its solved compact model (docs/models/package.md).
    init(server: ServerSpec, rack: RackTypeSpec, package: PackageAnalysis? = nil) {
        let count = server.acceleratorCount
        let tdp = server.accelerator?.tdpW ?? 1
        let limit = server.accelerator?.maxOperatingTemperatureC ?? 85
        let powerLimit = server.accelerator.map { $0.powerLimitW ?? $0.tdpW } ?? 1
        let psu = server.psu.map {
            PSUModel(units: $0.units, ratingW: $0.ratingW, efficiencyClass: .init(name: $0.efficiencyClass, fixedEfficiency: $0.fixedEfficiency))
        }
        let vrmEfficiency = server.energyPlusCurves == nil ? server.vrmEfficiency : 1
        let leakageShare = package.map { p in
            p.design.dies.reduce(0) { $0 + $1.leakageFraction * (p.budget.diePowerW[$1.name] ?? 0) } / max(p.budget.totalW, 1e-9)
        } ?? AcceleratorPowerModel.defaultLeakageShare
        let acceleratorPower = server.accelerator.map { AcceleratorPowerModel(tdpW: $0.tdpW, idlePowerW: $0.idlePowerW, leakageShare: leakageShare) }
        let cpuIdleW = Double(server.cpuCount) * server.cpuIdlePowerW
        let cpuMaxW = Double(server.cpuCount) * server.cpuTDPW
        let cpuPower = cpuMaxW > 0 && cpuIdleW <= cpuMaxW ? AcceleratorPowerModel(tdpW: cpuMaxW, idlePowerW: cpuIdleW) : nil
        // The rest of the box includes its fans (at idle and full speed); they are modelled on
        // their own, so their share comes out of it.
        let fanMax = rack.cooling == .immersion ? 0 : (server.fanMaxPowerW ?? 0.05 * server.maxPowerW)
        let fanAtIdle = fanMax * pow(FanModel.defaultMinimumSpeed, 3)

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
        let coolant: CoolantProperties, usesLiquid: Bool
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
        let fan = FanModel(maxAirflowM3PerS: airflow, maxPowerW: fanMax)
        let sinksCapacity = Double(count) * (junctionCapacity + sinkCapacity)
        let airCapacity = server.internalAirVolumeM3 * AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: count, junctionCapacityJPerK: junctionCapacity, junctionToCaseKPerW: junctionToCase,
            sinkCapacityJPerK: sinkCapacity, boardCapacityJPerK: max(server.heatCapacityJPerK - sinksCapacity, 0.2 * server.heatCapacityJPerK),
            airCapacityJPerK: airCapacity, boardToAirWPerK: boardToAir, boardToLiquidWPerK: boardToLiquid,
            heatSink: count > 0 ? heatSink : nil, coldPlate: count > 0 ? coldPlate : nil)
        self.init(network: ServerThermalNetwork(parameters), fan: fan, acceleratorPower: acceleratorPower, acceleratorLimitC: limit,
                  acceleratorPowerLimitW: powerLimit, cpuPower: cpuPower,
                  otherIdleW: max(0, server.otherIdlePowerW - fanAtIdle), otherMaxW: max(0, server.otherMaxPowerW - fanMax),
                  coolant: coolant, usesLiquid: usesLiquid, curves: server.energyPlusCurves, psu: psu,
                  psuHeatToAir: rack.cooling != .immersion,
                  psuUsableW: server.psu.map { Double($0.units - $0.redundantUnits) * $0.ratingW } ?? .infinity,
                  vrmEfficiency: vrmEfficiency)
    }
}

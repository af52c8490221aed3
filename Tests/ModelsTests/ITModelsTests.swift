import Foundation
import Testing
@testable import Models
import Numerics

@Suite("IT equipment models against closed forms and published examples")
struct ITModelsTests {
    /// EnergyPlus Engineering Reference, ITE example (1ZoneDataCenterCRAC_wApproachTemp.idf):
    /// 100 × 500 W servers, fan fraction 0.4, 1e-4 m³/s per W, at u = 1 and T_in = 15 °C:
    /// CPU 30.0 kW, fans 20.0 kW, airflow 5.0 m³/s. (The curve's 0.06667 stands for 1/15, so the
    /// CPU figure is 30.0015 kW: compared to the published 30.0 kW at its 0.1 kW rounding.)
    @Test func energyPlusITEExample() {
        let server = ITEquipmentCurves.energyPlusExample()
        let servers = 100.0
        #expect(abs(servers * server.cpuPowerW(utilization: 1, inletC: 15) - 30_000) < 50)
        #expect(abs(servers * server.fanPowerW(utilization: 1, inletC: 15) - 20_000) < 0.5)
        #expect(abs(servers * server.airflowM3PerS(utilization: 1, inletC: 15) - 5.0) < 1e-3)
        // Outlet rise of 500 W in 0.05 m³/s of 15 °C air: 500 / (0.05 · 1.2256 · 1006) = 8.1 K.
        #expect(abs(server.outletC(utilization: 1, inletC: 15) - (15 + 500 / (0.05 * 101_325 / (287.05 * 288.15) * 1006))) < 1e-3)
    }

    /// Fan affinity laws: flow ∝ N, pressure ∝ N², power ∝ N³.
    @Test(arguments: [0.6, 0.75, 0.9, 1.0])
    func fanAffinityLaws(speed: Double) {
        let fan = FanModel(maxAirflowM3PerS: 0.5, maxPowerW: 800)
        #expect(abs(fan.airflowM3PerS(speed: speed) - 0.5 * speed) < 1e-12)
        #expect(abs(fan.pressureRatio(speed: speed) - speed * speed) < 1e-12)
        #expect(abs(fan.powerW(speed: speed) - 800 * speed * speed * speed) < 1e-9)
    }

    @Test func fanSpeedFollowsTheHottestDevice() {
        let fan = FanModel(maxAirflowM3PerS: 0.5, maxPowerW: 800, minimumSpeed: 0.6)
        #expect(fan.speed(inletC: 20, deviceMarginK: 30) == 0.6)
        #expect(abs(fan.speed(inletC: 20, deviceMarginK: 10) - 0.8) < 1e-9)
        #expect(fan.speed(inletC: 20, deviceMarginK: 2) == 1.0)
        #expect(fan.speed(inletC: 40, deviceMarginK: 30) == 1.0)
    }

    @Test func fanSpeedRampsWithInletTemperature() {
        let fan = FanModel(maxAirflowM3PerS: 0.5, maxPowerW: 800, minimumSpeed: 0.6, rampStartC: 27, rampEndC: 35)
        #expect(fan.speed(inletC: 20) == 0.6)
        #expect(fan.speed(inletC: 40) == 1.0)
        #expect(abs(fan.speed(inletC: 31) - 0.8) < 1e-9)
        var previous = 0.0
        for inlet in stride(from: 15.0, through: 45.0, by: 0.5) {
            #expect(fan.speed(inletC: inlet) >= previous)
            previous = fan.speed(inletC: inlet)
        }
    }

    @Test func acceleratorPowerIsCalibratedToTheCatalog() {
        let gpu = AcceleratorPowerModel(tdpW: 700, idlePowerW: 75)
        #expect(abs(gpu.powerW(utilization: 1, clock: 1, junctionC: 85) - 700) < 1e-9)
        #expect(abs(gpu.powerW(utilization: 0, clock: 1, junctionC: AcceleratorPowerModel.idleTemperatureC) - 75) < 1e-9)
        // Leakage doubles every ln 2 / β = 34.7 K.
        let doubling = log(2) / AcceleratorPowerModel.defaultLeakageCoefficientPerK
        #expect(abs(gpu.leakageW(junctionC: 85 + doubling) - 2 * gpu.leakageW(junctionC: 85)) < 1e-9)
        // Hotter never draws less; throttling never draws more.
        #expect(gpu.powerW(utilization: 0.8, clock: 1, junctionC: 70) > gpu.powerW(utilization: 0.8, clock: 1, junctionC: 60))
        #expect(gpu.powerW(utilization: 0.8, clock: 0.7, junctionC: 70) < gpu.powerW(utilization: 0.8, clock: 1, junctionC: 70))
    }

    @Test func powerCapClockMeetsTheCap() {
        let gpu = AcceleratorPowerModel(tdpW: 700, idlePowerW: 75)
        let clock = gpu.clockForPowerCap(500, utilization: 1, junctionC: 80)
        #expect(abs(gpu.powerW(utilization: 1, clock: clock, junctionC: 80) - 500) < 1e-9)
        #expect(gpu.clockForPowerCap(900, utilization: 1, junctionC: 80) == 1)
    }

    @Test func throttleLowersClockWhenHotAndRestoresItWhenCool() {
        let controller = ThrottleController()
        var clock = 1.0
        for _ in 0..<5 { clock = controller.nextClock(current: clock, junctionC: 95, limitC: 87, capClock: 1, stepS: 10, sensitivityK: 20) }
        #expect(clock < 1 && clock >= controller.minimumClock)
        let throttled = clock
        for _ in 0..<50 { clock = controller.nextClock(current: clock, junctionC: 70, limitC: 87, capClock: 1, stepS: 10, sensitivityK: 20) }
        #expect(clock == 1 && throttled < 1)
    }
}

@Suite("Heat sinks, cold plates and the server network")
struct ServerThermalTests {
    /// R_sa ∝ V̇^−0.8.
    @Test func heatSinkResistanceFallsWithFlow() {
        let sink = HeatSinkModel(referenceResistanceKPerW: 0.03, referenceFlowM3PerS: 0.1)
        #expect(abs(sink.resistanceKPerW(flowM3PerS: 0.1) - 0.03) < 1e-15)
        #expect(abs(sink.resistanceKPerW(flowM3PerS: 0.05) - 0.03 * pow(2, 0.8)) < 1e-12)
    }

    /// The OCP 1 kW OAM plate's published points, and monotone between them.
    @Test func coldPlateReproducesOCPData() {
        let plate = ColdPlateModel.ocp1kWOAM
        for (lpm, r) in [(2.0, 0.0172), (3, 0.0160), (4, 0.0154), (5, 0.0151)] {
            #expect(abs(plate.resistanceKPerW(flowM3PerS: lpm / 60_000) - r) < 1e-12)
        }
        #expect(plate.resistanceKPerW(flowM3PerS: 2.5 / 60_000) < 0.0172 && plate.resistanceKPerW(flowM3PerS: 2.5 / 60_000) > 0.0160)
        #expect(plate.resistanceKPerW(flowM3PerS: 0) == plate.noFlowResistanceKPerW)
    }

    func airServer() -> (ServerThermalNetwork, ServerThermalNetwork.Flows) {
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: 2, junctionCapacityJPerK: 40, junctionToCaseKPerW: 0.03, sinkCapacityJPerK: 600,
            boardCapacityJPerK: 40_000, airCapacityJPerK: 24, boardToAirWPerK: 300, boardToLiquidWPerK: 0,
            heatSink: HeatSinkModel(referenceResistanceKPerW: 0.025, referenceFlowM3PerS: 0.4), coldPlate: nil)
        let flows = ServerThermalNetwork.Flows(airflowM3PerS: 0.4, airVolumetricHeatJPerM3K: 1.18 * 1006,
                                               coolantFlowPerPlateM3PerS: 0, referenceAirflowM3PerS: 0.4)
        return (ServerThermalNetwork(parameters), flows)
    }

    func settle(_ network: ServerThermalNetwork, _ flows: ServerThermalNetwork.Flows, powers: [Double], board: Double,
                inletK: Double, coolantK: Double, seconds: Double) throws -> [Double] {
        let propagator = try LinearStepPropagator(matrix: network.matrix(flows), dimension: network.dimension, stepS: seconds)
        var input = [Double](repeating: 0, count: network.dimension)
        input.withUnsafeMutableBufferPointer { b in
            powers.withUnsafeBufferPointer { p in
                network.fillInput(b, acceleratorPowerW: p, boardPowerW: board, airInletK: inletK, coolantInletK: coolantK, flows: flows)
            }
        }
        var state = [Double](repeating: inletK, count: network.dimension)
        state[network.airEnergyIndex] = 0
        state[network.liquidEnergyIndex] = 0
        propagator.advance(&state, input: input)
        return state
    }

    /// After many time constants: T_a = T_in + ΣP/W, T_s = T_a + P·R_sa, T_j = T_s + P·R_jc, and
    /// ΔT_out = P/(ρ c_p V̇).
    @Test func airCooledSteadyStateMatchesClosedForm() throws {
        let (network, flows) = airServer()
        let inlet = 298.15, p0 = 600.0, p1 = 400.0, board = 1000.0
        let y = try settle(network, flows, powers: [p0, p1], board: board, inletK: inlet, coolantK: 300, seconds: 50_000)
        let w = 0.4 * 1.18 * 1006
        let air = inlet + (p0 + p1 + board) / w
        #expect(abs(y[network.airIndex] - air) < 1e-6)
        #expect(abs(y[network.sinkIndex(0)] - (air + p0 * 0.025)) < 1e-6)
        #expect(abs(y[network.junctionIndex(0)] - (air + p0 * 0.025 + p0 * 0.03)) < 1e-6)
        #expect(abs(y[network.boardIndex] - (air + board / 300)) < 1e-6)
    }

    /// Cold plate: the case temperature is the coolant inlet plus R·Q (OCP's definition of R).
    @Test func coldPlateCaseTemperatureIsInletPlusRQ() throws {
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: 1, junctionCapacityJPerK: 40, junctionToCaseKPerW: 0.03, sinkCapacityJPerK: 250,
            boardCapacityJPerK: 40_000, airCapacityJPerK: 24, boardToAirWPerK: 300, boardToLiquidWPerK: 0,
            heatSink: nil, coldPlate: .ocp1kWOAM)
        let network = ServerThermalNetwork(parameters)
        let flows = ServerThermalNetwork.Flows(airflowM3PerS: 0.2, airVolumetricHeatJPerM3K: 1.18 * 1006,
                                               coolantFlowPerPlateM3PerS: 3 / 60_000, referenceAirflowM3PerS: 0.2)
        let coolant = 305.15, power = 1000.0
        let y = try settle(network, flows, powers: [power], board: 0, inletK: 298.15, coolantK: coolant, seconds: 50_000)
        #expect(abs(y[network.sinkIndex(0)] - (coolant + 0.0160 * power)) < 1e-6)
        #expect(abs(y[network.junctionIndex(0)] - (coolant + 0.0160 * power + 0.03 * power)) < 1e-6)
        // All of the plate's heat went to the liquid.
        #expect(abs(y[network.liquidEnergyIndex] / 50_000 - power) / power < 0.01)
    }

    /// Electrical energy in = heat to air + heat to liquid + heat stored, over a transient.
    @Test func energyIsConservedOverATransient() throws {
        let (network, flows) = airServer()
        let inlet = 298.15
        let propagator = try LinearStepPropagator(matrix: network.matrix(flows), dimension: network.dimension, stepS: 10)
        var input = [Double](repeating: 0, count: network.dimension)
        let powers = [650.0, 700.0]
        input.withUnsafeMutableBufferPointer { b in
            powers.withUnsafeBufferPointer { p in
                network.fillInput(b, acceleratorPowerW: p, boardPowerW: 1500, airInletK: inlet, coolantInletK: 300, flows: flows)
            }
        }
        let start = [Double](repeating: inlet, count: network.dimension - 2) + [0, 0]
        var state = start
        for _ in 0..<90 { propagator.advance(&state, input: input) }
        let electrical = (650.0 + 700 + 1500) * 900
        let stored = state.withUnsafeBufferPointer { s in start.withUnsafeBufferPointer { r in network.storedEnergyJ(s, relativeTo: r) } }
        let out = state[network.airEnergyIndex] + state[network.liquidEnergyIndex]
        // Rounding in K-scale temperatures times 40 kJ/K capacities limits this to ~1e-9.
        #expect(abs(electrical - out - stored) / electrical < 1e-8)
    }

    /// Monotonicity: more power or a warmer inlet never gives a cooler junction.
    @Test func morePowerOrWarmerInletNeverCools() throws {
        let (network, flows) = airServer()
        let base = try settle(network, flows, powers: [600, 600], board: 1000, inletK: 298.15, coolantK: 300, seconds: 3600)
        let hotter = try settle(network, flows, powers: [650, 600], board: 1000, inletK: 298.15, coolantK: 300, seconds: 3600)
        let warmer = try settle(network, flows, powers: [600, 600], board: 1000, inletK: 300.15, coolantK: 300, seconds: 3600)
        for k in 0..<2 {
            #expect(hotter[network.junctionIndex(k)] >= base[network.junctionIndex(k)])
            #expect(warmer[network.junctionIndex(k)] > base[network.junctionIndex(k)])
        }
    }
}

@Suite("Hall air and liquid loops")
struct HallModelsTests {
    /// The coil meets the set point while its effectiveness allows, then delivers ε·W·(T_r − T_cw):
    /// more as the return warms.
    @Test func coilIsLimitedByItsEffectiveness() {
        let hall = HallAirModel(roomCapacityJPerK: 6e6, structureCapacityJPerK: 1e9, structureConductanceWPerK: 1000,
                                recirculation: 0.03, setPointC: 22)
        let w = 30.0 * 1.2 * 1006 // 30 m³/s of CRAH air
        let epsilon = 300_000 / (w * 22)
        let coil = HallAirModel.CoilLimit.effectiveness(epsilon, chilledWaterC: 12)
        #expect(abs(hall.coilHeatW(roomC: 34, crahHeatRateWPerK: w, coil: coil) - 300_000) < 1e-6)
        #expect(abs(hall.supplyC(roomC: 27, crahHeatRateWPerK: w, coil: coil) - 22) < 1e-12)
        // Warmer return: demand exceeds the coil, which still delivers more than its rating.
        let hot = hall.coilHeatW(roomC: 45, crahHeatRateWPerK: w, coil: coil)
        #expect(abs(hot - epsilon * w * 33) < 1e-6 && hot > 300_000)
        #expect(hall.supplyC(roomC: 45, crahHeatRateWPerK: w, coil: coil) > 22)
        #expect(hall.supplyC(roomC: 32, crahHeatRateWPerK: 0, coil: coil) == 32)
        #expect(hall.coilHeatW(roomC: 20, crahHeatRateWPerK: w, coil: .unlimited) == 0)
    }

    @Test func inletMixesSupplyAndRoomAir() {
        let hall = HallAirModel(roomCapacityJPerK: 1, structureCapacityJPerK: 1, structureConductanceWPerK: 0, recirculation: 0.1, setPointC: 22)
        #expect(abs(hall.inletC(supplyC: 20, roomC: 40, itAirflowM3PerS: 10, crahAirflowM3PerS: 12) - 22) < 1e-12)
        // CRAHs deliver half of what the racks draw: half of the inlet air is room air.
        #expect(abs(hall.inletC(supplyC: 20, roomC: 40, itAirflowM3PerS: 10, crahAirflowM3PerS: 5) - 30) < 1e-12)
        #expect(hall.inletC(supplyC: 20, roomC: 40, itAirflowM3PerS: 10, crahAirflowM3PerS: 0) == 40)
    }

    /// With the CRAHs off, the room and structure together warm at Q/(C_r + C_st) once their
    /// exchange settles: the thermal mass sets the rate.
    @Test func roomWarmsAtTheRateItsMassSets() {
        let hall = HallAirModel(roomCapacityJPerK: 6e6, structureCapacityJPerK: 4e7, structureConductanceWPerK: 2e5,
                                recirculation: 0.03, setPointC: 22)
        var room = 25.0, structure = 25.0
        let q = 1e6
        for _ in 0..<36_000 { // 1 h in 0.1 s explicit steps
            let d = hall.derivatives(roomC: room, structureC: structure, itHeatW: q, fanHeatW: 0, crahHeatRateWPerK: 0, coil: .unlimited)
            room += 0.1 * d.room
            structure += 0.1 * d.structure
        }
        let combined = q * 3600 / (6e6 + 4e7)
        #expect(abs((room * 6e6 + structure * 4e7) / 4.6e7 - 25 - combined) < 1e-6)
    }

    @Test func cduLoopSettlesToTheClosedForm() {
        let loop = LiquidLoopModel(coolant: .water, ratedCapacityW: 1e6, approachK: 3, facilityWaterC: 32)
        // Rated load with every pump: supply = facility water + approach.
        #expect(abs(loop.steadySupplyC(rackHeatW: 1e6, flowFraction: 1) - 35) < 1e-9)
        #expect(abs(loop.effectiveness(flowFraction: 1) - 10.0 / 13) < 1e-12)
        // At that supply the exchanger passes exactly the rack heat.
        #expect(abs(loop.exchangerHeatW(supplyC: 35, rackHeatW: 1e6, flowFraction: 1) - 1e6) < 1e-6)
        #expect(loop.exchangerHeatW(supplyC: 35, rackHeatW: 1e6, flowFraction: 0) == 0)
    }
}

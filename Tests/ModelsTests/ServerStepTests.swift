import Foundation
import Models
import Testing

/// `ServerStep`: one server's step as a function of its state, inputs and dt, against closed forms.
@Suite("One server's step")
struct ServerStepTests {
    /// A two-accelerator air-cooled server without leakage-prone extras: 700 W parts, board 800-1,500 W,
    /// fans 200 W at full speed, no PSU model.
    func airServer(leakage: Double = 0.15) -> ServerThermalDesign {
        let parameters = ServerThermalNetwork.Parameters(
            acceleratorCount: 2, junctionCapacityJPerK: 40, junctionToCaseKPerW: 0.03, sinkCapacityJPerK: 600,
            boardCapacityJPerK: 40_000, airCapacityJPerK: 24, boardToAirWPerK: 300, boardToLiquidWPerK: 0,
            heatSink: HeatSinkModel(referenceResistanceKPerW: 0.025, referenceFlowM3PerS: 0.4), coldPlate: nil)
        return ServerThermalDesign(
            network: ServerThermalNetwork(parameters), fan: FanModel(maxAirflowM3PerS: 0.4, maxPowerW: 200),
            acceleratorPower: AcceleratorPowerModel(tdpW: 700, idlePowerW: 100, leakageShare: leakage), acceleratorLimitC: 87,
            acceleratorPowerLimitW: 700, cpuPower: nil, otherIdleW: 800, otherMaxW: 1500, coolant: .water, usesLiquid: false,
            curves: nil, psu: nil, psuHeatToAir: true, psuUsableW: .infinity, vrmEfficiency: 1)
    }

    struct Server {
        var state: [Double], clocks: [Double], powers: [Double], off = false
        init(_ design: ServerThermalDesign, startC: Double) {
            state = Array(repeating: startC + 273.15, count: design.network.dimension)
            state[design.network.airEnergyIndex] = 0
            state[design.network.liquidEnergyIndex] = 0
            clocks = Array(repeating: 1, count: design.acceleratorCount)
            powers = clocks
        }

        mutating func step(_ design: ServerThermalDesign, _ inputs: ServerStepInputs, dt: Double, mode: ServerStep.Mode,
                           workspace: ServerStepWorkspace) throws -> ServerStepResult {
            var off = self.off
            let result = try state.withUnsafeMutableBufferPointer { s in
                try clocks.withUnsafeMutableBufferPointer { c in
                    try powers.withUnsafeMutableBufferPointer { p in
                        try ServerStep.advance(design: design, designIndex: 0, state: s, clocks: c, acceleratorPowerW: p, shutDown: &off,
                                               inputs: inputs, stepS: dt, mode: mode, workspace: workspace)
                    }
                }
            }
            self.off = off
            return result
        }
    }

    func inputs(utilization: Double, inletC: Double = 25) -> ServerStepInputs {
        ServerStepInputs(utilization: utilization, inletC: inletC, coolantC: 30, coolantFlowPerPlateM3PerS: 0, powered: true, clockCeiling: 1)
    }

    /// Quasi-steady: the heat out is the power in, and the outlet is T_in + P/(ρ c_p V̇) with the
    /// fan's flow at the speed it chose (affinity law: V̇ = V̇_max·N).
    @Test func steadyStepDeliversItsPowerAndWarmsTheAirByPOverW() throws {
        let design = airServer()
        let workspace = ServerStepWorkspace(maximumDimension: design.network.dimension, maximumAccelerators: 2)
        var server = Server(design, startC: 25)
        var result = ServerStepResult()
        for _ in 0..<6 { result = try server.step(design, inputs(utilization: 0.3), dt: 60, mode: .quasiSteady, workspace: workspace) }
        // Each step's flows are its steady state's: the power it drew, to rounding.
        #expect(abs(result.heatToAirW + result.heatToLiquidW - result.powerW) / result.powerW < 1e-12)
        #expect(result.heatToLiquidW == 0)
        #expect(abs(result.airflowM3PerS - 0.4 * result.fanSpeed) < 1e-12)
        #expect(abs(result.fanPowerW - 200 * pow(result.fanSpeed, 3)) < 1e-9)
        let volumetric = ServerStep.quantized(AirProperties.densityKgPerM3(temperatureC: 25) * AirProperties.specificHeatJPerKgK)
        let outletC = server.state[design.network.airIndex] - 273.15
        #expect(abs(outletC - (25 + result.powerW / (volumetric * result.airflowM3PerS))) < 1e-6)
        // Leakage converged: the last step changed the junctions by less than a millikelvin.
        #expect(result.unsettledK < 1e-3)
    }

    /// A quasi-steady step jumps the nodes to their steady state, releasing (or taking) the heat
    /// they held; that heat is not the step's. Its flows are the steady state's, so they add up to
    /// the power it drew from any state: from metal 55 K above where the step leaves it (2.3 MJ,
    /// which counted over the network's 10⁷ s long step put 0.23 W, 10⁻⁴ of the power, into
    /// every such step until the twentieth session), and when it is off with a hot inlet.
    @Test func aQuasiSteadyStepDeliversThePowerItDrewFromAnyState() throws {
        let design = airServer()
        let workspace = ServerStepWorkspace(maximumDimension: design.network.dimension, maximumAccelerators: 2)
        var hot = Server(design, startC: 80)
        let result = try hot.step(design, inputs(utilization: 0.3), dt: 600, mode: .quasiSteady, workspace: workspace)
        #expect(result.powerW > 1_500)
        #expect(abs(result.heatToAirW + result.heatToLiquidW - result.powerW) / result.powerW < 1e-12)
        #expect(abs(hot.state[design.network.airEnergyIndex] - result.heatToAirW * 600) <= 1e-9 * result.heatToAirW * 600)

        var unpowered = Server(design, startC: 90)
        var off = inputs(utilization: 0.3, inletC: 40)
        off.powered = false
        let cold = try unpowered.step(design, off, dt: 600, mode: .quasiSteady, workspace: workspace)
        #expect(cold.powerW == 0)
        #expect(abs(cold.heatToAirW + cold.heatToLiquidW) < 1e-9)
        #expect(abs(cold.heatToAirW) < 1e-3)
    }

    /// Transient: from idle, the junction approaches its steady value as the slow board mode
    /// decays; energy in = heat out + heat stored over the whole transient.
    @Test func transientConservesEnergyAndApproachesTheSteadyState() throws {
        let design = airServer(leakage: 0.0001)
        let workspace = ServerStepWorkspace(maximumDimension: design.network.dimension, maximumAccelerators: 2)
        var transient = Server(design, startC: 25), steady = Server(design, startC: 25)
        let start = transient.state
        var electrical = 0.0, delivered = 0.0
        var last = ServerStepResult()
        for _ in 0..<720 {
            last = try transient.step(design, inputs(utilization: 0.3), dt: 10, mode: .transient, workspace: workspace)
            electrical += last.powerW * 10
            delivered += (last.heatToAirW + last.heatToLiquidW) * 10
        }
        let stored = transient.state.withUnsafeBufferPointer { s in
            start.withUnsafeBufferPointer { r in design.network.storedEnergyJ(s, relativeTo: r) }
        }
        #expect(abs(electrical - delivered - stored) / electrical < 1e-8)
        for _ in 0..<4 { _ = try steady.step(design, inputs(utilization: 0.3), dt: 10, mode: .quasiSteady, workspace: workspace) }
        let j = design.network.junctionIndex(0)
        #expect(abs(transient.state[j] - steady.state[j]) < 0.05, "two hours is many board time constants (40 kJ/K / 300 W/K = 133 s)")
        #expect(last.unsettledK < 0.05)
    }

    /// A hot inlet past the device's limit throttles the clock down; a shutdown happens only past
    /// the limit + 5 K, and a shut-down server draws nothing.
    @Test func hotInletThrottlesAndShutdownCutsThePower() throws {
        let design = airServer()
        let workspace = ServerStepWorkspace(maximumDimension: design.network.dimension, maximumAccelerators: 2)
        var server = Server(design, startC: 25)
        var result = ServerStepResult()
        for _ in 0..<60 { result = try server.step(design, inputs(utilization: 1, inletC: 45), dt: 10, mode: .transient, workspace: workspace) }
        #expect(server.clocks.allSatisfy { $0 < 0.98 }, "throttled at a 45 °C inlet")
        #expect(result.hottestJunctionC < design.acceleratorLimitC + 1)
        server.state[design.network.junctionIndex(0)] = (design.acceleratorLimitC + ServerStep.shutdownMarginK + 1) + 273.15
        result = try server.step(design, inputs(utilization: 1, inletC: 45), dt: 10, mode: .transient, workspace: workspace)
        #expect(result.shutdownChanged && server.off && result.powerW == 0)
    }

    /// The clock ceiling of a power cap holds every clock at or below it.
    @Test func clockCeilingCapsTheClock() throws {
        let design = airServer()
        let workspace = ServerStepWorkspace(maximumDimension: design.network.dimension, maximumAccelerators: 2)
        var server = Server(design, startC: 25)
        var capped = inputs(utilization: 1)
        capped.clockCeiling = 0.7
        for _ in 0..<20 { _ = try server.step(design, capped, dt: 10, mode: .transient, workspace: workspace) }
        #expect(server.clocks.allSatisfy { $0 <= 0.7 + 1e-12 })
    }

    /// A step cut short by an event (17.77 s of a 60 s step) is taken as the ladder's factors in
    /// turn when the workspace knows the regular step; over five steps it stays within 1e-7 K of what each
    /// step's own exponential gives (both are ~1e-8 K from a 40-digit reference: the numerics'
    /// tests), and within 1e-8 of the heat (read off the accumulators' difference over the step).
    @Test func oddLengthStepsComposedFromTheLadderMatchTheirOwnExponential() throws {
        let design = airServer()
        let dimension = design.network.dimension
        let ladder = ServerStepWorkspace(maximumDimension: dimension, maximumAccelerators: 2, regularStepS: 60)
        let own = ServerStepWorkspace(maximumDimension: dimension, maximumAccelerators: 2)
        var composed = Server(design, startC: 25), exact = composed
        for dt in [60, 17.774847786553437, 60, 42.225152213446563, 3.2] {
            let a = try composed.step(design, inputs(utilization: 0.8), dt: dt, mode: .transient, workspace: ladder)
            let b = try exact.step(design, inputs(utilization: 0.8), dt: dt, mode: .transient, workspace: own)
            for i in 0..<design.network.airEnergyIndex { #expect(abs(composed.state[i] - exact.state[i]) < 1e-7) }
            #expect(abs(a.heatToAirW - b.heatToAirW) <= 1e-8 * b.heatToAirW)
        }
    }
}

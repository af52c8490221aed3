import Foundation

/// The thermal network of one server: every accelerator's junction and heat sink (or cold plate),
/// the board (CPUs, memory, chassis), and the air passing through.
///
/// Nodes and equations (temperatures in K; P inputs in W; G conductances in W/K):
///
///     C_j dT_j,k/dt = P_k − (T_j,k − T_s,k)/R_jc
///     C_s dT_s,k/dt = (T_j,k − T_s,k)/R_jc − G_sa (T_s,k − T_a) − G_sl (T_s,k − T_cin)
///     C_b dT_b/dt   = P_b − G_ba (T_b − T_a) − G_bl (T_b − T_cin)
///     C_a dT_a/dt   = Σ_k G_sa (T_s,k − T_a) + G_ba (T_b − T_a) − W (T_a − T_in)
///     dE_air/dt     = W (T_a − T_in)
///     dE_liq/dt     = Σ_k G_sl (T_s,k − T_cin) + G_bl (T_b − T_cin)
///
/// Air cooling: G_sa = 1/R_sa(V̇) from the heat sink model, G_sl = 0. Direct liquid cooling:
/// G_sl = 1/R_cp(flow) from the cold plate model (R measured from case to coolant inlet, the OCP
/// convention), G_sa = 0. W = ρ c_p V̇ is the air stream's heat capacity rate; the air inside is
/// well mixed so T_a is the outlet temperature. E_air and E_liq accumulate the heat delivered to
/// the air stream and to the liquid, so the energy books of a step are exact.
///
/// In steady state (air): T_a = T_in + (ΣP_k + P_b)/W, T_s = T_a + P_k/G_sa,
/// T_j = T_s + P_k R_jc, T_b = T_a + P_b/G_ba. With a cold plate, T_s = T_cin + P_k R_cp.
///
/// State layout: `[T_j,0, T_s,0, …, T_j,n−1, T_s,n−1, T_b, T_a, E_air, E_liq]`.
public struct ServerThermalNetwork: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var acceleratorCount: Int
        /// Junction (die and package) heat capacity per accelerator, J/K.
        public var junctionCapacityJPerK: Double
        /// Junction-to-case resistance, K/W.
        public var junctionToCaseKPerW: Double
        /// Heat sink or cold plate heat capacity per accelerator, J/K.
        public var sinkCapacityJPerK: Double
        public var boardCapacityJPerK: Double
        public var airCapacityJPerK: Double
        /// Board-to-air conductance at full airflow, W/K (scales with flow as the heat sink does).
        public var boardToAirWPerK: Double
        /// Board-to-liquid conductance, W/K (0 for air-cooled servers).
        public var boardToLiquidWPerK: Double
        public var heatSink: HeatSinkModel?
        public var coldPlate: ColdPlateModel?

        public init(acceleratorCount: Int, junctionCapacityJPerK: Double, junctionToCaseKPerW: Double, sinkCapacityJPerK: Double,
                    boardCapacityJPerK: Double, airCapacityJPerK: Double, boardToAirWPerK: Double, boardToLiquidWPerK: Double,
                    heatSink: HeatSinkModel?, coldPlate: ColdPlateModel?) {
            precondition(acceleratorCount >= 0 && junctionCapacityJPerK > 0 && junctionToCaseKPerW > 0 && sinkCapacityJPerK > 0)
            precondition(boardCapacityJPerK > 0 && airCapacityJPerK > 0 && boardToAirWPerK >= 0 && boardToLiquidWPerK >= 0)
            precondition(acceleratorCount == 0 || (heatSink != nil) != (coldPlate != nil), "an accelerator needs a heat sink or a cold plate")
            self.acceleratorCount = acceleratorCount
            self.junctionCapacityJPerK = junctionCapacityJPerK
            self.junctionToCaseKPerW = junctionToCaseKPerW
            self.sinkCapacityJPerK = sinkCapacityJPerK
            self.boardCapacityJPerK = boardCapacityJPerK
            self.airCapacityJPerK = airCapacityJPerK
            self.boardToAirWPerK = boardToAirWPerK
            self.boardToLiquidWPerK = boardToLiquidWPerK
            self.heatSink = heatSink
            self.coldPlate = coldPlate
        }
    }

    /// Operating point: what sets the coefficients (held between coupling steps).
    public struct Flows: Sendable, Hashable {
        /// Air volume flow through the server, m³/s.
        public var airflowM3PerS: Double
        /// Air density × c_p at the inlet, J/(m³·K).
        public var airVolumetricHeatJPerM3K: Double
        /// Coolant flow per cold plate, m³/s (0 when there are no cold plates or pumps stopped).
        public var coolantFlowPerPlateM3PerS: Double
        /// Airflow at which `boardToAirWPerK` was given.
        public var referenceAirflowM3PerS: Double

        public init(airflowM3PerS: Double, airVolumetricHeatJPerM3K: Double, coolantFlowPerPlateM3PerS: Double,
                    referenceAirflowM3PerS: Double) {
            self.airflowM3PerS = airflowM3PerS
            self.airVolumetricHeatJPerM3K = airVolumetricHeatJPerM3K
            self.coolantFlowPerPlateM3PerS = coolantFlowPerPlateM3PerS
            self.referenceAirflowM3PerS = referenceAirflowM3PerS
        }
    }

    public let parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    public var dimension: Int { 2 * parameters.acceleratorCount + 4 }
    public func junctionIndex(_ k: Int) -> Int { 2 * k }
    public func sinkIndex(_ k: Int) -> Int { 2 * k + 1 }
    public var boardIndex: Int { 2 * parameters.acceleratorCount }
    public var airIndex: Int { boardIndex + 1 }
    public var airEnergyIndex: Int { boardIndex + 2 }
    public var liquidEnergyIndex: Int { boardIndex + 3 }

    /// The conductances at an operating point: sink-to-air, sink-to-liquid, board-to-air, air stream.
    public func conductances(_ flows: Flows) -> (sinkToAir: Double, sinkToLiquid: Double, boardToAir: Double, airStream: Double) {
        let p = parameters
        let sinkToAir = p.heatSink.map { 1 / $0.resistanceKPerW(flowM3PerS: flows.airflowM3PerS) } ?? 0
        let sinkToLiquid = p.coldPlate.map { 1 / $0.resistanceKPerW(flowM3PerS: flows.coolantFlowPerPlateM3PerS) } ?? 0
        let flowRatio = max(flows.airflowM3PerS, 0.01 * flows.referenceAirflowM3PerS) / flows.referenceAirflowM3PerS
        let boardToAir = p.boardToAirWPerK * pow(flowRatio, 0.8)
        let airStream = flows.airflowM3PerS * flows.airVolumetricHeatJPerM3K
        return (sinkToAir, sinkToLiquid, boardToAir, airStream)
    }

    /// The system matrix A (row-major) at an operating point.
    public func matrix(_ flows: Flows) -> [Double] {
        let p = parameters, n = dimension
        let g = conductances(flows)
        var a = [Double](repeating: 0, count: n * n)
        func add(_ row: Int, _ column: Int, _ value: Double) { a[row * n + column] += value }
        let gjc = 1 / p.junctionToCaseKPerW
        let b = boardIndex, air = airIndex
        for k in 0..<p.acceleratorCount {
            let j = junctionIndex(k), s = sinkIndex(k)
            add(j, j, -gjc / p.junctionCapacityJPerK); add(j, s, gjc / p.junctionCapacityJPerK)
            add(s, j, gjc / p.sinkCapacityJPerK)
            add(s, s, -(gjc + g.sinkToAir + g.sinkToLiquid) / p.sinkCapacityJPerK)
            add(s, air, g.sinkToAir / p.sinkCapacityJPerK)
            add(air, s, g.sinkToAir / p.airCapacityJPerK); add(air, air, -g.sinkToAir / p.airCapacityJPerK)
            add(liquidEnergyIndex, s, g.sinkToLiquid)
        }
        add(b, b, -(g.boardToAir + p.boardToLiquidWPerK) / p.boardCapacityJPerK)
        add(b, air, g.boardToAir / p.boardCapacityJPerK)
        add(air, b, g.boardToAir / p.airCapacityJPerK)
        add(air, air, -(g.boardToAir + g.airStream) / p.airCapacityJPerK)
        add(airEnergyIndex, air, g.airStream)
        add(liquidEnergyIndex, b, p.boardToLiquidWPerK)
        return a
    }

    /// The input vector b of dy/dt = A·y + b for powers and inlet temperatures (K), written into
    /// `input` (no allocation).
    /// `airHeatW` enters the air inside the chassis directly (power supplies in the air stream).
    public func fillInput(_ input: UnsafeMutableBufferPointer<Double>, acceleratorPowerW: UnsafeBufferPointer<Double>, boardPowerW: Double,
                          airHeatW: Double = 0, airInletK: Double, coolantInletK: Double, flows: Flows) {
        let p = parameters
        let g = conductances(flows)
        for i in 0..<dimension { input[i] = 0 }
        for k in 0..<p.acceleratorCount {
            input[junctionIndex(k)] = acceleratorPowerW[k] / p.junctionCapacityJPerK
            input[sinkIndex(k)] = g.sinkToLiquid * coolantInletK / p.sinkCapacityJPerK
        }
        input[boardIndex] = (boardPowerW + p.boardToLiquidWPerK * coolantInletK) / p.boardCapacityJPerK
        input[airIndex] = (g.airStream * airInletK + airHeatW) / p.airCapacityJPerK
        input[airEnergyIndex] = -g.airStream * airInletK
        input[liquidEnergyIndex] = -(Double(p.acceleratorCount) * g.sinkToLiquid + p.boardToLiquidWPerK) * coolantInletK
    }

    /// The heat flowing into the liquid at `state`, W: the right-hand side of dE_liq/dt.
    public func liquidHeatFlowW(_ state: UnsafeBufferPointer<Double>, coolantInletK: Double, flows: Flows) -> Double {
        let p = parameters
        let g = conductances(flows)
        var liquid = p.boardToLiquidWPerK * (state[boardIndex] - coolantInletK)
        for k in 0..<p.acceleratorCount { liquid += g.sinkToLiquid * (state[sinkIndex(k)] - coolantInletK) }
        return liquid
    }

    /// Heat held in the nodes relative to `reference`, J.
    public func storedEnergyJ(_ state: UnsafeBufferPointer<Double>, relativeTo reference: UnsafeBufferPointer<Double>) -> Double {
        let p = parameters
        var stored = 0.0
        for k in 0..<p.acceleratorCount {
            stored += p.junctionCapacityJPerK * (state[junctionIndex(k)] - reference[junctionIndex(k)])
            stored += p.sinkCapacityJPerK * (state[sinkIndex(k)] - reference[sinkIndex(k)])
        }
        stored += p.boardCapacityJPerK * (state[boardIndex] - reference[boardIndex])
        stored += p.airCapacityJPerK * (state[airIndex] - reference[airIndex])
        return stored
    }
}

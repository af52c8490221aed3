import Numerics

/// The air, structure and liquid loop of one hall, integrated with GSL's ODE driver over each
/// coupling step with the racks' heat held constant (the racks are advanced first, exactly, and
/// hand over the heat they delivered in the step).
///
/// State: `[T_room, T_structure, E_coil, T_loop, E_cdu]` in °C and J. E_coil and E_cdu are the heat
/// taken by the CRAH coils and passed to facility water, so the books of the step close exactly.
///
/// A value: its units, set points and state change only through its `mutating` functions; GSL's
/// driver lives apart in a `Workspace` (one per hall, reused every step), which `advance` borrows.
public struct HallThermal {
    public let name: String
    public let air: HallAirModel
    public let fanControl: CRAHFanControl
    /// CRAH units: count, capacity, airflow and fan power per unit; `ideal` when the scenario has
    /// none (supply at the set point whatever the load, no fan power).
    public let crahUnits: Int
    public let crahCapacityW: Double, crahAirflowM3PerS: Double, crahFanPowerW: Double
    /// One unit's chilled-water coil (UA from its rating); nil for ideal units.
    public let coilModel: CoolingCoilModel?
    public let idealCRAH: Bool
    public private(set) var crahRunning: Int
    public private(set) var loop: LiquidLoopModel?
    /// The facility water the CDUs were designed for, °C (their water is this plus the loop's rise).
    private var designFacilityWaterC: Double
    public let cduUnits: Int
    public private(set) var cduRunning: Int
    /// Pump power of one CDU at design flow, W.
    public let cduPumpPowerW: Double
    /// Water temperature of rear-door coils, °C.
    public let rearDoorWaterC: Double
    /// Chilled water supplied to the CRAH coils, °C: the design supply, warmer while the plant
    /// falls short of the load (`setChilledWaterSupplyC`).
    public let chilledWaterC: Double
    public private(set) var actualChilledWaterC: Double

    public private(set) var state: [Double]
    private var initialState: [Double]
    /// Units out of service (by number, 1-based), from faults.
    public private(set) var failedCRAH: Set<Int> = [], failedCDU: Set<Int> = []
    /// Whether the hall's CRAHs and CDUs have power (not during a utility outage before the
    /// generators take the load: they are not on the UPS).
    public private(set) var coolingPowered = true
    /// Whether the CRAH coils have chilled water (not while chillers restart after an outage).
    public private(set) var chilledWaterAvailable = true
    /// GSL's adaptive step, s: the first trial step of the next `advance` (the last one it took),
    /// kept with the state so that a step's result depends on the hall alone, not on which
    /// workspace integrates it.
    private var stepSizeS = HallThermal.initialStepS
    static let initialStepS = 1.0
    /// The racks' and the fans' heat into the air over the last step, W (the fan control reads
    /// them); the rest of a step's inputs live in the workspace only while it integrates.
    private var itHeatW = 0.0, fanHeatW = 0.0

    /// A hall of the given units and models, its room and structure at `initialRoomC` and its
    /// loop (if any) at the supply it holds with no heat.
    /// - Parameters:
    ///   - crah: CRAH units (count, capacity, airflow and fan power per unit, the coil from its
    ///     rating), nil for ideal units (the supply at the set point whatever the load, no fans).
    ///   - loop: the CDUs' liquid loop with its units and one CDU's pump power, W.
    public init(name: String, air: HallAirModel, fanControl: CRAHFanControl,
                crah: (units: Int, capacityW: Double, airflowM3PerS: Double, fanPowerW: Double, coil: CoolingCoilModel?)?,
                loop: (model: LiquidLoopModel, units: Int, pumpPowerW: Double)?,
                facilityWaterC: Double, rearDoorWaterC: Double, chilledWaterC: Double, initialRoomC: Double) {
        self.name = name
        self.air = air
        self.fanControl = fanControl
        self.chilledWaterC = chilledWaterC
        actualChilledWaterC = chilledWaterC
        designFacilityWaterC = facilityWaterC
        idealCRAH = crah == nil
        crahUnits = crah?.units ?? 0
        crahCapacityW = crah?.capacityW ?? 0
        crahAirflowM3PerS = crah?.airflowM3PerS ?? 0
        crahFanPowerW = crah?.fanPowerW ?? 0
        coilModel = crah?.coil
        crahRunning = crahUnits
        self.loop = loop?.model
        cduUnits = loop?.units ?? 0
        cduRunning = cduUnits
        cduPumpPowerW = loop?.pumpPowerW ?? 0
        self.rearDoorWaterC = rearDoorWaterC
        let loopStart = loop.map { $0.model.steadySupplyC(rackHeatW: 0, flowFraction: 1) } ?? facilityWaterC
        state = [initialRoomC, initialRoomC, 0, loopStart, 0]
        initialState = state
    }

    // MARK: operating point

    public var roomC: Double { state[0] }
    public var structureC: Double { state[1] }
    public var loopSupplyC: Double { loop == nil ? rearDoorWaterC : state[3] }
    public var coilEnergyJ: Double { state[2] }
    public var cduEnergyJ: Double { state[4] }
    /// Electrical power of the CDU pumps in service, W. Each runs at its design point (fixed
    /// speed); its power ends as heat in the loop water.
    public var pumpPowerW: Double { Double(cduRunning) * cduPumpPowerW }

    /// Pump efficiency (hydraulic × motor), an estimate for CDU centrifugal pumps.
    public static let pumpEfficiency = 0.6

    /// Pump power at design flow from the pressure drop, P = V̇·Δp/η: the plates in parallel at
    /// their share of the flow, Δp_plate = 50 kPa·(V̇_plate / 10 L/min)^1.85 (OCP 1 kW OAM plate,
    /// PG25), doubled for manifolds, hoses and the CDU's exchanger (an estimate).
    public static func pumpPowerW(loop: LiquidLoopModel, plates: Int) -> Double {
        let flow = loop.designHeatRateWPerK / (loop.coolant.densityKgPerM3 * loop.coolant.specificHeatJPerKgK)
        let perPlate = flow / Double(plates)
        let plateDrop = 50_000 * ColdPlateModel.pressureDropRatio(flowRatio: perPlate / (10.0 / 60_000))
        return flow * 2 * plateDrop / pumpEfficiency
    }

    /// Per CRAH unit (crah-1 first), whether it delivers air: powered and not failed.
    public var crahUnitsRunning: [Bool] {
        guard failedCRAH.isEmpty else { return (0..<crahUnits).map { coolingPowered && !failedCRAH.contains($0 + 1) } }
        return Array(repeating: coolingPowered, count: crahUnits)
    }

    /// Pump flow as a fraction of design (0 with every CDU stopped).
    public var loopFlowFraction: Double { cduUnits == 0 ? 0 : Double(cduRunning) / Double(cduUnits) }

    /// CRAH air (m³/s), heat rate (W/K), coil limit and fan power (W) for the racks' draw.
    public func crahOperatingPoint(itAirflowM3PerS: Double) -> (airflowM3PerS: Double, heatRateWPerK: Double, coil: HallAirModel.CoilLimit,
                                                          fanPowerW: Double) {
        let volumetric = AirProperties.densityKgPerM3(temperatureC: air.setPointC) * AirProperties.specificHeatJPerKgK
        let noWater = HallAirModel.CoilLimit.effectiveness(0, chilledWaterC: chilledWaterC)
        if idealCRAH {
            guard coolingPowered else { return (0, 0, .unlimited, 0) }
            let flow = itAirflowM3PerS * (1 + CRAHFanControl.defaultMargin)
            return (flow, flow * volumetric, chilledWaterAvailable ? .unlimited : noWater, 0)
        }
        let maxFlow = Double(crahRunning) * crahAirflowM3PerS
        let speed = fanControl.speed(demandedAirflowM3PerS: demandedAirflowM3PerS(itAirflowM3PerS: itAirflowM3PerS), maxAirflowM3PerS: maxFlow)
        let flow = maxFlow * speed
        // The running coils at full valve, by ε-NTU on both streams at this airflow and the
        // water they get: colder water, more heat (CoolingCoilModel). The valve holds the
        // set point below that.
        var coil = noWater
        if chilledWaterAvailable, let coilModel {
            coil = .effectiveness(coilModel.airSideEffectiveness(units: crahRunning, airHeatRateWPerK: flow * volumetric),
                                  chilledWaterC: actualChilledWaterC)
        }
        return (flow, flow * volumetric, coil, Double(crahRunning) * crahFanPowerW * speed * speed * speed)
    }

    /// Heat into the air the fan controller last looked at: the start of the current coupling
    /// step, so every evaluation within a step sees one fan speed.
    private var controlHeatW: Double?

    /// Air the fan controller asks for now, m³/s (`CRAHFanControl`).
    public func demandedAirflowM3PerS(itAirflowM3PerS: Double) -> Double {
        fanControl.demandedAirflowM3PerS(itAirflowM3PerS: itAirflowM3PerS, maxAirflowM3PerS: Double(crahRunning) * crahAirflowM3PerS,
                                         heatToAirW: controlHeatW ?? itHeatW + fanHeatW, supplyPointC: air.setPointC,
                                         recirculation: air.recirculation)
    }

    public func supplyC(itAirflowM3PerS: Double) -> Double {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        return air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
    }

    public func inletC(itAirflowM3PerS: Double) -> Double {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let supply = air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
        return air.inletC(supplyC: supply, roomC: roomC, itAirflowM3PerS: itAirflowM3PerS, crahAirflowM3PerS: point.airflowM3PerS)
    }

    /// Places the room and structure at the temperature the CRAHs hold with `itHeatW` into the
    /// air (a hall that has been running): T_r = T_set + Q/W_crah.
    public mutating func settle(itHeatW: Double, itAirflowM3PerS: Double) {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let room = point.heatRateWPerK > 0 ? air.setPointC + itHeatW / point.heatRateWPerK : air.setPointC
        state[0] = room
        state[1] = room
        initialState = state
    }

    // MARK: faults

    /// Takes unit `number` (1-based) of a kind out of service or back; returns whether it changed.
    @discardableResult
    public mutating func setCRAH(_ number: Int, failed: Bool) -> Bool {
        guard (1...max(crahUnits, 1)).contains(number), !idealCRAH else { return false }
        let changed = failed ? failedCRAH.insert(number).inserted : failedCRAH.remove(number) != nil
        updateRunning()
        return changed
    }

    @discardableResult
    public mutating func setCDU(_ number: Int, failed: Bool) -> Bool {
        guard (1...max(cduUnits, 1)).contains(number), loop != nil else { return false }
        let changed = failed ? failedCDU.insert(number).inserted : failedCDU.remove(number) != nil
        updateRunning()
        return changed
    }

    /// The chilled water the coils get, °C (the plant's supply, raised while it is short).
    public mutating func setChilledWaterSupplyC(_ temperatureC: Double) { actualChilledWaterC = temperatureC }
    /// The CDUs' facility water above its design supply while the plant falls short, K.
    public mutating func setFacilityWaterRiseK(_ riseK: Double) { loop?.facilityWaterC = designFacilityWaterC + riseK }
    /// The facility water at the CDUs now, °C (nan: no loop).
    public var facilityWaterNowC: Double { loop?.facilityWaterC ?? .nan }

    /// Takes chilled water from the CRAH coils, or gives it back (fans keep running).
    public mutating func setChilledWaterAvailable(_ available: Bool) { chilledWaterAvailable = available }

    /// Cuts or restores the power of every CRAH and CDU of the hall.
    public mutating func setCoolingPowered(_ powered: Bool) {
        coolingPowered = powered
        updateRunning()
    }

    private mutating func updateRunning() {
        crahRunning = coolingPowered ? crahUnits - failedCRAH.count : 0
        cduRunning = coolingPowered ? cduUnits - failedCDU.count : 0
    }

    // MARK: stepping

    /// What a step moved, J: the heat the CRAH coils took from the air and the heat passed to
    /// facility water (by the CDUs, or the rear doors without a loop).
    public struct StepResult: Sendable, Equatable {
        public var coilHeatJ = 0.0, facilityWaterHeatJ = 0.0
    }

    /// Why a step failed: GSL's driver, or a state outside `plausibleRangeC` after it (`detail`
    /// says why and what to change).
    public enum StepError: Error {
        case integration(NumericalError)
        case implausible(NumericalError)
    }

    /// GSL's ODE driver for one hall, with the inputs it holds over a step. Kept apart from the
    /// value so that the value copies freely; `advance` borrows it.
    public final class Workspace {
        fileprivate var held = Held()
        private var integrator: ODEIntegrator!

        public init(relativeTolerance: Double) {
            integrator = ODEIntegrator(
                dimension: 5, method: .rkf45, absoluteTolerance: 1e-6, relativeTolerance: relativeTolerance, initialStep: HallThermal.initialStepS,
                derivatives: { [unowned self] _, y, dydt in self.held.derivatives(y, dydt) })
        }

        /// Integrates from the hall's own step size, and hands back the one to start from next.
        fileprivate func integrate(_ state: inout [Double], stepSize: inout Double, from t0: Double, to t1: Double) throws(NumericalError) {
            integrator.reset(stepSize: stepSize)
            defer { stepSize = integrator.stepSize }
            try integrator.integrate(&state, from: t0, to: t1)
        }
    }

    /// The hall's models and the inputs held over a step: what the right-hand side reads (a
    /// placeholder until the first `advance` sets it).
    fileprivate struct Held {
        var air = HallAirModel(roomCapacityJPerK: 1, structureCapacityJPerK: 1, structureConductanceWPerK: 1, recirculation: 0, setPointC: 0)
        var loop: LiquidLoopModel?
        var itHeatW = 0.0, liquidHeatW = 0.0, fanHeatW = 0.0, pumpHeatW = 0.0, crahRateWPerK = 0.0, flowFraction = 0.0
        var coil = HallAirModel.CoilLimit.unlimited

        func derivatives(_ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>) {
            let room = air.derivatives(roomC: y[0], structureC: y[1], itHeatW: itHeatW, fanHeatW: fanHeatW,
                                       crahHeatRateWPerK: crahRateWPerK, coil: coil)
            dydt[0] = room.room
            dydt[1] = room.structure
            dydt[2] = room.coil
            if let loop {
                let heat = liquidHeatW + pumpHeatW
                let passed = loop.exchangerHeatW(supplyC: y[3], rackHeatW: heat, flowFraction: flowFraction)
                dydt[3] = (heat - passed) / loop.loopCapacityJPerK
                dydt[4] = passed
            } else {
                dydt[3] = 0
                dydt[4] = liquidHeatW // rear doors pass their heat straight to facility water
            }
        }
    }

    /// Advances the hall over `[t0, t1]` with the racks' mean heat to air and to the loop.
    @discardableResult
    public mutating func advance(from t0: Double, to t1: Double, itHeatW: Double, liquidHeatW: Double, itAirflowM3PerS: Double,
                                 workspace: Workspace) throws(StepError) -> StepResult {
        controlHeatW = itHeatW + fanHeatW // the fans' heat of the step before
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        self.itHeatW = itHeatW
        fanHeatW = point.fanPowerW
        let flowFraction = loopFlowFraction
        workspace.held = Held(air: air, loop: loop, itHeatW: itHeatW, liquidHeatW: liquidHeatW, fanHeatW: fanHeatW,
                              pumpHeatW: loop == nil ? 0 : pumpPowerW, crahRateWPerK: point.heatRateWPerK, flowFraction: flowFraction,
                              coil: point.coil)
        let before = (coil: state[2], water: state[4])
        do {
            try workspace.integrate(&state, stepSize: &stepSizeS, from: t0, to: t1)
        } catch {
            throw .integration(error)
        }
        // The racks' heat is held over a coupling step. Where it depends strongly on the room
        // (liquid-cooled servers on coolant far below the room pull heat out of the air), a step
        // much longer than the room's time constant overshoots and can diverge. Stop with the
        // cause rather than carry an unphysical room into the server networks.
        if !(Self.plausibleRangeC.contains(state[0]) && Self.plausibleRangeC.contains(state[3])) {
            let detail: String
            if let loop, !Self.plausibleRangeC.contains(state[3]) {
                // The loop's water turns over every C_loop/(ṁ c_p): a loop sized for a CDU far
                // below the racks' liquid heat holds seconds of water.
                let turnover = loop.loopCapacityJPerK / max(loop.designHeatRateWPerK * flowFraction, 1e-9)
                detail = String(format: "the loop reached %.3g °C; its water passes through the racks every %.3g s (a loop sized "
                                + "for %.3g kW of CDUs, with %.3g kW of racks' heat on it): give the CDUs the capacity of the liquid load, "
                                + "or a simulation.time_step below that", state[3], turnover, loop.designHeatRateWPerK * LiquidLoopModel.designRiseK / 1000, liquidHeatW / 1000)
            } else {
                let perM3 = AirProperties.densityKgPerM3(temperatureC: air.setPointC) * AirProperties.specificHeatJPerKgK
                let tau = air.roomCapacityJPerK / max(itAirflowM3PerS * perM3, 1e-9)
                detail = String(format: "the room reached %.3g °C; the racks' air (%.3g m³/s) turns the room's %.3g m³ over every %.3g s: give "
                                + "the hall its air volume (room_volume), or use a simulation.time_step below that", state[0], itAirflowM3PerS,
                                air.roomCapacityJPerK / perM3, tau)
            }
            throw .implausible(NumericalError(kind: .badFunction, operation: "coupling the racks and the hall air over \(t1 - t0) s", detail: detail))
        }
        return StepResult(coilHeatJ: state[2] - before.coil, facilityWaterHeatJ: state[4] - before.water)
    }

    /// Temperatures a hall's air and loop can take, °C: anything outside is a numerical failure.
    public static let plausibleRangeC = -100.0...1000.0

    /// Heat held in the room air, structure and loop relative to the start, J.
    public var storedHeatJ: Double {
        air.roomCapacityJPerK * (state[0] - initialState[0]) + air.structureCapacityJPerK * (state[1] - initialState[1])
            + (loop?.loopCapacityJPerK ?? 0) * (state[3] - initialState[3])
    }

    /// The fan power at the current operating point, W.
    public func crahFanPowerW(itAirflowM3PerS: Double) -> Double { crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS).fanPowerW }
}

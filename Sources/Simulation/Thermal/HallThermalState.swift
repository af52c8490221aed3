import Models
import Numerics
import Scenario

/// The air, structure and liquid loop of one hall, integrated with GSL's ODE driver over each
/// coupling step with the racks' heat held constant (the racks are advanced first, exactly, and
/// hand over the heat they delivered in the step).
///
/// State: `[T_room, T_structure, E_coil, T_loop, E_cdu]` in °C and J. E_coil and E_cdu are the heat
/// taken by the CRAH coils and passed to facility water, so the books of the step close exactly.
final class HallThermalState {
    let name: String
    let air: HallAirModel
    let fanControl: CRAHFanControl
    /// CRAH units: count, capacity, airflow and fan power per unit; `ideal` when the scenario has
    /// none (supply at the set point whatever the load, no fan power).
    let crahUnits: Int
    let crahCapacityW: Double, crahAirflowM3PerS: Double, crahFanPowerW: Double
    /// One unit's chilled-water coil (UA from its rating); nil for ideal units.
    let coilModel: CoolingCoilModel?
    let idealCRAH: Bool
    private(set) var crahRunning: Int
    private(set) var loop: LiquidLoopModel?
    /// The facility water the CDUs were designed for, °C (their water is this plus the loop's rise).
    private var designFacilityWaterC: Double
    let cduUnits: Int
    private(set) var cduRunning: Int
    /// Pump power of one CDU at design flow, W.
    let cduPumpPowerW: Double
    /// Water temperature of rear-door coils, °C.
    let rearDoorWaterC: Double
    /// Chilled water supplied to the CRAH coils, °C: the design supply, warmer while the plant
    /// falls short of the load (`setChilledWaterSupplyC`).
    let chilledWaterC: Double
    private(set) var actualChilledWaterC: Double

    private(set) var state: [Double]
    private var initialState: [Double]
    /// Units out of service (by number, 1-based), from faults.
    private(set) var failedCRAH: Set<Int> = [], failedCDU: Set<Int> = []
    /// Whether the hall's CRAHs and CDUs have power (not during a utility outage before the
    /// generators take the load: they are not on the UPS).
    private(set) var coolingPowered = true
    /// Whether the CRAH coils have chilled water (not while chillers restart after an outage).
    private(set) var chilledWaterAvailable = true
    private var integrator: ODEIntegrator!
    // Inputs held over the step.
    private var itHeatW = 0.0, liquidHeatW = 0.0, fanHeatW = 0.0, pumpHeatW = 0.0, crahRateWPerK = 0.0, flowFraction = 0.0
    private var coil = HallAirModel.CoilLimit.unlimited

    init(hall: HallSpec, crah: [CRAHSpec], plates: Int, cdu: [CDUSpec], liquidLoadW: Double, facilityWaterC: Double, rearDoorWaterC: Double,
         chilledWaterC: Double, relativeTolerance: Double) {
        name = hall.name
        self.chilledWaterC = chilledWaterC
        actualChilledWaterC = chilledWaterC
        designFacilityWaterC = facilityWaterC
        let structure = HallAirModel.structure(roomVolumeM3: hall.roomVolumeM3)
        air = HallAirModel(roomCapacityJPerK: hall.roomVolumeM3 * AirProperties.densityKgPerM3(temperatureC: hall.supplyAirTemperatureC)
                               * AirProperties.specificHeatJPerKgK,
                           structureCapacityJPerK: structure.capacityJPerK, structureConductanceWPerK: structure.conductanceWPerK,
                           recirculation: HallAirModel.recirculationFraction(containment: hall.containment.rawValue),
                           setPointC: hall.supplyAirTemperatureC)
        idealCRAH = crah.isEmpty
        crahUnits = crah.reduce(0) { $0 + $1.units }
        crahCapacityW = crah.first.map { $0.capacityW } ?? 0
        crahAirflowM3PerS = crah.first.map { $0.airflowM3PerS } ?? 0
        crahFanPowerW = crah.first.map { $0.fanPowerW } ?? 0
        // The scenario reader refuses impossible ratings, so a coil exists for every group.
        coilModel = crah.first.flatMap { CoolingCoilModel(rating: $0.rating) }
        crahRunning = crahUnits
        // A hall's CRAH groups share one control: the first group's (docs/models/hall-thermal.md).
        fanControl = crah.first?.fanControl ?? CRAHFanControl()
        if liquidLoadW > 0 || !cdu.isEmpty {
            let rated = cdu.isEmpty ? max(1.2 * liquidLoadW, 1_000) : cdu.reduce(0) { $0 + Double($1.units) * $1.capacityW }
            loop = LiquidLoopModel(coolant: .water, ratedCapacityW: rated, approachK: cdu.first?.approachK ?? 3, facilityWaterC: facilityWaterC,
                                   supplySetPointC: cdu.first?.supplySetPointC)
            cduUnits = max(cdu.reduce(0) { $0 + $1.units }, 1)
        } else {
            loop = nil
            cduUnits = 0
        }
        cduRunning = cduUnits
        if let given = cdu.first?.pumpPowerW, given > 0 {
            cduPumpPowerW = given
        } else if let loop, plates > 0 {
            cduPumpPowerW = Self.pumpPowerW(loop: loop, plates: plates) / Double(cduUnits)
        } else {
            cduPumpPowerW = 0
        }
        self.rearDoorWaterC = rearDoorWaterC
        let loopStart = loop.map { $0.steadySupplyC(rackHeatW: 0, flowFraction: 1) } ?? facilityWaterC
        state = [hall.supplyAirTemperatureC + 5, hall.supplyAirTemperatureC + 5, 0, loopStart, 0]
        initialState = state
        integrator = ODEIntegrator(
            dimension: 5, method: .rkf45, absoluteTolerance: 1e-6, relativeTolerance: relativeTolerance, initialStep: 1,
            derivatives: { [unowned self] _, y, dydt in self.derivatives(y, dydt) })
    }

    // MARK: operating point

    var roomC: Double { state[0] }
    var structureC: Double { state[1] }
    var loopSupplyC: Double { loop == nil ? rearDoorWaterC : state[3] }
    var coilEnergyJ: Double { state[2] }
    var cduEnergyJ: Double { state[4] }
    /// Electrical power of the CDU pumps in service, W. Each runs at its design point (fixed
    /// speed); its power ends as heat in the loop water.
    var pumpPowerW: Double { Double(cduRunning) * cduPumpPowerW }

    /// Pump efficiency (hydraulic × motor), an estimate for CDU centrifugal pumps.
    static let pumpEfficiency = 0.6

    /// Pump power at design flow from the pressure drop, P = V̇·Δp/η: the plates in parallel at
    /// their share of the flow, Δp_plate = 50 kPa·(V̇_plate / 10 L/min)^1.85 (OCP 1 kW OAM plate,
    /// PG25), doubled for manifolds, hoses and the CDU's exchanger (an estimate).
    static func pumpPowerW(loop: LiquidLoopModel, plates: Int) -> Double {
        let flow = loop.designHeatRateWPerK / (loop.coolant.densityKgPerM3 * loop.coolant.specificHeatJPerKgK)
        let perPlate = flow / Double(plates)
        let plateDrop = 50_000 * ColdPlateModel.pressureDropRatio(flowRatio: perPlate / (10.0 / 60_000))
        return flow * 2 * plateDrop / pumpEfficiency
    }

    /// Pump flow as a fraction of design (0 with every CDU stopped).
    var loopFlowFraction: Double { cduUnits == 0 ? 0 : Double(cduRunning) / Double(cduUnits) }

    /// CRAH air (m³/s), heat rate (W/K), coil limit and fan power (W) for the racks' draw.
    func crahOperatingPoint(itAirflowM3PerS: Double) -> (airflowM3PerS: Double, heatRateWPerK: Double, coil: HallAirModel.CoilLimit,
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
    func demandedAirflowM3PerS(itAirflowM3PerS: Double) -> Double {
        fanControl.demandedAirflowM3PerS(itAirflowM3PerS: itAirflowM3PerS, maxAirflowM3PerS: Double(crahRunning) * crahAirflowM3PerS,
                                         heatToAirW: controlHeatW ?? itHeatW + fanHeatW, supplyPointC: air.setPointC,
                                         recirculation: air.recirculation)
    }

    func supplyC(itAirflowM3PerS: Double) -> Double {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        return air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
    }

    func inletC(itAirflowM3PerS: Double) -> Double {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let supply = air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
        return air.inletC(supplyC: supply, roomC: roomC, itAirflowM3PerS: itAirflowM3PerS, crahAirflowM3PerS: point.airflowM3PerS)
    }

    /// Places the room and structure at the temperature the CRAHs hold with `itHeatW` into the
    /// air (a hall that has been running): T_r = T_set + Q/W_crah.
    func settle(itHeatW: Double, itAirflowM3PerS: Double) {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let room = point.heatRateWPerK > 0 ? air.setPointC + itHeatW / point.heatRateWPerK : air.setPointC
        state[0] = room
        state[1] = room
        initialState = state
    }

    // MARK: faults

    /// Takes unit `number` (1-based) of a kind out of service or back; returns whether it changed.
    @discardableResult
    func setCRAH(_ number: Int, failed: Bool) -> Bool {
        guard (1...max(crahUnits, 1)).contains(number), !idealCRAH else { return false }
        let changed = failed ? failedCRAH.insert(number).inserted : failedCRAH.remove(number) != nil
        updateRunning()
        return changed
    }

    @discardableResult
    func setCDU(_ number: Int, failed: Bool) -> Bool {
        guard (1...max(cduUnits, 1)).contains(number), loop != nil else { return false }
        let changed = failed ? failedCDU.insert(number).inserted : failedCDU.remove(number) != nil
        updateRunning()
        return changed
    }

    /// The chilled water the coils get, °C (the plant's supply, raised while it is short).
    func setChilledWaterSupplyC(_ temperatureC: Double) { actualChilledWaterC = temperatureC }
    /// The CDUs' facility water above its design supply while the plant falls short, K.
    func setFacilityWaterRiseK(_ riseK: Double) { loop?.facilityWaterC = designFacilityWaterC + riseK }
    /// The facility water at the CDUs now, °C (nan: no loop).
    var facilityWaterNowC: Double { loop?.facilityWaterC ?? .nan }

    /// Takes chilled water from the CRAH coils, or gives it back (fans keep running).
    func setChilledWaterAvailable(_ available: Bool) { chilledWaterAvailable = available }

    /// Cuts or restores the power of every CRAH and CDU of the hall.
    func setCoolingPowered(_ powered: Bool) {
        coolingPowered = powered
        updateRunning()
    }

    private func updateRunning() {
        crahRunning = coolingPowered ? crahUnits - failedCRAH.count : 0
        cduRunning = coolingPowered ? cduUnits - failedCDU.count : 0
    }

    // MARK: stepping

    /// Advances the hall over `[t0, t1]` with the racks' mean heat to air and to the loop.
    func advance(from t0: Double, to t1: Double, itHeatW: Double, liquidHeatW: Double, itAirflowM3PerS: Double) throws(SimulationError) {
        controlHeatW = itHeatW + fanHeatW // the fans' heat of the step before
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        self.itHeatW = itHeatW
        self.liquidHeatW = liquidHeatW
        fanHeatW = point.fanPowerW
        pumpHeatW = loop == nil ? 0 : pumpPowerW
        crahRateWPerK = point.heatRateWPerK
        coil = point.coil
        flowFraction = loopFlowFraction
        integrator.reset()
        do {
            try integrator.integrate(&state, from: t0, to: t1)
        } catch {
            throw .numerical(error, timeS: t0, component: "hall '\(name)' air and loop")
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
                let tau = air.roomCapacityJPerK / max(itAirflowM3PerS * AirProperties.densityKgPerM3(temperatureC: air.setPointC)
                                                        * AirProperties.specificHeatJPerKgK, 1e-9)
                detail = String(format: "the room reached %.3g °C; the air passes through the racks every %.3g s, so use a "
                                + "simulation.time_step below that", state[0], tau)
            }
            throw .numerical(NumericalError(kind: .badFunction, operation: "coupling the racks and the hall air over \(t1 - t0) s", detail: detail),
                             timeS: t1, component: "hall '\(name)' air and loop")
        }
    }

    /// Temperatures a hall's air and loop can take, °C: anything outside is a numerical failure.
    static let plausibleRangeC = -100.0...1000.0

    private func derivatives(_ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>) {
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

    /// Heat held in the room air, structure and loop relative to the start, J.
    var storedHeatJ: Double {
        air.roomCapacityJPerK * (state[0] - initialState[0]) + air.structureCapacityJPerK * (state[1] - initialState[1])
            + (loop?.loopCapacityJPerK ?? 0) * (state[3] - initialState[3])
    }

    /// The fan power at the current operating point, W.
    func crahFanPowerW(itAirflowM3PerS: Double) -> Double { crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS).fanPowerW }

    /// What the CRAH controls can do now against what is asked of them (`SetPointTracker`).
    struct ControlState {
        /// Heat the coils remove at full valve from the room's air now, W (∞ for ideal units).
        var coilMaximumW: Double
        /// Supply air temperature and its set point, °C.
        var supplyC: Double, supplyPointC: Double
        /// Fan speed the controller asks for (may exceed 1).
        var demandedFanSpeed: Double
        /// Whether the fan control lets room air make up the racks' draw on purpose (cold-aisle
        /// control): a deficit is then a limit only when the fans are at full speed.
        var recirculatesByDesign: Bool
        /// Air the racks draw and the CRAHs deliver, m³/s.
        var itAirflowM3PerS: Double, crahAirflowM3PerS: Double
        /// Chilled water at the coils, °C.
        var chilledWaterC: Double
        /// CRAH units running (failed or unpowered ones are not).
        var crahRunning: Int
        /// Their fans' power, W (its heat enters the room with the racks').
        var fanPowerW: Double
        /// Rack inlet air now, and the cold-aisle set point when the fans hold one, °C.
        var inletC: Double
        var coldAisleSetPointC: Double?
        /// The liquid loop's supply and the set point its CDUs' valves hold, °C (nil: no loop, or
        /// no set point), and the CDUs running.
        var loopSupplyC: Double
        var loopSetPointC: Double?
        var cduRunning: Int
        /// The warmest liquid: the loop's return (supply + heat / flow), or the loop itself when
        /// nothing flows; and the coolant's boiling point (nil: no loop, or no limit), °C.
        var loopReturnC: Double = -.infinity
        var coolantBoilingC: Double? = nil
    }

    func controlState(itAirflowM3PerS: Double, liquidHeatW: Double = 0) -> ControlState {
        let point = crahOperatingPoint(itAirflowM3PerS: itAirflowM3PerS)
        let coilMaximum: Double
        switch point.coil {
        case .unlimited: coilMaximum = .infinity
        case .effectiveness(let epsilon, let water): coilMaximum = max(0, epsilon * point.heatRateWPerK * (roomC - water))
        }
        let maxFlow = Double(crahRunning) * crahAirflowM3PerS
        let demand = demandedAirflowM3PerS(itAirflowM3PerS: itAirflowM3PerS)
        let demanded = idealCRAH ? 0 : maxFlow > 0 ? demand / maxFlow : .infinity
        let supply = air.supplyC(roomC: roomC, crahHeatRateWPerK: point.heatRateWPerK, coil: point.coil)
        var coldAisleSetPointC: Double?
        if case .coldAisle(let setPointC) = fanControl.mode, !idealCRAH { coldAisleSetPointC = setPointC }
        return ControlState(coilMaximumW: coilMaximum, supplyC: supply,
                            supplyPointC: air.setPointC, demandedFanSpeed: fanControl.mode == .constant ? 0 : demanded,
                            recirculatesByDesign: fanControl.recirculatesByDesign,
                            itAirflowM3PerS: itAirflowM3PerS, crahAirflowM3PerS: point.airflowM3PerS, chilledWaterC: actualChilledWaterC,
                            crahRunning: idealCRAH ? 1 : crahRunning, fanPowerW: point.fanPowerW,
                            inletC: air.inletC(supplyC: supply, roomC: roomC, itAirflowM3PerS: itAirflowM3PerS,
                                               crahAirflowM3PerS: point.airflowM3PerS),
                            coldAisleSetPointC: coldAisleSetPointC, loopSupplyC: loopSupplyC, loopSetPointC: loop?.supplySetPointC,
                            cduRunning: cduRunning, loopReturnC: loopReturnC(liquidHeatW: liquidHeatW), coolantBoilingC: loop?.coolant.boilingPointC)
    }

    /// The loop's return: supply + heat / (ṁ c_p) at the running pumps' flow; the loop itself when
    /// no pump runs (no loop: −∞).
    func loopReturnC(liquidHeatW: Double) -> Double {
        guard let loop else { return -.infinity }
        let rate = loop.designHeatRateWPerK * loopFlowFraction
        return rate > 0 ? loopSupplyC + max(liquidHeatW, 0) / rate : loopSupplyC
    }
}

import Models
import Numerics
import Scenario

/// The facility side of a coupling step, after the halls: the plant and the power chain.
///
/// After each step of the hall model it takes the step's mean heat and power from the model's
/// energy counters (differences of integrals, so nothing is lost between samples), then runs, in
/// this order:
/// 1. the air-side economiser (the share of each hall's coil heat outdoor air carries away);
/// 2. the power chain's critical path (PDUs, UPS) for the IT power;
/// 3. the plant (`PlantLoops`: the chilled-water tank, the loops' rises, the reset) on the coils'
///    and CDUs' heat plus the losses that land in the plant's loops;
/// 4. the rest of the chain (cooling, battery charging, other loads; the transformers) and where
///    the power came from (utility, generators or batteries);
/// 5. the backup power's battery over the step.
///
/// It returns the step's flows (`FacilityStepFlows`) and the events its physics started or ended;
/// `FacilityBooks` adds the flows up. It does not write into the halls: the run hands the halls
/// `plantWater` for their next step (docs/architecture.md).
final class PlantAndPower {
    /// The plant, held and stepped by `loops` (nil without one).
    var plant: CoolingPlant? { loops?.plant }
    let chain: PowerChain
    /// The batteries and generators (a value: changed only through this class).
    private(set) var backup: BackupPower
    let site: SiteConditions?
    /// Direct air-side economiser, when the scenario has one and a site climate.
    let airSide: AirSideEconomiser?
    /// The plant's water side: tank, loops' rises, chilled-water reset, chillers' restart (nil
    /// without a plant).
    private(set) var loops: PlantLoops?
    /// Chilled-water supply set point now, °C (nan without a chilled-water loop).
    var chilledSupplyNowC: Double { loops?.chilledSupplyNowC ?? .nan }
    /// The water the halls get for their next step (nil without a plant).
    var plantWater: PlantLoops.HallWater? { loops?.water }
    private var previous = FacilityStepFlows.Counters()
    private var previousHallCoilJ: [Double] = []
    private var previousTimeS = 0.0
    private var coolingWasPowered = true
    /// Which capacities are exceeded now, so that events mark only the crossings.
    private var capacities: CapacityWatch

    init(spec: ScenarioSpec) throws(SimulationError) {
        chain = PowerChain(spec: spec.power)
        backup = BackupPower(spec: spec.power)
        airSide = spec.cooling.economiser.mode == .airSide ? AirSideEconomiser(marginK: spec.cooling.economiser.changeoverMarginK) : nil
        loops = CoolingPlant(spec: spec).map { PlantLoops(plant: $0, spec: spec) }
        site = try SiteConditions(spec: spec)
        capacities = CapacityWatch(chain: chain, backup: backup, pduCapacityW: spec.power.pduCapacityW)
    }

    /// Runs the plant and the power chain over the step that ended at `timeS`. Returns its flows
    /// and the events it started or ended (overloads, cooling shortfall, storage, backup power);
    /// nil for a step of no length.
    func step(to timeS: Double, model: FacilityThermalModel) throws(SimulationError) -> (flows: FacilityStepFlows, events: [FacilityEvent])? {
        let dt = timeS - previousTimeS
        guard dt > 0 else { return nil }
        var flows = takeHallFlows(model, dt: dt)
        previousTimeS = timeS
        flows.source = backup.source
        let powered = backup.coolingPowered
        economiseAirSide(model, &flows)
        flows.chain = chain.critical(itW: flows.itW)
        if flows.source == .none {
            // The UPS has no input: it and the PDUs are dark (IT is off from the step after the loss).
            flows.chain.pduLossW = 0
            flows.chain.upsLossW = 0
            flows.chain.upsOutputW = flows.itW
        }
        var events = try runPlant(model, &flows, timeS: timeS, powered: powered)
        completeChain(&flows, powered: powered)
        events += backup.step(chargeW: flows.chargeW, dischargeW: flows.dischargeW, dt: dt).map { $0.event(atS: timeS) }
        if !events.isEmpty { _ = applyPower(model: model, timeS: timeS) }
        flows.utilityUp = backup.utilityUp
        flows.batteryStateOfCharge = backup.stateOfCharge
        flows.batteryOverdrawJ = backup.overdrawJ
        return (flows, events + capacityEvents(flows, model: model, timeS: timeS))
    }

    /// The step's mean flows from differences of the hall model's energy counters.
    private func takeHallFlows(_ model: FacilityThermalModel, dt: Double) -> FacilityStepFlows {
        let now = FacilityStepFlows.Counters(it: model.itEnergyJ, crahFans: model.crahFanEnergyJ, cduPumps: model.pumpEnergyJ,
                                             coils: model.coilEnergyJ, cdus: model.facilityWaterEnergyJ, rearDoors: model.rearDoorEnergyJ,
                                             psuLoss: model.psuLossEnergyJ, vrmLoss: model.vrmLossEnergyJ, serverFans: model.serverFanEnergyJ)
        var flows = FacilityStepFlows()
        flows.dt = dt
        flows.midS = previousTimeS + dt / 2
        flows.itW = (now.it - previous.it) / dt
        flows.crahFanW = (now.crahFans - previous.crahFans) / dt
        flows.cduPumpW = (now.cduPumps - previous.cduPumps) / dt
        flows.coilW = (now.coils - previous.coils) / dt
        flows.cduW = (now.cdus - previous.cdus) / dt
        flows.rearDoorW = (now.rearDoors - previous.rearDoors) / dt
        flows.psuLossJ = now.psuLoss - previous.psuLoss
        flows.vrmLossJ = now.vrmLoss - previous.vrmLoss
        flows.serverFansJ = now.serverFans - previous.serverFans
        previous = now
        return flows
    }

    /// Air-side economiser: the share of each hall's coil heat outdoor air carries away.
    private func economiseAirSide(_ model: FacilityThermalModel, _ flows: inout FacilityStepFlows) {
        guard let airSide, let site else { return }
        let hallCoilJ = model.halls.map(\.coilEnergyJ)
        defer { previousHallCoilJ = hallCoilJ }
        let dryBulb = site.conditions(atS: flows.midS).dryBulbC, dewPoint = site.dewPointC(atS: flows.midS)
        for (h, hall) in model.halls.enumerated() {
            let hallCoilW = (hallCoilJ[h] - (previousHallCoilJ.count > h ? previousHallCoilJ[h] : 0)) / flows.dt
            let f = airSide.fraction(outdoorC: dryBulb, dewPointC: dewPoint, supplyC: hall.air.setPointC, returnC: hall.roomC)
            flows.outdoorAirW += f * hallCoilW
            flows.economisedCoilW += hallCoilW
            flows.humidificationKgPerS += airSide.humidificationKgPerS(coilHeatW: hallCoilW, outdoorC: dryBulb, dewPointC: dewPoint,
                                                                        supplyC: hall.air.setPointC, returnC: hall.roomC, pressurePa: site.pressurePa)
        }
    }

    /// The plant's loads and its step (`PlantLoops`: the tank, the loops' rises, the reset).
    private func runPlant(_ model: FacilityThermalModel, _ flows: inout FacilityStepFlows, timeS: Double,
                          powered: Bool) throws(SimulationError) -> [FacilityEvent] {
        let dt = flows.dt
        flows.warmLoop = plant?.hasWarmLoop ?? false
        let rechargeW = loops?.recharge(dt: dt, powered: powered) ?? 0
        flows.chilledLoadW = rechargeW + flows.coilW - flows.outdoorAirW + flows.rearDoorW + flows.chain.pduLossW + flows.chain.upsLossW
            + (flows.warmLoop ? 0 : flows.cduW)
        flows.warmLoadW = flows.warmLoop ? flows.cduW : 0
        flows.outdoor = site?.conditions(atS: flows.midS) ?? (SiteConditions.ratingDryBulbC, SiteConditions.ratingWetBulbC)
        let stepped: (result: CoolingPlant.StepResult, storageSpent: Bool)?
        do throws(NumericalError) {
            stepped = try loops?.step(chilledLoadW: flows.chilledLoadW, warmLoadW: flows.warmLoadW, outdoor: flows.outdoor, dt: dt,
                                      powered: powered) {
                model.halls.indices.map { h in
                    let state = model.halls[h].controlState(itAirflowM3PerS: model.servers.hallTotals[h].airflowM3PerS)
                    return ChilledWaterReset.Coil(roomC: model.halls[h].roomC, heatW: model.hallHeatToAirW[h] + state.fanPowerW,
                                                  maximumW: state.coilMaximumW, waterC: state.chilledWaterC)
                }
            }
        } catch {
            throw .numerical(error, timeS: timeS, component: "cooling plant")
        }
        guard let step = stepped else { return [] }
        flows.plant = step.result
        if powered && flows.warmLoop { flows.facilityWaterRiseK = loops?.facilityWaterRiseK }
        guard step.storageSpent else { return [] }
        return [FacilityEvent(timeS: timeS, kind: .chilledWaterStorageEmpty, component: "cooling/storage", value: 0,
                              message: "the tank is spent before the chillers are back")]
    }

    /// The rest of the power chain (cooling, battery charging, other loads) and where the power
    /// came from: the utility, the generators (through the same chain), or the batteries (the
    /// critical path only, transformers dark).
    private func completeChain(_ flows: inout FacilityStepFlows, powered: Bool) {
        let mechanicalW = flows.crahFanW + flows.cduPumpW + flows.plant.electricalW
        flows.otherW = powered ? chain.otherLoadW : 0
        flows.chargeW = backup.chargePowerW(dt: flows.dt)
        flows.chain = chain.complete(flows.chain, mechanicalW: mechanicalW + flows.chargeW, otherW: flows.otherW)
        flows.utilityW = flows.chain.utilityW
        switch flows.source {
        case .utility: break
        case .generator:
            flows.generatorW = flows.utilityW
            flows.utilityW = 0
        case .battery, .none:
            flows.dischargeW = flows.chain.upsOutputW + flows.chain.upsLossW
            flows.chain.transformerOutputW = 0
            flows.chain.transformerLossW = 0
            flows.chain.utilityW = 0
            flows.utilityW = 0
        }
    }

    /// Capacities crossed in the step (start or end of an overload) and the plant's shortfall.
    private func capacityEvents(_ f: FacilityStepFlows, model: FacilityThermalModel, timeS: Double) -> [FacilityEvent] {
        var loads = CapacityWatch.Loads()
        loads.utilityW = f.utilityW
        loads.generatorW = f.generatorW
        loads.transformerW = f.chain.transformerOutputW
        loads.upsW = f.chain.upsOutputW
        loads.itW = f.itW
        loads.psu = model.servers.mostLoadedPSUs().map { ($0.dcW, $0.usableW) }
        loads.plantUnmetW = f.plant.unmetW
        loads.plantLoadW = f.chilledLoadW + f.warmLoadW
        return capacities.crossings(loads, timeS: timeS)
    }

    /// The utility fails or returns at `timeS`. Returns the events, and when the generators take
    /// the load (a failure, with generators), for the caller to schedule.
    func setUtility(up: Bool, timeS: Double) -> (records: [FacilityEvent], generatorOnlineAtS: Double?) {
        let change = backup.setUtility(up: up)
        return (change.transitions.map { $0.event(atS: timeS) }, change.generatorsOnlineAfterS.map { timeS + $0 })
    }

    /// The generators reach speed and take the load (if the utility is still out).
    func bringGeneratorsOnline(timeS: Double) -> [FacilityEvent] {
        backup.bringGeneratorsOnline().map { $0.event(atS: timeS) }
    }

    /// Gives the halls the power the backup system has now. When cooling gets its power back and
    /// chillers were running before it lost it, they restart: the coils have no chilled water
    /// for their restart time unless a tank holds some (`PlantLoops`; the run hands the halls the
    /// water after this). Returns the event and when the restart ends, for the caller to schedule.
    func applyPower(model: FacilityThermalModel, timeS: Double) -> (records: [FacilityEvent], restartEndS: Double?) {
        model.setPower(itPowered: !backup.criticalLost, coolingPowered: backup.coolingPowered)
        defer { coolingWasPowered = backup.coolingPowered }
        guard backup.coolingPowered, !coolingWasPowered, let restartS = loops?.coolingPowerRestored() else { return ([], nil) }
        return ([FacilityEvent(timeS: timeS, kind: .chillerRestart(started: true), component: "cooling/chillers", value: restartS,
                               message: "restart time (s) before chilled water returns to the coils")], timeS + restartS)
    }

    /// The chillers are back: chilled water at the coils again (from the next hand-over).
    func chillersRestarted(timeS: Double) -> [FacilityEvent] {
        guard loops?.chillersRestarted() == true else { return [] }
        return [FacilityEvent(timeS: timeS, kind: .chillerRestart(started: false), component: "cooling/chillers",
                              message: "chilled water back at the coils")]
    }
}

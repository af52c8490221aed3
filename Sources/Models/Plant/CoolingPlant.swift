import Numerics

/// The cooling plant between the hall and the outdoors: a chilled-water loop (CRAH coils, rear
/// doors, electrical rooms; CDUs too when there is no warm-water loop) and, with
/// `cooling.facility_water`, a warm-water loop for the CDUs. Both reject heat through one bank of
/// towers or dry coolers (each loop using the share of the bank its load is of the total);
/// chillers serve whatever the outdoors cannot.
///
/// Each step's operating point: the economiser mode from the coldest water the bank can make;
/// then the condenser water temperature `T` that balances the bank (which must reject the loop
/// heat plus the chillers' compressor heat) against the chillers (whose power depends on `T`),
///
///     T − [T_ref + A_design · (Q + P_chiller(T)) / (φ · Q_bank) / s^n] = 0,
///
/// solved with Brent's method (GSL). Set points are held whenever capacity allows; the plant
/// does not feed temperatures back to the hall, which is modelled at its set points.
public struct CoolingPlant: Sendable {
    public struct LoopResult: Sendable {
        public var mode = EconomiserController.Mode.mechanical
        public var chillerLoadW = 0.0
        public var chillerPowerW = 0.0
        public var rejectedW = 0.0
        public var fanPowerW = 0.0
        public var unmetW = 0.0
        public var chillersRunning = 0
        public init() {}
    }

    public struct StepResult: Sendable {
        public var chilled = LoopResult()
        public var warm = LoopResult()
        public var chilledPumpW = 0.0
        public var warmPumpW = 0.0
        public var rejectionPumpW = 0.0
        public var waterKgPerS = 0.0
        public var chillerPowerW: Double { chilled.chillerPowerW + warm.chillerPowerW }
        public var fanPowerW: Double { chilled.fanPowerW + warm.fanPowerW }
        public var pumpPowerW: Double { chilledPumpW + warmPumpW + rejectionPumpW }
        public var electricalW: Double { chillerPowerW + fanPowerW + pumpPowerW }
        public var unmetW: Double { chilled.unmetW + warm.unmetW }
        public init() {}
    }

    /// Plate heat exchanger between the rejection loop and a served loop, K (`economiser.heat_exchanger_approach`).
    public var heatExchangerApproachK = defaultHeatExchangerApproachK
    public static let defaultHeatExchangerApproachK = 1.5
    /// Chiller staging thresholds (`chillers.stage_up_load`, `stage_down_load`).
    public var stageUpLoad = defaultStageUpLoad, stageDownLoad = defaultStageDownLoad
    public static let defaultStageUpLoad = 0.95
    public static let defaultStageDownLoad = 0.8

    public var chiller: ChillerModel? = nil
    public var chillerUnits = 0
    public var chillerRedundant = 0
    public var airCooledChillers = false
    public var bank: HeatRejectionModel? = nil
    /// How the bank's fans hold condenser water in mechanical mode.
    public var fans = HeatRejectionFanControl()
    public var towerCycles = 0.0
    public var towerCirculatingKgPerS = 0.0
    public var rejectionPump = PumpModel(designPowerW: 0, designHeatW: 0)
    public var chilledSupplyC = 12.0
    public var chilledReturnC = 18.0
    public var chilledPump = PumpModel(designPowerW: 0, designHeatW: 0)
    public var waterSideEconomiser = false
    public var warmSupplyC: Double? = nil
    public var warmReturnC = 0.0
    public var warmPump = PumpModel(designPowerW: 0, designHeatW: 0)
    private var chilledController: EconomiserController
    private var warmController: EconomiserController
    private var staged = (chilled: 0, warm: 0)

    /// A plant of the given configuration (set the properties above), with its economiser
    /// controllers' changeover margin, K; nothing staged yet.
    public init(changeoverMarginK: Double) {
        chilledController = EconomiserController(marginK: changeoverMarginK)
        warmController = EconomiserController(marginK: changeoverMarginK)
    }

    public var usableChillerCapacityW: Double { Double(chillerUnits - chillerRedundant) * (chiller?.referenceCapacityW ?? 0) }
    public var rejectionCapacityW: Double { bank?.totalCapacityW ?? 0 }
    public var hasWarmLoop: Bool { warmSupplyC != nil }

    /// The plant's operating point for one step; `chilledSupplyC` is the chilled-water supply set
    /// point now (a reset's), the design one when nil. The return follows at the design range.
    /// `warmRiseK`: how far the facility water has risen above its set point while short; the
    /// heat rejection works on that warmer water, and so removes more of it.
    public mutating func step(chilledLoadW: Double, warmLoadW: Double, dryBulbC: Double, wetBulbC: Double,
              chilledSupplyC resetSupplyC: Double? = nil, warmRiseK: Double = 0) throws(NumericalError) -> StepResult {
        let supplyC = resetSupplyC ?? chilledSupplyC
        var result = StepResult()
        let total = max(chilledLoadW, 0) + max(warmLoadW, 0)
        let reference = bank?.kind == .coolingTower ? wetBulbC : dryBulbC
        if warmLoadW > 0, let warmSupplyC {
            // The controller and the staging are the loop's state: taken out, stepped, put back.
            var controller = warmController, stage = staged.warm
            defer { warmController = controller; staged.warm = stage }
            result.warm = try solveLoop(loadW: warmLoadW, share: warmLoadW / total, supplyC: warmSupplyC + warmRiseK, returnC: warmReturnC + warmRiseK,
                                        economiser: true, controller: &controller, staged: &stage,
                                        referenceC: reference, dryBulbC: dryBulbC)
            result.warmPumpW = warmPump.powerW(heatW: warmLoadW)
        }
        if chilledLoadW > 0 {
            var controller = chilledController, stage = staged.chilled
            defer { chilledController = controller; staged.chilled = stage }
            result.chilled = try solveLoop(loadW: chilledLoadW, share: chilledLoadW / total, supplyC: supplyC,
                                           returnC: supplyC + chilledReturnC - chilledSupplyC,
                                           economiser: waterSideEconomiser, controller: &controller, staged: &stage,
                                           referenceC: reference, dryBulbC: dryBulbC)
            result.chilledPumpW = chilledPump.powerW(heatW: chilledLoadW)
        }
        let rejected = result.chilled.rejectedW + result.warm.rejectedW
        if let bank, rejected > 0 {
            // Variable-speed condenser (or dry-cooler loop) pumps, flow in proportion to the heat.
            result.rejectionPumpW = rejectionPump.powerW(heatW: rejected)
            if bank.kind == .coolingTower {
                let use = TowerWaterUse.makeUpKgPerS(heatW: rejected, circulatingKgPerS: towerCirculatingKgPerS, cyclesOfConcentration: towerCycles)
                result.waterKgPerS = use.evaporation + use.drift + use.blowdown
            }
        }
        return result
    }

    private func solveLoop(loadW: Double, share: Double, supplyC: Double, returnC: Double, economiser: Bool,
                           controller: inout EconomiserController, staged: inout Int, referenceC: Double,
                           dryBulbC: Double) throws(NumericalError) -> LoopResult {
        var loop = LoopResult()
        let hx = heatExchangerApproachK
        // The bank's share for this loop, seen as a whole bank with the load scaled up.
        func bankHeat(_ heatW: Double) -> Double { heatW / share }
        if let bank, economiser {
            let available = bank.leavingWaterC(heatW: bankHeat(loadW), referenceC: referenceC) + hx
            loop.mode = controller.update(availableC: available, supplyC: supplyC, returnC: returnC)
        } else {
            loop.mode = .mechanical
        }
        guard let bank else {
            // Air-cooled chillers alone (or no heat rejection described: condenser at the dry bulb).
            runChillers(&loop, loadW: loadW, supplyC: supplyC, condenserC: dryBulbC - ChillerModel.airCooledCondenserOffsetK, staged: &staged)
            loop.rejectedW = 0
            return loop
        }
        if loop.mode == .free || chiller == nil {
            let speed = bank.fanSpeed(heatW: bankHeat(loadW), referenceC: referenceC, targetC: supplyC - hx)
            loop.fanPowerW = share * bank.fanPowerW(speed: speed)
            loop.rejectedW = loadW
            if chiller == nil {
                // No chillers: what the outdoors cannot cool below the return temperature is unmet.
                let leaving = bank.leavingWaterC(heatW: bankHeat(loadW), referenceC: referenceC) + hx
                let covered = min(max((returnC - leaving) / (returnC - supplyC), 0), 1)
                loop.unmetW = loadW * (1 - covered)
                if leaving > supplyC { loop.mode = leaving < returnC ? .partial : .mechanical }
            }
            return loop
        }
        if airCooledChillers {
            // Economiser heat exchanger on the bank, chillers rejecting to air.
            let leaving = bank.leavingWaterC(heatW: bankHeat(loadW), referenceC: referenceC) + hx
            let fraction = loop.mode == .partial ? min(max((leaving - supplyC) / (returnC - supplyC), 0), 1) : 1
            loop.fanPowerW = share * bank.fanPowerW(speed: loop.mode == .partial ? 1 : 0)
            loop.rejectedW = loop.mode == .partial ? loadW * (1 - fraction) : 0
            runChillers(&loop, loadW: loadW * fraction, supplyC: supplyC, condenserC: dryBulbC - ChillerModel.airCooledCondenserOffsetK, staged: &staged)
            return loop
        }
        let partial = loop.mode == .partial
        func chillerLoad(_ condenserC: Double) -> Double {
            partial ? loadW * min(max((condenserC + hx - supplyC) / (returnC - supplyC), 0), 1) : loadW
        }
        var probe = loop
        func imbalance(_ condenserC: Double) -> Double {
            var trial = probe
            var trialStage = staged
            runChillers(&trial, loadW: chillerLoad(condenserC), supplyC: supplyC, condenserC: condenserC, staged: &trialStage)
            return bank.overshootK(leavingC: condenserC, heatW: bankHeat(loadW + trial.chillerPowerW), referenceC: referenceC)
        }
        // A bank too small to reject the load with condenser water at the chillers' limit: the
        // chillers unload (head-pressure control) to what it rejects there, and the rest is unmet.
        let limitC = ChillerModel.maximumCondenserC
        guard limitC > referenceC, imbalance(limitC) >= 0 else {
            try unloadToRejection(&loop, chillerLoadW: chillerLoad(limitC), totalLoadW: loadW, supplyC: supplyC, condenserC: limitC,
                                  referenceC: referenceC, share: share, staged: &staged)
            return loop
        }
        // The root lies below the limit; the search keeps its interval of before the limit, so
        // that plants within it give the same iterates, bit for bit.
        // (A bank that rejects everything with its water at the reference itself needs no search.)
        var condenserC = imbalance(referenceC) >= 0
            ? referenceC : try findRoot(in: referenceC...(referenceC + 100), absoluteTolerance: 1e-6, imbalance)
        var speed = 1.0
        // In mechanical mode the fans hold condenser water at `condenser_approach` (the design
        // approach unless given) above the reference (a common reset strategy), and never below
        // `minimum_condenser_water`; in partial mode they run flat out to pre-cool as much as
        // they can.
        let target = max(referenceC + (fans.condenserApproachK ?? bank.designApproachK), fans.minimumCondenserC)
        if !partial && condenserC < target {
            condenserC = target
            probe = loop
            var trialStage = staged
            runChillers(&probe, loadW: loadW, supplyC: supplyC, condenserC: condenserC, staged: &trialStage)
            speed = bank.fanSpeed(heatW: bankHeat(loadW + probe.chillerPowerW), referenceC: referenceC, targetC: condenserC)
        }
        runChillers(&loop, loadW: chillerLoad(condenserC), supplyC: supplyC, condenserC: condenserC, staged: &staged)
        loop.rejectedW = loadW + loop.chillerPowerW
        loop.fanPowerW = share * bank.fanPowerW(speed: speed)
        return loop
    }

    /// Chillers held at `condenserC` (their limit) serving only what the bank rejects there: the
    /// served load L solves  overshoot(condenserC, Q − (Q_ch − L) + P_chiller(L)) = 0  (Brent's
    /// method; Q the loop's load, Q_ch the chillers' share of it), the rest of Q_ch is unmet, and
    /// the bank's fans run flat out.
    private func unloadToRejection(_ loop: inout LoopResult, chillerLoadW: Double, totalLoadW: Double, supplyC: Double, condenserC: Double,
                                   referenceC: Double, share: Double, staged: inout Int) throws(NumericalError) {
        guard let bank else { return }
        let probe = loop
        func overshoot(_ servedW: Double) -> Double {
            var trial = probe
            var trialStage = staged
            runChillers(&trial, loadW: servedW, supplyC: supplyC, condenserC: condenserC, staged: &trialStage)
            // The bank takes the loop's load but what the chillers leave unserved, and their compressors' heat.
            let heatW = totalLoadW - (chillerLoadW - servedW) + trial.chillerPowerW
            return bank.overshootK(leavingC: condenserC, heatW: heatW / share, referenceC: referenceC)
        }
        let served = condenserC <= referenceC || overshoot(0) <= 0
            ? 0 : try findRoot(in: 0...chillerLoadW, absoluteTolerance: 1e-6 * max(chillerLoadW, 1), overshoot)
        runChillers(&loop, loadW: served, supplyC: supplyC, condenserC: condenserC, staged: &staged)
        loop.unmetW += chillerLoadW - served
        loop.rejectedW = totalLoadW - (chillerLoadW - served) + loop.chillerPowerW
        loop.fanPowerW = share * bank.fanPowerW(speed: 1)
    }

    /// Stages chillers (up above `stageUpLoad` of the running units' capacity, 95 % by default;
    /// down when the load would fit the others at `stageDownLoad`, 80 %: the hysteresis keeps units
    /// from short-cycling) and shares the load.
    private func runChillers(_ loop: inout LoopResult, loadW: Double, supplyC: Double, condenserC: Double, staged: inout Int) {
        guard let chiller, loadW > 0 else {
            loop.chillerLoadW = 0
            loop.chillerPowerW = 0
            loop.chillersRunning = 0
            if chiller == nil { loop.unmetW += max(loadW, 0) }
            staged = 0
            return
        }
        let unitCapacity = chiller.availableCapacityW(leavingChilledC: supplyC, enteringCondenserC: condenserC)
        var running = max(staged, 1)
        while running < chillerUnits && loadW > stageUpLoad * Double(running) * unitCapacity { running += 1 }
        while running > 1 && loadW < stageDownLoad * Double(running - 1) * unitCapacity { running -= 1 }
        staged = running
        let served = min(loadW, Double(running) * unitCapacity)
        loop.unmetW += loadW - served
        loop.chillerLoadW = served
        loop.chillersRunning = running
        loop.chillerPowerW = Double(running) * chiller.powerW(loadW: served / Double(running), leavingChilledC: supplyC,
                                                              enteringCondenserC: condenserC)
    }
}


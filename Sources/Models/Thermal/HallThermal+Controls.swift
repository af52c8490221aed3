// What a hall's CRAH and CDU controls can do now, against what is asked of them.
extension HallThermal {
    /// What the CRAH controls can do now against what is asked of them (`SetPointTracker`).
    public struct ControlState: Sendable {
        /// Heat the coils remove at full valve from the room's air now, W (∞ for ideal units).
        public var coilMaximumW: Double
        /// Supply air temperature and its set point, °C.
        public var supplyC: Double, supplyPointC: Double
        /// Fan speed the controller asks for (may exceed 1).
        public var demandedFanSpeed: Double
        /// Whether the fan control lets room air make up the racks' draw on purpose (cold-aisle
        /// control): a deficit is then a limit only when the fans are at full speed.
        public var recirculatesByDesign: Bool
        /// Air the racks draw and the CRAHs deliver, m³/s.
        public var itAirflowM3PerS: Double, crahAirflowM3PerS: Double
        /// Chilled water at the coils, °C.
        public var chilledWaterC: Double
        /// CRAH units running (failed or unpowered ones are not).
        public var crahRunning: Int
        /// Their fans' power, W (its heat enters the room with the racks').
        public var fanPowerW: Double
        /// Rack inlet air now, and the cold-aisle set point when the fans hold one, °C.
        public var inletC: Double
        public var coldAisleSetPointC: Double?
        /// The liquid loop's supply and the set point its CDUs' valves hold, °C (nil: no loop, or
        /// no set point), and the CDUs running.
        public var loopSupplyC: Double
        public var loopSetPointC: Double?
        public var cduRunning: Int
        /// The warmest liquid: the loop's return (supply + heat / flow), or the loop itself when
        /// nothing flows; and the coolant's boiling point (nil: no loop, or no limit), °C.
        public var loopReturnC: Double = -.infinity
        public var coolantBoilingC: Double? = nil
        public init(coilMaximumW: Double, supplyC: Double, supplyPointC: Double, demandedFanSpeed: Double, recirculatesByDesign: Bool,
                    itAirflowM3PerS: Double, crahAirflowM3PerS: Double, chilledWaterC: Double, crahRunning: Int, fanPowerW: Double,
                    inletC: Double, coldAisleSetPointC: Double?, loopSupplyC: Double, loopSetPointC: Double?, cduRunning: Int,
                    loopReturnC: Double = -.infinity, coolantBoilingC: Double? = nil) {
            self.coilMaximumW = coilMaximumW
            self.supplyC = supplyC
            self.supplyPointC = supplyPointC
            self.demandedFanSpeed = demandedFanSpeed
            self.recirculatesByDesign = recirculatesByDesign
            self.itAirflowM3PerS = itAirflowM3PerS
            self.crahAirflowM3PerS = crahAirflowM3PerS
            self.chilledWaterC = chilledWaterC
            self.crahRunning = crahRunning
            self.fanPowerW = fanPowerW
            self.inletC = inletC
            self.coldAisleSetPointC = coldAisleSetPointC
            self.loopSupplyC = loopSupplyC
            self.loopSetPointC = loopSetPointC
            self.cduRunning = cduRunning
            self.loopReturnC = loopReturnC
            self.coolantBoilingC = coolantBoilingC
        }
    }

    public func controlState(itAirflowM3PerS: Double, liquidHeatW: Double = 0) -> ControlState {
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
    public func loopReturnC(liquidHeatW: Double) -> Double {
        guard let loop else { return -.infinity }
        let rate = loop.designHeatRateWPerK * loopFlowFraction
        return rate > 0 ? loopSupplyC + max(liquidHeatW, 0) / rate : loopSupplyC
    }
}

/// Chilled-water supply reset on coil demand: the plant makes its water as warm as the most
/// demanding coil allows, which lengthens economiser hours and lifts the chillers' evaporator.
///
/// A CRAH coil at full valve removes at most ε W (T_r − T_w) (`CoolingCoilModel`: ε its air-side
/// effectiveness, W = ρ c_p V̇ its air, T_r the return air). To hold its supply set point with
/// the racks' heat Q into the air while keeping `headroom` of that capacity in reserve:
///
///     Q ≤ (1 − headroom) ε W (T_r − T_w)   ⇒   T_w ≤ T_r − Q / ((1 − headroom) ε W)
///
/// The supply set point is the smallest of these over the halls, between the design supply and
/// `maximumSupplyC`. It is the steady state of ASHRAE Guideline 36's "trim and respond" reset of
/// chilled-water supply by valve position (§5.20.4), the kind of reset ASHRAE 90.1-2019 §6.5.4.4
/// requires of larger plants, evaluated once per step from the halls then.
public struct ChilledWaterReset: Sendable, Equatable {
    public var designSupplyC: Double
    public var maximumSupplyC: Double
    public var headroom: Double

    public init(designSupplyC: Double, maximumSupplyC: Double, headroom: Double) {
        self.designSupplyC = designSupplyC
        self.maximumSupplyC = max(maximumSupplyC, designSupplyC)
        self.headroom = min(max(headroom, 0), 0.95)
    }

    /// One hall's coils now: return air, heat into the air, the coils' full-valve capacity and
    /// the water they had when it was found.
    public struct Coil: Sendable {
        public var roomC: Double, heatW: Double, maximumW: Double, waterC: Double
        public init(roomC: Double, heatW: Double, maximumW: Double, waterC: Double) {
            self.roomC = roomC
            self.heatW = heatW
            self.maximumW = maximumW
            self.waterC = waterC
        }
    }

    /// The supply set point for `coils`, °C.
    public func supplyC(_ coils: [Coil]) -> Double {
        var warmest = maximumSupplyC
        for coil in coils where coil.heatW > 0 {
            guard coil.maximumW.isFinite else { continue } // ideal units: any water will do
            guard coil.maximumW > 0, coil.roomC > coil.waterC else { return designSupplyC } // no coil running: design water
            let effectiveRate = coil.maximumW / (coil.roomC - coil.waterC) // ε W, W/K
            warmest = min(warmest, coil.roomC - coil.heatW / ((1 - headroom) * effectiveRate))
        }
        return min(max(warmest, designSupplyC), maximumSupplyC)
    }
}

/// What carries a facility through a utility outage: the UPS batteries and the generators, as a
/// value with its state, changed by the utility's failures and repairs, the generators coming
/// online, and each step's battery draw.
///
/// With the utility up, everything runs from it and the batteries recharge. When it fails:
/// - the critical load (IT + PDU + UPS losses) moves to the batteries at once (no UPS or no
///   battery: the critical load is lost);
/// - mechanical loads (CRAH fans, CDU pumps, the plant) and other loads stop: they are not on the
///   UPS, so the halls heat up;
/// - after the generators' start delay everything runs from them, and the batteries recharge;
/// - a battery that empties before then drops the critical load (servers off) until power returns.
///
/// The battery's energy over a step of length dt (docs/models/power-chain.md):
///
///     E ← E + η·P_charge·dt − P_discharge·dt,    P_charge = min(E_max / (t_recharge·η), (E_max − E) / (η·dt))
///
/// so an empty battery refills in `t_recharge` at the charger's full rate, drawing E_max/η from
/// the chain. Depletion is found at the end of the step in which E reaches zero: that step may
/// draw up to one step's energy beyond it (`overdrawJ`, reported), which keeps the books exact
/// rather than inventing a partial step.
public struct BackupPower: Sendable {
    public enum Source: Int, Sendable { case utility = 0, generator = 1, battery = 2, none = 3 }

    /// What changed, for the caller to record (the run turns these into `/events`).
    public enum Transition: Equatable, Sendable {
        /// The utility failed (`started`) or returned; the battery's state of charge then.
        case utilityOutage(started: Bool, stateOfCharge: Double)
        /// The generators took the load; the battery's state of charge then.
        case generatorsOnline(stateOfCharge: Double)
        /// The utility is back and the generators hand the load back to it.
        case generatorsOffline
        case criticalLoadLost(CriticalLoss)
        case criticalLoadRestored
    }

    public enum CriticalLoss: Equatable, Sendable { case noUPS, batteryUnavailable, batteryEmpty }

    public struct Battery: Sendable {
        public var energyJ: Double, rechargeTimeS: Double, chargeEfficiency: Double
        public init(energyJ: Double, rechargeTimeS: Double, chargeEfficiency: Double) {
            self.energyJ = energyJ
            self.rechargeTimeS = rechargeTimeS
            self.chargeEfficiency = chargeEfficiency
        }
    }

    public let battery: Battery?
    /// Generators: their start delay, s, and their total rating, W (nil: none).
    public let generatorStartDelayS: Double?, generatorCapacityW: Double?
    /// Whether a UPS sits between the batteries and the load (no UPS: no ride-through).
    public let hasUPS: Bool
    public private(set) var utilityUp = true
    public private(set) var generatorOnline = false
    /// Critical load dropped by an empty (or absent) battery, until power returns.
    public private(set) var criticalLost = false
    public private(set) var storedJ: Double
    public private(set) var overdrawJ = 0.0

    public init(battery: Battery?, generatorStartDelayS: Double?, generatorCapacityW: Double?, hasUPS: Bool) {
        self.battery = battery
        self.generatorStartDelayS = generatorStartDelayS
        self.generatorCapacityW = generatorCapacityW
        self.hasUPS = hasUPS
        storedJ = battery?.energyJ ?? 0
    }

    public var capacityJ: Double { battery?.energyJ ?? 0 }
    /// Stored energy / capacity (nan: no battery).
    public var stateOfCharge: Double { capacityJ > 0 ? max(storedJ, 0) / capacityJ : .nan }
    /// Whether the non-critical loads (cooling, lighting) have power.
    public var coolingPowered: Bool { utilityUp || generatorOnline }
    public var source: Source {
        if utilityUp { return .utility }
        if generatorOnline { return .generator }
        return criticalLost ? .none : .battery
    }

    /// The utility fails (`up` false) or returns. Returns what changed, and after how long the
    /// generators take the load (a failure, with generators).
    public mutating func setUtility(up: Bool) -> (transitions: [Transition], generatorsOnlineAfterS: Double?) {
        guard up != utilityUp else { return ([], nil) }
        utilityUp = up
        var transitions: [Transition] = [.utilityOutage(started: !up, stateOfCharge: stateOfCharge)]
        if up {
            if generatorOnline {
                generatorOnline = false
                transitions.append(.generatorsOffline)
            }
            transitions += restoreCritical()
            return (transitions, nil)
        }
        if !hasUPS || storedJ <= 0 {
            criticalLost = true
            transitions.append(.criticalLoadLost(hasUPS ? .batteryUnavailable : .noUPS))
        }
        return (transitions, generatorStartDelayS)
    }

    /// The generators reach speed and take the load (if the utility is still out).
    public mutating func bringGeneratorsOnline() -> [Transition] {
        guard !utilityUp, !generatorOnline, generatorStartDelayS != nil else { return [] }
        generatorOnline = true
        return [.generatorsOnline(stateOfCharge: stateOfCharge)] + restoreCritical()
    }

    private mutating func restoreCritical() -> [Transition] {
        guard criticalLost else { return [] }
        criticalLost = false
        return [.criticalLoadRestored]
    }

    /// Power the charger draws over a step of `dt` seconds while the UPS input has power, W.
    public func chargePowerW(dt: Double) -> Double {
        guard let battery, source == .utility || source == .generator, storedJ < battery.energyJ else { return 0 }
        let rate = battery.energyJ / battery.rechargeTimeS / battery.chargeEfficiency
        return min(rate, (battery.energyJ - storedJ) / battery.chargeEfficiency / dt)
    }

    /// A step of `dt` seconds: the charger drew `chargeW`, or the batteries delivered `dischargeW`
    /// to the UPS. Returns the loss of the critical load if the battery ran empty in it.
    public mutating func step(chargeW: Double, dischargeW: Double, dt: Double) -> [Transition] {
        storedJ += (battery?.chargeEfficiency ?? 0) * chargeW * dt - dischargeW * dt
        guard dischargeW > 0, storedJ <= 0, !criticalLost else { return [] }
        overdrawJ += -storedJ
        storedJ = 0
        criticalLost = true
        return [.criticalLoadLost(.batteryEmpty)]
    }
}

import Scenario
import Storage

/// What carries the facility through a utility outage: the UPS batteries and the generators.
///
/// With the utility up, everything runs from it and the batteries recharge. When it fails:
/// - the critical load (IT + PDU + UPS losses) moves to the batteries at once (no UPS or no
///   battery: the critical load is lost);
/// - mechanical loads (CRAH fans, CDU pumps, the plant) and other loads stop: they are not on the
///   UPS, so the halls heat up;
/// - after the generators' start delay everything runs from them, and the batteries recharge;
/// - a battery that empties before then drops the critical load (servers off) until power returns.
///
/// Battery depletion is found at the end of the coupling step in which the stored energy reaches
/// zero: the last step may draw up to one step's energy beyond it (`batteryOverdrawJ`, reported),
/// which keeps the books exact rather than inventing a partial step.
final class BackupPower {
    enum Source: Int { case utility = 0, generator = 1, battery = 2, none = 3 }

    let generators: GeneratorSpec?
    let battery: BatterySpec?
    /// Whether a UPS sits between the batteries and the load (no UPS: no ride-through).
    let hasUPS: Bool
    private(set) var utilityUp = true
    private(set) var generatorOnline = false
    /// Critical load dropped by an empty (or absent) battery, until power returns.
    private(set) var criticalLost = false
    private(set) var storedJ: Double
    private(set) var overdrawJ = 0.0
    /// When cooling last got its power back after losing it (nil: it never lost it).
    private(set) var coolingRestoredAtS: Double? = nil

    init(spec: PowerSpec) {
        generators = spec.generators
        battery = spec.batteries
        hasUPS = spec.ups != nil
        storedJ = spec.batteries?.energyJ ?? 0
    }

    var capacityJ: Double { battery?.energyJ ?? 0 }
    var stateOfCharge: Double { capacityJ > 0 ? max(storedJ, 0) / capacityJ : .nan }
    /// Whether the non-critical loads (cooling, lighting) have power.
    var coolingPowered: Bool { utilityUp || generatorOnline }
    var source: Source {
        if utilityUp { return .utility }
        if generatorOnline { return .generator }
        return criticalLost ? .none : .battery
    }

    /// The utility fails or returns at `timeS`. Returns the events, and when to bring the
    /// generators online (a failure with generators described).
    func setUtility(up: Bool, timeS: Double) -> (records: [FacilityEvent], generatorOnlineAtS: Double?) {
        guard up != utilityUp else { return ([], nil) }
        utilityUp = up
        var records = [FacilityEvent(timeS: timeS, kind: .utilityOutage(started: !up), component: "power/utility",
                                   value: stateOfCharge, message: "battery state of charge (1)")]
        if up {
            if !generatorOnline { coolingRestoredAtS = timeS }
            if generatorOnline {
                generatorOnline = false
                records.append(FacilityEvent(timeS: timeS, kind: .generatorOffline, component: "power/generators", message: "load back on the utility"))
            }
            records += restoreCritical(timeS: timeS)
            return (records, nil)
        }
        if !hasUPS || storedJ <= 0 {
            criticalLost = true
            records.append(FacilityEvent(timeS: timeS, kind: .criticalLoadLost, component: "power/ups", value: 0,
                                       message: hasUPS ? "no battery energy to ride through" : "no UPS: IT loses power with the utility"))
        }
        return (records, generators.map { timeS + $0.startDelayS })
    }

    /// The generators reach speed and take the load (if the utility is still out).
    func bringGeneratorsOnline(timeS: Double) -> [FacilityEvent] {
        guard !utilityUp, !generatorOnline, generators != nil else { return [] }
        generatorOnline = true
        coolingRestoredAtS = timeS
        return [FacilityEvent(timeS: timeS, kind: .generatorOnline, component: "power/generators", value: stateOfCharge,
                            message: "battery state of charge (1) when the generators took the load")]
            + restoreCritical(timeS: timeS)
    }

    private func restoreCritical(timeS: Double) -> [FacilityEvent] {
        guard criticalLost else { return [] }
        criticalLost = false
        return [FacilityEvent(timeS: timeS, kind: .criticalLoadRestored, component: "power/ups", message: "IT has power again")]
    }

    /// Power the charger draws over a step of `dt` seconds while the UPS input has power.
    func chargePowerW(dt: Double) -> Double {
        guard let battery, source == .utility || source == .generator, storedJ < battery.energyJ else { return 0 }
        let rate = battery.energyJ / battery.rechargeTimeS / battery.chargeEfficiency
        return min(rate, (battery.energyJ - storedJ) / battery.chargeEfficiency / dt)
    }

    /// Books a step: charging (`chargeW` drawn) or discharging (`dischargeW` delivered to the
    /// UPS). Returns the event of a battery that ran empty in it.
    func book(chargeW: Double, dischargeW: Double, dt: Double, timeS: Double) -> [FacilityEvent] {
        storedJ += (battery?.chargeEfficiency ?? 0) * chargeW * dt - dischargeW * dt
        guard dischargeW > 0, storedJ <= 0, !criticalLost else { return [] }
        overdrawJ += -storedJ
        storedJ = 0
        criticalLost = true
        return [FacilityEvent(timeS: timeS, kind: .criticalLoadLost, component: "power/ups", value: 0,
                            message: "battery empty before the utility or generators returned")]
    }
}

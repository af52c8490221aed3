import Models
import Scenario

extension BackupPower {
    /// The batteries and generators of `spec`, full at the start.
    init(spec: PowerSpec) {
        self.init(battery: spec.batteries.map { Battery(energyJ: $0.energyJ, rechargeTimeS: $0.rechargeTimeS, chargeEfficiency: $0.chargeEfficiency) },
                  generatorStartDelayS: spec.generators?.startDelayS,
                  generatorCapacityW: spec.generators.map { Double($0.units) * $0.ratingW },
                  hasUPS: spec.ups != nil)
    }
}

extension BackupPower.Transition {
    /// The `/events` row of this change at `timeS`.
    func event(atS timeS: Double) -> FacilityEvent {
        switch self {
        case .utilityOutage(let started, let stateOfCharge):
            return FacilityEvent(timeS: timeS, kind: .utilityOutage(started: started), component: "power/utility",
                                 value: stateOfCharge, message: "battery state of charge (1)")
        case .generatorsOnline(let stateOfCharge):
            return FacilityEvent(timeS: timeS, kind: .generatorOnline, component: "power/generators", value: stateOfCharge,
                                 message: "battery state of charge (1) when the generators took the load")
        case .generatorsOffline:
            return FacilityEvent(timeS: timeS, kind: .generatorOffline, component: "power/generators", message: "load back on the utility")
        case .criticalLoadLost(let loss):
            let why = switch loss {
            case .noUPS: "no UPS: IT loses power with the utility"
            case .batteryUnavailable: "no battery energy to ride through"
            case .batteryEmpty: "battery empty before the utility or generators returned"
            }
            return FacilityEvent(timeS: timeS, kind: .criticalLoadLost, component: "power/ups", value: 0, message: why)
        case .criticalLoadRestored:
            return FacilityEvent(timeS: timeS, kind: .criticalLoadRestored, component: "power/ups", message: "IT has power again")
        }
    }
}

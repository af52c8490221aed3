import Engine
import Numerics
import Scenario
import Storage

/// The units faults act on (CRAHs and CDUs of each hall, the utility feed), and when each fails
/// and is repaired.
///
/// Scheduled faults fail a named unit at `at` and repair it after `duration` (never without).
/// Random faults of a kind give every unit of that kind exponential times to failure with the
/// mean `mtbf` and exponential repair times with the mean `mttr`, each unit drawing from its own
/// seeded stream (`fault/<unit>`), so a unit's history does not depend on the others.
struct FaultPlan {
    struct Unit {
        let name: String
        let hall: Int
        let kind: String
        let number: Int
        var random: (mtbfS: Double, mttrS: Double)?
        var scheduledRepairAfterS: Double?
        var stream: RandomStream?
    }

    private(set) var units: [Unit] = []
    /// First event of each unit: (unit index, time, failing).
    private(set) var initialEvents: [(Int, (at: Double, failing: Bool))] = []

    static func supports(_ component: String) -> Bool {
        component == "crah" || component == "cdu" || component == "utility" || component.contains("/crah-") || component.contains("/cdu-")
    }

    init(spec: ScenarioSpec, model: FacilityThermalModel, engine: inout EventEngine<RunEvent>) {
        func unitIndex(_ name: String, hall: Int, kind: String, number: Int) -> Int {
            if let index = units.firstIndex(where: { $0.name == name }) { return index }
            units.append(Unit(name: name, hall: hall, kind: kind, number: number, random: nil, scheduledRepairAfterS: nil, stream: nil))
            return units.count - 1
        }
        for fault in spec.faults where Self.supports(fault.component) {
            switch fault.trigger {
            case .scheduled(let at, let duration) where fault.component == "utility":
                let index = unitIndex("power/utility", hall: -1, kind: "utility", number: 1)
                units[index].scheduledRepairAfterS = duration
                initialEvents.append((index, (at, true)))
            case .random(let mtbf, let mttr) where fault.component == "utility":
                let index = unitIndex("power/utility", hall: -1, kind: "utility", number: 1)
                let stream = engine.randomStream(named: "fault/power/utility")
                units[index].random = (mtbf, mttr)
                units[index].stream = stream
                initialEvents.append((index, (stream.exponential(mean: mtbf), true)))
            case .scheduled(let at, let duration):
                let parts = fault.component.split(separator: "/")
                guard parts.count == 2, let h = spec.halls.firstIndex(where: { $0.name == parts[0] }) else { continue }
                let unitParts = parts[1].split(separator: "-")
                guard unitParts.count == 2, let number = Int(unitParts[1]) else { continue }
                let index = unitIndex(fault.component, hall: h, kind: String(unitParts[0]), number: number)
                units[index].scheduledRepairAfterS = duration
                initialEvents.append((index, (at, true)))
            case .random(let mtbf, let mttr):
                for (h, hall) in model.halls.enumerated() {
                    let count = fault.component == "crah" ? (hall.idealCRAH ? 0 : hall.crahUnits) : (hall.loop == nil ? 0 : hall.cduUnits)
                    guard count > 0 else { continue }
                    for number in 1...count {
                        let name = "\(hall.name)/\(fault.component)-\(number)"
                        let index = unitIndex(name, hall: h, kind: fault.component, number: number)
                        let stream = engine.randomStream(named: "fault/\(name)")
                        units[index].random = (mtbf, mttr)
                        units[index].stream = stream
                        initialEvents.append((index, (stream.exponential(mean: mtbf), true)))
                    }
                }
            }
        }
    }

    /// Applies a failure or repair and schedules what follows; returns the events to record.
    func apply(_ index: Int, failing: Bool, model: FacilityThermalModel, books: FacilityBooks, engine: inout EventEngine<RunEvent>,
               timeS: Double) -> [FacilityEvent] {
        let backup = books.backup
        let unit = units[index]
        if let random = unit.random, let stream = unit.stream {
            let delay = failing ? stream.exponential(mean: random.mttrS) : stream.exponential(mean: random.mtbfS)
            engine.schedule(.unit(index, failing: !failing), after: delay, priority: -2)
        } else if failing, let repair = unit.scheduledRepairAfterS {
            engine.schedule(.unit(index, failing: false), after: repair, priority: -2)
        }
        if unit.kind == "utility" {
            let change = backup.setUtility(up: !failing, timeS: timeS)
            if let online = change.generatorOnlineAtS { engine.schedule(.generatorsOnline, at: online, priority: -2) }
            let power = books.applyPower(model: model, timeS: timeS)
            model.setPlantWater(books.plantWater)
            if let end = power.restartEndS { engine.schedule(.chillersRestarted, at: end, priority: -2) }
            return change.records + power.records
        }
        let hall = model.halls[unit.hall]
        let changed = unit.kind == "crah" ? hall.setCRAH(unit.number, failed: failing) : hall.setCDU(unit.number, failed: failing)
        guard changed else { return [] }
        let running = unit.kind == "crah" ? hall.crahRunning : hall.cduRunning
        return [FacilityEvent(timeS: timeS, kind: .unit(failed: failing), component: unit.name, value: Double(running),
                            message: "\(unit.kind.uppercased()) units now in service in \(hall.name)")]
    }
}

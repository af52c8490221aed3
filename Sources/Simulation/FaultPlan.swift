import Engine
import Numerics
import Scenario
import Storage

/// The units faults act on (CRAHs and CDUs of each hall, the utility feed), and when each fails
/// and is repaired.
///
/// Scheduled faults fail a named unit (or every unit of a kind: `crah`, `cdu`) at `at` and
/// repair it after `duration` (never without).
/// Random faults of a kind give every unit of that kind exponential times to failure with the
/// mean `mtbf` and exponential repair times with the mean `mttr`, each unit drawing from its own
/// seeded stream (`fault/<unit>`), so a unit's history does not depend on the others.
struct FaultPlan {
    /// A unit faults act on: the utility feed, or a CRAH or CDU of a hall (`number` is 1-based).
    enum Target: Equatable {
        case utility
        case hallUnit(Facility.HallUnitKind, hall: Int, number: Int)
    }

    struct Unit {
        let name: String
        let target: Target
        var random: (mtbfS: Double, mttrS: Double)?
        var stream: RandomStream?
        /// Faults holding the unit down now: it is out while any is (two faults that overlap
        /// end when the later one does).
        var activeFaults = 0
    }

    private(set) var units: [Unit] = []
    /// The events known at the start: each scheduled failure and its repair, and each random
    /// unit's first failure.
    private(set) var initialEvents: [(unit: Int, at: Double, failing: Bool, random: Bool)] = []

    init(facility: Facility, model: FacilityThermalModel, engine: inout EventEngine<RunEvent>) {
        func unitIndex(_ target: Target) -> Int {
            if let index = units.firstIndex(where: { $0.target == target }) { return index }
            let name: String
            switch target {
            case .utility: name = "power/utility"
            case .hallUnit(let kind, let h, let number): name = "\(facility.halls[h].name)/\(kind.rawValue)-\(number)"
            }
            units.append(Unit(name: name, target: target, random: nil, stream: nil))
            return units.count - 1
        }
        /// Every CRAH or CDU the halls have (a hall with ideal CRAHs has none to fail).
        func everyUnit(_ kind: Facility.HallUnitKind) -> [Target] {
            model.halls.indices.flatMap { h -> [Target] in
                let hall = model.halls[h]
                let count = kind == .crah ? (hall.idealCRAH ? 0 : hall.crahUnits) : (hall.loop == nil ? 0 : hall.cduUnits)
                return (0..<count).map { .hallUnit(kind, hall: h, number: $0 + 1) }
            }
        }
        for (fault, target) in facility.faults {
            let targets: [Target]
            switch target {
            case .utility: targets = [.utility]
            case .unit(let kind, let h, let number): targets = [.hallUnit(kind, hall: h, number: number)]
            case .everyUnit(let kind): targets = everyUnit(kind)
            case .notSimulated: targets = []
            }
            for target in targets {
                let index = unitIndex(target)
                switch fault.trigger {
                case .scheduled(let at, let duration):
                    // The repair is scheduled with its failure, so that a unit named by two
                    // faults is repaired after each one's own duration.
                    initialEvents.append((index, at, true, false))
                    if let duration { initialEvents.append((index, at + duration, false, false)) }
                case .random(let mtbf, let mttr):
                    // Each unit draws from its own stream, so its history does not depend on the others.
                    let stream = engine.randomStream(named: "fault/\(units[index].name)")
                    units[index].random = (mtbf, mttr)
                    units[index].stream = stream
                    initialEvents.append((index, stream.exponential(mean: mtbf), true, true))
                }
            }
        }
    }

    /// Applies a failure or repair and schedules what follows; returns the events to record.
    mutating func apply(_ index: Int, failing: Bool, random: Bool, model: FacilityThermalModel, plantAndPower: PlantAndPower, engine: inout EventEngine<RunEvent>,
               timeS: Double) -> [FacilityEvent] {
        let unit = units[index]
        // The unit changes state only when its first fault starts or its last one ends.
        let wasDown = unit.activeFaults > 0
        units[index].activeFaults = max(unit.activeFaults + (failing ? 1 : -1), 0)
        let isDown = units[index].activeFaults > 0
        // A random unit's next event follows from its own stream; a scheduled fault's repair is
        // already in the queue.
        if random, let means = unit.random, let stream = unit.stream {
            let delay = failing ? stream.exponential(mean: means.mttrS) : stream.exponential(mean: means.mtbfS)
            engine.schedule(.unit(index, failing: !failing, random: true), after: delay, priority: RunEventPriority.fault)
        }
        guard isDown != wasDown else { return [] }
        guard case .hallUnit(let kind, let h, let number) = unit.target else {
            let change = plantAndPower.setUtility(up: !failing, timeS: timeS)
            if let online = change.generatorOnlineAtS { engine.schedule(.generatorsOnline, at: online, priority: -2) }
            let power = plantAndPower.applyPower(model: model, timeS: timeS)
            model.setPlantWater(plantAndPower.plantWater)
            if let end = power.restartEndS { engine.schedule(.chillersRestarted, at: end, priority: -2) }
            return change.records + power.records
        }
        let changed = model.setUnit(kind, hall: h, number: number, failed: failing)
        guard changed else { return [] }
        let hall = model.halls[h]
        let running = kind == .crah ? hall.crahRunning : hall.cduRunning
        return [FacilityEvent(timeS: timeS, kind: .unit(failed: failing), component: unit.name, value: Double(running),
                            message: "\(kind.rawValue.uppercased()) units now in service in \(hall.name)")]
    }
}

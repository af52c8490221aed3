import Models
import Foundation

/// Whether each hall's CRAH controls hold what they are asked for, and when they cannot, for
/// how long and by how much (docs/models/hall-thermal.md, "When the set points cannot be held").
///
/// Three limits, each a saturated controller:
/// - **coil at full valve**: the supply air is above its set point by more than
///   `supplyToleranceK`, so the chilled-water valve is fully open and the coil still falls short;
/// - **fans at full speed**: the racks' draw (plus the control margin) asks for more than every
///   running fan at full speed (variable-speed fans only);
/// - **airflow deficit**: the racks draw more air than the CRAHs deliver, so hot room air makes
///   up the difference at the inlets (a limit unless the fan control recirculates by design);
/// - **cold aisle above its set point** (cold-aisle fan control): the rack inlets more than
///   `supplyToleranceK` above the cold-aisle set point;
/// - **CDU at full valve** (CDUs with a supply set point): the loop's supply more than
///   `supplyToleranceK` above it, the facility-water valves open as far as they go;
/// - **CDUs stopped**: a hall with a liquid loop and no CDU running (failed or without power):
///   nothing cools the loop, and its servers heat it until they throttle or shut down;
/// - **coolant above boiling**: the loop's return (its warmest liquid) above the coolant's
///   boiling point at atmospheric pressure: the cold plates would boil, which a single-phase loop
///   model cannot follow, so the numbers past it are not to be trusted.
///
/// Each crossing is an event; the time in each limit is summed per hall and for the facility
/// (some hall in it); and the step with the largest coil shortfall is kept for the warning.
struct SetPointTracker {
    enum Limit: Int, CaseIterable, Sendable {
        case coilAtFullValve, fansAtFullSpeed, airflowDeficit, coldAisleAboveSetPoint, cduAtFullValve, coolantAboveBoiling, cdusStopped

        var eventName: String {
            switch self {
            case .coilAtFullValve: return "coil-at-full-valve"
            case .fansAtFullSpeed: return "crah-fans-at-full-speed"
            case .airflowDeficit: return "airflow-deficit"
            case .coldAisleAboveSetPoint: return "cold-aisle-above-set-point"
            case .cduAtFullValve: return "cdu-at-full-valve"
            case .coolantAboveBoiling: return "coolant-above-boiling"
            case .cdusStopped: return "cdus-stopped"
            }
        }
    }

    /// A supply this far above its set point is not held (the valve is open as far as it goes).
    static let supplyToleranceK = 0.5

    /// The step at which a hall's coils fell furthest short.
    struct Shortfall {
        var heatW: Double, coilMaximumW: Double, chilledWaterC: Double, supplyC: Double, supplyPointC: Double, crahRunning: Int
    }

    let halls: [String]
    private var active: [[Bool]]
    /// Seconds each hall spent in each limit, [limit][hall].
    private(set) var hallSeconds: [[Double]]
    /// Seconds some hall spent in each limit.
    private(set) var facilitySeconds: [Double]
    private(set) var worst: [Shortfall?]
    /// The warmest loop return of each hall while above boiling, °C.
    private(set) var hottestReturnC: [Double?]

    init(halls: [String]) {
        self.halls = halls
        active = Limit.allCases.map { _ in Array(repeating: false, count: halls.count) }
        hallSeconds = active.map { $0.map { _ in 0 } }
        facilitySeconds = Limit.allCases.map { _ in 0 }
        worst = Array(repeating: nil, count: halls.count)
        hottestReturnC = Array(repeating: nil, count: halls.count)
    }

    /// The limits `state` is in.
    static func limits(_ state: HallThermal.ControlState) -> [Limit: Double] {
        var found: [Limit: Double] = [:]
        if state.supplyC > state.supplyPointC + supplyToleranceK { found[.coilAtFullValve] = state.supplyC }
        // With no unit running there are no fans to saturate: that is an airflow deficit.
        if state.crahRunning > 0 && state.demandedFanSpeed > 1 { found[.fansAtFullSpeed] = state.demandedFanSpeed }
        let intended = state.recirculatesByDesign && state.crahRunning > 0 && state.demandedFanSpeed < 1
        if state.itAirflowM3PerS > state.crahAirflowM3PerS * (1 + 1e-9) && !intended {
            found[.airflowDeficit] = state.itAirflowM3PerS - state.crahAirflowM3PerS
        }
        if let point = state.coldAisleSetPointC, state.inletC > point + supplyToleranceK { found[.coldAisleAboveSetPoint] = state.inletC }
        if let point = state.loopSetPointC, state.cduRunning > 0, state.loopSupplyC > point + supplyToleranceK { found[.cduAtFullValve] = state.loopSupplyC }
        if let boiling = state.coolantBoilingC, state.loopReturnC > boiling { found[.coolantAboveBoiling] = state.loopReturnC }
        if state.loopReturnC > -.infinity && state.cduRunning == 0 { found[.cdusStopped] = state.loopSupplyC }
        return found
    }

    /// Takes every hall's state at the end of a step of `dt` seconds; returns the crossings.
    mutating func update(states: [HallThermal.ControlState], heatToAirW: [Double], timeS: Double, dt: Double) -> [FacilityEvent] {
        var events: [FacilityEvent] = []
        var anyHall = Limit.allCases.map { _ in false }
        for (h, state) in states.enumerated() {
            let found = Self.limits(state)
            for limit in Limit.allCases {
                let isIn = found[limit] != nil
                if isIn {
                    hallSeconds[limit.rawValue][h] += dt
                    anyHall[limit.rawValue] = true
                }
                guard isIn != active[limit.rawValue][h] else { continue }
                active[limit.rawValue][h] = isIn
                events.append(FacilityEvent(timeS: timeS, kind: .controlLimit(limit, reached: isIn), component: "\(halls[h])/\([.cduAtFullValve, .coolantAboveBoiling, .cdusStopped].contains(limit) ? "cdu" : "crah")",
                                            value: found[limit] ?? .nan, message: Self.message(limit, state, reached: isIn)))
            }
            if let value = found[.coolantAboveBoiling] { hottestReturnC[h] = max(hottestReturnC[h] ?? value, value) }
            let shortfall = heatToAirW[h] - state.coilMaximumW
            if found[.coilAtFullValve] != nil, shortfall > (worst[h].map { $0.heatW - $0.coilMaximumW } ?? 0) {
                worst[h] = Shortfall(heatW: heatToAirW[h], coilMaximumW: state.coilMaximumW, chilledWaterC: state.chilledWaterC,
                                     supplyC: state.supplyC, supplyPointC: state.supplyPointC, crahRunning: state.crahRunning)
            }
        }
        for limit in Limit.allCases where anyHall[limit.rawValue] { facilitySeconds[limit.rawValue] += dt }
        return events
    }

    private static func message(_ limit: Limit, _ state: HallThermal.ControlState, reached: Bool) -> String {
        guard reached else { return "held again" }
        switch limit {
        case .coilAtFullValve:
            return String(format: "supply %.1f degC above its %.1f degC set point: the coils at full valve on %.1f degC water remove %.0f kW",
                          state.supplyC - state.supplyPointC, state.supplyPointC, state.chilledWaterC, state.coilMaximumW / 1000)
        case .fansAtFullSpeed:
            return String(format: "the racks ask for %.0f %% of the running fans' full airflow", 100 * state.demandedFanSpeed)
        case .airflowDeficit:
            return String(format: "racks draw %.1f m3/s, CRAHs deliver %.1f m3/s: room air makes up the rest",
                          state.itAirflowM3PerS, state.crahAirflowM3PerS)
        case .coldAisleAboveSetPoint:
            return String(format: "rack inlets at %.1f degC, above the %.1f degC cold-aisle set point", state.inletC, state.coldAisleSetPointC ?? .nan)
        case .cduAtFullValve:
            return String(format: "liquid loop supply at %.1f degC, above its %.1f degC set point: the CDUs' valves are fully open",
                          state.loopSupplyC, state.loopSetPointC ?? .nan)
        case .cdusStopped:
            return String(format: "no CDU running: the liquid loop, at %.1f degC, is not cooled", state.loopSupplyC)
        case .coolantAboveBoiling:
            return String(format: "liquid loop return at %.1f degC, above the coolant's %.0f degC boiling point at atmospheric pressure",
                          state.loopReturnC, state.coolantBoilingC ?? .nan)
        }
    }

    /// One sentence per hall that could not be held, naming the cause with numbers.
    func warnings(hoursOutsideRecommended: Double) -> [String] {
        var lines: [String] = []
        for (h, hall) in halls.enumerated() {
            let coilHours = hallSeconds[Limit.coilAtFullValve.rawValue][h] / 3600
            let fanHours = hallSeconds[Limit.fansAtFullSpeed.rawValue][h] / 3600
            let deficitHours = hallSeconds[Limit.airflowDeficit.rawValue][h] / 3600
            var causes: [String] = []
            if coilHours > 0, let worst = worst[h], worst.crahRunning == 0 {
                causes.append(String(format: "no CRAH running (failed or without power) for %@ of heat: supply above its %.1f °C set point for %@",
                                     Self.power(worst.heatW), worst.supplyPointC, Self.hours(coilHours)))
            } else if coilHours > 0, let worst = worst[h] {
                causes.append(String(format: "CRAH coils on %.1f °C water deliver %@ for %@ of heat: supply above its %.1f °C set point for %@",
                                     worst.chilledWaterC, Self.power(worst.coilMaximumW), Self.power(worst.heatW), worst.supplyPointC,
                                     Self.hours(coilHours)))
            }
            if fanHours > 0 { causes.append("CRAH fans at full speed short of the racks' draw for \(Self.hours(fanHours))") }
            if deficitHours > 0 { causes.append("racks draw more air than the CRAHs deliver for \(Self.hours(deficitHours))") }
            let coldAisleHours = hallSeconds[Limit.coldAisleAboveSetPoint.rawValue][h] / 3600
            if coldAisleHours > 0 { causes.append("rack inlets above the cold-aisle set point for \(Self.hours(coldAisleHours))") }
            let cduHours = hallSeconds[Limit.cduAtFullValve.rawValue][h] / 3600
            if cduHours > 0 { causes.append("CDUs at full valve with the liquid loop above its supply set point for \(Self.hours(cduHours))") }
            let stoppedHours = hallSeconds[Limit.cdusStopped.rawValue][h] / 3600
            if stoppedHours > 0 {
                causes.append("no CDU running (failed or without power) for \(Self.hours(stoppedHours)): the liquid loop was not cooled, "
                              + "and its servers throttled or shut down on their own heat")
            }
            let boilingHours = hallSeconds[Limit.coolantAboveBoiling.rawValue][h] / 3600
            if boilingHours > 0, let peak = hottestReturnC[h] {
                causes.append(String(format: "liquid loop return above the coolant's boiling point for %@ (up to %.1f °C): the cold plates would boil, "
                                     + "and the figures after it assume they do not", Self.hours(boilingHours), peak))
            }
            guard !causes.isEmpty else { continue }
            let consequence = hoursOutsideRecommended > 0
                ? "; rack inlets outside ASHRAE recommended (18-27 °C) for \(Self.hours(hoursOutsideRecommended))" : ""
            lines.append("\(hall): set points not held: " + causes.joined(separator: "; ") + consequence)
        }
        return lines
    }

    private static func power(_ watts: Double) -> String {
        watts >= 1e6 ? String(format: "%.2f MW", watts / 1e6) : String(format: "%.0f kW", watts / 1e3)
    }

    /// Hours as the warnings write them (minutes or seconds below an hour, thousands grouped).
    static func hours(_ hours: Double) -> String {
        if hours < 1 { return hours * 60 >= 1 ? String(format: "%.0f min", hours * 60) : String(format: "%.0f s", hours * 3600) }
        guard hours >= 10 else { return String(format: "%.1f h", hours) }
        // Thousands grouped by hand: the text is stored in the file, so no locale may change it.
        var digits = String(Int(hours.rounded())), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " h"
    }
}

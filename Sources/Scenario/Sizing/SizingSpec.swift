// `sizing:` and the values chosen for keys written as `autosize`.

/// A scenario value that is either given or left to the sizing step.
public enum Sizable: Sendable, Equatable {
    case value(Double)
    case autosize

    /// The word a scenario writes instead of a number.
    public static let keyword = "autosize"

    /// The given value; nil when it is to be autosized.
    public var given: Double? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// A key the scenario left to the sizing step. Each names the spec field it fills.
public enum AutosizeTarget: Sendable, Equatable {
    case crahCapacity(group: Int)
    case crahAirflow(group: Int)
    case cduCapacity(group: Int)
    case chillerCapacity
    case towerCapacity
    case towerPump
    case dryCoolerCapacity
    case dryCoolerPump
    case chilledWaterPump
    case facilityWaterPump
    case upsModuleRating
    case transformerRating

    /// The scenario key path the value stands for.
    public var keyPath: String {
        switch self {
        case .crahCapacity(let g): return "cooling.crah[\(g)].capacity"
        case .crahAirflow(let g): return "cooling.crah[\(g)].airflow"
        case .cduCapacity(let g): return "cooling.cdu[\(g)].capacity"
        case .chillerCapacity: return "cooling.chillers.capacity"
        case .towerCapacity: return "cooling.towers.capacity"
        case .towerPump: return "cooling.towers.pump_power"
        case .dryCoolerCapacity: return "cooling.dry_coolers.capacity"
        case .dryCoolerPump: return "cooling.dry_coolers.pump_power"
        case .chilledWaterPump: return "cooling.chilled_water.pump_power"
        case .facilityWaterPump: return "cooling.facility_water.pump_power"
        case .upsModuleRating: return "power.ups.module_rating"
        case .transformerRating: return "power.transformers.rating"
        }
    }

    /// The order the sizing step fills them in: hall units first, then the plant that serves
    /// them, then the power chain that feeds both.
    var stage: Int {
        switch self {
        case .crahAirflow: return 0
        case .crahCapacity, .cduCapacity: return 1
        case .chillerCapacity, .chilledWaterPump, .facilityWaterPump: return 2
        case .towerCapacity, .dryCoolerCapacity: return 3
        case .towerPump, .dryCoolerPump: return 4
        case .upsModuleRating: return 5
        case .transformerRating: return 6
        }
    }
}

/// `sizing:`: how autosized values are chosen.
public struct SizingSpec: Sendable {
    /// Added to each design load before it is divided among the units that carry it.
    public var margin = 0.1
    /// The annual fraction of hours the design day's dry and wet bulbs are exceeded (ASHRAE's
    /// 0.4 % cooling and evaporation design conditions by default).
    public var exceedance = 0.004
    /// The keys written as `autosize`, in file order.
    public var targets: [AutosizeTarget] = []
    /// What the sizing step chose (empty until it has run, or when nothing is autosized).
    public var sized: [SizedValue] = []
    /// The outdoor design conditions used (nil when nothing was autosized).
    public var design: DesignConditions?

    public init() {}
}

/// One autosized value, for the output file and the printed summary.
public struct SizedValue: Sendable, Equatable {
    public var keyPath: String
    /// In the SI unit of `unit`.
    public var value: Double
    /// UDUNITS symbol: "W" or "m3 s-1".
    public var unit: String
    /// How it was chosen, with the numbers: "hall-a air heat 812 kW × 1.10 / 7 units".
    public var basis: String
}

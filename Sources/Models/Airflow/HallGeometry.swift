/// The plan of an air-cooled hall as its airflow model sees it: rows of racks facing alternately
/// into cold and hot aisles, the cooling units that supply and take back the air, containment with
/// its leakage, the raised floor and its tiles, and the ceiling (docs/models/hall-airflow.md).
///
/// Rows run along x. Row 1 faces +y, row 2 faces −y into the same cold aisle, row 3 +y again
/// behind a hot aisle, and so on: the hot-aisle/cold-aisle arrangement of ASHRAE TC 9.9. Racks
/// take air over their whole front face and blow it out of their rear face (front-to-back
/// servers); blanking panels close their open slots (`blanked`), so no air passes through a rack.
public struct HallGeometry: Sendable, Equatable {
    public enum Containment: String, Sendable, CaseIterable {
        case none
        case coldAisle = "cold-aisle"
        case hotAisle = "hot-aisle"
    }

    /// Where cooling units put their cold air.
    /// - downflow: perimeter units at the ends of the aisles blow into a raised-floor plenum;
    ///   perforated tiles in the cold aisles let it up; units take their return air over their top.
    /// - inRow: units standing in the rows between racks draw from the hot aisle and blow into the
    ///   cold aisle (no raised floor).
    /// - wall: perimeter units at the ends of the aisles throw their air horizontally along the
    ///   cold aisles at low level and take their return air over their top (no raised floor).
    public enum Discharge: String, Sendable, CaseIterable {
        case downflow
        case inRow = "in-row"
        case wall
    }

    /// An empty rack position: after rack `afterRack` (0: before the first) of row `row` (1-based).
    public struct Gap: Sendable, Equatable {
        public var row: Int
        public var afterRack: Int
        public init(row: Int, afterRack: Int) {
            self.row = row
            self.afterRack = afterRack
        }
    }

    /// The walls of the plan: west and east face the ends of the rows (the aisles point at them),
    /// south and north run along the rows.
    public enum Wall: String, Sendable, CaseIterable {
        case west, east, south, north
    }

    /// Where a unit stands: a perimeter unit (downflow or wall discharge) against `wall`, its
    /// middle at `at` of the wall's length (0 at the south or west end, 1 at the north or east
    /// end); an in-row cooler in row `row` (1-based) after `afterRack` of its racks (0: first).
    public enum UnitPlacement: Sendable, Equatable {
        case wall(Wall, at: Double)
        case inRow(row: Int, afterRack: Int)

        var wall: Wall? {
            if case .wall(let wall, _) = self { wall } else { nil }
        }

        /// "west wall at 25 %", "row 2 after rack 5".
        public var description: String {
            switch self {
            case .wall(let wall, let at): "\(wall.rawValue) wall at \(Int((100 * at).rounded())) %"
            case .inRow(let row, let after): "row \(row) after rack \(after)"
            }
        }
    }

    public var rows: Int
    public var racksPerRow: Int
    public var gaps: [Gap]
    /// The units' places, crah-1 first; nil: perimeter units alternate between the west and east
    /// ends, spread evenly across the hall at each end, and in-row coolers go round the rows
    /// (crah-1 in row 1, crah-2 in row 2, ...), spread evenly through each.
    public var unitPlacements: [UnitPlacement]?
    public var coolerUnits: Int
    public var discharge: Discharge
    public var containment: Containment
    /// Open area through each contained aisle's roof and doors (gaps, cable cut-outs), m².
    public var leakageAreaM2: Double
    /// Whether a contained hot aisle returns through a ceiling plenum ducted to the units (its
    /// roof is then the units' return grille).
    public var ductedReturn: Bool
    public var rackWidthM: Double, rackDepthM: Double, rackHeightM: Double
    public var coldAisleWidthM: Double, hotAisleWidthM: Double
    /// Free floor between the row ends and the perimeter units (or the walls), m.
    public var endClearanceM: Double
    public var ceilingHeightM: Double
    public var raisedFloorDepthM: Double
    /// Open-area fraction of a perforated tile (0.25 for the common 25 % tile).
    public var tileOpenArea: Double

    /// Defaults (docs/models/hall-airflow.md): 600 × 1200 × 2000 mm racks (42-48 U), 1.2 m
    /// (two-tile) aisles, a 3 m ceiling, a 600 mm raised floor with 25 % tiles, 1.2 m at the row
    /// ends; 0.5 m² of leakage per contained aisle (doors and roof panels, an estimate).
    public init(rows: Int, racksPerRow: Int, coolerUnits: Int, discharge: Discharge = .downflow, containment: Containment = .none,
                gaps: [Gap] = [], leakageAreaM2: Double = 0.5, ductedReturn: Bool = true,
                rackWidthM: Double = 0.6, rackDepthM: Double = 1.2, rackHeightM: Double = 2.0,
                coldAisleWidthM: Double = 1.2, hotAisleWidthM: Double = 1.2, endClearanceM: Double = 1.2,
                ceilingHeightM: Double = 3.0, raisedFloorDepthM: Double = 0.6, tileOpenArea: Double = 0.25) {
        self.rows = rows
        self.racksPerRow = racksPerRow
        self.gaps = gaps
        self.coolerUnits = coolerUnits
        self.discharge = discharge
        self.containment = containment
        self.leakageAreaM2 = leakageAreaM2
        self.ductedReturn = ductedReturn
        self.rackWidthM = rackWidthM
        self.rackDepthM = rackDepthM
        self.rackHeightM = rackHeightM
        self.coldAisleWidthM = coldAisleWidthM
        self.hotAisleWidthM = hotAisleWidthM
        self.endClearanceM = endClearanceM
        self.ceilingHeightM = ceilingHeightM
        self.raisedFloorDepthM = raisedFloorDepthM
        self.tileOpenArea = tileOpenArea
    }

    public var rackCount: Int { rows * racksPerRow }

    /// The same plan with the default unit placements.
    public var withoutPlacements: HallGeometry {
        var plan = self
        plan.unitPlacements = nil
        return plan
    }

    /// What is wrong with the plan, or nil (the scenario reader reports it against its keys).
    public var problem: String? {
        if rows < 1 || racksPerRow < 1 { return "a hall needs at least one row of one rack" }
        if coolerUnits < 1 { return "the airflow model needs at least one cooling unit (cooling.crah)" }
        if ceilingHeightM < rackHeightM + 0.3 { return "the ceiling must stand at least 0.3 m above the racks" }
        if tileOpenArea <= 0 || tileOpenArea > 0.9 { return "tile open area must lie in (0, 0.9]" }
        if let gap = gaps.first(where: { !(1...rows).contains($0.row) || !(0...racksPerRow).contains($0.afterRack) }) {
            return "gap after rack \(gap.afterRack) of row \(gap.row) lies outside the \(rows) × \(racksPerRow) racks"
        }
        if let placements = unitPlacements {
            if placements.count != coolerUnits {
                return "the plan places \(placements.count) units, but the hall has \(coolerUnits) CRAH units (cooling.crah)"
            }
            for placement in placements {
                switch (placement, discharge) {
                case (.wall, .inRow):
                    return "in-row coolers stand in the rows: place them with {row: <n>, after_rack: <k>}, not on a wall"
                case (.inRow, .downflow), (.inRow, .wall):
                    return "\(discharge.rawValue) units stand at the walls: place them with {wall: <wall>, at: <fraction>}, not in a row"
                case (.wall(_, let at), _) where !(0...1).contains(at):
                    return "a unit's place along its wall must lie in 0...1"
                case (.inRow(let row, let after), _) where !(1...rows).contains(row) || !(0...racksPerRow).contains(after):
                    return "an in-row cooler after rack \(after) of row \(row) lies outside the \(rows) × \(racksPerRow) racks"
                default: continue
                }
            }
        }
        for dimension in [rackWidthM, rackDepthM, rackHeightM, coldAisleWidthM, hotAisleWidthM, ceilingHeightM] where dimension <= 0 {
            return "every dimension must be positive"
        }
        return nil
    }
}

/// A hall's air space as a coarse Cartesian grid of cells (one rack wide along the rows, 0.6 m
/// across them, 0.5 m high), with the racks and cooling units as solid blocks, containment panels
/// as faces that pass only their leakage, and the places where air enters or leaves the room:
/// rack fronts and rears, tiles, unit returns and discharges ("terminals").
///
/// The grid is built once per hall; an operating point only sets the flows at the terminals.
public struct AirflowGrid: Sendable {
    /// Who moves the air at a terminal.
    public enum Owner: Sendable, Equatable {
        case rackIntake(Int), rackExhaust(Int)
        /// Where a rack at a row end draws part of its air from round the end: the hot aisle's
        /// cells beyond it (`FittedTerms.rowEndWrapShare`).
        case rackWrap(Int)
        case tile(Int)
        /// The part of a tile's air its jet carries to the top of the cold aisle (`HallAirflow`).
        case tileJet(Int)
        case coolerReturn(Int), coolerSupply(Int)
        /// The ceiling return of contained hot aisles, ducted to every unit.
        case ductReturn
    }

    /// A face through which the owner's air crosses into (source) or out of (sink) `cell`; `share`
    /// is this face's part of the owner's flow.
    public struct Terminal: Sendable {
        public let cell: Int
        public let owner: Owner
        public let share: Double
    }

    public struct RackPlacement: Sendable {
        public let row: Int, x: Int, y: Range<Int>
        public let facesPositiveY: Bool
        /// The y of the cells in front of the rack (where it draws) and behind it (where it blows).
        public var frontY: Int { facesPositiveY ? y.upperBound : y.lowerBound - 1 }
        public var rearY: Int { facesPositiveY ? y.lowerBound - 1 : y.upperBound }
    }

    /// A perimeter unit's footprint (downflow and wall units) or its slot in a row (in-row).
    public struct CoolerPlacement: Sendable {
        public let x: Range<Int>, y: Range<Int>
    }

    public let geometry: HallGeometry
    public let nx: Int, ny: Int, nz: Int
    public let dx: Double, dy: Double, dz: Double
    /// Layers the racks fill.
    public let rackLayers: Int
    public private(set) var solid: [Bool]
    /// Open fraction of each face: 1 open air, 0 wall, the leakage fraction on containment panels.
    /// x-faces lie between cells (x, y, z) and (x + 1, y, z), and so on.
    public private(set) var openX: [Double], openY: [Double], openZ: [Double]
    public private(set) var terminals: [Terminal] = []
    public private(set) var racks: [RackPlacement] = []
    public private(set) var coolers: [CoolerPlacement] = []
    /// Where each unit stands, crah-1 first: the plan's placements, or the default rule's.
    public private(set) var unitPlacements: [HallGeometry.UnitPlacement] = []
    /// Tiles: plan cells (x + nx·y) of the cold aisles' floor, in order.
    public private(set) var tileCells: [Int] = []
    /// Whether each rack has a `rackWrap` terminal: an open side (a row end or a gap) with air
    /// behind it, through a containment door or not (`wrapDoor`).
    public private(set) var wrapsRoundRowEnd: [Bool] = []
    /// A contained aisle's end door: the end racks beside it, whose wrap passes it, and its part
    /// of its aisle's leakage area (the rest is the other door, and the roof unless it is ducted).
    public struct ContainmentDoor: Sendable {
        /// Index into `containedAisleCells`.
        public let aisle: Int
        public let racks: [Int]
        /// A cold aisle's door passes air in, a hot aisle's out.
        public let cold: Bool
        public let shareOfLeakage: Double
    }
    public private(set) var containmentDoors: [ContainmentDoor] = []
    /// The cells inside each contained aisle: between its rows, under its roof, within its doors.
    public private(set) var containedAisleCells: [Set<Int>] = []
    /// For each rack, the door in `containmentDoors` its wrap passes, if any.
    public private(set) var wrapDoor: [Int?] = []
    /// Plan cells (x + nx·y) of the open (uncontained) hot aisles between the row ends.
    public private(set) var hotAisleCells: [Int] = []
    /// The y-faces, at rack height, between an open hot aisle and a gap in the row beside it.
    public private(set) var gapMouthFaces: [Int] = []

    public static let cellAcrossM = 0.6, cellHeightM = 0.5

    public func cell(_ x: Int, _ y: Int, _ z: Int) -> Int { x + nx * (y + ny * z) }
    public var cellCount: Int { nx * ny * nz }
    func xFace(_ x: Int, _ y: Int, _ z: Int) -> Int { x + (nx - 1) * (y + ny * z) }
    func yFace(_ x: Int, _ y: Int, _ z: Int) -> Int { x + nx * (y + (ny - 1) * z) }
    func zFace(_ x: Int, _ y: Int, _ z: Int) -> Int { x + nx * (y + ny * z) }

    /// The air volume of the plan's box (floor to ceiling over the grid), m³.
    public static func roomVolumeM3(_ geometry: HallGeometry) -> Double {
        let grid = AirflowGrid(geometry)
        return Double(grid.nx) * grid.dx * Double(grid.ny) * grid.dy * Double(grid.nz) * grid.dz
    }

    private static func cells(_ lengthM: Double, _ sizeM: Double) -> Int { max(1, Int((lengthM / sizeM).rounded())) }

    /// Each row's in-row coolers: after how many of its racks each stands, and which unit it is.
    /// Placed where the plan says; else crah-1 in row 1, crah-2 in row 2, ..., round the rows,
    /// spread evenly through each. Empty unless the discharge is in-row.
    private static func inRowCoolers(_ g: HallGeometry) -> [[(after: Int, unit: Int)]] {
        var rows = Array(repeating: [(after: Int, unit: Int)](), count: g.rows)
        guard g.discharge == .inRow else { return rows }
        guard let placements = g.unitPlacements else {
            for r in 0..<g.rows {
                let units = Array(stride(from: r, to: g.coolerUnits, by: g.rows))
                for (j, u) in units.enumerated() {
                    rows[r].append((Int((Double(g.racksPerRow * (j + 1)) / Double(units.count + 1)).rounded()), u))
                }
            }
            return rows
        }
        for (u, placement) in placements.enumerated() {
            // A plan that `problem` refuses still lays out: misplaced units are left out.
            if case .inRow(let row, let after) = placement, u < g.coolerUnits, (1...g.rows).contains(row) { rows[row - 1].append((after, u)) }
        }
        return rows
    }

    public init(_ g: HallGeometry) {
        geometry = g
        dx = g.rackWidthM
        dy = Self.cellAcrossM
        dz = Self.cellHeightM
        rackLayers = Self.cells(g.rackHeightM, dz)
        nz = max(rackLayers + 1, Self.cells(g.ceilingHeightM, dz))
        let depth = Self.cells(g.rackDepthM, dy), cold = Self.cells(g.coldAisleWidthM, dy), hot = Self.cells(g.hotAisleWidthM, dy)
        // Across the rows: units against the south wall, if any; an aisle behind row 1, then row,
        // aisle, row, ... (module doc); units against the north wall, if any.
        let unitDepth = Self.cells(1.2, dy)
        let southBand = g.unitPlacements?.contains { $0.wall == .south } == true ? unitDepth : 0
        let northBand = g.unitPlacements?.contains { $0.wall == .north } == true ? unitDepth : 0
        var rowY: [Range<Int>] = [], aisles: [(y: Range<Int>, cold: Bool)] = []
        var y = southBand
        for row in 0..<g.rows {
            let facesUp = row % 2 == 0
            if row == 0 {
                aisles.append((y..<(y + (facesUp ? hot : cold)), !facesUp))
                y = aisles[0].y.upperBound
            }
            rowY.append(y..<(y + depth))
            y += depth
            // The aisle in front of a row facing +y is cold; behind it, hot.
            let isCold = facesUp
            let width = isCold ? cold : hot
            aisles.append((y..<(y + width), isCold))
            y += width
        }
        ny = y + northBand
        // Along the rows: perimeter units, clearance, the longest row, clearance, units.
        let perimeter = g.discharge == .inRow ? 0 : Self.cells(1.2, dx)
        let clearance = Self.cells(g.endClearanceM, dx)
        let rowCoolers = Self.inRowCoolers(g)
        let rowSlots = (0..<g.rows).map { r in g.racksPerRow + g.gaps.filter { $0.row == r + 1 }.count + rowCoolers[r].count }
        let rowStart = perimeter + clearance
        nx = rowStart + (rowSlots.max() ?? 1) + clearance + perimeter
        solid = Array(repeating: false, count: nx * ny * nz)
        openX = Array(repeating: 1, count: (nx - 1) * ny * nz)
        openY = Array(repeating: 1, count: nx * (ny - 1) * nz)
        openZ = Array(repeating: 1, count: nx * ny * (nz - 1))

        // Rows: racks, gaps and in-row units in slot order.
        var inRowCoolers = Array(repeating: (x: 0, row: 0), count: g.discharge == .inRow ? g.coolerUnits : 0)
        for r in 0..<g.rows {
            var kinds: [Int] = []   // 1 rack, 0 gap, 2 + u in-row unit u
            for k in 0...g.racksPerRow {
                if k > 0 { kinds.append(1) }
                kinds += Array(repeating: 0, count: g.gaps.filter { $0.row == r + 1 && $0.afterRack == k }.count)
            }
            // Each in-row unit right after the rack it follows.
            for (after, u) in rowCoolers[r] {
                var seen = 0, position = 0
                while position < kinds.count && seen < after { if kinds[position] == 1 { seen += 1 }; position += 1 }
                kinds.insert(2 + u, at: position)
            }
            // A gap's mouth on an open hot aisle, at rack height (`applyJetMomentum`).
            for (slot, kind) in kinds.enumerated() where kind == 0 && g.containment != .hotAisle {
                let y = r % 2 == 0 ? rowY[r].lowerBound - 1 : rowY[r].upperBound - 1
                for z in 0..<rackLayers { gapMouthFaces.append(yFace(rowStart + slot, y, z)) }
            }
            for (slot, kind) in kinds.enumerated() where kind != 0 {
                let x = rowStart + slot
                for yy in rowY[r] { for z in 0..<rackLayers { solid[cell(x, yy, z)] = true } }
                if kind == 1 { racks.append(RackPlacement(row: r, x: x, y: rowY[r], facesPositiveY: r % 2 == 0)) }
                else { inRowCoolers[kind - 2] = (x, r) }
            }
        }
        let rowEnd = rowStart + (rowSlots.max() ?? 1)
        // Rack faces: intake over the front, exhaust over the rear, shared evenly by layer.
        for (i, rack) in racks.enumerated() {
            let front = rack.frontY, rear = rack.rearY
            for z in 0..<rackLayers {
                terminals.append(Terminal(cell: cell(rack.x, front, z), owner: .rackIntake(i), share: 1 / Double(rackLayers)))
                terminals.append(Terminal(cell: cell(rack.x, rear, z), owner: .rackExhaust(i), share: 1 / Double(rackLayers)))
            }
        }
        // Row ends: a rack with open air beside it draws part of its air round that side from the
        // hot aisle's cells there. Beyond a contained aisle's end door (a gap within a contained
        // row has none) it draws only what the door passes (`HallAirflow.wrapShares`): a cold
        // aisle's shortfall coming in, a hot aisle's surplus going out. `doorSide`: -1 west, +1 east.
        var doorSide: [Int?] = []
        for (i, rack) in racks.enumerated() {
            let rear = rack.rearY
            var wrap: [Int] = [], side: Int? = nil
            for x in [rack.x - 1, rack.x + 1] where x >= 0 && x < nx && !solid[cell(x, rack.y.lowerBound, 0)] {
                let beyondDoor = g.containment != .none && (x < rowStart || x >= rowEnd)
                if beyondDoor { side = x < rowStart ? -1 : 1 }
                for z in 0..<rackLayers where !solid[cell(x, rear, z)] { wrap.append(cell(x, rear, z)) }
            }
            for c in wrap { terminals.append(Terminal(cell: c, owner: .rackWrap(i), share: 1 / Double(wrap.count))) }
            wrapsRoundRowEnd.append(!wrap.isEmpty)
            doorSide.append(wrap.isEmpty ? nil : side)
        }
        wrapDoor = Array(repeating: nil, count: racks.count)
        // Containment: roof and end doors of each contained aisle pass only their leakage.
        let containedCold = g.containment == .coldAisle, containedHot = g.containment == .hotAisle
        var ductCells: [Int] = []
        for aisle in aisles where (aisle.cold && containedCold) || (!aisle.cold && containedHot) {
            let roofM2 = Double(rowEnd - rowStart) * dx * Double(aisle.y.count) * dy
            let doorsM2 = 2 * Double(aisle.y.count) * dy * Double(rackLayers) * dz
            let leak = min(1, max(g.leakageAreaM2 / (roofM2 + doorsM2), 1e-4))
            let ducted = containedHot && g.ductedReturn && g.discharge != .inRow
            // The racks drawing from a contained cold aisle, or blowing into a contained hot one.
            let opening = racks.indices.filter { aisle.y.contains(aisle.cold ? racks[$0].frontY : racks[$0].rearY) }
            containedAisleCells.append(Set(aisle.y.flatMap { yy in (rowStart..<rowEnd).flatMap { x in (0..<rackLayers).map { cell(x, yy, $0) } } }))
            for side in [-1, 1] {
                let beside = opening.filter { doorSide[$0] == side }
                guard !beside.isEmpty else { continue }
                for i in beside { wrapDoor[i] = containmentDoors.count }
                containmentDoors.append(ContainmentDoor(aisle: containedAisleCells.count - 1, racks: beside, cold: aisle.cold,
                                                        shareOfLeakage: doorsM2 / 2 / ((ducted ? 0 : roofM2) + doorsM2)))
            }
            for yy in aisle.y {
                for x in rowStart..<rowEnd {
                    openZ[zFace(x, yy, rackLayers - 1)] = ducted ? 0 : leak
                    if ducted { ductCells.append(cell(x, yy, rackLayers - 1)) }
                }
                for z in 0..<rackLayers {
                    openX[xFace(rowStart - 1, yy, z)] = leak
                    openX[xFace(rowEnd - 1, yy, z)] = leak
                }
            }
        }
        // Cooling units.
        switch g.discharge {
        case .inRow:
            unitPlacements = Array(repeating: .inRow(row: 1, afterRack: 0), count: g.coolerUnits)
            for (r, row) in rowCoolers.enumerated() { for (after, u) in row { unitPlacements[u] = .inRow(row: r + 1, afterRack: after) } }
            for (u, unit) in inRowCoolers.enumerated() {
                let facesUp = unit.row % 2 == 0
                let front = facesUp ? rowY[unit.row].upperBound : rowY[unit.row].lowerBound - 1
                let rear = facesUp ? rowY[unit.row].lowerBound - 1 : rowY[unit.row].upperBound
                coolers.append(CoolerPlacement(x: unit.x..<(unit.x + 1), y: rowY[unit.row]))
                for z in 0..<rackLayers {
                    terminals.append(Terminal(cell: cell(unit.x, rear, z), owner: .coolerReturn(u), share: 1 / Double(rackLayers)))
                    terminals.append(Terminal(cell: cell(unit.x, front, z), owner: .coolerSupply(u), share: 1 / Double(rackLayers)))
                }
            }
        case .downflow, .wall:
            // Without placements, units alternate between the west and east ends, spread evenly
            // across the hall at each end. A unit is three cells wide along its wall.
            let west = (g.coolerUnits + 1) / 2, east = g.coolerUnits / 2
            for u in 0..<g.coolerUnits {
                let wall: HallGeometry.Wall, center: Int
                if let placements = g.unitPlacements, u < placements.count, case .wall(let placed, let at) = placements[u] {
                    wall = placed
                    center = Int((Double(wall == .west || wall == .east ? ny : nx) * at).rounded(.down))
                    unitPlacements.append(.wall(wall, at: at))
                } else {
                    let atWest = u % 2 == 0, k = u / 2, m = atWest ? west : east
                    wall = atWest ? .west : .east
                    center = Int((Double(ny) * (Double(k) + 0.5) / Double(m)).rounded(.down))
                    unitPlacements.append(.wall(wall, at: (Double(k) + 0.5) / Double(m)))
                }
                let xs: Range<Int>, ys: Range<Int>
                switch wall {
                case .west, .east:
                    let width = min(3, ny), y0 = min(max(center - width / 2, 0), ny - width)
                    (xs, ys) = (wall == .west ? 0..<perimeter : (nx - perimeter)..<nx, y0..<(y0 + width))
                case .south, .north:
                    let width = min(3, nx), x0 = min(max(center - width / 2, 0), nx - width)
                    (xs, ys) = (x0..<(x0 + width), wall == .south ? 0..<southBand : (ny - northBand)..<ny)
                }
                coolers.append(CoolerPlacement(x: xs, y: ys))
                let unitLayers = min(rackLayers, nz - 1)
                for x in xs { for yy in ys { for z in 0..<unitLayers { solid[cell(x, yy, z)] = true } } }
                let topCells = xs.flatMap { x in ys.map { cell(x, $0, unitLayers) } }
                if !(containedHot && g.ductedReturn) {
                    for c in topCells { terminals.append(Terminal(cell: c, owner: .coolerReturn(u), share: 1 / Double(topCells.count))) }
                }
            }
            // Tiles over the cold aisles; the open hot aisles' cells (a contained one's roof is a
            // leakage panel, not open air for `applyJetMomentum`).
            for aisle in aisles where aisle.cold || !containedHot {
                for yy in aisle.y {
                    for x in rowStart..<rowEnd {
                        if aisle.cold { tileCells.append(x + nx * yy) } else { hotAisleCells.append(x + nx * yy) }
                    }
                }
            }
            if g.discharge == .downflow {
                for (t, plan) in tileCells.enumerated() {
                    terminals.append(Terminal(cell: plan, owner: .tile(t), share: 1))
                    // Where the tile's jet delivers what it carries past the racks: just above them,
                    // or under the roof of a contained cold aisle.
                    terminals.append(Terminal(cell: plan + nx * ny * (containedCold ? rackLayers - 1 : rackLayers), owner: .tileJet(t), share: 1))
                }
            } else {
                // A wall unit's jet throws its air along the cold aisles at low level; potential
                // flow carries no momentum, so the air is handed to the aisles' floor evenly.
                for u in 0..<g.coolerUnits {
                    for plan in tileCells { terminals.append(Terminal(cell: plan, owner: .coolerSupply(u), share: 1 / Double(tileCells.count))) }
                }
                tileCells = []
            }
        }
        for c in ductCells { terminals.append(Terminal(cell: c, owner: .ductReturn, share: 1 / Double(ductCells.count))) }
    }

    /// The jets' momentum, which potential flow does not carry, as the open fractions of faces at
    /// rack height (`HallAirflow`, "Jet momentum as direction"): along a cold aisle, between
    /// neighbouring tiles, 1 − s̄ (1 − `curtain`), s̄ the two tiles' lifted share (their rising jets
    /// turn air that would run along the aisle); up a hot aisle, `rise` (the racks' exhaust leaves
    /// them level and runs along the aisle before it rises); and back into a gap in the row,
    /// `rise` too: the exhaust beside the gap leaves the row, away from its mouth, and runs past
    /// it along the aisle, where potential flow would draw it through the gap to the cold aisle.
    mutating func applyJetMomentum(tileLift: [Double], curtain: Double, rise: Double) {
        for t in tileCells.indices.dropLast() where tileCells[t + 1] == tileCells[t] + 1 {
            let open = 1 - (tileLift[t] + tileLift[t + 1]) / 2 * (1 - curtain)
            for z in 0..<rackLayers { openX[xFace(tileCells[t] % nx, tileCells[t] / nx, z)] *= open }
        }
        for plan in hotAisleCells { for z in 0..<rackLayers { openZ[zFace(plan % nx, plan / nx, z)] *= rise } }
        for face in gapMouthFaces { openY[face] *= rise }
    }
}

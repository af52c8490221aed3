/// Where a rack stands in its row, as far as the accuracy of its inlet goes: Plenum's inlets are
/// furthest from CFD's at the row ends, where the exhaust turns round the end rack and the tile
/// jets meet the room's air (docs/models/hall-airflow.md, "Results": the errors by position).
public enum RackPosition: String, Sendable, CaseIterable {
    /// Open air on at least one side: the end of a row, or beside a gap in it.
    case rowEnd = "row end"
    /// Next to a row-end rack in the same row.
    case besideRowEnd = "beside a row end"
    /// Racks on both sides.
    case inner
}

extension AirflowGrid {
    /// Each rack's position in its row (`RackPosition`): a side is open where the slot beside the
    /// rack holds neither a rack nor an in-row unit, whatever the containment.
    public var rackPositions: [RackPosition] {
        func isOpen(_ rack: RackPlacement) -> Bool {
            [rack.x - 1, rack.x + 1].contains { x in x < 0 || x >= nx || !solid[cell(x, rack.y.lowerBound, 0)] }
        }
        // Row-end racks by row and slot, so that a rack finds its neighbours without a search.
        let ends = Set(racks.filter(isOpen).map { [$0.row, $0.x] })
        return racks.map { rack in
            if ends.contains([rack.row, rack.x]) { return .rowEnd }
            return ends.contains([rack.row, rack.x - 1]) || ends.contains([rack.row, rack.x + 1]) ? .besideRowEnd : .inner
        }
    }
}

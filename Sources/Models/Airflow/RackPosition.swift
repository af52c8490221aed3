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
        let open = racks.map { rack in
            [rack.x - 1, rack.x + 1].contains { x in x < 0 || x >= nx || !solid[cell(x, rack.y.lowerBound, 0)] }
        }
        return racks.indices.map { i in
            if open[i] { return .rowEnd }
            let besideEnd = racks.indices.contains { j in open[j] && racks[j].row == racks[i].row && abs(racks[j].x - racks[i].x) == 1 }
            return besideEnd ? .besideRowEnd : .inner
        }
    }
}

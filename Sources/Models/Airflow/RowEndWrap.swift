extension HallAirflow {
    /// Each rack's row-end wrap share (`FittedTerms.rowEndWrapShare`, docs/models/hall-airflow.md,
    /// "Row-end wrap" and "Through a contained aisle's doors"): w at an open row end or beside a gap,
    /// 0 where there is no open side.
    ///
    /// Beyond a contained cold aisle's end door the exhaust wraps round the row end as it does in
    /// an open hall, but reaches the end racks only through the door's leakage. A contained aisle
    /// whose racks draw more than its tiles give (shortfall S = Σ V̇_racks − Σ q_supply) takes S
    /// in through its roof and doors; with one pressure difference across all its panels each
    /// passes S in proportion to its area, so a door passes at least a_door/(a_roof + a_doors) · S.
    /// The end racks beside it take that from the exhaust round the end, in proportion to their
    /// draws, up to w:
    ///
    ///     w_i = min(w, a_door/(a_roof + a_doors) · max(0, S) / Σ_door V̇_j).
    ///
    /// A contained hot aisle is the mirror: the surplus its racks blow in beyond what the units
    /// or the duct take leaves through its doors (and its roof unless ducted), and the end racks
    /// beside a door draw it round the row end. A cold aisle with supply to spare, or a hot aisle
    /// the units empty, pass air the other way: no wrap, and perfect containment still gives
    /// every rack the supply.
    static func wrapShares(grid: AirflowGrid, rackFlowM3PerS: [Double], tileFlowM3PerS: [Double], coolerFlowM3PerS: [Double],
                           share w: Double) -> [Double] {
        var shares = grid.racks.indices.map { grid.wrapsRoundRowEnd[$0] ? w : 0 }
        guard !grid.containmentDoors.isEmpty else { return shares }
        // What enters each contained aisle less what leaves it at its terminals, m³/s.
        var net = Array(repeating: 0.0, count: grid.containedAisleCells.count)
        let coolerTotal = coolerFlowM3PerS.reduce(0, +)
        for terminal in grid.terminals {
            guard let a = grid.containedAisleCells.firstIndex(where: { $0.contains(terminal.cell) }) else { continue }
            let q: Double
            switch terminal.owner {
            case .rackIntake(let i): q = -rackFlowM3PerS[i] * terminal.share
            case .rackExhaust(let i): q = rackFlowM3PerS[i] * terminal.share
            case .tile(let t): q = tileFlowM3PerS[t] * terminal.share   // the jet's part is the same tile's air
            case .coolerSupply(let u): q = coolerFlowM3PerS[u] * terminal.share
            case .coolerReturn(let u): q = -coolerFlowM3PerS[u] * terminal.share
            case .ductReturn: q = -coolerTotal * terminal.share
            default: continue
            }
            net[a] += q
        }
        for door in grid.containmentDoors {
            let draw = door.racks.reduce(0) { $0 + rackFlowM3PerS[$1] }
            let passed = door.shareOfLeakage * max(0, door.cold ? -net[door.aisle] : net[door.aisle])
            for i in door.racks { shares[i] = draw > 0 ? min(w, passed / draw) : 0 }
        }
        return shares
    }
}

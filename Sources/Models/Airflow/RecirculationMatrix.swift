/// Where each rack's intake air comes from, traced through a potential-flow field: the rows of the
/// recirculation matrix of the abstract heat-flow model (Tang, Gupta & Varsamopoulos, "Sensor-based
/// fast thermal evaluation model for energy efficient high-performance datacenters", ICISIP 2006),
/// here computed from the flow field instead of fitted to CFD runs.
///
/// Each cell is taken as well mixed: the air it passes on has the composition of what flowed in,
/// from its upstream neighbours (higher φ) and the terminals feeding it. Traced backwards from a
/// rack's intake faces, cell by cell in order of rising potential (every cell downstream of a cell
/// has lower φ, so its weight is complete when it is reached), the weight of each cell is the
/// share of the intake's air that passed through it, and the weight reaching each source (the
/// cooled supply: tiles and unit discharges; or a rack's exhaust) is the matrix entry. The
/// upwind cell mixing stands for the turbulent mixing of the real room (the grid sets how much).
///
/// Row i sums to 1: m_i0 (supply) + Σ_j m_ij (rack j's exhaust). In steady state the inlets then
/// satisfy T_in = m_0 T_sup + M_e (T_in + ΔT), ΔT the racks' temperature rises.
public struct RecirculationMatrix: Sendable {
    /// Rows by rack; column 0 the cooled supply, column 1 + j rack j's exhaust. Entries below
    /// 10⁻⁷ are dropped (the rest renormalised), so each row lists only the racks that matter.
    public let supplyFraction: [Double]
    public let exhaustSources: [[(rack: Int, fraction: Double)]]

    public init(grid: AirflowGrid, flow: PotentialFlow, terminalFlowM3PerS: [Double]) {
        let n = grid.cellCount, racks = grid.racks.count
        // Per cell: total inflow and its sources (supply −1, rack exhaust j).
        var inflow = Array(repeating: 0.0, count: n)
        var sources = Array(repeating: [(source: Int, flow: Double)](), count: n)
        for (k, terminal) in grid.terminals.enumerated() {
            let q = terminalFlowM3PerS[k]
            guard q > 0 else { continue }
            switch terminal.owner {
            case .tile, .tileJet, .coolerSupply: sources[terminal.cell].append((-1, q)); inflow[terminal.cell] += q
            case .rackExhaust(let j): sources[terminal.cell].append((j, q)); inflow[terminal.cell] += q
            default: break
            }
        }
        // Upstream neighbours of each cell with the flow they send.
        var upstream = Array(repeating: [(cell: Int, flow: Double)](), count: n)
        for z in 0..<grid.nz {
            for y in 0..<grid.ny {
                for x in 0..<grid.nx {
                    let a = grid.cell(x, y, z)
                    func pair(_ b: Int, _ f: Double) {   // f > 0: from a to b
                        if f > 0 { upstream[b].append((a, f)); inflow[b] += f } else if f < 0 { upstream[a].append((b, -f)); inflow[a] -= f }
                    }
                    if x + 1 < grid.nx { pair(grid.cell(x + 1, y, z), flow.flowX[grid.xFace(x, y, z)]) }
                    if y + 1 < grid.ny { pair(grid.cell(x, y + 1, z), flow.flowY[grid.yFace(x, y, z)]) }
                    if z + 1 < grid.nz { pair(grid.cell(x, y, z + 1), flow.flowZ[grid.zFace(x, y, z)]) }
                }
            }
        }
        let order = (0..<n).filter { !grid.solid[$0] }.sorted {
            flow.potential[$0] != flow.potential[$1] ? flow.potential[$0] < flow.potential[$1] : $0 < $1
        }
        var position = Array(repeating: 0, count: n)
        for (p, c) in order.enumerated() { position[c] = p }
        var intakes = Array(repeating: [(cell: Int, flow: Double)](), count: racks)
        for (k, terminal) in grid.terminals.enumerated() {
            switch terminal.owner {
            case .rackIntake(let i), .rackWrap(let i): intakes[i].append((terminal.cell, -terminalFlowM3PerS[k]))
            default: break
            }
        }
        var weight = Array(repeating: 0.0, count: n)
        var supply = Array(repeating: 0.0, count: racks), rows = Array(repeating: [(rack: Int, fraction: Double)](), count: racks)
        var fromRack = Array(repeating: 0.0, count: racks)
        for i in 0..<racks {
            let drawn = intakes[i].reduce(0) { $0 + $1.flow }
            guard drawn > 0 else { supply[i] = 1; continue }
            var first = order.count, touched: [Int] = []
            for (c, q) in intakes[i] {
                weight[c] += q / drawn
                first = min(first, position[c])
                touched.append(c)
            }
            var toSupply = 0.0
            for p in first..<order.count {
                let c = order[p], w = weight[c]
                guard w > 0, inflow[c] > 0 else { continue }
                let perFlow = w / inflow[c]
                for (s, q) in sources[c] {
                    if s < 0 { toSupply += perFlow * q } else { fromRack[s] += perFlow * q }
                }
                for (b, f) in upstream[c] {
                    if weight[b] == 0 { touched.append(b) }
                    weight[b] += perFlow * f
                }
            }
            for c in touched { weight[c] = 0 }
            var row: [(rack: Int, fraction: Double)] = []
            var kept = toSupply
            for j in 0..<racks where fromRack[j] > 0 {
                if fromRack[j] >= 1e-7 {
                    row.append((j, fromRack[j]))
                    kept += fromRack[j]
                }
                fromRack[j] = 0
            }
            // Renormalise what was dropped (and the solver's residual) so the row sums to 1.
            let scale = kept > 0 ? 1 / kept : 1
            supply[i] = kept > 0 ? toSupply * scale : 1
            rows[i] = row.map { ($0.rack, $0.fraction * scale) }
        }
        supplyFraction = supply
        exhaustSources = rows
    }
}

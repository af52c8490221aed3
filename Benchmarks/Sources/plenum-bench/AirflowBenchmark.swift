import Foundation
import Models

/// The plan of the airflow benchmarks: the default floor (0.6 m, 25 % tiles), or the one given.
func benchmarkGeometry(rows: Int, racksPerRow: Int, units: Int, floor: (depthM: Double, openArea: Double)?) -> HallGeometry {
    var geometry = HallGeometry(rows: rows, racksPerRow: racksPerRow, coolerUnits: units)
    if let floor { (geometry.raisedFloorDepthM, geometry.tileOpenArea) = floor }
    return geometry
}

/// The flow solve of one operating point of a hall's floor plan (plenum, potential flow and the
/// recirculation matrix): `rows` × `racksPerRow` racks on a raised floor, `units` downflow CRAHs
/// delivering 10 % over the racks' draw. Prints the grid and the time of each of `repeats` solves.
func airflowBenchmark(rows: Int, racksPerRow: Int, units: Int, repeats: Int, floor: (depthM: Double, openArea: Double)? = nil) throws {
    let geometry = benchmarkGeometry(rows: rows, racksPerRow: racksPerRow, units: units, floor: floor)
    let grid = AirflowGrid(geometry)
    let racks = grid.racks.count
    var times: [Double] = []
    var checksum = 0.0, entries = 0, iterations = 0, reach: [Double] = [], norm = 0.0
    for _ in 0..<repeats {
        times.append(try seconds {
            let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: racks),
                                          coolerFlowM3PerS: Array(repeating: 1.1 * Double(racks) / Double(units), count: units))
            checksum += airflow.coldAisleCaptureIndex.reduce(0, +)
            entries = airflow.matrix.exhaustSources.reduce(0) { $0 + $1.count }
            iterations = airflow.solverIterations
            (reach, norm) = (airflow.influence.columnMax.sorted(), airflow.influence.norm)
        })
    }
    let sorted = times.sorted()
    print(String(format: "airflow swift  racks=%d cells=%d  median %.1f ms  min %.1f ms  matrix entries %d (%.1f a rack)  potential iterations %d  (checksum %.6f)",
                 racks, grid.cellCount, sorted[sorted.count / 2] * 1000, sorted[0] * 1000, entries, Double(entries) / Double(racks), iterations,
                 checksum / Double(repeats)))
    print(String(format: "airflow reach  c_j min %.4f  median %.4f  90th %.4f  max %.4f  ||K|| %.4f",
                 reach[0], reach[reach.count / 2], reach[reach.count * 9 / 10], reach[reach.count - 1], norm))
}

/// The parts of one flow solve, for where the time goes.
func airflowParts(rows: Int, racksPerRow: Int, units: Int, floor: (depthM: Double, openArea: Double)? = nil) throws {
    let grid = AirflowGrid(benchmarkGeometry(rows: rows, racksPerRow: racksPerRow, units: units, floor: floor))
    let flows = Array(repeating: 1.1 * Double(grid.racks.count) / Double(units), count: units)
    var solution: FloorPlenum.Solution!
    let plenum = try seconds { solution = try FloorPlenum.solve(grid: grid, coolerFlowM3PerS: flows) }
    var inflow = Array(repeating: 0.0, count: grid.cellCount)
    for t in grid.terminals {
        if case .rackIntake = t.owner { inflow[t.cell] -= t.share }
        if case .rackExhaust = t.owner { inflow[t.cell] += t.share }
    }
    var field: PotentialFlow!
    let potential = try seconds { field = try PotentialFlow(grid: grid, inflowM3PerS: inflow) }
    let terminalFlow = grid.terminals.map { t -> Double in
        switch t.owner { case .rackIntake: return -t.share; case .rackExhaust: return t.share; default: return 0 }
    }
    let matrix = seconds { _ = RecirculationMatrix(grid: grid, flow: field, terminalFlowM3PerS: terminalFlow) }
    print(String(format: "airflow parts  plenum %.1f ms (%d iterations, %.2g of the units' air unsettled)  potential %.1f ms  matrix %.1f ms",
                 plenum * 1000, solution.iterations, solution.unsettledFraction, potential * 1000, matrix * 1000))
}

/// The step's mixing solve (`HallAirflow.inletRiseK` with zones), as a run does it: from the last
/// step's answer, after a few racks' rises moved by 2 K (a job started) and every rack's by a
/// little. Prints the mean time of `solves` solves.
func mixingBenchmark(rows: Int, racksPerRow: Int, units: Int, solves: Int) throws {
    let grid = AirflowGrid(HallGeometry(rows: rows, racksPerRow: racksPerRow, coolerUnits: units))
    let racks = grid.racks.count
    let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: racks),
                                  coolerFlowM3PerS: Array(repeating: 1.1 * Double(racks) / Double(units), count: units))
    var rise = (0..<racks).map { 8 + Double($0 % 7) }
    let weight = Array(repeating: 0.97, count: racks), metal = Array(repeating: 0.5, count: racks)
    var x = airflow.inletRiseK(riseK: rise, start: [], mixingWeight: weight, structureRiseK: metal).inlet
    var checksum = 0.0
    let time = seconds {
        for k in 0..<solves {
            for i in 0..<racks { rise[i] += 0.001 * Double((i + k) % 3 - 1) }
            rise[(k * 37) % racks] += k % 2 == 0 ? 2 : -2
            x = airflow.inletRiseK(riseK: rise, start: x, mixingWeight: weight, structureRiseK: metal).inlet
            checksum += x[k % racks]
        }
    }
    print(String(format: "mixing swift  racks=%d  %.2f us a solve  (checksum %.6f)", racks, time / Double(solves) * 1e6, checksum / Double(solves)))
}

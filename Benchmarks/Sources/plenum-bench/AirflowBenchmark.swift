import Foundation
import Models

/// The flow solve of one operating point of a hall's floor plan (plenum, potential flow and the
/// recirculation matrix): `rows` × `racksPerRow` racks on a raised floor, `units` downflow CRAHs
/// delivering 10 % over the racks' draw. Prints the grid and the time of each of `repeats` solves.
func airflowBenchmark(rows: Int, racksPerRow: Int, units: Int, repeats: Int) throws {
    let geometry = HallGeometry(rows: rows, racksPerRow: racksPerRow, coolerUnits: units)
    let grid = AirflowGrid(geometry)
    let racks = grid.racks.count
    var times: [Double] = []
    var checksum = 0.0
    for _ in 0..<repeats {
        times.append(try seconds {
            let airflow = try HallAirflow(grid: grid, rackFlowM3PerS: Array(repeating: 1, count: racks),
                                          coolerFlowM3PerS: Array(repeating: 1.1 * Double(racks) / Double(units), count: units))
            checksum += airflow.coldAisleCaptureIndex.reduce(0, +)
        })
    }
    let sorted = times.sorted()
    print(String(format: "airflow swift  racks=%d cells=%d  median %.1f ms  min %.1f ms  (checksum %.6f)",
                 racks, grid.cellCount, sorted[sorted.count / 2] * 1000, sorted[0] * 1000, checksum / Double(repeats)))
}

import Foundation
import Models
import Numerics

/// Propagators for steps cut short by events: an exponential per length (GSL, what every cut step
/// cost before) against composing the length from the operating point's `PropagatorLadder`. The
/// network is an 8-accelerator air-cooled server (20 nodes: junctions, sinks, board, air and two
/// accumulators) at 80 % fan speed; the lengths are `count` uniform draws in (0, 60) s.
func propagatorBenchmark(count: Int) throws {
    let parameters = ServerThermalNetwork.Parameters(
        acceleratorCount: 8, junctionCapacityJPerK: 40, junctionToCaseKPerW: 0.03, sinkCapacityJPerK: 600,
        boardCapacityJPerK: 40_000, airCapacityJPerK: 24, boardToAirWPerK: 300, boardToLiquidWPerK: 0,
        heatSink: HeatSinkModel(referenceResistanceKPerW: 0.025, referenceFlowM3PerS: 0.2), coldPlate: nil)
    let network = ServerThermalNetwork(parameters)
    let flows = ServerThermalNetwork.Flows(airflowM3PerS: 1.28, airVolumetricHeatJPerM3K: 1_190, coolantFlowPerPlateM3PerS: 0,
                                           referenceAirflowM3PerS: 1.6)
    let matrix = network.matrix(flows), n = network.dimension
    let random = RandomStream(seed: 7, stream: "lengths")
    let lengths = (0..<count).map { _ in 60 * random.uniform() + 1e-3 }
    var checksum = 0.0
    let exponentials = try seconds {
        for t in lengths { checksum += try LinearStepPropagator(matrix: matrix, dimension: n, stepS: t).stepS }
    }
    let ladder = try PropagatorLadder(matrix: matrix, dimension: n)
    let composed = try seconds {
        for t in lengths { checksum += try ladder.propagator(stepS: t).stepS }
    }
    print(String(format: "propagator  n=%d lengths=%d  exponential %.1f µs  ladder %.1f µs (h0 = 2^%d s, %d rungs)  checksum %.6e",
                 n, count, exponentials / Double(count) * 1e6, composed / Double(count) * 1e6, Int(ladder.baseStepS.exponent),
                 ladder.rungCount, checksum))
}

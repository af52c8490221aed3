import Foundation
import Models
import Numerics

/// Propagators for steps cut short by events: an exponential per length (GSL, what every cut step
/// cost before) against composing the length from the operating point's `PropagatorLadder`, and
/// against applying the ladder's factors in turn (`ChainedStepPropagator`, what a server does now). The
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
    // What a server pays per cut step with the factors applied in turn instead: the chain is
    // built once per length (the remainder's series), then applied per server.
    // Through buffers, as `ServerStep` applies it (no allocation per step).
    var state = [Double](repeating: 300, count: n), input = [Double](repeating: 0, count: n), scratch = input
    input[n - 2] = 1
    func advance(_ step: ChainedStepPropagator) {
        state.withUnsafeMutableBufferPointer { x in
            input.withUnsafeBufferPointer { u in scratch.withUnsafeMutableBufferPointer { w in step.advance(x, input: u, scratch: w) } }
        }
    }
    let chained = try seconds {
        for t in lengths {
            let step = try ladder.chainedStep(stepS: t)
            advance(step)
            checksum += step.stepS
        }
    }
    let step = try ladder.chainedStep(stepS: 47.612)
    let apply = try seconds { for _ in lengths { advance(step) } }
    print(String(format: "propagator  n=%d lengths=%d  exponential %.1f µs  ladder %.1f µs (h0 = 2^%d s, %d rungs)  "
                 + "chained: built and applied once %.1f µs, applied again %.2f µs  checksum %.6e",
                 n, count, exponentials / Double(count) * 1e6, composed / Double(count) * 1e6, Int(ladder.baseStepS.exponent),
                 ladder.rungCount, chained / Double(count) * 1e6, apply / Double(count) * 1e6, checksum + state[0]))
}

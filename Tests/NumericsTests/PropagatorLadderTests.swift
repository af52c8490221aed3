import Foundation
@testable import Numerics
import Testing

/// `PropagatorLadder`: steps of any length composed from power-of-two rungs and a series, against
/// the closed form of a first-order system and against each length's own exponential.
@Suite("Propagator ladder")
struct PropagatorLadderTests {
    /// dT/dt = −T/τ + b: T(t) = T₀·e^(−t/τ) + b·τ·(1 − e^(−t/τ)), and the accumulator
    /// dE/dt = T integrates it: E(t) = b·τ·t + (T₀ − b·τ)·τ·(1 − e^(−t/τ)).
    @Test func firstOrderSystemAndItsIntegralMatchTheClosedForm() throws {
        let tau = 0.37, rate = 5.0, start = 300.0
        let ladder = try PropagatorLadder(matrix: [-1 / tau, 0, 1, 0], dimension: 2)
        for t in [1e-5, 0.013, 0.37, 17.774847786553437, 59.999, 3600.25] {
            var state = [start, 0.0]
            try ladder.propagator(stepS: t).advance(&state, input: [rate, 0])
            let decay = exp(-t / tau)
            let temperature = start * decay + rate * tau * (1 - decay)
            let energy = rate * tau * t + (start - rate * tau) * tau * (1 - decay)
            #expect(abs(state[0] - temperature) <= 1e-12 * abs(temperature), "T after \(t) s")
            #expect(abs(state[1] - energy) <= 1e-12 * abs(energy), "E after \(t) s")
        }
    }

    /// A stiff chain (junction 40 J/K, 0.03 K/W; sink 600 J/K; board 40 kJ/K; air washing them)
    /// with an energy accumulator: the composed step and the step's own exponential agree to
    /// 1e-10 relative on every state at lengths up to a minute, 1e-9 at 15 min. Against a 40-digit
    /// reference (mpmath, Benchmarks/validation/propagator_ladder.py) both are within 6e-12 of
    /// the temperatures at 17.8 s; at 900 s GSL is within 1.5e-11 and the ladder 3e-11 (each
    /// squaring doubles rung 0's rounding).
    @Test func composedStepsMatchTheirOwnExponentialOnAStiffNetwork() throws {
        let c = [40.0, 600, 40_000, 24], g = [(0, 1, 33.3), (1, 3, 40.0), (2, 3, 300.0), (1, 2, 5.0)]
        let n = 5, airFlowWPerK = 480.0
        var matrix = [Double](repeating: 0, count: n * n)
        for (a, b, conductance) in g {
            matrix[a * n + a] -= conductance / c[a]
            matrix[a * n + b] += conductance / c[a]
            matrix[b * n + b] -= conductance / c[b]
            matrix[b * n + a] += conductance / c[b]
        }
        matrix[3 * n + 3] -= airFlowWPerK / c[3]
        // The accumulator: heat the air carries away, W·(T_air − T_in) with T_in in the input.
        matrix[4 * n + 3] = airFlowWPerK
        let ladder = try PropagatorLadder(matrix: matrix, dimension: n)
        let input = [700 / c[0], 0, 900 / c[2], 298.15 * airFlowWPerK / c[3], -298.15 * airFlowWPerK]
        // 16 s is a whole number of base steps (no remainder factor); 2⁻¹⁰ s is the remainder alone.
        for t in [0.0021, 0.61, 2.309000000008382, 17.774847786553437, 47.61200000002282, 59.5, 900.125, 16, 1.0 / 1024] {
            var composed = [330.0, 320, 310, 305, 1e9], exact = composed, chained = composed
            try ladder.propagator(stepS: t).advance(&composed, input: input)
            try ladder.chainedStep(stepS: t).advance(&chained, input: input)
            try LinearStepPropagator(matrix: matrix, dimension: n, stepS: t).advance(&exact, input: input)
            for i in 0..<n {
                let bound = (t <= 60 ? 1e-10 : 1e-9) * max(abs(exact[i]), 1)
                #expect(abs(composed[i] - exact[i]) <= bound, "node \(i) after \(t) s: \(composed[i]) vs \(exact[i])")
                // The factors applied in turn are the same step, to the same accuracy.
                #expect(abs(chained[i] - exact[i]) <= bound, "node \(i) after \(t) s chained: \(chained[i]) vs \(exact[i])")
            }
        }
        // The factors: 17.77 s is 0x238C base steps and a remainder (five), 900.125 s exactly
        // 0x70840 (three), 16 s 0x2000 (one).
        #expect(try ladder.chainedStep(stepS: 17.774847786553437).factors.count == 5)
        #expect(try ladder.chainedStep(stepS: 900.125).factors.count == 3)
        #expect(try ladder.chainedStep(stepS: 16).factors.count == 1)
        // h₀ ≤ 1/(8‖A‖∞): the air node's row, (40 + 300 + 480)/24 s⁻¹, sets it at 2⁻⁹ s
        // (the accumulator's row, 480 W/K, is left out). 900 s is 460,864 base steps, 0x70840:
        // five hexadecimal digits, the last 16⁴ = 2¹⁶ base steps (rungs 0 to 16).
        #expect(ladder.baseStepS == 1.0 / 512 && ladder.rungCount == 17)
    }

    @Test func aStepOfTwoToTheFiftyTwoBaseStepsIsRefusedNotTrapped() throws {
        let ladder = try PropagatorLadder(matrix: [-1e6], dimension: 1)
        #expect(throws: NumericalError.self) { try ladder.propagator(stepS: 1e12) }
    }

    /// A system matrix that is not finite (an inlet beyond physics made a server's air properties
    /// NaN) is an error the run reports with its time and component, not a trap.
    @Test func aNonFiniteMatrixIsRefusedNotTrapped() {
        #expect(throws: NumericalError.self) { try PropagatorLadder(matrix: [-1, .nan, 0, -1], dimension: 2) }
        #expect(throws: NumericalError.self) { try LinearStepPropagator(matrix: [-.infinity], dimension: 1, stepS: 1) }
    }
}

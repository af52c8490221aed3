import Foundation
import Testing
@testable import Numerics

@Suite("ODE integration over gsl_odeiv2")
struct ODEIntegratorTests {
    /// One thermal mass C behind a resistance R to ambient, heated by P from ambient:
    /// `C dT/dt = P − (T − T_amb)/R`, whose solution is `T(t) = T_amb + P·R·(1 − e^(−t/RC))`.
    @Test(arguments: [ODEMethod.msbdf, .bsimp, .rk4imp, .rkf45])
    func rcStepResponseMatchesClosedForm(method: ODEMethod) throws {
        let capacitanceJPerK = 2_000.0, resistanceKPerW = 0.05, powerW = 400.0, ambientC = 25.0
        let integrator = ODEIntegrator(
            dimension: 1, method: method, absoluteTolerance: 1e-9, relativeTolerance: 1e-10,
            derivatives: { _, y, dydt in
                dydt[0] = (powerW - (y[0] - ambientC) / resistanceKPerW) / capacitanceJPerK
            },
            jacobian: { _, _, dfdy, dfdt in
                dfdy[0] = -1 / (resistanceKPerW * capacitanceJPerK)
                dfdt[0] = 0
            })
        var state = [ambientC]
        var t = 0.0
        let tau = resistanceKPerW * capacitanceJPerK
        for step in 1...20 {
            let next = Double(step) * 0.25 * tau
            try integrator.integrate(&state, from: t, to: next)
            t = next
            let exact = ambientC + powerW * resistanceKPerW * (1 - exp(-t / tau))
            // Local tolerances of 1e-9 K accumulate over ~100 steps to well under 1e-6 K.
            #expect(abs(state[0] - exact) < 1e-6, "t=\(t): \(state[0]) vs \(exact)")
        }
    }

    /// The classic stiff pair (eigenvalues −1 and −1000):
    /// y1' = 998 y1 + 1998 y2, y2' = −999 y1 − 1999 y2, y(0) = (1, 0), with exact solution
    /// y1 = 2e^(−t) − e^(−1000t), y2 = −e^(−t) + e^(−1000t).
    @Test(arguments: [ODEMethod.msbdf, .bsimp])
    func stiffTwoNodeSystemMatchesClosedForm(method: ODEMethod) throws {
        let integrator = ODEIntegrator(
            dimension: 2, method: method, absoluteTolerance: 1e-10, relativeTolerance: 1e-10,
            derivatives: { _, y, dydt in
                dydt[0] = 998 * y[0] + 1998 * y[1]
                dydt[1] = -999 * y[0] - 1999 * y[1]
            },
            jacobian: { _, _, dfdy, dfdt in
                dfdy[0] = 998; dfdy[1] = 1998
                dfdy[2] = -999; dfdy[3] = -1999
                dfdt[0] = 0; dfdt[1] = 0
            })
        var state = [1.0, 0.0]
        try integrator.integrate(&state, from: 0, to: 1)
        let y1 = 2 * exp(-1.0) - exp(-1000.0), y2 = -exp(-1.0) + exp(-1000.0)
        #expect(abs(state[0] - y1) < 1e-7)
        #expect(abs(state[1] - y2) < 1e-7)
        // An implicit method needs far fewer evaluations than the stiffness ratio (1000) would
        // force on an explicit one over the same interval.
        #expect(integrator.statistics.functionEvaluations < 5_000)
        #expect(integrator.statistics.jacobianEvaluations > 0)
    }

    @Test func resetAfterDiscontinuousInputKeepsAccuracy() throws {
        var powerW = 100.0
        let integrator = ODEIntegrator(
            dimension: 1, absoluteTolerance: 1e-10, relativeTolerance: 1e-10,
            derivatives: { _, y, dydt in dydt[0] = (powerW - y[0] / 0.1) / 50 },
            jacobian: { _, _, dfdy, dfdt in dfdy[0] = -1 / 5.0; dfdt[0] = 0 })
        var state = [0.0]
        try integrator.integrate(&state, from: 0, to: 10)
        powerW = 0
        integrator.reset()
        try integrator.integrate(&state, from: 10, to: 20)
        let atSwitch = 100 * 0.1 * (1 - exp(-10 / 5.0))
        #expect(abs(state[0] - atSwitch * exp(-10 / 5.0)) < 1e-7)
    }

    @Test func nonFiniteDerivativeThrowsInsteadOfAborting() {
        let integrator = ODEIntegrator(dimension: 1, method: .rkf45,
                                       derivatives: { t, _, dydt in dydt[0] = t > 0.5 ? .nan : 1 })
        var state = [0.0]
        #expect(throws: NumericalError.self) { try integrator.integrate(&state, from: 0, to: 1) }
    }

    @Test func stepLimitThrowsMaximumIterations() {
        let integrator = ODEIntegrator(dimension: 1, method: .rkf45, absoluteTolerance: 1e-12,
                                       relativeTolerance: 0, maximumSteps: 5,
                                       derivatives: { t, _, dydt in dydt[0] = sin(100 * t) })
        var state = [0.0]
        do {
            try integrator.integrate(&state, from: 0, to: 100)
            Issue.record("expected a thrown error")
        } catch {
            #expect(error.kind == .maximumIterations)
            #expect(error.description.contains("ODE integration"))
        }
    }
}

@Suite("Exact linear steps by the matrix exponential")
struct LinearStepPropagatorTests {
    /// One RC node: T(t) = T∞ + (T0 − T∞) e^(−t/τ), exact for any step.
    @Test(arguments: [0.01, 1.0, 100.0, 10_000.0])
    func rcStepIsExact(step: Double) throws {
        let c = 2_000.0, g = 20.0, p = 400.0
        let propagator = try LinearStepPropagator(matrix: [-g / c], dimension: 1, stepS: step)
        var state = [0.0]
        propagator.advance(&state, input: [p / c])
        let exact = p / g * (1 - exp(-step * g / c))
        #expect(abs(state[0] - exact) <= 1e-12 * max(1, abs(exact)))
    }

    /// The stiff pair of the ODE tests, over one long step, against its closed form: exact where
    /// an explicit method would be unstable.
    @Test func stiffPairInOneStep() throws {
        let propagator = try LinearStepPropagator(matrix: [998, 1998, -999, -1999], dimension: 2, stepS: 1)
        var state = [1.0, 0.0]
        propagator.advance(&state, input: [0, 0])
        #expect(abs(state[0] - (2 * exp(-1.0) - exp(-1000.0))) < 1e-10)
        #expect(abs(state[1] - (-exp(-1.0) + exp(-1000.0))) < 1e-10)
    }

    /// A singular system (a node plus an energy accumulator, whose column in A is zero) against
    /// msbdf: Γ is computed without inverting A.
    @Test func singularSystemAgreesWithMsbdf() throws {
        // y0' = (P − G y0)/C, y1' = G y0 (heat delivered).
        let c = 500.0, g = 5.0, p = 100.0
        let matrix = [-g / c, 0, g, 0]
        let propagator = try LinearStepPropagator(matrix: matrix, dimension: 2, stepS: 10)
        var exact = [3.0, 0.0]
        for _ in 0..<30 { propagator.advance(&exact, input: [p / c, 0]) }
        let integrator = ODEIntegrator(dimension: 2, absoluteTolerance: 1e-10, relativeTolerance: 1e-12,
                                       derivatives: { _, y, dydt in dydt[0] = (p - g * y[0]) / c; dydt[1] = g * y[0] },
                                       jacobian: { _, _, j, dt in j[0] = -g / c; j[1] = 0; j[2] = g; j[3] = 0; dt[0] = 0; dt[1] = 0 })
        var reference = [3.0, 0.0]
        try integrator.integrate(&reference, from: 0, to: 300)
        #expect(abs(exact[0] - reference[0]) < 1e-7)
        #expect(abs(exact[1] - reference[1]) < 1e-5 * reference[1])
        // Energy: P·t = C·ΔT + delivered.
        #expect(abs(p * 300 - (c * (exact[0] - 3) + exact[1])) < 1e-8 * p * 300)
    }
}

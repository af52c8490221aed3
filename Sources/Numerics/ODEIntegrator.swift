internal import CGSL

/// The stepping method of an `ODEIntegrator`.
public enum ODEMethod: String, Sendable, CaseIterable {
    /// Variable-order (1-5) multistep backward differentiation (`gsl_odeiv2_step_msbdf`).
    /// Implicit and A-stable up to order 2: the method for stiff thermal networks. Needs the
    /// Jacobian.
    case msbdf
    /// Implicit Bulirsch-Stoer (`gsl_odeiv2_step_bsimp`). Stiff; needs the Jacobian.
    case bsimp
    /// Implicit 4th-order Runge-Kutta, Gaussian points (`gsl_odeiv2_step_rk4imp`).
    case rk4imp
    /// Explicit embedded Runge-Kutta-Fehlberg (4, 5) (`gsl_odeiv2_step_rkf45`). Non-stiff only.
    case rkf45
    /// Explicit embedded Runge-Kutta Prince-Dormand (8, 9) (`gsl_odeiv2_step_rk8pd`). Non-stiff only.
    case rk8pd

    var requiresJacobian: Bool { self == .msbdf || self == .bsimp }

    var stepType: UnsafePointer<gsl_odeiv2_step_type> {
        switch self {
        case .msbdf: return plenum_gsl_step_msbdf()
        case .bsimp: return plenum_gsl_step_bsimp()
        case .rk4imp: return plenum_gsl_step_rk4imp()
        case .rkf45: return plenum_gsl_step_rkf45()
        case .rk8pd: return plenum_gsl_step_rk8pd()
        }
    }
}

/// Integrates `dy/dt = f(t, y)` with GSL's adaptive driver (`gsl_odeiv2_driver`).
///
/// Error control is GSL's standard one: each step keeps the local error estimate of every
/// component below `absoluteTolerance + relativeTolerance·|y_i|`. The global error is not
/// bounded by the tolerances, but for the dissipative (stable) thermal networks Plenum solves it
/// stays of the same order.
///
/// Between two discrete events a thermal network's inputs are constant, but they jump *at* an
/// event. A multistep method carries history across such a jump, so the owner calls `reset()`
/// after changing any input; the next step restarts at order 1.
///
/// The integrator owns its GSL driver and frees it in `deinit`. It is not thread-safe; give each
/// thread its own.
public final class ODEIntegrator {
    /// `f(t, y)` written into `dydt`. `y` and `dydt` have `dimension` elements.
    public typealias Derivatives = (_ t: Double, _ y: UnsafeBufferPointer<Double>,
                                    _ dydt: UnsafeMutableBufferPointer<Double>) -> Void
    /// The Jacobian `∂f_i/∂y_j` written row-major into `dfdy` (`dimension²` elements, element
    /// `i·dimension + j`), and `∂f/∂t` into `dfdt`.
    public typealias Jacobian = (_ t: Double, _ y: UnsafeBufferPointer<Double>,
                                 _ dfdy: UnsafeMutableBufferPointer<Double>,
                                 _ dfdt: UnsafeMutableBufferPointer<Double>) -> Void

    /// Evaluation counters, for benchmarks and for choosing a method.
    public struct Statistics: Sendable, Equatable {
        public var functionEvaluations = 0
        public var jacobianEvaluations = 0
    }

    public let dimension: Int
    public let method: ODEMethod
    public private(set) var statistics = Statistics()

    private let derivatives: Derivatives
    private let jacobian: Jacobian?
    private let system: UnsafeMutablePointer<gsl_odeiv2_system>
    private var driver: UnsafeMutablePointer<gsl_odeiv2_driver>!

    /// - Parameters:
    ///   - dimension: number of state variables, ≥ 1.
    ///   - method: the stepper; `msbdf` and `bsimp` need `jacobian`.
    ///   - absoluteTolerance: per-component absolute error bound per step (state units), > 0 or 0
    ///     when `relativeTolerance` > 0.
    ///   - relativeTolerance: per-component relative error bound per step, ≥ 0.
    ///   - initialStep: first trial step (time units), > 0; the driver adapts it.
    ///   - maximumSteps: the most steps one `integrate` call may take before it throws
    ///     `maximumIterations`, so a pathological input cannot hang a run.
    public init(dimension: Int, method: ODEMethod = .msbdf,
                absoluteTolerance: Double = 1e-6, relativeTolerance: Double = 1e-8,
                initialStep: Double = 1e-3, maximumSteps: Int = 1_000_000,
                derivatives: @escaping Derivatives, jacobian: Jacobian? = nil) {
        precondition(dimension >= 1, "ODE dimension must be at least 1")
        precondition(!method.requiresJacobian || jacobian != nil, "\(method) needs a Jacobian")
        precondition(absoluteTolerance >= 0 && relativeTolerance >= 0 && absoluteTolerance + relativeTolerance > 0)
        precondition(initialStep > 0 && maximumSteps > 0)
        GSLRuntime.ensureInitialised()
        self.dimension = dimension
        self.method = method
        self.derivatives = derivatives
        self.jacobian = jacobian
        system = .allocate(capacity: 1)
        system.initialize(to: gsl_odeiv2_system(
            function: odeFunctionTrampoline, jacobian: odeJacobianTrampoline,
            dimension: dimension, params: nil))
        system.pointee.params = Unmanaged.passUnretained(self).toOpaque()
        guard let driver = gsl_odeiv2_driver_alloc_y_new(system, method.stepType, initialStep,
                                                         absoluteTolerance, relativeTolerance) else {
            fatalError("gsl_odeiv2_driver_alloc_y_new failed: out of memory")
        }
        self.driver = driver
        _ = gsl_odeiv2_driver_set_nmax(driver, UInt(maximumSteps))
    }

    deinit {
        gsl_odeiv2_driver_free(driver)
        system.deinitialize(count: 1)
        system.deallocate()
    }

    /// Forgets the step history (after an input changed discontinuously). The driver keeps its
    /// step size for the next `integrate`: `stepSize` reads it.
    public func reset() {
        _ = gsl_odeiv2_driver_reset(driver)
    }

    /// The step size the driver will try first in the next `integrate` (the last one it used,
    /// or `initialStep` before any).
    public var stepSize: Double { driver.pointee.h }

    /// Forgets the step history and sets the first trial step of the next `integrate`, > 0: a
    /// caller that keeps the step size with its own state makes its results independent of this
    /// integrator's history.
    public func reset(stepSize: Double) {
        precondition(stepSize > 0 && stepSize.isFinite, "step size \(stepSize)")
        _ = gsl_odeiv2_driver_reset_hstart(driver, stepSize)
    }

    /// Advances `state` from `t0` to `t1` in place.
    ///
    /// - Throws: `NumericalError` when the step size underflows, the step limit is reached, or
    ///   the derivative function produced a non-finite value. `state` then holds the last
    ///   accepted state and its time is lost, so the caller should stop the run.
    /// - Complexity: dominated by the evaluations of `derivatives`, and for implicit methods by
    ///   one dense LU of `dimension × dimension` per Jacobian evaluation.
    public func integrate(_ state: inout [Double], from t0: Double, to t1: Double) throws(NumericalError) {
        precondition(state.count == dimension, "state has \(state.count) elements, expected \(dimension)")
        precondition(t0.isFinite && t1.isFinite)
        if t1 == t0 { return }
        var t = t0
        let status = state.withUnsafeMutableBufferPointer { buffer in
            gsl_odeiv2_driver_apply(driver, &t, t1, buffer.baseAddress)
        }
        if status != 0 {
            throw makeNumericalError(status, "ODE integration (\(method)) from t=\(t0) to t=\(t1), stopped at t=\(t)")
        }
        for value in state where !value.isFinite {
            throw NumericalError(kind: .badFunction, operation: "ODE integration (\(method)) from t=\(t0) to t=\(t1)",
                                 detail: "the state became non-finite")
        }
    }

    fileprivate func evaluate(_ t: Double, _ y: UnsafePointer<Double>, _ dydt: UnsafeMutablePointer<Double>) {
        statistics.functionEvaluations += 1
        derivatives(t, UnsafeBufferPointer(start: y, count: dimension),
                    UnsafeMutableBufferPointer(start: dydt, count: dimension))
    }

    /// Returns false when no Jacobian was given (explicit methods never ask for one).
    fileprivate func evaluateJacobian(_ t: Double, _ y: UnsafePointer<Double>,
                                      _ dfdy: UnsafeMutablePointer<Double>, _ dfdt: UnsafeMutablePointer<Double>) -> Bool {
        guard let jacobian else { return false }
        statistics.jacobianEvaluations += 1
        jacobian(t, UnsafeBufferPointer(start: y, count: dimension),
                 UnsafeMutableBufferPointer(start: dfdy, count: dimension * dimension),
                 UnsafeMutableBufferPointer(start: dfdt, count: dimension))
        return true
    }
}

// GSL calls back through plain C function pointers; the integrator travels in `params`.
private let odeFunctionTrampoline: @convention(c) (Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutableRawPointer?) -> Int32 = { t, y, dydt, params in
    let integrator = Unmanaged<ODEIntegrator>.fromOpaque(params!).takeUnretainedValue()
    integrator.evaluate(t, y!, dydt!)
    return 0 // GSL_SUCCESS
}

private let odeJacobianTrampoline: @convention(c) (Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutableRawPointer?) -> Int32 = { t, y, dfdy, dfdt, params in
    let integrator = Unmanaged<ODEIntegrator>.fromOpaque(params!).takeUnretainedValue()
    return integrator.evaluateJacobian(t, y!, dfdy!, dfdt!) ? 0 : 9 // GSL_EBADFUNC
}

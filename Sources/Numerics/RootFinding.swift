internal import CGSL

/// Finds a root of a continuous function on a bracketing interval with Brent's method
/// (`gsl_root_fsolver_brent`): inverse quadratic interpolation safeguarded by bisection, so it
/// converges whenever `f(lower)` and `f(upper)` differ in sign.
///
/// Convergence: `|upper − lower| < absoluteTolerance + relativeTolerance·min(|lower|, |upper|)`
/// (`gsl_root_test_interval`).
///
/// - Throws: `NumericalError.domain` when the interval does not bracket a root,
///   `.maximumIterations` when the tolerance is not met in `maximumIterations` steps,
///   `.badFunction` when `f` returns a non-finite value.
public func findRoot(in interval: ClosedRange<Double>, absoluteTolerance: Double = 1e-10,
                     relativeTolerance: Double = 1e-12, maximumIterations: Int = 200,
                     _ function: (Double) -> Double) throws(NumericalError) -> Double {
    precondition(interval.lowerBound.isFinite && interval.upperBound.isFinite)
    GSLRuntime.ensureInitialised()
    let fLower = function(interval.lowerBound)
    let fUpper = function(interval.upperBound)
    guard fLower.isFinite, fUpper.isFinite else {
        throw NumericalError(kind: .badFunction, operation: "root finding on [\(interval.lowerBound), \(interval.upperBound)]",
                             detail: "function is not finite at an end of the interval")
    }
    if fLower == 0 { return interval.lowerBound }
    if fUpper == 0 { return interval.upperBound }
    guard (fLower < 0) != (fUpper < 0) else {
        throw NumericalError(kind: .domain, operation: "root finding on [\(interval.lowerBound), \(interval.upperBound)]",
                             detail: "the interval does not bracket a root (f = \(fLower) and \(fUpper))")
    }

    return try withoutActuallyEscaping(function) { (escapable) throws(NumericalError) -> Double in
        var box = RootFunctionBox(function: escapable)
        return try withUnsafeMutablePointer(to: &box) { (boxPointer) throws(NumericalError) -> Double in
            var gslFunction = gsl_function(function: rootTrampoline, params: UnsafeMutableRawPointer(boxPointer))
            let solver = gsl_root_fsolver_alloc(plenum_gsl_root_brent())!
            defer { gsl_root_fsolver_free(solver) }
            try gslCheck(gsl_root_fsolver_set(solver, &gslFunction, interval.lowerBound, interval.upperBound),
                         "root finding setup")
            for _ in 0..<maximumIterations {
                let status = gsl_root_fsolver_iterate(solver)
                if boxPointer.pointee.sawNonFinite {
                    throw NumericalError(kind: .badFunction, operation: "root finding", detail: "function returned a non-finite value")
                }
                try gslCheck(status, "root finding iteration")
                let lower = gsl_root_fsolver_x_lower(solver)
                let upper = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lower, upper, absoluteTolerance, relativeTolerance) == 0 {
                    return gsl_root_fsolver_root(solver)
                }
            }
            throw NumericalError(kind: .maximumIterations, operation: "root finding on [\(interval.lowerBound), \(interval.upperBound)]",
                                 detail: "no convergence in \(maximumIterations) iterations")
        }
    }
}

private struct RootFunctionBox {
    let function: (Double) -> Double
    var sawNonFinite = false
}

private let rootTrampoline: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = { x, params in
    let box = params!.assumingMemoryBound(to: RootFunctionBox.self)
    let value = box.pointee.function(x)
    if !value.isFinite { box.pointee.sawNonFinite = true }
    return value
}

internal import CGSL

/// The interpolation scheme of an `Interpolator`.
public enum InterpolationMethod: String, Sendable, CaseIterable {
    /// Piecewise linear; needs 2 points.
    case linear
    /// Natural cubic spline (`gsl_interp_cspline`); C², may overshoot; needs 3 points.
    case cubic
    /// Akima spline; less overshoot near outliers; needs 5 points.
    case akima
    /// Steffen's monotone cubic: no overshoot between points, so a monotone performance curve
    /// stays monotone; needs 3 points.
    case steffen

    var type: UnsafePointer<gsl_interp_type> {
        switch self {
        case .linear: return plenum_gsl_interp_linear()
        case .cubic: return plenum_gsl_interp_cspline()
        case .akima: return plenum_gsl_interp_akima()
        case .steffen: return plenum_gsl_interp_steffen()
        }
    }

    public var minimumPoints: Int {
        switch self {
        case .linear: return 2
        case .cubic, .steffen: return 3
        case .akima: return 5
        }
    }
}

/// What an `Interpolator` does outside the range of its abscissae.
public enum Extrapolation: Sendable {
    /// Hold the end value (a performance curve beyond its tested range).
    case clamp
    /// Throw `NumericalError.domain`.
    case fail
}

/// Interpolates a tabulated function `y(x)` (`gsl_spline` with an accelerator for the
/// sequential look-ups of a time series).
///
/// Owns its GSL objects. An accelerator caches the last interval, so one interpolator should
/// not be shared between threads.
public final class Interpolator {
    public let method: InterpolationMethod
    public let extrapolation: Extrapolation
    public let xRange: ClosedRange<Double>
    private let spline: UnsafeMutablePointer<gsl_spline>
    private let accelerator: UnsafeMutablePointer<gsl_interp_accel>

    /// - Precondition: `x` strictly increasing, `x.count == y.count ≥ method.minimumPoints`,
    ///   every value finite. (Callers validate user tables before they get here.)
    public init(x: [Double], y: [Double], method: InterpolationMethod = .linear,
                extrapolation: Extrapolation = .clamp) {
        precondition(x.count == y.count && x.count >= method.minimumPoints,
                     "\(method) interpolation needs at least \(method.minimumPoints) points")
        precondition(zip(x, x.dropFirst()).allSatisfy { $0 < $1 }, "abscissae must increase strictly")
        precondition(x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite))
        GSLRuntime.ensureInitialised()
        self.method = method
        self.extrapolation = extrapolation
        xRange = x[0]...x[x.count - 1]
        spline = gsl_spline_alloc(method.type, x.count)!
        accelerator = gsl_interp_accel_alloc()!
        let status = gsl_spline_init(spline, x, y, x.count)
        precondition(status == 0, "gsl_spline_init failed for validated input")
    }

    deinit {
        gsl_spline_free(spline)
        gsl_interp_accel_free(accelerator)
    }

    /// The interpolated value at `x`.
    public func value(at x: Double) throws(NumericalError) -> Double {
        try gsl(x) { s, x, a in gsl_spline_eval(s, x, a) }
    }

    /// The first derivative `dy/dx` at `x` (zero beyond the ends under `.clamp`).
    public func derivative(at x: Double) throws(NumericalError) -> Double {
        if extrapolation == .clamp && !xRange.contains(x) { return 0 }
        return try gsl(x) { s, x, a in gsl_spline_eval_deriv(s, x, a) }
    }

    private func gsl(_ x: Double, _ evaluate: (UnsafePointer<gsl_spline>, Double, UnsafeMutablePointer<gsl_interp_accel>) -> Double) throws(NumericalError) -> Double {
        var at = x
        if !xRange.contains(x) {
            switch extrapolation {
            case .clamp: at = min(max(x, xRange.lowerBound), xRange.upperBound)
            case .fail:
                throw NumericalError(kind: .domain, operation: "interpolation at x=\(x)",
                                     detail: "outside the table's range \(xRange.lowerBound)...\(xRange.upperBound)")
            }
        }
        return evaluate(spline, at, accelerator)
    }
}

internal import CGSL

/// A numerical failure reported by GSL, with the operation that failed.
///
/// Only failures that a valid input can still provoke are thrown (no convergence, a singular
/// matrix, a step that cannot reach the tolerance). Misuse of GSL by Plenum itself
/// (`GSL_EINVAL`, `GSL_EBADLEN`) is a programming error and traps instead.
public struct NumericalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in GSL's classification.
    public enum Kind: Equatable, Sendable {
        /// `GSL_EMAXITER`: the iteration limit was reached without convergence.
        case maximumIterations
        /// `GSL_ESING`: the matrix is singular (or numerically so).
        case singular
        /// `GSL_ETOL`, `GSL_ETOLF`, `GSL_ETOLX`: the requested tolerance cannot be met.
        case toleranceNotMet
        /// `GSL_ENOPROG`, `GSL_ENOPROGJ`: the solver makes no progress (step size underflow).
        case noProgress
        /// `GSL_EDOM`: an argument is outside the domain (an interpolation point out of range).
        case domain
        /// `GSL_EBADFUNC`, `GSL_ERANGE`, `GSL_EOVRFLW`: the function returned a non-finite value
        /// or overflowed.
        case badFunction
        /// `GSL_ENOMEM`: allocation failed.
        case outOfMemory
        /// `GSL_EFAILED` and other codes: a failure GSL does not classify further.
        case failed(code: Int32)
    }

    public let kind: Kind
    /// The operation that failed, e.g. `ODE integration from t=10 s to t=20 s`.
    public let operation: String
    /// GSL's own message for the code.
    public let detail: String

    public init(kind: Kind, operation: String, detail: String) {
        self.kind = kind
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "\(operation): \(detail)" }

    /// Throws when a system matrix is not finite: it comes from its inputs (an inlet beyond
    /// physics upstream), so it is a located error for the run, not a trap.
    static func checkFinite(_ matrix: [Double], operation: @autoclosure () -> String) throws(NumericalError) {
        guard matrix.allSatisfy(\.isFinite) else {
            throw NumericalError(kind: .badFunction, operation: operation(),
                                 detail: "the system matrix is not finite (its flows or properties are not numbers)")
        }
    }
}

/// GSL's process-wide error handler calls `abort()`. It is switched off exactly once, before any
/// GSL routine runs; every return code is then checked by `gslCheck`.
enum GSLRuntime {
    /// Evaluated lazily and thread-safely by the runtime the first time any wrapper touches it.
    static let initialised: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    @inline(__always)
    static func ensureInitialised() { _ = initialised }
}

/// The one gateway from a GSL status code to Swift: success returns, numerical failures throw,
/// misuse traps.
@inline(__always)
func gslCheck(_ status: Int32, _ operation: @autoclosure () -> String) throws(NumericalError) {
    if status == 0 { return }
    throw makeNumericalError(status, operation())
}

func makeNumericalError(_ status: Int32, _ operation: String) -> NumericalError {
    let detail = String(cString: gsl_strerror(status))
    let kind: NumericalError.Kind
    switch Int(status) {
    case GSL_EINVAL, GSL_EBADLEN, GSL_ENOTSQR, GSL_EFAULT:
        preconditionFailure("GSL misuse in \(operation): \(detail) (code \(status))")
    case GSL_EMAXITER: kind = .maximumIterations
    case GSL_ESING: kind = .singular
    case GSL_ETOL, GSL_ETOLF, GSL_ETOLX, GSL_ETOLG: kind = .toleranceNotMet
    case GSL_ENOPROG, GSL_ENOPROGJ: kind = .noProgress
    case GSL_EDOM: kind = .domain
    case GSL_EBADFUNC, GSL_ERANGE, GSL_EOVRFLW: kind = .badFunction
    case GSL_ENOMEM: kind = .outOfMemory
    default: kind = .failed(code: status)
    }
    return NumericalError(kind: kind, operation: operation, detail: detail)
}

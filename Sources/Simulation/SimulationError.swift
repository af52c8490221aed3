import Numerics
import Storage

/// A run that could not complete: a numerical failure at a simulated time in a named component,
/// or an output file that could not be written.
public enum SimulationError: Error, CustomStringConvertible {
    case numerical(NumericalError, timeS: Double, component: String)
    case output(StorageError)
    case outputFile(path: String, reason: String)
    /// An input the scenario names (a weather file) that cannot be used.
    case input(String)
    /// A package variant whose temperatures cannot be solved (thermal runaway, no convergence).
    case package(name: String, reason: String)

    public var description: String {
        switch self {
        case .numerical(let error, let time, let component):
            return "numerical failure in \(component) at t = \(time) s: \(error)"
        case .output(let error):
            return "cannot write output: \(error)"
        case .outputFile(let path, let reason):
            return "\(path): \(reason)"
        case .input(let message):
            return message
        case .package(let name, let reason):
            return "package \(name): \(reason)"
        }
    }
}

extension SimulationError {
    /// The same error at simulated time `timeS` (for failures found where the time is not known).
    func at(timeS: Double) -> SimulationError {
        guard case .numerical(let error, _, let component) = self else { return self }
        return .numerical(error, timeS: timeS, component: component)
    }
}

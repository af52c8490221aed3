import Scenario

/// A validated sweep file: a base scenario and the axes that vary it.
public struct SweepSpec: Sendable {
    /// The sweep file.
    public var path: String
    /// The base scenario, resolved relative to the sweep file.
    public var scenarioPath: String
    public var seed: UInt64
    /// Most points allowed without `--force`.
    public var limit: Int
    /// Output folder, resolved (default `Output/<sweep file name>`).
    public var outputFolder: String
    /// Grid axes: every combination is a point (mixed radix, first axis slowest).
    public var axes: [SweepAxis]
    /// A sampled design over continuous ranges, crossed with the grid.
    public var sample: SampledDesign?
    /// The sweep file's text, copied into the output folder so `plenum merge` can rebuild the plan.
    public var text: String
    /// What the Slurm scripts ask of the cluster (`slurm:` in the sweep file).
    public var slurm = SlurmOptions()
}

/// Cluster settings for `plenum sweep --slurm-script`: from the sweep file's `slurm:` section and
/// `--slurm-option KEY=VALUE` (which wins). Each option becomes an `#SBATCH --KEY=VALUE` line of
/// both scripts; `modules` are loaded before plenum runs.
public struct SlurmOptions: Sendable, Equatable {
    /// `#SBATCH` options by name without dashes (`partition`, `account`, `qos`, `constraint`, or any
    /// other sbatch long option), in the order given.
    public var options: [(key: String, value: String)] = []
    /// Environment modules to load (`module load NAME`).
    public var modules: [String] = []

    public init() {}

    /// Sets `key` (replacing an earlier value).
    public mutating func set(_ key: String, _ value: String) {
        options.removeAll { $0.key == key }
        options.append((key, value))
    }

    /// Options the scripts set themselves: given again they would contradict the sizing.
    public static let reserved: Set<String> = ["array", "output", "error", "job-name", "time", "mem", "ntasks", "cpus-per-task", "dependency", "parsable"]

    /// Nil when `key` can be an sbatch long option here, else why not.
    public static func problem(key: String, value: String) -> String? {
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return "expected an sbatch long option name such as partition, account, qos or constraint, found '\(key)'"
        }
        if reserved.contains(key) { return "'\(key)' is set by plenum from the pilot run; it cannot be given" }
        if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\"" || $0 == "`" || $0 == "$" }) {
            return "the value of '\(key)' may not hold newlines, quotes, backquotes or '$'"
        }
        return nil
    }

    public static func == (a: SlurmOptions, b: SlurmOptions) -> Bool {
        a.modules == b.modules && a.options.map(\.key) == b.options.map(\.key) && a.options.map(\.value) == b.options.map(\.value)
    }
}

/// One grid axis: one key, or several keys that move together (`zip`), each with the same number
/// of values. Values are YAML text, as an override takes them.
public struct SweepAxis: Sendable, Equatable {
    public var keys: [String]
    /// One column per key, all of `count` values.
    public var columns: [SweepColumn]
    public var location: SourceLocation

    public var count: Int { columns.first?.count ?? 0 }

    /// The value of each key at step `index`.
    public func values(at index: Int) -> [String] { columns.map { $0.value(at: index) } }
}

/// The values of one key along an axis: listed, or a range rendered only when a point asks for
/// it (a range of ten million values costs nothing until its points run).
public enum SweepColumn: Sendable, Equatable {
    case list([String])
    case range(from: Double, step: Double, count: Int, unit: String)

    public var count: Int {
        switch self {
        case .list(let values): return values.count
        case .range(_, _, let count, _): return count
        }
    }

    public func value(at index: Int) -> String {
        switch self {
        case .list(let values): return values[index]
        case .range(let from, let step, _, let unit): return SweepLoader.render(from + Double(index) * step, unit: unit)
        }
    }
}

/// Points drawn over continuous ranges: a Sobol sequence (GSL) or a Latin hypercube (seeded).
public struct SampledDesign: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable { case sobol, latinHypercube = "latin-hypercube" }

    public struct Range: Sendable, Equatable {
        public var key: String
        public var from: Double
        public var to: Double
        /// The SI unit the values are written in ("" for plain numbers).
        public var unit: String
        public var location: SourceLocation
    }

    public var method: Method
    public var points: Int
    public var ranges: [Range]
}

/// Hard limits of a sweep file, whatever its `limit` or `--force`: a sweep's points are numbered
/// with an `Int` and named `point-NNNNNN.h5`; ten million is beyond any cluster's patience.
public enum SweepLimits {
    public static let maximumPoints = 10_000_000
}

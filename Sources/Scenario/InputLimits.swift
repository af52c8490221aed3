/// The sizes Plenum reads without being asked twice, documented in docs/reliability.md.
///
/// Each cap is far above any real input of its kind and far below what exhausts a 24 GiB
/// machine; `--allow-large` on `run`, `validate` and `sweep` lifts the soft caps to the hard ones.
public enum InputLimits {
    /// Scenario, sweep, multi-site and package YAML, HotSpot inputs: a page of text, whatever
    /// `--allow-large` says (8 MiB).
    public static let configurationBytes = ConfigLimits.maximumFileBytes
    /// A job trace by default: 64 MiB, about 1.2 million rows of the benchmark trace's form.
    public static let traceBytes = 64 << 20
    /// Rows of a job trace by default.
    public static let traceRows = 1_000_000
    /// With `--allow-large`: 2 GiB and 40 million rows (≈ 8 GiB of jobs in memory).
    public static let largeTraceBytes = 2 << 30
    public static let largeTraceRows = 40_000_000
    /// A weather file: a year of hourly EPW lines is 1.6 MiB.
    public static let weatherBytes = 16 << 20

    /// Set once by the command line before any input is read (`--allow-large`).
    nonisolated(unsafe) public static var allowLarge = false

    public static var effectiveTraceBytes: Int { allowLarge ? largeTraceBytes : traceBytes }
    public static var effectiveTraceRows: Int { allowLarge ? largeTraceRows : traceRows }
}

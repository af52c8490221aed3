import Scenario
import Storage

/// The global attributes every Plenum output carries, by CF-1.10 §2.6 (docs/output.md):
/// `Conventions`, `title`, `history`, `source`, `references`, and for a site the UTC offset of
/// its local clock.
///
/// `history` is the command that reproduces the data (the scenario, the seed and the `--set`
/// overrides), not the literal command line: the output path, `--quiet` and `--threads` do not
/// change a byte of the data, and leaving them (and a time stamp) out keeps two runs of one
/// scenario bitwise identical.
public enum OutputConventions {
    static let conventions = "CF-1.10"

    public static func writeGlobalAttributes(_ root: HDF5Group, title: String, history: String,
                                      utcOffsetS: Double? = nil) throws(StorageError) {
        try root.setAttribute("Conventions", conventions)
        try root.setAttribute("title", title)
        try root.setAttribute("history", history)
        try root.setAttribute("source", "Plenum \(PlenumVersion.current)")
        try root.setAttribute("references", "docs/output.md (this layout), docs/models/ (each model's equations and sources)")
        if let utcOffsetS {
            try root.setAttribute("utc_offset", utcOffsetText(utcOffsetS))
            try root.setAttribute("utc_offset_s", utcOffsetS)
        }
    }

    /// `plenum run FILE --seed N [--set K=V ...]`, each word quoted for a POSIX shell when needed.
    static func history(command: String, spec: ScenarioSpec) -> String {
        let words = ["plenum", command, spec.sourcePath, "--seed", String(spec.simulation.seed)]
            + spec.overrides.flatMap { ["--set", $0] }
        return words.map(shellQuoted).joined(separator: " ")
    }

    /// `+08:00`, `-03:30`, `+00:00`.
    static func utcOffsetText(_ seconds: Double) -> String {
        let minutes = Int((abs(seconds) / 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        return (seconds < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }

    public static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
        }
        return plain && !word.isEmpty ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

import Foundation

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Whether standard error is a terminal (progress bars only go there).
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

/// Progress on standard error. On a terminal: a one-line bar, redrawn at most ten times a second.
/// Otherwise (a Slurm log, a pipe): one plain line every `batchIntervalS` of wall time with the
/// percentage, the detail (simulated time) and the ETA, so a long batch job is never silent;
/// nothing for work shorter than the interval.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private let batchIntervalS: Double?
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var lastLine: Date
    private var drawn = false

    init(label: String, enabled: Bool, batchIntervalS: Double = 60) {
        self.label = label
        self.enabled = enabled && standardErrorIsTerminal
        self.batchIntervalS = enabled && !standardErrorIsTerminal ? batchIntervalS : nil
        lastLine = started
    }

    /// Updates the bar to `fraction` (0-1) of the work, with an optional detail after it.
    func update(_ fraction: Double) { update(fraction, detail: "") }

    /// `detail` is only built when a line is drawn (runs call this every coupling step).
    func update(_ fraction: Double, detail makeDetail: @autoclosure () -> String) {
        guard enabled || batchIntervalS != nil else { return }
        if let interval = batchIntervalS {
            let now = Date()
            guard now.timeIntervalSince(lastLine) >= interval, fraction < 1 else { return }
            lastLine = now
            let detail = makeDetail()
            let clamped = min(max(fraction, 0), 1)
            let elapsed = now.timeIntervalSince(started)
            let eta = clamped > 0.001 ? ", ETA \(formatSeconds(elapsed * (1 - clamped) / clamped))" : ""
            let line = "\(label): \(String(format: "%.1f", clamped * 100)) %\(detail.isEmpty ? "" : ", " + detail), "
                + "\(formatSeconds(elapsed)) elapsed\(eta)"
            FileHandle.standardError.write(Data((line + "\n").utf8))
            return
        }
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || fraction >= 1 else { return }
        lastDraw = now
        let detail = makeDetail()
        let clamped = min(max(fraction, 0), 1)
        let width = 30
        let filled = Int((clamped * Double(width)).rounded(.down))
        let elapsed = now.timeIntervalSince(started)
        let remaining = clamped > 0.01 ? elapsed * (1 - clamped) / clamped : nil
        let eta = remaining.map { "ETA \(formatSeconds($0))" } ?? ""
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(String(format: "%3d", Int(clamped * 100)))%  \(detail.isEmpty ? "" : detail + "  ")\(formatSeconds(elapsed)) \(eta)"
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// For work whose length is not known in advance: the label, a status and the time elapsed,
    /// redrawn in place on a terminal; nothing elsewhere (a batch log gets the final report).
    func status(_ text: String) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data("\r\(label): \(text)  \(formatSeconds(elapsed))\u{1B}[K".utf8))
        drawn = true
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

/// `42 s`, `3 min 05 s`, `2 h 10 min`.
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    if seconds < 3600 { return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%d h %02d min", Int(seconds) / 3600, (Int(seconds) % 3600) / 60)
}

import Foundation

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Whether standard error is a terminal (progress bars only go there).
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

/// A one-line progress bar on standard error, redrawn at most ten times a second. Silent when
/// standard error is not a terminal, so logs and pipes stay clean.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && standardErrorIsTerminal
    }

    /// Updates the bar to `fraction` (0-1) of the work, with an optional detail after it.
    func update(_ fraction: Double) { update(fraction, detail: "") }

    func update(_ fraction: Double, detail: String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || fraction >= 1 else { return }
        lastDraw = now
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

    /// Clears the bar's line.
    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// `42 s`, `3 min 05 s`, `2 h 10 min`.
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    if seconds < 3600 { return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%d h %02d min", Int(seconds) / 3600, (Int(seconds) % 3600) / 60)
}

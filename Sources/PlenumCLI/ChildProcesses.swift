import ArgumentParser
import Foundation
import Sweep

/// How `plenum` runs parts of itself in child processes, and keeps them from outliving it.
public enum ChildProcesses {
    /// The running `plenum` executable, when the process is the command-line tool (not a test
    /// calling the commands in-process). Set by `main.swift`.
    nonisolated(unsafe) static var executable: String? = nil

    /// Called once by the `plenum` executable: reads of untrusted HDF5 files (inspect, sweep
    /// resume, merge) then happen in child processes with a time limit.
    public static func enableIsolation() {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        executable = path
        IsolatedFileCheck.executable = path
    }

    /// In a child: exits when the parent is gone (killed by any signal, SIGKILL included), so
    /// that no worker outlives an interrupted sweep. Polls the parent's PID once a second:
    /// `prctl(PR_SET_PDEATHSIG)` would be immediate but is variadic C, which Swift cannot call.
    static func exitWithParent() {
        let parent = getppid()
        let thread = Thread {
            while getppid() == parent { sleep(1) }
            // Term, not exit(): the run's partial file is removed by the next sweep's resume.
            kill(getpid(), SIGTERM)
        }
        thread.start()
    }

    /// Runs `body` with SIGINT and SIGTERM caught: on either, `onSignal` runs (stop children,
    /// release locks) and the process exits 128 + signal, as a shell reports it.
    static func withInterruptHandling<T>(onSignal: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                onSignal()
                // `_exit`, not `exit`: the main thread may be inside libhdf5, and `exit` would run
                // HDF5's atexit close on this thread at the same time.
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return try body()
    }
}

/// Children of a sweep, tracked so that a signal can stop them all.
final class ChildRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var processes: [Int32: Process] = [:]
    /// Set by `stopAll`: no child starts after it, so none escapes the stop (a worker launched
    /// between the stop's list and the exit would outlive the sweep and leave its partial file).
    private var stopping = false

    /// Starts `process` and tracks it, unless the children are being stopped.
    /// - Returns: whether it started.
    func launch(_ process: Process) throws -> Bool {
        try lock.withLock {
            guard !stopping else { return false }
            try process.run()
            processes[process.processIdentifier] = process
            return true
        }
    }

    func remove(_ process: Process) { lock.withLock { _ = processes.removeValue(forKey: process.processIdentifier) } }

    /// Sends SIGTERM to every child, waits up to two seconds, then SIGKILL; no child starts
    /// after it.
    /// - Returns: the PIDs stopped.
    @discardableResult
    func stopAll() -> [pid_t] {
        let all = lock.withLock {
            stopping = true
            return Array(processes.values)
        }
        for process in all where process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(2)
        while all.contains(where: \.isRunning) && Date() < deadline { usleep(20_000) }
        for process in all where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return all.map(\.processIdentifier)
    }
}

/// `plenum _check-files`: the child side of `IsolatedFileCheck` (not for users): reads file
/// paths on standard input and answers whether each can be trusted.
struct CheckFilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_check-files", shouldDisplay: false)

    func run() throws {
        ChildProcesses.exitWithParent()
        IsolatedFileCheck.serveChild()
    }
}

import Foundation

/// Runs `PointFileCheck` on files that may be damaged in a child process with a time limit, so
/// that a crash or hang inside libhdf5 (both seen on files with one byte changed) becomes a
/// located "corrupt file" answer instead of taking `plenum sweep` or `plenum merge` down.
///
/// One child checks many files in turn, announcing each before it reads it; when the child dies
/// or stops answering, the file it was reading is the culprit, and a new child continues after
/// it. Protocol (one line each, tab-separated): the parent writes `path<TAB>scenario digest or
/// -`; the child answers `begin<TAB>i` then `ok<TAB>i` or `bad<TAB>i<TAB>reason`.
public enum IsolatedFileCheck {
    /// The `plenum` executable that runs `plenum _check-files`. Nil (library use, tests) checks
    /// in this process.
    nonisolated(unsafe) public static var executable: String? = nil
    /// Longest a single file may take to read before it is called hung: 10 s, plus the time to read
    /// it at 20 MB/s (a year of server-level output is hundreds of MB).
    nonisolated(unsafe) public static var baseTimeoutPerFileS: Double = 10

    static func timeoutS(for path: String) -> Double {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return baseTimeoutPerFileS + Double(bytes) / 20e6
    }

    public struct Request: Sendable {
        public var path: String
        public var scenarioDigest: String?
        public init(path: String, scenarioDigest: String? = nil) {
            self.path = path
            self.scenarioDigest = scenarioDigest
        }
    }

    /// One problem (nil: trustworthy) per request, in order.
    public static func check(_ requests: [Request]) -> [String?] {
        guard let executable else { return requests.map { PointFileCheck.problem(path: $0.path, scenarioDigest: $0.scenarioDigest) } }
        var results = [String??](repeating: nil, count: requests.count)
        var next = 0
        while next < requests.count {
            let outcome = runChild(executable, requests: requests, from: next, into: &results)
            switch outcome {
            case .finished:
                next = requests.count
            case .died(let index, let why):
                results[index] = .some("corrupt file: \(why)")
                next = index + 1
            }
        }
        return results.map { $0 ?? "corrupt file: it was never checked" }
    }

    private enum ChildOutcome { case finished, died(index: Int, why: String) }

    private static func runChild(_ executable: String, requests: [Request], from first: Int,
                                 into results: inout [String??]) -> ChildOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["_check-files"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            // Cannot isolate: check here rather than not at all.
            for index in first..<requests.count {
                results[index] = .some(PointFileCheck.problem(path: requests[index].path, scenarioDigest: requests[index].scenarioDigest))
            }
            return .finished
        }
        let lines = requests[first...].map { "\($0.path)\t\($0.scenarioDigest ?? "-")\n" }.joined()
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            try? writer.write(contentsOf: Data(lines.utf8))
            try? writer.close()
        }
        var reader = LineReader(fileDescriptor: output.fileHandleForReading.fileDescriptor)
        var current: Int? = nil
        while true {
            switch reader.nextLine(timeoutS: timeoutS(for: requests[current ?? first].path)) {
            case .line(let line):
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 2, let offset = Int(fields[1]) else { continue }
                let index = first + offset
                guard index < requests.count else { continue }
                switch fields[0] {
                case "begin": current = index
                case "ok": results[index] = .some(nil); current = nil
                case "bad": results[index] = .some(fields.count > 2 ? fields[2] : "unreadable"); current = nil
                default: break
                }
            case .timedOut:
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                guard let current else { return .finished }
                return .died(index: current, why: "\(requests[current].path): reading it did not finish within \(Int(timeoutS(for: requests[current].path))) s")
            case .endOfFile:
                process.waitUntilExit()
                if let current {
                    let how = process.terminationReason == .uncaughtSignal
                        ? "reading it crashed inside libhdf5 (signal \(process.terminationStatus))"
                        : "reading it stopped the checker (status \(process.terminationStatus))"
                    return .died(index: current, why: "\(requests[current].path): \(how)")
                }
                return .finished
            }
        }
    }

    /// The child's side: reads requests from standard input and answers on standard output,
    /// flushing each line so the parent knows which file was being read if this process dies.
    public static func serveChild() {
        var index = 0
        while let line = readLine(strippingNewline: true) {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let path = fields[0]
            let digest = fields.count > 1 && fields[1] != "-" ? fields[1] : nil
            emit("begin\t\(index)")
            if let problem = PointFileCheck.problem(path: path, scenarioDigest: digest) {
                emit("bad\t\(index)\t\(problem.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "))")
            } else {
                emit("ok\t\(index)")
            }
            index += 1
        }
    }

    private static func emit(_ line: String) {
        let text = line + "\n"
        _ = text.withCString { Glibc.write(1, $0, strlen($0)) }
    }
}

/// Lines from a file descriptor with a time limit per line (poll), for watching a child.
struct LineReader {
    enum Next { case line(String), timedOut, endOfFile }

    let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    mutating func nextLine(timeoutS: Double) -> Next {
        let deadline = Date().addingTimeInterval(timeoutS)
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if ended { return .endOfFile }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1_000_000)))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(fileDescriptor, &chunk, chunk.count)
            if count <= 0 { ended = true } else { buffer += chunk[..<count] }
        }
    }
}

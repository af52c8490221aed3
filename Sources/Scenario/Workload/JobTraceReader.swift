import Foundation
import Numerics

/// Reads a job trace (CSV, docs/models/workload.md): a header naming the columns, then one job
/// per line.
///
/// | column | required | meaning |
/// | --- | --- | --- |
/// | `submit` | yes | submission time, s from the start |
/// | `duration` or `work` | one | run time, s (batch) or FLOPs (training) |
/// | `devices` or `servers` | one | accelerators (rounded up to whole servers) or servers |
/// | `kind` | no | `batch` or `training` (default: training with `work`, else batch) |
/// | `name`, `utilization`, `mfu`, `precision` | no | |
///
/// Other columns are ignored with one warning naming them. A bad row is an error with the file,
/// line and column; `#` starts a comment line.
enum JobTraceReader {
    /// Most servers or devices one job may name: beyond any hall, and exact as an `Int`.
    static let maximumCount = 10_000_000
    static let known: Set<String> = ["submit", "duration", "work", "devices", "servers", "kind", "name", "utilization", "mfu", "precision"]

    static func read(path: String, hall: String, acceleratorsPerServer: Int?, referencedAt location: SourceLocation, keyPath: String,
                     _ diagnostics: inout DiagnosticCollector) -> [JobSpec] {
        diagnostics.recordInput(path)
        if let problem = InputPath.problem(reading: path) {
            diagnostics.error("cannot read the trace '\(path)': \(problem)", at: location, keyPath: keyPath)
            return []
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let limitBytes = InputLimits.effectiveTraceBytes, limitRows = InputLimits.effectiveTraceRows
        if size > limitBytes {
            diagnostics.error("the trace '\(path)' is \(ByteCountText.describe(size)), above the limit of \(ByteCountText.describe(limitBytes))"
                              + (InputLimits.allowLarge ? "" : " (pass --allow-large to read it)"), at: location, keyPath: keyPath)
            return []
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            diagnostics.error("cannot read the trace '\(path)'", at: location, keyPath: keyPath)
            return []
        }
        if data.prefix(65_536).contains(0) {
            diagnostics.error("the trace '\(path)' holds NUL bytes: expected CSV text", at: location, keyPath: keyPath)
            return []
        }
        var local = DiagnosticCollector(file: path)
        var header: [String]? = nil
        var jobs: [JobSpec] = []
        var errors = 0, rows = 0
        CSVLineScanner(data: data).forEachLine { csvLine in
            let line = csvLine.number
            let fields = csvLine.fields
            guard let columns = header else {
                header = fields.map { $0.lowercased() }
                let names = Set(header!)
                let unknown = header!.filter { !known.contains($0) }
                if !unknown.isEmpty {
                    local.warning("columns \(unknown.joined(separator: ", ")) are not used and are ignored", at: SourceLocation(file: path, line: line, column: 1),
                                  keyPath: keyPath)
                }
                var missing: [String] = []
                if !names.contains("submit") { missing.append("submit") }
                if !names.contains("duration") && !names.contains("work") { missing.append("duration or work") }
                if !names.contains("devices") && !names.contains("servers") { missing.append("devices or servers") }
                if !missing.isEmpty {
                    local.error("the header lacks \(missing.joined(separator: ", ")); found \(header!.joined(separator: ","))",
                                at: SourceLocation(file: path, line: line, column: 1), keyPath: keyPath)
                    return false
                }
                return true
            }
            rows += 1
            if rows > limitRows {
                local.error("more than \(limitRows) jobs" + (InputLimits.allowLarge ? "" : " (pass --allow-large to read more)"),
                            at: SourceLocation(file: path, line: line, column: 1), keyPath: keyPath)
                return false
            }
            func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
            func fail(_ name: String, _ expected: String) {
                errors += 1
                guard errors <= 20 else { return }
                let c = column(name) ?? 0
                let offset = (c < csvLine.fieldColumns.count ? csvLine.fieldColumns[c] : 0) + 1
                local.error("column '\(name)': expected \(expected), found '\(c < fields.count ? fields[c] : "")'",
                            at: SourceLocation(file: path, line: line, column: offset), keyPath: keyPath)
            }
            guard fields.count == columns.count else {
                errors += 1
                if errors <= 20 {
                    local.error("expected \(columns.count) fields as the header names, found \(fields.count)", at: SourceLocation(file: path, line: line, column: 1),
                                keyPath: keyPath)
                }
                return true
            }
            func number(_ name: String) -> Double? { column(name).flatMap { Double(fields[$0]) } }
            func present(_ name: String) -> Bool { column(name).map { !fields[$0].isEmpty } ?? false }
            guard let submit = number("submit"), submit.isFinite, submit >= 0 else { fail("submit", "seconds ≥ 0"); return true }
            let kindText = column("kind").map { fields[$0].lowercased() } ?? ""
            let kind: JobSpec.Kind
            if kindText.isEmpty { kind = present("work") ? .training : .batch }
            else if let k = JobSpec.Kind(rawValue: kindText) { kind = k }
            else { fail("kind", "batch or training"); return true }
            var servers: Int
            if present("servers") {
                guard let s = number("servers").flatMap(CheckedConversion.integer(exactly:)), (1...maximumCount).contains(s) else {
                    fail("servers", "a whole number 1-\(maximumCount)"); return true
                }
                servers = s
            } else {
                guard let d = number("devices").flatMap(CheckedConversion.integer(exactly:)), (1...maximumCount).contains(d) else {
                    fail("devices", "a whole number 1-\(maximumCount)"); return true
                }
                guard let perServer = acceleratorsPerServer, perServer > 0 else { fail("devices", "servers (the hall's servers have no accelerators)"); return true }
                servers = (d + perServer - 1) / perServer
            }
            let utilization = number("utilization") ?? 1
            guard (0...1).contains(utilization) else { fail("utilization", "a fraction 0-1"); return true }
            let name = column("name").map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? "trace-\(jobs.count + 1)"
            var job = JobSpec(name: name, hall: hall, kind: kind, submitS: submit, durationS: nil, serverCount: servers, utilization: utilization)
            if kind == .training {
                guard let work = number("work"), work > 0, work.isFinite else { fail("work", "FLOPs > 0 for a training job"); return true }
                let mfu = number("mfu") ?? 0.4
                guard mfu > 0 && mfu <= 1 else { fail("mfu", "a fraction 0-1"); return true }
                let precisionText = column("precision").map { fields[$0].lowercased() } ?? ""
                guard let precision = precisionText.isEmpty ? .bf16 : TrainingSpec.Precision(rawValue: precisionText) else {
                    fail("precision", "bf16, fp16, fp8 or int8"); return true
                }
                job.training = TrainingSpec(flops: work, precision: precision, modelFlopsUtilization: mfu, checkpointIntervalS: nil, restartCostS: 0)
            } else {
                guard let duration = number("duration"), duration > 0, duration.isFinite else { fail("duration", "seconds > 0 for a batch job"); return true }
                job.durationS = duration
            }
            jobs.append(job)
            return true
        }
        if header == nil {
            local.error("the trace is empty: expected a header line such as 'submit,duration,servers'", at: SourceLocation(file: path, line: 1, column: 1),
                        keyPath: keyPath)
        }
        if errors > 20 {
            local.error("\(errors - 20) more bad rows not shown", at: SourceLocation(file: path, line: 1, column: 1), keyPath: keyPath)
        }
        if local.hasErrors {
            diagnostics.error("the job trace '\(path)' has errors (they follow)", at: location, keyPath: keyPath)
        }
        diagnostics.append(contentsOf: local)
        return jobs
    }
}

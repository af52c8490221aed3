import Foundation
import Scenario
import Storage
import Simulation

/// Merges a sweep's output folder into one `sweep.h5`: a table with one row per point (its
/// status, seed, parameters by key path and KPIs) and external links to each point's file, so
/// nothing is copied. Rows are in point order and read only from files, so merging the output of
/// shards gives the same bytes as merging an unsharded run.
public enum SweepMerger {
    public struct MergeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Merges `folder`; returns the path of `sweep.h5` and the counts of points by status.
    /// - Returns: also the corrupt points (counted as failed) with why each cannot be trusted.
    public static func merge(folder: String) throws -> (path: String, done: Int, failed: Int, missing: Int, corrupt: [(index: Int, reason: String)]) {
        let manifestPath = "\(folder)/manifest.yaml"
        guard let manifest = try? String(contentsOfFile: manifestPath, encoding: .utf8),
              let line = manifest.split(separator: "\n").first(where: { $0.hasPrefix("sweep: ") }) else {
            throw MergeError(description: "\(folder): not a sweep output folder (no manifest.yaml; run plenum sweep first)")
        }
        let sweepPath = String(line.dropFirst("sweep: ".count))
        let spec: SweepSpec
        do {
            spec = try SweepLoader.load(path: sweepPath)
        } catch {
            throw MergeError(description: "\(manifestPath): the sweep file \(sweepPath) no longer loads:\n\(error)")
        }
        var plan = SweepPlan(spec)
        plan = SweepPlan(SweepSpec(path: spec.path, scenarioPath: spec.scenarioPath, seed: spec.seed, limit: spec.limit,
                                   outputFolder: folder, axes: spec.axes, sample: spec.sample, text: spec.text))

        var status: [String] = [], summaries: [[String: Double]] = []
        var kpiUnits: [(name: String, units: String, longName: String)] = []
        // Point files are checked (content digest, checksums) in a child process before they are
        // read here: a damaged one is reported as corrupt, never merged and never a crash.
        let existing = (0..<plan.count).filter { FileManager.default.fileExists(atPath: SweepRunner.outputPath(plan, $0)) }
        let verdicts = IsolatedFileCheck.check(existing.map { .init(path: SweepRunner.outputPath(plan, $0)) })
        var corrupt: [Int: String] = [:]
        for (index, problem) in zip(existing, verdicts) { if let problem { corrupt[index] = problem } }
        for index in 0..<plan.count {
            let path = SweepRunner.outputPath(plan, index)
            if corrupt[index] != nil {
                status.append("corrupt")
                summaries.append([:])
            } else if let root = try? HDF5File.open(at: path).rootGroup(), root.memberKind("summary") == .group,
               let group = try? root.openGroup("summary"), let names = try? group.memberNames() {
                var values: [String: Double] = [:]
                for name in names {
                    // Scalars only: a KPI is one number per run (monthly_pue has its own axis).
                    guard let dataset = try? group.openDataset(name), (try? dataset.shape())?.isEmpty == true,
                          let value = try? dataset.readDoubles().first else { continue }
                    values[name] = value
                    if !kpiUnits.contains(where: { $0.name == name }) {
                        kpiUnits.append((name, Self.unitsAsWritten(dataset), (try? dataset.stringAttribute("long_name")) ?? name))
                    }
                }
                status.append("done")
                summaries.append(values)
            } else {
                status.append(FileManager.default.fileExists(atPath: SweepRunner.failurePath(plan, index)) ? "failed" : "missing")
                summaries.append([:])
            }
        }
        let output = "\(folder)/sweep.h5"
        let partial = output + ".partial"
        do {
            let root = try HDF5File.create(at: partial, overwrite: true).rootGroup()
            try OutputConventions.writeGlobalAttributes(root, title: "Plenum sweep \(spec.path)",
                                                        history: "plenum sweep \(OutputConventions.shellQuoted(spec.path)); plenum merge")
            try root.setAttribute("sweep_seed", String(spec.seed))
            let sweepText = try root.createStringDataset("sweep_text", spec.text)
            try sweepText.setAttribute("long_name", "the sweep file")
            let points = try NamedAxis(in: root.createGroup("points"), name: "point",
                                       labels: (0..<plan.count).map { String(SweepPlan.fileName($0).dropLast(3)) },
                                       longName: "sweep point (its file, without .h5)")
            func attach(_ dataset: HDF5Dataset, units: String?, longName: String) throws(StorageError) {
                if let units { try dataset.setUnits(units) }
                try dataset.setAttribute("long_name", longName)
                try points.attach(to: dataset, dimension: 0)
            }
            try attach(try points.group.createStringColumn("status", status), units: nil,
                       longName: "done, failed, missing, or corrupt (a file that fails its checksum or content digest)")
            try attach(try points.group.createStringColumn("seed", (0..<plan.count).map { String(plan.seed($0)) }), units: nil,
                       longName: "the point's seed (decimal text of a UInt64)")
            let values = (0..<plan.count).map { plan.values($0) }
            for (column, key) in plan.keys.enumerated() {
                let texts = values.map { $0[column] }
                if let numbers = numericColumn(texts) {
                    try attach(try points.group.createDataset(key, values: numbers.values, shape: [plan.count]), units: numbers.units,
                               longName: "parameter \(key)")
                } else {
                    try attach(try points.group.createStringColumn(key, texts), units: nil, longName: "parameter \(key)")
                }
            }
            for kpi in kpiUnits {
                let column = summaries.map { $0[kpi.name] ?? .nan }
                try attach(try points.group.createDataset(kpi.name, values: column, shape: [plan.count]), units: kpi.units, longName: kpi.longName)
            }
            let runs = try root.createGroup("runs")
            for index in 0..<plan.count where status[index] == "done" {
                let name = SweepPlan.fileName(index)
                try runs.createExternalLink(String(name.dropLast(3)), targetFile: name, objectPath: "/")
            }
            try root.file.flush()
        } catch {
            unlink(partial)
            throw MergeError(description: "\(error)")
        }
        if rename(partial, output) != 0 {
            unlink(partial)
            throw MergeError(description: "\(output): cannot move the merged file into place")
        }
        return (output, status.filter { $0 == "done" }.count, status.filter { $0 == "failed" || $0 == "corrupt" }.count,
                status.filter { $0 == "missing" }.count, corrupt.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Numbers in SI when every value is a plain number or a quantity of one dimension.
    /// A point file's units as Plenum writes them before `setUnits` (a currency back to its code),
    /// so the merged column gets the same `units` and `currency` attributes.
    static func unitsAsWritten(_ dataset: HDF5Dataset) -> String {
        let units = (try? dataset.stringAttribute("units")) ?? "1"
        guard let currency = try? dataset.stringAttribute("currency"), units.hasPrefix("1") else { return units }
        return currency + units.dropFirst()
    }

    static func numericColumn(_ texts: [String]) -> (values: [Double], units: String)? {
        if let numbers = Optional(texts.compactMap(Double.init)), numbers.count == texts.count { return (numbers, "1") }
        for dimension in PhysicalDimension.allCases {
            let parsed = texts.compactMap { text -> Double? in
                if case .success(let value) = Units.parse(text, as: dimension) { return value }
                return nil
            }
            if parsed.count == texts.count { return (parsed, dimension.storedUnit) }
        }
        return nil
    }
}

import Charts

extension RunReport {
    /// Job classes (waits, slowdowns, energy, carbon), the jobs themselves, and inference services.
    func jobsSection() -> String {
        var out = ""
        if let classes = run.jobClasses, !classes.texts("kind").isEmpty {
            out += "<h3>By class</h3>" + columnsTable(classes, label: "kind", id: idPrefix + "job-classes")
        }
        if let inference = run.inference, !inference.texts("service_name").isEmpty {
            out += "<h3>Inference services</h3>" + columnsTable(inference, label: "service_name", id: idPrefix + "inference-services")
        }
        if let jobs = run.jobs, !jobs.texts("job_name").isEmpty {
            let count = jobs.texts("job_name").count, limit = 500
            out += "<h3>Jobs</h3><p class=\"hint\">\(count) jobs" + (count > limit ? "; the \(limit) with the largest slowdown are shown (all are in <code>/jobs</code>)" : "") + ".</p>"
            var rows = Array(0..<count)
            if count > limit {
                let slowdown = jobs.numbers("slowdown")
                rows = Array(rows.sorted { slowdown[$0].finiteOr(-1) > slowdown[$1].finiteOr(-1) }.prefix(limit)).sorted()
            }
            out += "<div class=\"scroll\">" + columnsTable(jobs, label: "job_name", id: idPrefix + "job-table", rows: rows,
                                                          skip: ["job", "submit_s", "start_s", "end_s"]) + "</div>"
        }
        return out.isEmpty ? "<p>No jobs or services in this run.</p>" : out
    }

    /// A table of a group's columns along `label`, in this run's display units.
    func columnsTable(_ group: StoredGroup, label: String, id: String, rows: [Int]? = nil, skip: Set<String> = []) -> String {
        ItemTable { value, units in QuantityFormat.display(value, units: units, energyUnit: energyUnit, powerUnit: powerUnit) }
            .html(group, label: label, id: id, rows: rows, skip: skip)
    }
}

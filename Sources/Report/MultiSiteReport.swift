import Storage

/// `plenum report` of a multi-site run: the sites side by side, where each job went and why, and
/// one section per site from the site's own run file.
public struct MultiSiteReport: Sendable {
    public let path: String
    public let sites: StoredGroup
    public let jobs: StoredGroup?
    public let siteRuns: [(name: String, path: String, run: RunFile?)]

    /// `isSafe` says whether a site's run file may be opened in this process: the command checks
    /// each one first in a child process, since a damaged HDF5 file can crash libhdf5. A site file
    /// that is not safe, or cannot be read, gets a line saying so instead of its section.
    public init(file: HDF5File, isSafe: (String) -> Bool = { _ in true }) throws(StorageError) {
        path = file.path
        sites = try StoredGroup.read(file, path: "/sites")
        let top = try file.rootGroup()
        jobs = top.memberKind("jobs") == .group ? try StoredGroup.read(file, path: "/jobs") : nil
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ""
        let names = sites.texts("site_name"), files = sites.texts("output_file")
        siteRuns = names.indices.map { i in
            guard i < files.count else { return (names[i], "", nil) }
            let sitePath = files[i].hasPrefix("/") ? files[i] : folder + (files[i].split(separator: "/").last.map(String.init) ?? files[i])
            return (names[i], sitePath, isSafe(sitePath) ? try? RunFile(path: sitePath) : nil)
        }
    }

    public func page() -> HTMLPage {
        var page = HTMLPage(title: "Plenum multi-site run: \(path)", subtitle: "\(siteRuns.count) sites")
        page.add("sites", "Sites", ItemTable.plain.html(sites, label: "site_name", id: "site-table"))
        if let jobs, !jobs.texts("job_name").isEmpty {
            page.add("routing", "Routing decisions", "<div class=\"scroll\">" + ItemTable.plain.html(jobs, label: "job_name", id: "routing-table") + "</div>")
        }
        for (index, site) in siteRuns.enumerated() {
            guard let run = site.run else {
                page.add("site-\(index)", "Site \(site.name)", "<p class=\"warning\">The site's run file <code>\(HTML.escape(site.path))</code> "
                         + "could not be read whole (damaged, missing or not a run): <code>plenum inspect</code> says why.</p>")
                continue
            }
            var report = RunReport(run: run)
            report.idPrefix = "site-\(index)-"
            var html = report.keyFiguresSection()
            if run.summary["monthly_pue"] != nil { html += "<h3>Months</h3>" + report.monthlySection() }
            html += "<h3>Time series</h3>" + report.timeSeriesSection()
            html += "<h3>Events</h3>" + report.eventsSection()
            page.add("site-\(index)", "Site \(site.name)", html)
        }
        return page
    }
}

/// Reads any Plenum file and writes its page.
public enum ReportBuilder {
    public static func page(for path: String, floorPlanAtS: Double? = nil, isSafe: (String) -> Bool = { _ in true }) throws(StorageError) -> String {
        let file = try HDF5File.open(at: path)
        switch try PlenumFileKind.of(file) {
        case .run: return RunReport(run: try RunFile(file: file), floorPlanAtS: floorPlanAtS).page().render()
        case .multiSite: return try MultiSiteReport(file: file, isSafe: isSafe).page().render()
        case .package, .hotspot: return try PackageReportPage(file: file).page().render()
        case .sweep: return try SweepReport(file: file).page().render()
        }
    }
}

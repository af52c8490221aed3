import Foundation
import Testing

/// `plenum report`, `compare` and `export` through the executable: what they write, and what a
/// careless or damaged input gets (docs/report.md, docs/reliability.md).
@Suite("plenum report, compare and export from the command line")
struct ReportCommandTests {
    @Test("A run's page, its CSV tables and a comparison; careless inputs are located errors")
    func reportCompareExport() throws {
        let folder = PlenumProcess.temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("quickstart.h5").path
        #expect(try PlenumProcess.run(["run", "Scenarios/quickstart.yaml", "--quiet", "--output", run]).status == 0)

        let report = try PlenumProcess.run(["report", run])
        #expect(report.status == 0)
        let page = try String(contentsOfFile: folder.appendingPathComponent("quickstart.html").path, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<section id=\"figures\"") && !page.contains("https://"))

        let export = try PlenumProcess.run(["export", run, "--csv", folder.appendingPathComponent("csv").path, "--quiet"])
        #expect(export.status == 0)
        let facility = try String(contentsOfFile: folder.appendingPathComponent("csv/timeseries_facility.csv").path, encoding: .utf8)
        #expect(facility.hasPrefix("time [seconds since 2026-07-01T00:00:00Z],utc,local,"))

        let compare = try PlenumProcess.run(["compare", run, run, "--html", folder.appendingPathComponent("same.html").path])
        #expect(compare.status == 0)
        #expect(compare.standardOutput.contains("Inputs that differ (0)"))

        // Careless inputs: each one located line and exit 1 (2 for usage), nothing written.
        let clobber = try PlenumProcess.run(["report", run, "--output", run])
        #expect(clobber.status == 1 && clobber.standardError.contains("is an input of this run"))
        let at = try PlenumProcess.run(["report", run, "--at", "soon"])
        #expect(at.status == 1 && at.standardError.contains("--at: expected a time since the start"))
        #expect(try PlenumProcess.run(["compare", run]).status == 2)
        let notRun = try PlenumProcess.run(["compare", run, "Scenarios/quickstart.yaml"])
        #expect(notRun.status == 1 && notRun.standardError.contains("Scenarios/quickstart.yaml: error:"))

        // A damaged copy: bytes changed all through the middle third of the file. (A 4 KiB window
        // can fall on the unused slots of a B-tree node, which damages nothing that is read: the
        // file's layout moves as datasets are added.)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: run))
        for offset in stride(from: bytes.count / 3, to: 2 * bytes.count / 3, by: 97) { bytes[offset] ^= 0x5A }
        let damaged = folder.appendingPathComponent("damaged.h5").path
        try bytes.write(to: URL(fileURLWithPath: damaged))
        for arguments in [["report", damaged], ["export", damaged, "--csv", folder.appendingPathComponent("bad-csv").path],
                          ["compare", run, damaged]] {
            let result = try PlenumProcess.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.hasPrefix("\(damaged): error:"), "\(arguments): \(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("damaged.html").path))
    }

    /// A multi-site run whose site file is damaged: each site file is checked in a child process
    /// first (a damaged HDF5 file can crash libhdf5), and the page says which one it could not read.
    @Test("A multi-site page with a damaged site file says so, and the command does not crash")
    func multiSiteWithADamagedSite() throws {
        let folder = PlenumProcess.temporaryFolder("report-sites")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("east-west.h5").path
        #expect(try PlenumProcess.run(["run", "Scenarios/east-west/east-west.yaml", "--quiet", "--output", run]).status == 0)
        let site = folder.appendingPathComponent("east-west.guiyang.h5")
        var bytes = try Data(contentsOf: site)
        for offset in stride(from: bytes.count / 3, to: 2 * bytes.count / 3, by: 97) { bytes[offset] ^= 0x5A }
        try bytes.write(to: site)
        let report = try PlenumProcess.run(["report", run, "--quiet"])
        #expect(report.status == 0, "\(report.standardError)")
        let page = try String(contentsOfFile: folder.appendingPathComponent("east-west.html").path, encoding: .utf8)
        #expect(page.contains("<p class=\"warning\">The site's run file <code>\(site.path)</code> could not be read whole"))
        // Only that site: the other two have their sections.
        #expect(page.components(separatedBy: "could not be read whole").count == 2 && page.contains("<h2>Site beijing</h2>"))
    }
}

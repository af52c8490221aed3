import Foundation
import Scenario
import Storage

/// Runs a multi-site scenario: routes every job and service, runs each site's facility with
/// what it received (one HDF5 file per site), and writes the federation's file: `/sites` and
/// `/jobs` tables and external links `/runs/<site>` to the sites' files (docs/output.md).
public enum MultiSiteRunner {
    public struct SiteResult: Sendable {
        public var name: String
        public var path: String
        public var summary: RunSummary
        public var jobs: Int
        public var services: Int
    }

    public struct Result: Sendable {
        public var sites: [SiteResult]
        /// Per job and service: where it went and why.
        public var placements: [(name: String, kind: String, site: String, reason: String, transferS: Double, transferEnergyJ: Double)]
        public var transferEnergyJ: Double
    }

    public static func run(_ spec: MultiSiteSpec, outputPath: String, threads: Int = SimulationRunner.defaultThreads,
                           progress: ((Double) -> Void)? = nil) throws(SimulationError) -> Result {
        // Checked before the sites run: a bad output path fails in a second, not after every site.
        let inputs = [spec.sourcePath] + spec.sites.flatMap(\.scenario.inputFiles)
        _ = try OutputFile.check(path: outputPath, inputs: inputs)
        let router = SiteRouter(spec: spec)
        var scenarios = Dictionary(uniqueKeysWithValues: spec.sites.map { ($0.name, $0.scenario) })
        var placements: [(String, String, String, String, Double, Double)] = []
        var counts: [String: (jobs: Int, services: Int)] = [:]
        for job in spec.jobs {
            let route = router.route(job)
            var placed = job
            placed.hall = scenarios[route.site]!.halls[0].name
            placed.submitS += route.transferS
            scenarios[route.site]!.jobs.append(placed)
            counts[route.site, default: (0, 0)].jobs += 1
            placements.append((job.name, job.kind.rawValue, route.site, route.reason, route.transferS, route.transferEnergyJ))
        }
        for service in spec.services {
            let route = router.route(service)
            var placed = service
            placed.hall = scenarios[route.site]!.halls[0].name
            placed.networkRoundTripS = route.roundTripS
            scenarios[route.site]!.services.append(placed)
            counts[route.site, default: (0, 0)].services += 1
            placements.append((service.name, "inference", route.site, route.reason, 0, 0))
        }
        let stem = (outputPath as NSString).deletingPathExtension
        var results: [SiteResult] = []
        for (index, site) in spec.sites.enumerated() {
            let path = "\(stem).\(site.name).h5"
            let summary = try SimulationRunner.run(scenarios[site.name]!, outputPath: path, threads: threads) { fraction in
                progress?((Double(index) + fraction) / Double(spec.sites.count))
            }
            results.append(SiteResult(name: site.name, path: path, summary: summary, jobs: counts[site.name]?.jobs ?? 0,
                                      services: counts[site.name]?.services ?? 0))
        }
        let result = Result(sites: results, placements: placements.map { ($0.0, $0.1, $0.2, $0.3, $0.4, $0.5) },
                            transferEnergyJ: placements.reduce(0) { $0 + $1.5 })
        let output = try OutputFile(path: outputPath, inputs: inputs)
        do {
            try write(result, spec: spec, to: output.partialPath)
        } catch {
            output.discard()
            throw .output(error)
        }
        try output.commit()
        return result
    }

    private static func write(_ result: Result, spec: MultiSiteSpec, to path: String) throws(StorageError) {
        let file = try HDF5File.create(at: path, overwrite: true)
        let root = try file.rootGroup()
        try OutputConventions.writeGlobalAttributes(root, title: "Plenum multi-site run of \(spec.sourcePath)",
                                                    history: "plenum run " + OutputConventions.shellQuoted(spec.sourcePath))
        try root.setAttribute("program_version", PlenumVersion.current)
        try root.setAttribute("routing_policy", spec.policy.rawValue)
        try root.setAttribute("users_site", spec.usersSite)
        let sites = try NamedAxis(in: root.createGroup("sites"), name: "site", labels: result.sites.map(\.name), longName: "site")
        try sites.textColumn("output_file", result.sites.map { ($0.path as NSString).lastPathComponent }, longName: "the site's own run, also linked as /runs/<site>")
        let scenarios = result.sites.map { r in spec.site(r.name)!.scenario }
        // One currency for all sites, or "1" and a note: each site's own currency.
        let currencies = Set(scenarios.map { $0.site.currency ?? "" })
        let currency = currencies.count == 1 && !currencies.first!.isEmpty ? currencies.first! : "1"
        let currencyNote = currency == "1" ? " (in each site's currency)" : ""
        func facility(_ r: SiteResult, _ value: (FacilitySummary) -> Double) -> Double { r.summary.facility.map(value) ?? .nan }
        let columns: [(String, [Double], String, String)] = [
            ("electricity_price_per_kwh", scenarios.map { ($0.site.electricityPricePerJ ?? .nan) * 3.6e6 }, currency + "/(kW h)", "site tariff (flat part)" + currencyNote),
            ("grid_carbon_kg_per_kwh", scenarios.map { ($0.site.gridCarbonKgPerJ ?? .nan) * 3.6e6 }, "kg/(kW h)", "grid carbon intensity"),
            ("jobs", result.sites.map { Double($0.jobs) }, "1", "jobs routed here"),
            ("services", result.sites.map { Double($0.services) }, "1", "inference services routed here"),
            ("pue", result.sites.map { facility($0) { $0.pue } }, "1", "the site's PUE over the run"),
            ("facility_energy_j", result.sites.map { facility($0) { $0.facilityEnergyJ } }, "J", "total facility energy"),
            ("energy_cost", result.sites.map { facility($0) { $0.cost } }, currency, "electricity cost" + currencyNote),
            ("carbon_kg", result.sites.map { facility($0) { $0.carbonKg } }, "kg", "CO2 from grid and generators"),
            ("server_utilization", result.sites.map(\.summary.serverUtilization), "1", "server-time held by jobs / available"),
            ("throttled_device_hours", result.sites.map(\.summary.throttledDeviceHours), "h", "accelerator-hours throttled"),
            ("inference_slo_attainment", result.sites.map(\.summary.inferenceSLOAttainment), "1", "requests within their objective"),
        ]
        for (name, values, units, meaning) in columns { try sites.column(name, values, units: units, longName: meaning) }
        let jobs = try NamedAxis(in: root.createGroup("jobs"), name: "job", labels: result.placements.map(\.name),
                                 longName: "job or inference service routed")
        try jobs.textColumn("kind", result.placements.map(\.kind), longName: "batch, training or inference")
        try jobs.textColumn("site", result.placements.map(\.site), longName: "the site it was routed to")
        try jobs.textColumn("reason", result.placements.map(\.reason), longName: "why the routing policy chose that site")
        try jobs.column("transfer_s", result.placements.map(\.transferS), units: "s",
                        longName: "time to move the input data before the job is submitted at its site")
        try jobs.column("transfer_energy_j", result.placements.map(\.transferEnergyJ), units: "J",
                        longName: "network energy to move the input data")
        let runs = try root.createGroup("runs")
        for site in result.sites {
            try runs.createExternalLink(site.name, targetFile: (site.path as NSString).lastPathComponent, objectPath: "/")
        }
        try file.flush()
    }
}

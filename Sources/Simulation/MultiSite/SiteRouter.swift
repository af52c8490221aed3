import Scenario

/// Chooses a site for each job and service of a multi-site scenario (docs/models/workload.md):
///
/// - `nearest`: jobs where their data is, services where their users are;
/// - `cheapest-energy`: the site with the lowest expected energy cost, job energy × expected PUE
///   × price, plus moving its data (transfer energy at the data site's price);
/// - `lowest-carbon`: the same with grid carbon intensity instead of price;
/// - `latency-bounded`: services only where the users' round trip plus the expected service
///   time meets the objective, the cheapest of those (none: the users' site); jobs as
///   `cheapest-energy`.
///
/// Only sites whose first hall has enough servers are candidates. Moving data takes one-way
/// latency + size / bandwidth, and its energy is size × the network's energy per byte.
struct SiteRouter {
    let spec: MultiSiteSpec

    struct JobRoute { var site: String; var transferS: Double; var transferEnergyJ: Double; var reason: String }
    struct ServiceRoute { var site: String; var roundTripS: Double; var reason: String }

    private func servers(_ site: MultiSiteSpec.Site) -> (count: Int, server: ServerSpec)? {
        guard let hall = site.scenario.halls.first, let rack = site.scenario.rackType(named: hall.rackType),
              let server = site.scenario.serverType(named: rack.serverType) else { return nil }
        return (hall.rackCount * rack.serverCount, server)
    }

    private func price(_ site: MultiSiteSpec.Site) -> Double { site.scenario.site.electricityPricePerJ ?? 0 }
    private func carbon(_ site: MultiSiteSpec.Site) -> Double { site.scenario.site.gridCarbonKgPerJ ?? 0 }

    /// Expected IT energy of a job: its servers at maximum × utilisation for its expected run time.
    private func energyJ(_ job: JobSpec, on site: MultiSiteSpec.Site) -> Double {
        guard let (_, server) = servers(site) else { return 0 }
        let runS: Double
        if let duration = job.durationS {
            runS = duration
        } else if let training = job.training {
            let rate = Double(job.serverCount * server.acceleratorCount) * (server.accelerator?.fp16TFLOPS ?? 0) * 1e12 * training.modelFlopsUtilization
            runS = rate > 0 ? training.flops / rate : 0
        } else {
            runS = 0
        }
        return Double(job.serverCount) * server.maxPowerW * job.utilization * runS
    }

    func route(_ job: JobSpec) -> JobRoute {
        let dataSite = job.dataSite ?? spec.usersSite
        func transfer(to site: String) -> (Double, Double) {
            guard site != dataSite, job.inputDataBytes > 0, let latency = spec.latencyS(dataSite, site),
                  let bandwidth = spec.bandwidthBytesPerS(dataSite, site) else { return (0, 0) }
            return (latency + job.inputDataBytes / bandwidth, job.inputDataBytes * spec.transferEnergyJPerByte)
        }
        let candidates = spec.sites.filter { site in
            (servers(site)?.count ?? 0) >= job.serverCount && (site.name == dataSite || spec.latencyS(dataSite, site.name) != nil)
        }
        let policy = spec.policy == .latencyBounded ? .cheapestEnergy : spec.policy
        let dataSitePrice = spec.site(dataSite).map(price) ?? 0, dataSiteCarbon = spec.site(dataSite).map(carbon) ?? 0
        var chosen = candidates.first { $0.name == dataSite } ?? candidates.first
        var reason = "data at \(dataSite)"
        switch policy {
        case .nearest, .latencyBounded:
            break
        case .cheapestEnergy, .lowestCarbon:
            // Per joule: the site's price (or carbon) for the job's facility energy, the data
            // site's for the transfer.
            let perJ = policy == .cheapestEnergy ? price : carbon
            let dataSitePerJ = policy == .cheapestEnergy ? dataSitePrice : dataSiteCarbon
            func score(_ site: MultiSiteSpec.Site) -> Double {
                energyJ(job, on: site) * site.expectedPUE * perJ(site) + transfer(to: site.name).1 * dataSitePerJ
            }
            chosen = candidates.min { (score($0), $0.name) < (score($1), $1.name) }
            reason = policy == .cheapestEnergy ? "lowest expected energy cost" : "lowest expected carbon"
        }
        let site = chosen?.name ?? dataSite
        let (seconds, energy) = transfer(to: site)
        return JobRoute(site: site, transferS: seconds, transferEnergyJ: energy, reason: chosen == nil ? "no site has the servers; kept at its data" : reason)
    }

    /// Expected service time of a request at a site: batch × FLOPs / server throughput.
    func serviceS(_ service: InferenceServiceSpec, at site: MultiSiteSpec.Site) -> Double {
        guard let (_, server) = servers(site) else { return .infinity }
        let throughput = Double(server.acceleratorCount) * (server.accelerator?.fp16TFLOPS ?? 0) * 1e12 * service.modelFlopsUtilization
        return throughput > 0 ? Double(service.batchSize) * service.flopsPerRequest / throughput : .infinity
    }

    func route(_ service: InferenceServiceSpec) -> ServiceRoute {
        let candidates = spec.sites.filter { (servers($0)?.count ?? 0) >= service.serverCount && spec.roundTripS(toSite: $0.name) != nil }
        func rtt(_ site: MultiSiteSpec.Site) -> Double { spec.roundTripS(toSite: site.name) ?? .infinity }
        var chosen = candidates.first { $0.name == spec.usersSite } ?? candidates.first
        var reason = "users at \(spec.usersSite)"
        switch spec.policy {
        case .nearest:
            break
        case .cheapestEnergy:
            chosen = candidates.min { (price($0) * $0.expectedPUE, $0.name) < (price($1) * $1.expectedPUE, $1.name) }
            reason = "cheapest energy"
        case .lowestCarbon:
            chosen = candidates.min { (carbon($0) * $0.expectedPUE, $0.name) < (carbon($1) * $1.expectedPUE, $1.name) }
            reason = "lowest carbon"
        case .latencyBounded:
            let feasible = candidates.filter { rtt($0) + serviceS(service, at: $0) <= service.latencyObjectiveS }
            if let best = feasible.min(by: { (price($0) * $0.expectedPUE, $0.name) < (price($1) * $1.expectedPUE, $1.name) }) {
                chosen = best
                reason = "cheapest of the sites within the latency objective"
            } else {
                reason = "no site meets the objective: kept with the users"
            }
        }
        let site = chosen?.name ?? spec.usersSite
        return ServiceRoute(site: site, roundTripS: spec.roundTripS(toSite: site) ?? 0, reason: reason)
    }
}

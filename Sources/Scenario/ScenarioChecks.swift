/// Checks across sections, once every section has been read: capacities against loads
/// (warnings: legal but implausible), references that span sections (errors).
enum ScenarioChecks {
    /// Above this, an air-cooled rack is past what air can carry: about 50 kW per rack is the
    /// physical limit usually quoted (Schneider Electric, 2021, keeps racks under 35 kW on air
    /// for economy; NVIDIA's air-cooled DGX H100 SuperPOD racks draw 40.8 kW).
    static let airCooledRackLimitW = 50_000.0

    static func run(_ spec: inout ScenarioSpec, root: ConfigNode, diagnostics: inout DiagnosticCollector) {
        let locate = Locator(root: root)
        var facilityMaxITW = 0.0
        for (hallIndex, hall) in spec.halls.enumerated() {
            guard let rack = spec.rackType(named: hall.rackType), let server = spec.serverType(named: rack.serverType) else { continue }
            let rackMaxW = Double(rack.serverCount) * server.maxPowerW
            let rackAirW = rackMaxW * (1 - rack.liquidFraction)
            let hallMaxW = rackMaxW * Double(hall.rackCount)
            facilityMaxITW += hallMaxW
            let rackPath = "racks.\(rack.name)"
            if let limit = rack.powerLimitW, rackMaxW > limit {
                diagnostics.warning("racks of \(rack.serverCount) × \(server.name) can draw \(kW(rackMaxW)), above the power limit \(kW(limit))",
                                    at: locate("\(rackPath).power_limit"), keyPath: "\(rackPath).power_limit")
            }
            if rack.cooling == .air && rackMaxW > airCooledRackLimitW {
                diagnostics.warning("air-cooled rack of \(kW(rackMaxW)) is above the ~50 kW physical limit of air cooling",
                                    at: locate("\(rackPath).cooling"), keyPath: "\(rackPath).cooling")
            }
            if let capacity = rack.coolingCapacityW, rackAirW > capacity {
                diagnostics.warning("rack puts \(kW(rackAirW)) into air, above its cooling capacity \(kW(capacity))",
                                    at: locate("\(rackPath).cooling_capacity"), keyPath: "\(rackPath).cooling_capacity")
            }
            let crahs = spec.cooling.crahGroups.filter { $0.hall == hall.name }
            if !crahs.isEmpty {
                let capacity = crahs.reduce(0) { $0 + Double($1.units - $1.redundantUnits) * $1.capacityW }
                let airLoad = rackAirW * Double(hall.rackCount)
                if airLoad > capacity {
                    diagnostics.warning("hall '\(hall.name)' can put \(kW(airLoad)) into air, above its CRAH capacity \(kW(capacity)) (without redundant units)",
                                        at: locate("halls[\(hallIndex)]"), keyPath: "halls[\(hallIndex)]")
                }
            }
            let cdus = spec.cooling.cduGroups.filter { $0.hall == hall.name }
            let liquidLoad = rackMaxW * rack.liquidFraction * Double(hall.rackCount)
            if !cdus.isEmpty {
                let capacity = cdus.reduce(0) { $0 + Double($1.units - $1.redundantUnits) * $1.capacityW }
                if liquidLoad > capacity {
                    diagnostics.warning("hall '\(hall.name)' can put \(kW(liquidLoad)) into liquid, above its CDU capacity \(kW(capacity)) (without redundant units)",
                                        at: locate("halls[\(hallIndex)]"), keyPath: "halls[\(hallIndex)]")
                }
            }
        }
        if let ups = spec.power.ups, facilityMaxITW > ups.usableCapacityW {
            let load = facilityMaxITW / ups.usableCapacityW * 100
            diagnostics.warning("UPS loaded to \(Int(load.rounded())) % at full IT power (\(kW(facilityMaxITW)) on \(kW(ups.usableCapacityW)) usable with \(ups.redundancy.rawValue))",
                                at: locate("power.ups"), keyPath: "power.ups")
        }
        checkAirflow(&spec, locate, &diagnostics)
        checkRoomVolume(spec, locate, &diagnostics)
        checkJobs(spec, locate, &diagnostics)
        checkFabric(spec, locate, &diagnostics)
        checkTrainingModels(spec, locate, &diagnostics)
        checkFaults(spec, locate, &diagnostics)
        checkCurrency(spec, locate, &diagnostics)
    }

    /// A room smaller than its racks with their share of the aisles (a 0.6 m rack, 1.2 m deep, with
    /// 1.2 m of aisle, under a 3 m ceiling: about 4 m³) is a typo or a unit slip, and a hazard: the
    /// racks' heat is held over a coupling step while the room's air integrates, and a room the
    /// racks turn over in a second or two overshoots once the units stop (crah-failure.yaml's 20
    /// racks in 40 m³ stop with a numerical failure at 5 s steps; in 50 m³ they run; in its own
    /// 1,200 m³ they run at steps up to 300 s).
    static let smallestRoomPerRackM3 = 4.0

    private static func checkRoomVolume(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        for (h, hall) in spec.halls.enumerated() where hall.roomVolumeGiven && hall.rackCount > 0 {
            let perRack = hall.roomVolumeM3 / Double(hall.rackCount)
            guard perRack < smallestRoomPerRackM3 else { continue }
            let path = "halls[\(h)].room_volume"
            diagnostics.warning("hall '\(hall.name)': a room of \(format(hall.roomVolumeM3)) m³ is \(format(perRack)) m³ a rack, less than a rack "
                                + "and its share of the aisles (about \(format(smallestRoomPerRackM3)) m³; halls hold 10-30 m³ a rack). A room "
                                + "this small can overshoot and stop the run with a numerical failure when the units stop", at: locate(path), keyPath: path)
        }
    }

    private static func checkJobs(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        func servers(_ hallName: String) -> Int? {
            guard let hall = spec.hall(named: hallName), let rack = spec.rackType(named: hall.rackType) else { return nil }
            return hall.rackCount * rack.serverCount
        }
        for (index, job) in spec.jobs.enumerated() {
            guard let available = servers(job.hall), job.serverCount > available else { continue }
            // Listed jobs are located at their key; generated and traced ones at the workload.
            let key = index < spec.workload.explicitJobCount ? "workload.jobs[\(index)].servers" : "workload"
            let what = index < spec.workload.explicitJobCount ? "job" : "job '\(job.name)'"
            diagnostics.error("\(what) needs \(job.serverCount) servers but hall '\(job.hall)' has \(available)", at: locate(key), keyPath: key)
        }
        /// The peak a precision runs at on a hall's accelerators, nil when there is none.
        func peak(_ hallName: String, _ precision: TrainingSpec.Precision) -> Double? {
            guard let hall = spec.hall(named: hallName), let rack = spec.rackType(named: hall.rackType),
                  let server = spec.serverType(named: rack.serverType), server.acceleratorCount > 0, let accelerator = server.accelerator else { return nil }
            let figure = precision == .fp8 || precision == .int8 ? accelerator.int8TOPS : accelerator.fp16TFLOPS
            return figure.flatMap { $0 > 0 ? $0 : nil }
        }
        for (index, job) in spec.jobs.enumerated() {
            guard let training = job.training, peak(job.hall, training.precision) == nil else { continue }
            let key = index < spec.workload.explicitJobCount ? "workload.jobs[\(index)].precision" : "workload"
            diagnostics.error("training job '\(job.name)' needs its hall's accelerators to have a \(training.precision.rawValue) throughput "
                              + "(fp16_tflops for bf16/fp16, int8_tops for fp8/int8); hall '\(job.hall)' has none", at: locate(key), keyPath: key)
        }
        for (index, service) in spec.services.enumerated() where peak(service.hall, service.precision) == nil {
            diagnostics.error("inference service '\(service.name)' needs its hall's accelerators to have a \(service.precision.rawValue) throughput; "
                              + "hall '\(service.hall)' has none", at: locate("workload.inference[\(index)].precision"),
                              keyPath: "workload.inference[\(index)].precision")
        }
        // Every request is an event: a rate that would make more than 10^8 in the run is a typo
        // (or a run of hours): say so rather than run for ever.
        for (index, service) in spec.services.enumerated() {
            let expected = service.arrivalRatePerS * spec.simulation.durationS * (service.dailyProfile.map { $0.reduce(0, +) / 24 } ?? 1)
            if expected > 1e8 {
                diagnostics.error("about \(String(format: "%.1e", expected)) requests in the run; at most 1e8 (each is an event)",
                                  at: locate("workload.inference[\(index)].arrival_rate_per_s"), keyPath: "workload.inference[\(index)].arrival_rate_per_s")
            }
        }
        var used: [String: Int] = [:]
        for (index, service) in spec.services.enumerated() {
            used[service.hall, default: 0] += service.serverCount
            if let available = servers(service.hall), used[service.hall]! > available {
                diagnostics.error("inference services need \(used[service.hall]!) servers of hall '\(service.hall)', which has \(available)",
                                  at: locate("workload.inference[\(index)].servers"), keyPath: "workload.inference[\(index)].servers")
            }
        }
    }

    /// Component names faults may name: `<hall>/crah-<n>`, `<hall>/cdu-<n>`, `chiller-<n>`,
    /// `tower-<n>`, `dry-cooler-<n>`, `ups`, `utility`; or a whole kind for random failures:
    /// `crah`, `cdu`, `chiller`, `tower`, `dry-cooler`, `server`.
    static func faultComponents(_ spec: ScenarioSpec) -> [String] {
        var names = ["crah", "cdu", "chiller", "tower", "dry-cooler", "server", "ups", "utility"]
        for group in spec.cooling.crahGroups { names += (1...group.units).map { "\(group.hall)/crah-\($0)" } }
        for group in spec.cooling.cduGroups { names += (1...group.units).map { "\(group.hall)/cdu-\($0)" } }
        if let chillers = spec.cooling.chillers { names += (1...chillers.units).map { "chiller-\($0)" } }
        if let towers = spec.cooling.towers { names += (1...towers.units).map { "tower-\($0)" } }
        if let dry = spec.cooling.dryCoolers { names += (1...dry.units).map { "dry-cooler-\($0)" } }
        return names
    }

    private static func checkFaults(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        let names = faultComponents(spec)
        for (index, fault) in spec.faults.enumerated() where !names.contains(fault.component) {
            let hint = closestMatch(to: fault.component, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            diagnostics.error("no component '\(fault.component)'\(hint); faults name a unit declared under cooling (hall-1/crah-2, chiller-1), ups, utility, or a kind (crah, server)",
                              at: locate("faults[\(index)].component"), keyPath: "faults[\(index)].component")
        }
    }

    private static func checkCurrency(_ spec: ScenarioSpec, _ locate: Locator, _ diagnostics: inout DiagnosticCollector) {
        if let currency = spec.site.currency, currency != spec.economics.currency {
            diagnostics.error("the site's electricity price is in \(currency) but economics.currency is \(spec.economics.currency); give site.electricity.price in \(spec.economics.currency) (Plenum does not convert currencies)",
                              at: locate("economics.currency"), keyPath: "economics.currency")
        }
    }

    private static func kW(_ watts: Double) -> String { "\(format(watts / 1000)) kW" }
}

/// Finds the source location of a key path in the composed document, for messages about
/// values that were read in another section.
struct Locator {
    let root: ConfigNode

    func callAsFunction(_ keyPath: String) -> SourceLocation? {
        guard let steps = ScenarioComposer.parseKeyPath(keyPath) else { return root.location }
        var node = root
        for step in steps {
            switch (step, node) {
            case (.key(let key), .mapping(let entries, _)):
                guard let entry = entries.first(where: { $0.key == key }) else { return node.location }
                node = entry.value
            case (.index(let index), .sequence(let items, _)) where index < items.count:
                node = items[index]
            default:
                return node.location
            }
        }
        return node.location
    }
}

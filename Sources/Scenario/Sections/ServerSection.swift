import Models

/// Reads `packages:` and `servers:`, resolving catalog servers and accelerators.
enum ServerSection {
    static func readPackages(_ document: inout MappingReader,
                             _ diagnostics: inout DiagnosticCollector) -> [PackageSpec]? {
        guard let entries = document.namedMappings("packages", diagnostics: &diagnostics) else { return [] }
        var packages: [PackageSpec] = []
        for (name, var reader) in entries {
            // A package's design inline (its dies and the rest), or in the file it names; or
            // only a kind and a description (a label, no physics).
            if reader.presentKeys.contains("dies") {
                let description = reader.node("description").flatMap { node -> String? in
                    if case .scalar(let text, _, _) = node { return text }
                    return nil
                } ?? ""
                guard let design = PackageSection.readDesign(name: name, &reader, &diagnostics) else { continue }
                packages.append(PackageSpec(name: name, kind: PackageSpec.Kind(rawValue: design.kind.rawValue)!, file: nil,
                                            description: description, design: design))
                continue
            }
            let kind = reader.string("kind", allowed: PackageSpec.Kind.allCases.map(\.rawValue), diagnostics: &diagnostics)
                .flatMap(PackageSpec.Kind.init(rawValue:))
            let file = reader.string("file", default: "", diagnostics: &diagnostics)
            let description = reader.string("description", default: "", diagnostics: &diagnostics)
            let fileLocation = reader.location(of: "file")
            reader.finish(diagnostics: &diagnostics)
            guard let kind, let file, let description else { continue }
            var design: PackageDesign? = nil
            if !file.isEmpty {
                let path = InputPath.resolve(file, at: fileLocation)
                var local = DiagnosticCollector(file: path)
                if let root = ScenarioComposer.compose(path: path, diagnostics: &local),
                   var fileReader = MappingReader(root, keyPath: "", diagnostics: &local) {
                    design = PackageSection.readDesign(name: name, &fileReader, &local)
                }
                if local.hasErrors {
                    diagnostics.error("package file '\(file)' is not valid (its errors follow)", at: fileLocation, keyPath: reader.path("file"))
                }
                diagnostics.append(contentsOf: local)
                if let design, design.kind.rawValue != kind.rawValue {
                    diagnostics.error("the file describes a \(design.kind.rawValue) package, not \(kind.rawValue)", at: reader.location(of: "kind"),
                                      keyPath: reader.path("kind"))
                }
            }
            packages.append(PackageSpec(name: name, kind: kind, file: file.isEmpty ? nil : file, description: description, design: design))
        }
        return packages
    }

    /// Power of a CPU at idle where the scenario gives none: 30 % of TDP, typical of server
    /// CPUs with package C-states (an estimate).
    static let cpuIdleFraction = 0.3
    /// Specific heat used to turn a server's mass into a heat capacity: 600 J/(kg·K), between
    /// aluminium (897), copper (385) and steel (490) weighted towards aluminium heat sinks.
    static let serverSpecificHeatJPerKgK = 600.0
    /// Solids-to-air temperature difference at full power that sets the default conductance.
    static let defaultSolidsToAirRiseK = 10.0
    /// Board voltage regulators (12 V or 48 V to about 1 V at hundreds of amperes): about 90 %
    /// at load (an estimate; Schneider Electric WP232, and Virginia Tech's 48V/1V VRM work name the
    /// VRM the least efficient stage of a server's power path).
    static let defaultVRMEfficiency = 0.90

    static func readServers(_ document: inout MappingReader, packages: [PackageSpec],
                            _ diagnostics: inout DiagnosticCollector) -> (servers: [ServerSpec], names: [String]) {
        guard let entries = document.namedMappings("servers", required: true, diagnostics: &diagnostics) else { return ([], []) }
        if entries.isEmpty {
            diagnostics.error("expected at least one server type", at: document.location(of: "servers"), keyPath: "servers")
        }
        var servers: [ServerSpec] = []
        for (name, var reader) in entries {
            if let server = readServer(name: name, &reader, packages: packages, &diagnostics) { servers.append(server) }
            reader.finish(diagnostics: &diagnostics)
        }
        return (servers, entries.map(\.name))
    }

    private static func readServer(name: String, _ reader: inout MappingReader, packages packageSpecs: [PackageSpec],
                                   _ diagnostics: inout DiagnosticCollector) -> ServerSpec? {
        let catalogName = reader.string("catalog", allowed: Catalog.servers.map(\.name), default: "", diagnostics: &diagnostics)
        let entry = catalogName.flatMap { $0.isEmpty ? nil : Catalog.server(named: $0) }
        let accelerator = readAccelerator(&reader, default: entry?.accelerator, &diagnostics)
        let count = reader.integer("accelerators", range: 0...64, default: entry?.acceleratorCount ?? (accelerator.value == nil ? 0 : 1),
                                   diagnostics: &diagnostics)
        let package = reader.string("package", allowed: packageSpecs.map(\.name), default: "", diagnostics: &diagnostics)
        let packageDesigns = Dictionary(packageSpecs.compactMap { spec in spec.design.map { (spec.name, $0) } }, uniquingKeysWith: { a, _ in a })

        var cpuCount: Int? = entry?.cpuCount ?? 2
        var cpuTDP: Double? = entry?.cpuTDPW.value ?? 250
        var cpuIdle: Double? = nil
        if var cpu = reader.mapping("cpu", diagnostics: &diagnostics) {
            cpuCount = cpu.integer("count", range: 0...16, default: cpuCount, diagnostics: &diagnostics)
            cpuTDP = cpu.quantity("tdp", .power, range: 0...5_000, default: cpuTDP, diagnostics: &diagnostics)
            cpuIdle = cpu.optionalQuantity("idle_power", .power, range: 0...5_000, diagnostics: &diagnostics) ?? nil
            cpu.finish(diagnostics: &diagnostics)
        }
        var otherIdle: Double? = nil, otherMax: Double? = nil
        if var other = reader.mapping("other_power", diagnostics: &diagnostics) {
            otherIdle = other.quantity("idle", .power, range: 0...1e6, diagnostics: &diagnostics)
            otherMax = other.quantity("max", .power, range: 0...1e6, diagnostics: &diagnostics)
            other.finish(diagnostics: &diagnostics)
        }
        var fanPower: Double? = nil, fanAirflow: Double? = nil
        if var fans = reader.mapping("fans", diagnostics: &diagnostics) {
            fanPower = fans.quantity("max_power", .power, range: 0...1e5, diagnostics: &diagnostics)
            fanAirflow = fans.quantity("max_airflow", .volumeFlow, range: 1e-6...100, diagnostics: &diagnostics)
            fans.finish(diagnostics: &diagnostics)
        }
        var psu: PSUSpec? = nil
        if var psuReader = reader.mapping("psu", diagnostics: &diagnostics) {
            psu = readPSU(&psuReader, &diagnostics)
            psuReader.finish(diagnostics: &diagnostics)
        }
        let vrmEfficiency = reader.quantity("vrm_efficiency", .fraction, range: 0.5...1, default: defaultVRMEfficiency, diagnostics: &diagnostics)
        let nameplateMax = reader.optionalQuantity("max_power", .power, range: 0...1e6, diagnostics: &diagnostics)
        let nameplateIdle = reader.optionalQuantity("idle_power", .power, range: 0...1e6, diagnostics: &diagnostics)
        let airflowKey = reader.optionalQuantity("airflow", .volumeFlow, range: 1e-6...100, diagnostics: &diagnostics)
        let givenMass = reader.optionalQuantity("mass", .mass, range: 0.1...10_000, diagnostics: &diagnostics)
        let heatCapacity = reader.optionalQuantity("heat_capacity", .heatCapacity, range: 1...1e9, diagnostics: &diagnostics)
        let conductance = reader.optionalQuantity("air_conductance", .thermalConductance, range: 1e-3...1e7, diagnostics: &diagnostics)
        let airVolume = reader.quantity("internal_air_volume", .volume, range: 1e-6...10, default: 0.02, diagnostics: &diagnostics)
        var curves: ITEquipmentCurves? = nil
        var curvesFailed = false
        if var ite = reader.mapping("energyplus_ite", diagnostics: &diagnostics) {
            curves = readCurves(&ite, &diagnostics)
            curvesFailed = curves == nil
            ite.finish(diagnostics: &diagnostics)
        }
        if curvesFailed { return nil }

        guard let count, let package, case .some(var acceleratorSpec) = Optional(accelerator.value), accelerator.ok,
              let cpuCount, let cpuTDP, let nameplateMax, let nameplateIdle, let airflowKey, let givenMass, let heatCapacity,
              let conductance, let airVolume, let vrmEfficiency else { return nil }
        if count > 0 && acceleratorSpec == nil {
            diagnostics.error("\(count) accelerators but no accelerator model: give 'accelerator: <catalog name>'",
                              at: reader.location(of: "accelerators"), keyPath: reader.path("accelerators"))
            return nil
        }
        // A package variant with a design sets the accelerator's power at the reference
        // temperature (its blocks, links, HBM and CIM), idle scaled in proportion.
        if let design = packageDesigns[package], let base = acceleratorSpec {
            let tdp = PackagePowerBudget(design).totalW
            var variant = base
            variant.name = "\(base.name)+\(package)"
            variant.tdpW = tdp
            variant.idlePowerW = base.idlePowerW * tdp / base.tdpW
            variant.fp16TFLOPS = design.throughputTOPS ?? base.fp16TFLOPS
            variant.int8TOPS = design.throughputTOPS ?? base.int8TOPS
            variant.powerLimitW = nil
            acceleratorSpec = variant
        }
        let accelIdle = Double(count) * (acceleratorSpec?.idlePowerW ?? 0)
        let accelMax = Double(count) * (acceleratorSpec?.tdpW ?? 0)
        let cpuIdlePower = cpuIdle ?? cpuIdleFraction * cpuTDP

        // Published and nameplate figures are at the wall (AC, before the PSUs); the parts are DC.
        let psuModel = psu.map { PSUModel(units: $0.units, ratingW: $0.ratingW, efficiencyClass: .init(name: $0.efficiencyClass, fixedEfficiency: $0.fixedEfficiency)) }
        func dc(_ wallW: Double) -> Double { psuModel?.outputW(inputW: wallW) ?? wallW }
        func wall(_ dcW: Double) -> Double { dcW + (psuModel?.lossW(outputW: dcW) ?? 0) }
        // The rest of the box: given, or what the catalog's (or the scenario's) nameplate leaves
        // after the PSUs' loss, accelerators and CPUs, or an estimate of 15 % of accelerators + CPUs.
        let publishedIdle = nameplateIdle ?? entry?.idlePowerW.value
        let mass = givenMass ?? entry?.massKg.value
        let entryAcceleratorMax = Double(entry?.acceleratorCount ?? 0) * (entry?.accelerator.flatMap(Catalog.accelerator(named:))?.tdpW.value ?? 0)
        let entryCPUMax = Double(entry?.cpuCount ?? 0) * (entry?.cpuTDPW.value ?? 0)
        let resolvedOtherMax = otherMax
            ?? nameplateMax.map { max(0, dc($0) - accelMax - Double(cpuCount) * cpuTDP) }
            ?? entry.map { max(0, dc($0.maxPowerW.value) - entryAcceleratorMax - entryCPUMax) }
            ?? 0.15 * (accelMax + Double(cpuCount) * cpuTDP)
        let maxPower = nameplateMax ?? wall(accelMax + Double(cpuCount) * cpuTDP + resolvedOtherMax)
        let resolvedOtherIdle = otherIdle
            ?? publishedIdle.map { max(0, dc($0) - accelIdle - Double(cpuCount) * cpuIdlePower) }
            ?? 0.5 * resolvedOtherMax
        let idlePower = nameplateIdle ?? wall(accelIdle + Double(cpuCount) * cpuIdlePower + resolvedOtherIdle)

        if let curves {
            guard count == 0 else {
                diagnostics.error("energyplus_ite describes the whole server's power: set accelerators: 0 (found \(count))",
                                  at: reader.location(of: "energyplus_ite"), keyPath: reader.path("energyplus_ite"))
                return nil
            }
            // The curves set power and airflow; the nameplate is their design power.
            let maximum = curves.designPowerW
            return ServerSpec(
                name: name, catalogName: entry?.name, accelerator: nil, acceleratorCount: 0, package: nil, cpuCount: 0, cpuTDPW: 0,
                cpuIdlePowerW: 0, otherIdlePowerW: 0, otherMaxPowerW: 0,
                idlePowerW: curves.powerW(utilization: 0, inletC: 25), maxPowerW: maximum,
                airflowM3PerS: curves.designPowerW * curves.airflowPerWattM3PerSPerW, fanMaxPowerW: nil, psu: psu, vrmEfficiency: vrmEfficiency,
                massKg: mass ?? 20, heatCapacityJPerK: heatCapacity ?? serverSpecificHeatJPerKgK * (mass ?? 20),
                airConductanceWPerK: conductance ?? maximum / defaultSolidsToAirRiseK, internalAirVolumeM3: airVolume,
                energyPlusCurves: curves)
        }
        if idlePower > maxPower {
            diagnostics.error("idle power (\(Int(idlePower)) W) is above maximum power (\(Int(maxPower)) W)",
                              at: reader.location, keyPath: reader.path("idle_power"))
            return nil
        }
        let airflow = airflowKey ?? (fanAirflow ?? entry?.airflowM3PerS.value
            ?? ServerCatalog.airflowEstimate(maxPowerW: max(maxPower, 1)).value)
        let resolvedMass = mass ?? 20 + 10 * Double(count)
        if let psu {
            let usable = Double(psu.units - psu.redundantUnits) * psu.ratingW
            if usable < maxPower {
                diagnostics.warning("PSUs give \(Int(usable)) W without the redundant units, below the server's \(Int(maxPower)) W",
                                    at: reader.location(of: "psu"), keyPath: reader.path("psu"))
            }
        }
        return ServerSpec(
            name: name, catalogName: entry?.name, accelerator: acceleratorSpec, acceleratorCount: count,
            package: package.isEmpty ? nil : package, cpuCount: cpuCount, cpuTDPW: cpuTDP, cpuIdlePowerW: cpuIdlePower,
            otherIdlePowerW: resolvedOtherIdle, otherMaxPowerW: resolvedOtherMax, idlePowerW: idlePower, maxPowerW: maxPower,
            airflowM3PerS: airflow, fanMaxPowerW: fanPower, psu: psu, vrmEfficiency: vrmEfficiency, massKg: resolvedMass,
            heatCapacityJPerK: heatCapacity ?? serverSpecificHeatJPerKgK * resolvedMass,
            airConductanceWPerK: conductance ?? max(maxPower, 1) / defaultSolidsToAirRiseK,
            internalAirVolumeM3: airVolume, energyPlusCurves: curves)
    }

    /// `energyplus_ite`: the EnergyPlus ElectricEquipment:ITE:AirCooled curves. Defaults are
    /// those of EnergyPlus' example file (1ZoneDataCenterCRAC_wApproachTemp.idf).
    private static func readCurves(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> ITEquipmentCurves? {
        let example = ITEquipmentCurves.energyPlusExample()
        let design = reader.quantity("design_power", .power, range: 1...1e6, diagnostics: &diagnostics)
        let fanFraction = reader.quantity("fan_power_fraction", .fraction, range: 0...0.9, default: example.fanPowerFraction,
                                          diagnostics: &diagnostics)
        let perWatt = reader.number("airflow_per_watt_m3_per_s", range: 1e-7...1e-2, default: example.airflowPerWattM3PerSPerW,
                                    diagnostics: &diagnostics)
        func coefficients(_ key: String, count: Int, default values: [Double]) -> [Double]? {
            guard let node = reader.node(key, diagnostics: &diagnostics) else { return values }
            guard case .sequence(let items, let location) = node, items.count == count else {
                diagnostics.error("expected a list of \(count) curve coefficients, found \(node.kindDescription)", at: node.location,
                                  keyPath: reader.path(key))
                return nil
            }
            var numbers: [Double] = []
            for item in items {
                guard case .scalar(let text, _, _) = item, let number = Double(text), number.isFinite else {
                    diagnostics.error("expected numbers, found \(item.kindDescription)", at: location, keyPath: reader.path(key))
                    return nil
                }
                numbers.append(number)
            }
            return numbers
        }
        let cpu = coefficients("cpu_power_curve", count: 6, default: example.cpuPowerCurve.coefficients)
        let airflow = coefficients("airflow_curve", count: 6, default: example.airflowCurve.coefficients)
        let fan = coefficients("fan_power_curve", count: 4, default: example.fanPowerCurve)
        guard let design, let fanFraction, let perWatt, let cpu, let airflow, let fan else { return nil }
        return ITEquipmentCurves(designPowerW: design, fanPowerFraction: fanFraction, airflowPerWattM3PerSPerW: perWatt,
                                 cpuPowerCurve: .init(cpu), airflowCurve: .init(airflow), fanPowerCurve: fan)
    }

    /// `accelerator: h100-sxm` or `accelerator: {catalog: h100-sxm, tdp: 600 W}`.
    private static func readAccelerator(_ reader: inout MappingReader, default catalogDefault: String?,
                                        _ diagnostics: inout DiagnosticCollector) -> (value: AcceleratorSpec?, ok: Bool) {
        let names = Catalog.accelerators.map(\.name)
        guard let node = reader.node("accelerator", diagnostics: &diagnostics) else {
            return (catalogDefault.flatMap(Catalog.accelerator(named:)).map(spec(from:)), true)
        }
        switch node {
        case .scalar(let name, let location, _):
            guard let entry = Catalog.accelerator(named: name) else {
                unknown(name, names, location, reader.path("accelerator"), &diagnostics)
                return (nil, false)
            }
            return (spec(from: entry), true)
        case .mapping:
            guard var custom = MappingReader(node, keyPath: reader.path("accelerator"), schemaPath: reader.schema("accelerator"),
                                             diagnostics: &diagnostics) else { return (nil, false) }
            let catalogName = custom.string("catalog", allowed: names, default: "", diagnostics: &diagnostics)
            let base = catalogName.flatMap { $0.isEmpty ? nil : Catalog.accelerator(named: $0) }
            let tdp = custom.quantity("tdp", .power, range: 1...10_000, default: base?.tdpW.value, diagnostics: &diagnostics)
            let idle = custom.quantity("idle_power", .power, range: 0...10_000, default: base?.idlePowerW.value, diagnostics: &diagnostics)
            let limit = custom.quantity("max_temperature", .temperature, range: 40...150, default: base?.maxOperatingTemperatureC.value ?? 85,
                                        diagnostics: &diagnostics)
            let fp16 = custom.optionalNumber("fp16_tflops", range: 0...1e6, diagnostics: &diagnostics)
            let int8 = custom.optionalNumber("int8_tops", range: 0...1e6, diagnostics: &diagnostics)
            let powerLimit = custom.optionalQuantity("power_limit", .power, range: 1...10_000, diagnostics: &diagnostics)
            let memory = custom.optionalNumber("memory_gb", range: 0.001...1e5, diagnostics: &diagnostics)
            let scaleUp = custom.optionalNumber("scale_up_gbytes_per_s", range: 0.001...1e6, diagnostics: &diagnostics)
            custom.finish(diagnostics: &diagnostics)
            guard catalogName != nil, let tdp, let idle, let limit, let fp16, let int8, let powerLimit, let memory, let scaleUp else { return (nil, false) }
            if let powerLimit, powerLimit > tdp {
                diagnostics.error("power_limit (\(powerLimit) W) is above tdp (\(tdp) W): a limit can only lower the power",
                                  at: custom.location(of: "power_limit"), keyPath: custom.path("power_limit"))
                return (nil, false)
            }
            if idle > tdp {
                diagnostics.error("idle_power (\(idle) W) is above tdp (\(tdp) W)", at: custom.location(of: "idle_power"),
                                  keyPath: custom.path("idle_power"))
                return (nil, false)
            }
            var spec = base.map(spec(from:)) ?? AcceleratorSpec(name: "custom", tdpW: tdp, idlePowerW: idle, maxOperatingTemperatureC: limit)
            (spec.tdpW, spec.idlePowerW, spec.maxOperatingTemperatureC, spec.powerLimitW) = (tdp, idle, limit, powerLimit)
            spec.fp16TFLOPS = fp16 ?? base?.fp16TFLOPS?.value
            spec.int8TOPS = int8 ?? base?.int8TOPS?.value
            spec.memoryGB = memory ?? spec.memoryGB
            spec.scaleUpGBytesPerS = scaleUp ?? spec.scaleUpGBytesPerS
            return (spec, true)
        case .sequence:
            diagnostics.error("expected a catalog name or a mapping with 'catalog' and overrides, found a list",
                              at: node.location, keyPath: reader.path("accelerator"))
            return (nil, false)
        }
    }

    private static func spec(from entry: AcceleratorEntry) -> AcceleratorSpec {
        let link = Catalog.scaleUpLink(of: entry.name)
        return AcceleratorSpec(name: entry.name, tdpW: entry.tdpW.value, idlePowerW: entry.idlePowerW.value,
                               maxOperatingTemperatureC: entry.maxOperatingTemperatureC.value, fp16TFLOPS: entry.fp16TFLOPS?.value,
                               int8TOPS: entry.int8TOPS?.value, memoryGB: entry.memoryGB?.value,
                               scaleUpGBytesPerS: link?.value("bandwidth_gbytes_per_s"), scaleUpDomain: link?.value("domain_size").map { Int($0) })
    }

    private static func unknown(_ name: String, _ names: [String], _ location: SourceLocation, _ keyPath: String,
                                _ diagnostics: inout DiagnosticCollector) {
        let hint = closestMatch(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        diagnostics.error("no accelerator '\(name)' in the catalog\(hint); see 'plenum catalog accelerators'", at: location, keyPath: keyPath)
    }

    private static func readPSU(_ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> PSUSpec? {
        let units = reader.integer("units", range: 1...32, diagnostics: &diagnostics)
        let rating = reader.quantity("rating", .power, range: 1...1e5, diagnostics: &diagnostics)
        let redundant = reader.integer("redundant", range: 0...31, default: 0, diagnostics: &diagnostics)
        let efficiencyNode = reader.node("efficiency", diagnostics: &diagnostics)
        guard let units, let rating, let redundant else { return nil }
        if redundant >= units {
            diagnostics.error("\(redundant) redundant of \(units) units leaves none to carry the load", at: reader.location(of: "redundant"),
                              keyPath: reader.path("redundant"))
            return nil
        }
        var efficiencyClass = "titanium", fixed: Double? = nil
        if let efficiencyNode, case .scalar(let text, let location, _) = efficiencyNode {
            if ["titanium", "platinum", "gold"].contains(text) {
                efficiencyClass = text
            } else if case .success(let value) = Units.parse(text, as: .fraction), (0.5...1).contains(value) {
                efficiencyClass = "fixed"
                fixed = value
            } else {
                diagnostics.error("expected titanium, platinum, gold or a fixed efficiency such as '94 %', found '\(text)'",
                                  at: location, keyPath: reader.path("efficiency"))
                return nil
            }
        }
        return PSUSpec(units: units, ratingW: rating, redundantUnits: redundant, efficiencyClass: efficiencyClass, fixedEfficiency: fixed)
    }
}

import Models

/// Reads a package design: inline under `packages.<name>`, from the file `packages.<name>.file`
/// names, or as a standalone file for `plenum package` (the same keys at its top level).
/// docs/models/package.md describes the keys and their defaults.
enum PackageSection {
    static func readDesign(name: String, _ reader: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> PackageDesign? {
        let kind = reader.string("kind", allowed: PackageDesign.Kind.allCases.map(\.rawValue), diagnostics: &diagnostics)
            .flatMap(PackageDesign.Kind.init(rawValue:))
        _ = reader.string("description", default: "", diagnostics: &diagnostics)
        let mm = 1e-3
        /// [x, y]: sizes at least 1 µm, positions from 0.
        func pair(_ r: inout MappingReader, _ key: String, required: Bool, default value: [Double]? = nil) -> [Double]? {
            let range: ClosedRange<Double> = key == "size" ? 1e-6...1 : 0...1
            if let list = r.quantityList(key, .length, count: 2, range: range, meaning: "x and y, such as [12 mm, 14 mm]", diagnostics: &diagnostics) {
                return list
            }
            if required && r.node(key) == nil && value == nil {
                diagnostics.error("missing required key: expected [x, y] such as [12 mm, 14 mm]", at: r.location, keyPath: r.path(key))
            }
            return value
        }

        /// `power`, or `power_density` × area; nil (with an error) when neither is given and there is no default.
        func powerOrDensity(_ r: inout MappingReader, area: Double?, default fallback: Double?) -> Double? {
            let power = r.optionalQuantity("power", .power, range: 0...1e5, diagnostics: &diagnostics)
            let density = r.optionalQuantity("power_density", .powerDensity, range: 0...1e9, diagnostics: &diagnostics)
            guard let power, let density else { return nil }
            switch (power, density) {
            case (.some, .some):
                diagnostics.error("give 'power' or 'power_density', not both", at: r.location(of: "power_density"), keyPath: r.path("power_density"))
                return nil
            case (.some(let power), nil): return power
            case (nil, .some(let density)): return area.map { density * $0 }
            case (nil, nil):
                if fallback == nil { diagnostics.error("missing required key: 'power' (or 'power_density')", at: r.location, keyPath: r.path("power")) }
                return fallback
            }
        }

        var dies: [PackageDesign.Die] = []
        var dieNames: [String] = []
        for var d in reader.mappingList("dies", required: true, diagnostics: &diagnostics) ?? [] {
            let dieName = d.string("name", default: "die-\(dies.count + 1)", diagnostics: &diagnostics) ?? ""
            let nodeName = d.string("node", allowed: ProcessNode.catalog.map(\.name), default: "7nm", diagnostics: &diagnostics)
            let role = d.string("role", allowed: PackageDesign.DieRole.allCases.map(\.rawValue), default: "logic", diagnostics: &diagnostics)
                .flatMap(PackageDesign.DieRole.init(rawValue:))
            let size = pair(&d, "size", required: true)
            let position = pair(&d, "position", required: false, default: [0, 0])
            let thickness = d.quantity("thickness", .length, range: 5e-6...3e-3, default: role == .hbm ? 720e-6 : 150e-6, diagnostics: &diagnostics)
            let tier = d.integer("tier", range: 0...8, default: 0, diagnostics: &diagnostics)
            // Power, or a power density over the die (one or the other).
            let power = powerOrDensity(&d, area: size.map { $0[0] * $0[1] }, default: 0)
            let tsv = d.quantity("tsv_fraction", .fraction, range: 0...0.5, default: 0, diagnostics: &diagnostics)
            let leakage = d.quantity("leakage_fraction", .fraction, range: 0...0.9, default: role == .logic ? 0.15 : 0.05, diagnostics: &diagnostics)
            var blocks: [PackageDesign.Block] = []
            for var b in d.mappingList("blocks", diagnostics: &diagnostics) ?? [] {
                let blockName = b.string("name", default: "block-\(blocks.count + 1)", diagnostics: &diagnostics)
                let blockSize = pair(&b, "size", required: true), blockPosition = pair(&b, "position", required: false, default: [0, 0])
                let blockPower = powerOrDensity(&b, area: blockSize.map { $0[0] * $0[1] }, default: nil)
                if let size, let blockSize, let blockPosition,
                   blockPosition[0] + blockSize[0] > size[0] * (1 + 1e-9) || blockPosition[1] + blockSize[1] > size[1] * (1 + 1e-9) {
                    diagnostics.error("block extends beyond its die (\(size[0] / mm) mm × \(size[1] / mm) mm)", at: b.location, keyPath: b.keyPath)
                }
                b.finish(diagnostics: &diagnostics)
                if let blockName, let blockSize, let blockPosition, let blockPower {
                    blocks.append(.init(name: blockName, rectangle: PlaneRectangle(x: blockPosition[0], y: blockPosition[1], width: blockSize[0],
                                                                                   height: blockSize[1]), powerW: blockPower))
                }
            }
            var hbm: (String, Double)? = nil
            if var h = d.mapping("hbm", diagnostics: &diagnostics) {
                let generation = h.string("generation", allowed: PackagePower.hbmEnergyPJPerBit.keys.sorted(), default: "hbm3", diagnostics: &diagnostics)
                let bandwidth = h.quantity("bandwidth", .dataRate, range: 0...1e14, diagnostics: &diagnostics)
                h.finish(diagnostics: &diagnostics)
                if let generation, let bandwidth { hbm = (generation, bandwidth / 1e9) }
            }
            var cim: (PackagePower.CIMTechnology, Double)? = nil
            if var c = d.mapping("cim", diagnostics: &diagnostics) {
                let technology = c.string("technology", allowed: Array(Set(PackagePower.cimTechnologies.map(\.name))).sorted(), default: "sram",
                                          diagnostics: &diagnostics)
                let bits = c.integer("bits", range: 1...32, default: 8, diagnostics: &diagnostics)
                let demand = c.number("demand_tops", range: 0...1e6, diagnostics: &diagnostics)
                if let technology, let bits, PackagePower.cimTechnology(technology, bits: bits) == nil {
                    let known = PackagePower.cimTechnologies.map { "\($0.name) \($0.bits)-bit" }.joined(separator: ", ")
                    diagnostics.error("no CIM data for \(technology) at \(bits) bits; known: \(known)", at: c.location, keyPath: c.path("bits"))
                }
                c.finish(diagnostics: &diagnostics)
                if let technology, let bits, let demand, let tech = PackagePower.cimTechnology(technology, bits: bits) { cim = (tech, demand) }
            }
            d.finish(diagnostics: &diagnostics)
            if dieNames.contains(dieName) {
                diagnostics.error("duplicate die name '\(dieName)'", at: d.location, keyPath: d.path("name"))
            }
            dieNames.append(dieName)
            guard let nodeName, let node = ProcessNode.named(nodeName), let role, let size, let position, let thickness, let tier, let power,
                  let leakage else { continue }
            var die = PackageDesign.Die(name: dieName, node: node, role: role,
                                        rectangle: PlaneRectangle(x: position[0], y: position[1], width: size[0], height: size[1]),
                                        thicknessM: thickness, tier: tier, uniformPowerW: power, blocks: blocks, leakageFraction: leakage)
            die.hbm = hbm
            die.cim = cim
            die.tsvFraction = tsv ?? 0
            dies.append(die)
        }

        // Dies of one tier may not overlap; a stacked die must sit on the tier below.
        for (j, die) in dies.enumerated() {
            if let other = dies[..<j].first(where: { $0.tier == die.tier && $0.rectangle.overlapArea(die.rectangle) > 1e-12 }) {
                diagnostics.error("die '\(die.name)' overlaps die '\(other.name)' in tier \(die.tier)", at: reader.location(of: "dies"),
                                  keyPath: reader.path("dies[\(j)]"))
            }
            if die.tier > 0 && !dies.contains(where: { $0.tier == die.tier - 1 && $0.rectangle.overlapArea(die.rectangle) > 0 }) {
                diagnostics.error("die '\(die.name)' in tier \(die.tier) has no die of tier \(die.tier - 1) under it", at: reader.location(of: "dies"),
                                  keyPath: reader.path("dies[\(j)]"))
            }
        }
        var links: [PackageDesign.Link] = []
        for var l in reader.mappingList("links", diagnostics: &diagnostics) ?? [] {
            let between = l.stringList("between", diagnostics: &diagnostics)
            let linkClass = l.string("class", allowed: PackagePower.linkClasses.map(\.name), diagnostics: &diagnostics)
            let traffic = l.quantity("traffic", .dataRate, range: 0...1e15, diagnostics: &diagnostics)
            l.finish(diagnostics: &diagnostics)
            guard let between, let linkClass, let traffic, let cls = PackagePower.linkClass(named: linkClass) else { continue }
            guard between.count == 2, between.allSatisfy({ dieNames.contains($0.0) }) else {
                diagnostics.error("expected two die names of this package (\(dieNames.joined(separator: ", ")))", at: l.location(of: "between"),
                                  keyPath: l.path("between"))
                continue
            }
            links.append(.init(from: between[0].0, to: between[1].0, linkClass: cls, trafficGBPerS: traffic / 1e9))
        }

        func slab(_ key: String, material defaultMaterial: PackageMaterial, thickness defaultThickness: Double, optional: Bool) -> PackageDesign.Slab?? {
            guard let node = reader.node(key, diagnostics: &diagnostics) else { return .some(nil) }
            if case .scalar(let text, _, _) = node, text == "none", optional { return .some(nil) }
            guard var s = MappingReader(node, keyPath: reader.path(key), schemaPath: reader.schema(key), diagnostics: &diagnostics) else { return nil }
            let materialName = s.string("material", allowed: PackageMaterials.all.map(\.name), default: defaultMaterial.name, diagnostics: &diagnostics)
            let thickness = s.quantity("thickness", .length, range: 1e-7...0.1, default: defaultThickness, diagnostics: &diagnostics)
            let size = s.quantityList("size", .length, count: 2, range: 1e-4...1, meaning: "x and y", diagnostics: &diagnostics)
            let sublayers = s.integer("sublayers", range: 1...16, default: 1, diagnostics: &diagnostics)
            s.finish(diagnostics: &diagnostics)
            guard let materialName, let material = PackageMaterials.named(materialName), let thickness, let sublayers else { return nil }
            return .some(.init(material: material, thicknessM: thickness, rectangle: size.map { PlaneRectangle(x: 0, y: 0, width: $0[0], height: $0[1]) },
                               sublayers: sublayers))
        }
        let carrier = reader.string("carrier", allowed: ChipletCostModel.Carrier.allCases.map(\.rawValue),
                                    default: kind == .chiplet25D ? "silicon-interposer" : "organic", diagnostics: &diagnostics)
            .flatMap(ChipletCostModel.Carrier.init(rawValue:))
        let monolithicCarrier = reader.string("monolithic_carrier", allowed: ChipletCostModel.Carrier.allCases.map(\.rawValue), default: "organic",
                                              diagnostics: &diagnostics).flatMap(ChipletCostModel.Carrier.init(rawValue:))

        var cooling: PackageDesign.Cooling? = nil
        if var c = reader.mapping("cooling", required: true, diagnostics: &diagnostics) {
            let coolingKind = c.string("kind", allowed: ["convection", "resistance", "cold-plate", "air"], diagnostics: &diagnostics)
            let fluid = c.quantity("fluid_temperature", .temperature, range: -40...150, default: 35, diagnostics: &diagnostics)
            switch coolingKind {
            case "convection":
                if let h = c.quantity("heat_transfer_coefficient", .heatTransferCoefficient, range: 1...1e7, diagnostics: &diagnostics), let fluid {
                    cooling = .convection(heatTransferCoefficientWPerM2K: h, fluidC: fluid)
                }
            case "resistance":
                if let r = c.quantity("resistance", .thermalResistance, range: 1e-5...100, diagnostics: &diagnostics), let fluid {
                    cooling = .resistance(kPerW: r, fluidC: fluid)
                }
            case "air":
                // A finned sink in an air stream: its sink-to-air resistance scales as airflow^−0.8
                // from a reference (default 0.1 K/W at 0.025 m³/s, an estimate for a 1U/2U GPU sink).
                let flow = c.quantity("airflow", .volumeFlow, range: 1e-5...10, diagnostics: &diagnostics)
                let reference = c.quantity("reference_resistance", .thermalResistance, range: 1e-4...10, default: 0.1, diagnostics: &diagnostics)
                let referenceFlow = c.quantity("reference_airflow", .volumeFlow, range: 1e-5...10, default: 0.025, diagnostics: &diagnostics)
                if let flow, let reference, let referenceFlow, let fluid {
                    let sink = HeatSinkModel(referenceResistanceKPerW: reference, referenceFlowM3PerS: referenceFlow)
                    cooling = .resistance(kPerW: sink.resistanceKPerW(flowM3PerS: flow), fluidC: fluid)
                }
            case "cold-plate":
                if let flow = c.quantity("flow", .volumeFlow, range: 1e-7...1e-2, diagnostics: &diagnostics), let fluid {
                    cooling = .coldPlate(flowM3PerS: flow, coolantC: fluid)
                }
            default: break
            }
            c.finish(diagnostics: &diagnostics)
        }
        var gridCells: [Double]? = nil, fineCell: Double? = 0.5e-3, sublayers: Int? = 1, tolerance: Double? = 0.1
        if var g = reader.mapping("grid", diagnostics: &diagnostics) {
            gridCells = g.quantityList("cells", .fraction, count: 2, range: 1...2048, meaning: "columns and rows", diagnostics: &diagnostics)
            fineCell = g.quantity("cell", .length, range: 1e-6...0.01, default: 0.5e-3, diagnostics: &diagnostics)
            sublayers = g.integer("die_sublayers", range: 1...16, default: 1, diagnostics: &diagnostics)
            tolerance = g.quantity("tolerance", .temperatureDifference, range: 1e-3...100, default: 0.1, diagnostics: &diagnostics)
            g.finish(diagnostics: &diagnostics)
        }
        let orientation = reader.string("orientation", allowed: PackageDesign.StackOrientation.allCases.map(\.rawValue), default: "face-to-back",
                                        diagnostics: &diagnostics).flatMap(PackageDesign.StackOrientation.init(rawValue:))
        let testCost = reader.number("test_cost_usd", range: 0...1e5, default: 0, diagnostics: &diagnostics)
        // Absent: no throughput declared (no TOPS/W or $ per TOPS); zero is not a throughput.
        let throughput = reader.optionalNumber("throughput_tops", range: 1e-6...1e7, diagnostics: &diagnostics)
        let bondYield = reader.quantity("bond_yield", .fraction, range: 0.5...1, default: 0.99, diagnostics: &diagnostics)
        let substrate = slab("substrate", material: PackageMaterials.organicSubstrate, thickness: 1e-3, optional: false)
        let interposer = slab("interposer", material: PackageMaterials.silicon, thickness: 100e-6, optional: true)
        let attach = slab("attach", material: carrier == .organic ? PackageMaterials.c4BumpLayer : PackageMaterials.microBumpLayer,
                          thickness: carrier == .organic ? 80e-6 : 40e-6, optional: false)
        let bond = slab("bond", material: PackageMaterials.hybridBondLayer, thickness: 2e-6, optional: false)
        let tim1 = slab("tim1", material: PackageMaterials.timGrease, thickness: 50e-6, optional: false)
        let lid = slab("lid", material: PackageMaterials.copper, thickness: 2e-3, optional: true)
        let tim2 = slab("tim2", material: PackageMaterials.timGrease, thickness: 50e-6, optional: true)
        let sink = slab("sink", material: PackageMaterials.copper, thickness: 5e-3, optional: true)
        reader.finish(diagnostics: &diagnostics)

        guard let kind, let carrier, let cooling, !dies.isEmpty, let fineCell, let sublayers, let tolerance, let testCost, let throughput, let bondYield,
              case .some(let substrateSlab) = substrate, case .some(let interposerSlab) = interposer, case .some(let attachSlab) = attach,
              case .some(let bondSlab) = bond, case .some(let tim1Slab) = tim1, case .some(let lidSlab) = lid, case .some(let tim2Slab) = tim2,
              case .some(let sinkSlab) = sink else { return nil }
        var design = PackageDesign(name: name, kind: kind, dies: dies, cooling: cooling)
        design.links = links
        design.orientation = orientation ?? .faceToBack
        design.carrier = carrier
        design.monolithicCarrier = monolithicCarrier ?? .organic
        if let substrateSlab { design.substrate = substrateSlab }
        // An interposer comes with a silicon-interposer carrier unless given explicitly.
        design.interposer = reader.presentKeys.contains("interposer") ? interposerSlab
            : (carrier == .siliconInterposer ? PackageDesign.Slab(material: PackageMaterials.silicon, thicknessM: 100e-6) : nil)
        if let attachSlab { design.attach = attachSlab }
        if let bondSlab { design.bond = bondSlab }
        if let tim1Slab { design.tim1 = tim1Slab }
        design.lid = reader.presentKeys.contains("lid") ? lidSlab : design.lid
        design.tim2 = reader.presentKeys.contains("tim2") ? tim2Slab : design.tim2
        design.sink = sinkSlab
        design.bondYield = bondYield
        design.fineCellM = fineCell
        design.dieSublayers = sublayers
        design.gridToleranceK = tolerance
        design.testCostUSD = testCost
        design.throughputTOPS = throughput
        if let gridCells { design.grid = .uniform(columns: Int(gridCells[0]), rows: Int(gridCells[1])) }
        return design
    }
}

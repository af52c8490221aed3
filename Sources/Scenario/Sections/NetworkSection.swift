import Models

/// Reads `network:` (the fabric of every hall, from catalog parts) and a training job's `model:`.
enum NetworkSection {
    static func read(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> NetworkSpec? {
        guard var section = document.mapping("network", diagnostics: &diagnostics) else { return nil }
        let layout = section.string("topology", allowed: FabricTopology.Layout.allCases.map(\.rawValue), default: "rail-optimized",
                                    diagnostics: &diagnostics).flatMap(FabricTopology.Layout.init(rawValue:))
        let tiers = section.string("tiers", allowed: ["auto", "2", "3"], default: "auto", diagnostics: &diagnostics)
        let oversubscription = section.number("oversubscription", range: 1...16, default: 1, diagnostics: &diagnostics)
        let nicsPerServer = section.optionalInteger("nics_per_server", range: 1...64, diagnostics: &diagnostics)
        let inServer = section.string("nic_power_in_server", allowed: ["true", "false"], default: "true", diagnostics: &diagnostics)
        let domain = section.optionalInteger("scale_up_domain", range: 1...100_000, diagnostics: &diagnostics)
        func part(_ key: String, kinds: [String], default name: String) -> EquipmentEntry? {
            let names = Catalog.network.filter { kinds.contains($0.kind) }.map(\.name)
            guard let chosen = section.string(key, allowed: names, default: name, diagnostics: &diagnostics) else { return nil }
            return Catalog.network(named: chosen)
        }
        let nic = part("nic", kinds: ["nic"], default: "connectx-7-ndr")
        let fabricSwitch = part("switch", kinds: ["switch"], default: "quantum-2-qm9700")
        let nicOptics = part("nic_optics", kinds: ["transceiver", "cable"], default: "osfp-400g-sr4")
        let switchOptics = part("switch_optics", kinds: ["transceiver", "cable"], default: "osfp-800g-2xsr4")
        section.finish(diagnostics: &diagnostics)
        guard let layout, let tiers, let oversubscription, let nicsPerServer, let inServer, let domain, let nic, let fabricSwitch,
              let nicOptics, let switchOptics,
              let nicGbps = nic.value("port_gbps"), let ports = fabricSwitch.value("ports"), let portGbps = fabricSwitch.value("port_gbps")
        else { return nil }
        // A switch port faster than the NIC splits (64 × 800 G serves 128 × 400 G NICs); a slower
        // one cannot carry it.
        guard portGbps >= nicGbps else {
            diagnostics.error("the switch's ports (\(Int(portGbps)) Gb/s) are slower than the NIC (\(Int(nicGbps)) Gb/s)",
                              at: section.location(of: "switch"), keyPath: section.path("switch"))
            return nil
        }
        let radix = Int(ports) * max(1, Int((portGbps / nicGbps).rounded(.down)))
        let linksPerModule = max(1, Int(((switchOptics.value("gbps") ?? portGbps) / portGbps).rounded(.down)))
        return NetworkSpec(layout: layout, tiers: Int(tiers), oversubscription: oversubscription, nicsPerServer: nicsPerServer,
                           nicPowerInServer: inServer == "true", scaleUpDomain: domain,
                           nic: nic.name, nicGbps: nicGbps, nicPowerW: nic.value("power_w") ?? 0, nicLatencyS: (nic.value("latency_ns") ?? 0) * 1e-9,
                           switchName: fabricSwitch.name, switchRadix: radix, switchTypicalW: fabricSwitch.value("power_typical_w") ?? 0,
                           switchIdleFraction: fabricSwitch.value("idle_fraction") ?? 1,
                           switchLatencyS: (fabricSwitch.value("latency_ns") ?? 0) * 1e-9,
                           nicOptics: nicOptics.name, nicOpticsW: nicOptics.value("power_w") ?? 0,
                           switchOptics: switchOptics.name, switchOpticsW: switchOptics.value("power_w") ?? 0,
                           switchOpticsLinks: linksPerModule, baseLatencyS: NetworkCatalog.baseLatencyS)
    }

    /// A training job's `model` (a preset or a mapping), batch, layout and kernel efficiency; nil
    /// (and no error) when the job has no `model`.
    static func readModel(_ job: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> TrainingModelSpec?? {
        guard let node = job.node("model", diagnostics: &diagnostics) else { return .some(nil) }
        var layers: Int?, hidden: Int?, sequence: Int?, vocabulary: Int? = 51200, parameters: Double?, preset: String? = nil
        var experts: Int? = 1, perToken: Int? = 1
        switch node {
        case .scalar(let name, let location, _):
            guard let found = TrainingModelPresets.named(name) else {
                let names = TrainingModelPresets.all.map(\.name)
                let hint = closestMatch(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.error("no model preset '\(name)'\(hint); expected one of \(names.joined(separator: ", ")) or a mapping",
                                  at: location, keyPath: job.path("model"))
                return nil
            }
            (layers, hidden, sequence, vocabulary, parameters, preset) = (found.layers, found.hidden, found.sequence, found.vocabulary,
                                                                          found.parameters, found.name)
        case .mapping:
            guard var model = MappingReader(node, keyPath: job.path("model"), schemaPath: job.schema("model"), diagnostics: &diagnostics)
            else { return nil }
            layers = model.integer("layers", range: 1...10_000, diagnostics: &diagnostics)
            hidden = model.integer("hidden", range: 1...1_000_000, diagnostics: &diagnostics)
            sequence = model.integer("sequence", range: 1...10_000_000, diagnostics: &diagnostics)
            vocabulary = model.integer("vocabulary", range: 1...10_000_000, default: 51200, diagnostics: &diagnostics)
            experts = model.integer("experts", range: 1...100_000, default: 1, diagnostics: &diagnostics)
            perToken = model.integer("experts_per_token", range: 1...1000, default: 1, diagnostics: &diagnostics)
            let given = model.optionalNumber("parameters", range: 1...1e15, diagnostics: &diagnostics)
            model.finish(diagnostics: &diagnostics)
            if let layers, let hidden, let vocabulary, let experts, let given {
                parameters = given ?? TrainingModelSpec.defaultParameters(layers: layers, hidden: hidden, vocabulary: vocabulary, experts: experts)
            }
            if let experts, let perToken, perToken > experts {
                diagnostics.error("experts_per_token (\(perToken)) exceeds experts (\(experts))", at: model.location(of: "experts_per_token"),
                                  keyPath: model.path("experts_per_token"))
                return nil
            }
        case .sequence:
            diagnostics.error("expected a model preset or a mapping, found a list", at: node.location, keyPath: job.path("model"))
            return nil
        }
        let batch = job.integer("global_batch", range: 1...100_000_000, diagnostics: &diagnostics)
        let micro = job.integer("micro_batch", range: 1...100_000, default: 1, diagnostics: &diagnostics)
        let tensor = job.optionalInteger("tensor_parallel", range: 1...4096, diagnostics: &diagnostics)
        let pipeline = job.optionalInteger("pipeline_parallel", range: 1...100_000, diagnostics: &diagnostics)
        let expert = job.optionalInteger("expert_parallel", range: 1...100_000, diagnostics: &diagnostics)
        let interleave = job.integer("interleave", range: 1...1000, default: 1, diagnostics: &diagnostics)
        let efficiency = job.quantity("kernel_efficiency", .fraction, range: 0.01...1, default: 0.6, diagnostics: &diagnostics)
        let overlap = job.quantity("data_parallel_overlap", .fraction, range: 0...1, default: 0, diagnostics: &diagnostics)
        let recompute = job.string("recompute", allowed: ["true", "false"], default: "true", diagnostics: &diagnostics)
        guard let layers, let hidden, let sequence, let vocabulary, let parameters, let batch, let micro, let tensor, let pipeline,
              let interleave, let efficiency, let overlap, let recompute, let experts, let perToken, let expert else { return nil }
        var model = TrainingStep.Model(layers: layers, hidden: hidden, sequence: sequence, vocabulary: vocabulary, parameters: parameters,
                                       globalBatch: batch, microBatch: micro)
        model.recomputeActivations = recompute == "true"
        model.experts = experts
        model.expertsPerToken = perToken
        if model.denseParameters <= 0 {
            diagnostics.error("\(format(parameters)) parameters are fewer than the experts' own (\(format(model.expertParameters)): 8 l h² per expert)",
                              at: job.location(of: "model"), keyPath: job.path("model"))
            return nil
        }
        if let expert, experts % expert != 0 {
            diagnostics.error("expert_parallel \(expert) does not divide the \(experts) experts", at: job.location(of: "expert_parallel"),
                              keyPath: job.path("expert_parallel"))
            return nil
        }
        if let pipeline, layers % pipeline != 0 {
            diagnostics.error("\(layers) layers do not split into \(pipeline) equal pipeline stages", at: job.location(of: "pipeline_parallel"),
                              keyPath: job.path("pipeline_parallel"))
            return nil
        }
        var spec = TrainingModelSpec(model: model, presetName: preset, tensor: tensor, pipeline: pipeline, interleaving: interleave,
                                     kernelEfficiency: efficiency, dataParallelOverlap: overlap, steps: 0)
        spec.expert = expert
        return .some(spec)
    }
}

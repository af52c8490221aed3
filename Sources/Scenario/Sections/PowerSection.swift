/// Reads `power:`: utility, transformers, UPS, PDUs, generators, batteries, other loads.
enum PowerSection {
    /// Keys written as `autosize` are appended to `autosize` (`Autosizer` fills them).
    static func read(_ document: inout MappingReader, autosize: inout [AutosizeTarget], _ diagnostics: inout DiagnosticCollector) -> PowerSpec {
        var spec = PowerSpec(utilityCapacityW: nil, transformers: nil, ups: nil, pduLossFraction: 0.01, generators: nil,
                             batteries: nil, otherLoadW: 0)
        guard var section = document.mapping("power", diagnostics: &diagnostics) else { return spec }
        if var utility = section.mapping("utility", diagnostics: &diagnostics) {
            spec.utilityCapacityW = utility.quantity("capacity", .power, range: 1e3...1e10, diagnostics: &diagnostics)
            utility.finish(diagnostics: &diagnostics)
        }
        if var reader = section.mapping("transformers", diagnostics: &diagnostics) {
            let units = reader.integer("units", range: 1...100, diagnostics: &diagnostics)
            let rating = reader.sizableQuantity("rating", .power, range: 1e3...1e9, diagnostics: &diagnostics)
            let noLoad = reader.optionalQuantity("no_load_loss", .power, range: 0...1e7, diagnostics: &diagnostics)
            let load = reader.optionalQuantity("load_loss", .power, range: 0...1e7, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let units, let rating, let noLoad, let load {
                if rating == .autosize { autosize.append(.transformerRating) }
                spec.transformers = TransformerSpec(units: units, ratingW: rating.given ?? 0, statedNoLoadLossW: noLoad, statedLoadLossW: load)
            }
        }
        if var reader = section.mapping("ups", diagnostics: &diagnostics) {
            let mode = reader.string("mode", allowed: UPSSpec.Mode.allCases.map(\.rawValue), default: "double-conversion",
                                     diagnostics: &diagnostics).flatMap(UPSSpec.Mode.init(rawValue:))
            let redundancy = reader.string("redundancy", allowed: UPSSpec.Redundancy.allCases.map(\.rawValue), default: "N+1",
                                           diagnostics: &diagnostics).flatMap(UPSSpec.Redundancy.init(rawValue:))
            let modules = reader.integer("modules", range: 1...200, diagnostics: &diagnostics)
            let rating = reader.sizableQuantity("module_rating", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let defaultEfficiency = mode == .eco ? 0.99 : 0.95 // Schneider WP157; typical double conversion 94-96 %
            let efficiency = reader.quantity("efficiency", .fraction, range: 0.5...1, default: defaultEfficiency, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let mode, let redundancy, let modules, let rating, let efficiency {
                if redundancy == .twoN && modules % 2 != 0 {
                    diagnostics.error("2N needs an even number of modules, found \(modules)", at: reader.location(of: "modules"),
                                      keyPath: reader.path("modules"))
                } else if redundancy == .nPlus1 && modules < 2 {
                    diagnostics.error("N+1 needs at least 2 modules, found \(modules)", at: reader.location(of: "modules"),
                                      keyPath: reader.path("modules"))
                } else {
                    if rating == .autosize { autosize.append(.upsModuleRating) }
                    spec.ups = UPSSpec(mode: mode, redundancy: redundancy, modules: modules, moduleRatingW: rating.given ?? 0, efficiency: efficiency)
                }
            }
        }
        if var reader = section.mapping("pdu", diagnostics: &diagnostics) {
            spec.pduLossFraction = reader.quantity("loss_fraction", .fraction, range: 0...0.2, default: 0.01, diagnostics: &diagnostics) ?? 0.01
            spec.pduCapacityW = reader.optionalQuantity("capacity", .power, range: 1e3...1e10, diagnostics: &diagnostics) ?? nil
            reader.finish(diagnostics: &diagnostics)
        }
        if var reader = section.mapping("generators", diagnostics: &diagnostics) {
            let units = reader.integer("units", range: 1...100, diagnostics: &diagnostics)
            let rating = reader.quantity("rating", .power, range: 1e3...1e8, diagnostics: &diagnostics)
            let delay = reader.quantity("start_delay", .duration, range: 0...3600, default: 10, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let units, let rating, let delay { spec.generators = GeneratorSpec(units: units, ratingW: rating, startDelayS: delay) }
        }
        if var reader = section.mapping("batteries", diagnostics: &diagnostics) {
            let energy = reader.quantity("energy", .energy, range: 1e3...1e13, diagnostics: &diagnostics)
            // Estimates: UPS chargers restore VRLA strings in 4-8 h (Li-ion faster); charging
            // round trip 85-95 % (VRLA to Li-ion).
            let recharge = reader.quantity("recharge_time", .duration, range: 60...(7 * 86_400), default: 4 * 3600, diagnostics: &diagnostics)
            let efficiency = reader.quantity("charge_efficiency", .fraction, range: 0.5...1, default: 0.9, diagnostics: &diagnostics)
            if spec.ups == nil && !section.presentKeys.contains("ups") {
                diagnostics.error("batteries ride through on a UPS: describe power.ups as well", at: reader.location, keyPath: reader.keyPath)
            }
            reader.finish(diagnostics: &diagnostics)
            if let energy, let recharge, let efficiency {
                spec.batteries = BatterySpec(energyJ: energy, rechargeTimeS: recharge, chargeEfficiency: efficiency)
            }
        }
        spec.otherLoadW = section.quantity("other_load", .power, range: 0...1e9, default: 0, diagnostics: &diagnostics) ?? 0
        section.finish(diagnostics: &diagnostics)
        return spec
    }
}

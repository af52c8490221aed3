import Foundation

/// Reads `site:`: a catalog site, its fields overridden, or a site described in full.
enum SiteSection {
    static func read(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> SiteSpec? {
        guard var section = document.mapping("site", diagnostics: &diagnostics) else {
            // No site: a hall in a room at standard conditions, with no climate, price or carbon.
            return SiteSpec(name: "site", catalogName: nil, latitudeDeg: nil, longitudeDeg: nil, elevationM: 0)
        }
        var failed = false
        let catalogName = section.string("catalog", allowed: Catalog.sites.map(\.name), default: "", diagnostics: &diagnostics)
        if catalogName == nil { failed = true }
        let entry = catalogName.flatMap { $0.isEmpty ? nil : Catalog.site(named: $0) }
        var site = SiteSpec(name: entry?.name ?? "site", catalogName: entry?.name, latitudeDeg: entry?.latitudeDeg,
                            longitudeDeg: entry?.longitudeDeg, elevationM: entry?.elevationM.value ?? 0,
                            monthlyDryBulbC: entry?.monthlyDryBulbC, monthlyRelativeHumidity: entry?.monthlyRelativeHumidity,
                            weatherFile: nil, electricityPricePerJ: entry.map { $0.electricityPrice.value / 3.6e6 },
                            currency: entry?.currency, timeOfUse: nil, gridCarbonKgPerJ: entry.map { $0.gridCarbonKgPerKWh.value / 3.6e6 })
        if let name = section.string("name", default: site.name, diagnostics: &diagnostics) { site.name = name }
        site.latitudeDeg = section.number("latitude_deg", range: -90...90, default: site.latitudeDeg ?? .nan, diagnostics: &diagnostics)
            .flatMap { $0.isNaN ? nil : $0 }
        site.longitudeDeg = section.number("longitude_deg", range: -180...180, default: site.longitudeDeg ?? .nan, diagnostics: &diagnostics)
            .flatMap { $0.isNaN ? nil : $0 }
        if let elevation = section.quantity("elevation", .length, range: -500...6000, default: site.elevationM, diagnostics: &diagnostics) {
            site.elevationM = elevation
        } else { failed = true }

        if var climate = section.mapping("climate", diagnostics: &diagnostics) {
            if let dryBulb = climate.quantityList("monthly_dry_bulb", .temperature, count: 12, range: -60...60, diagnostics: &diagnostics) {
                site.monthlyDryBulbC = dryBulb
            }
            if let humidity = climate.quantityList("monthly_relative_humidity", .fraction, count: 12, range: 0.01...1, diagnostics: &diagnostics) {
                site.monthlyRelativeHumidity = humidity
            }
            if let file = climate.string("weather_file", default: "", diagnostics: &diagnostics), !file.isEmpty {
                let resolved = InputPath.resolve(file, at: climate.location(of: "weather_file"))
                let lower = file.lowercased()
                if !(lower.hasSuffix(".epw") || lower.hasSuffix(".csv")) {
                    diagnostics.error("expected an EnergyPlus .epw or a .csv weather file, found '\(file)'",
                                      at: climate.location(of: "weather_file"), keyPath: "site.climate.weather_file")
                } else if let problem = InputPath.problem(reading: resolved) {
                    diagnostics.error("weather file \(resolved): \(problem)", at: climate.location(of: "weather_file"),
                                      keyPath: "site.climate.weather_file")
                } else {
                    // Read it now, so that `plenum validate` reports a bad weather file where its
                    // problem is, instead of a run failing later.
                    diagnostics.recordInput(resolved)
                    do {
                        _ = try WeatherFileReader.read(path: resolved, elevationM: site.elevationM)
                        site.weatherFile = resolved
                    } catch {
                        diagnostics.error("weather file cannot be used: \(error)", at: climate.location(of: "weather_file"),
                                          keyPath: "site.climate.weather_file")
                    }
                }
            }
            climate.finish(diagnostics: &diagnostics)
        }
        if var electricity = section.mapping("electricity", diagnostics: &diagnostics) {
            if let price = electricity.money("price", basis: .perJoule, diagnostics: &diagnostics) {
                site.electricityPricePerJ = price.amount
                site.currency = price.currency
            }
            if var tou = electricity.mapping("time_of_use", diagnostics: &diagnostics) {
                site.timeOfUse = readTimeOfUse(&tou, &diagnostics)
                tou.finish(diagnostics: &diagnostics)
            }
            electricity.finish(diagnostics: &diagnostics)
        }
        if case .some(.some(let carbon)) = section.optionalQuantity("grid_carbon", .carbonIntensity, range: 0...(2 / 3.6e6), diagnostics: &diagnostics) {
            site.gridCarbonKgPerJ = carbon
        }
        section.finish(diagnostics: &diagnostics)
        return failed ? nil : site
    }

    private static func readTimeOfUse(_ tou: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> TimeOfUseSpec? {
        let peak = hours(&tou, "peak_hours", &diagnostics)
        let peakMultiplier = tou.number("peak_multiplier", range: 1...10, diagnostics: &diagnostics)
        let valley = hours(&tou, "valley_hours", &diagnostics)
        let valleyMultiplier = tou.number("valley_multiplier", range: 0...1, diagnostics: &diagnostics)
        guard let peak, let peakMultiplier, let valley, let valleyMultiplier else { return nil }
        let overlap = Set(peak).intersection(valley)
        if !overlap.isEmpty {
            diagnostics.error("hours \(overlap.sorted().map(String.init).joined(separator: ", ")) are both peak and valley",
                              at: tou.location, keyPath: "site.electricity.time_of_use")
            return nil
        }
        return TimeOfUseSpec(peakHours: peak, peakMultiplier: peakMultiplier, valleyHours: valley, valleyMultiplier: valleyMultiplier)
    }

    /// Hour ranges such as `10-13` (hours 10, 11, 12) or `23-07` (wrapping midnight).
    private static func hours(_ tou: inout MappingReader, _ key: String, _ diagnostics: inout DiagnosticCollector) -> [Int]? {
        guard let ranges = tou.stringList(key, diagnostics: &diagnostics) else {
            diagnostics.error("missing required key: expected hour ranges such as [\"10-13\", \"17-22\"]", at: tou.location, keyPath: tou.path(key))
            return nil
        }
        var result: [Int] = []
        for (index, (text, location)) in ranges.enumerated() {
            // Both ends must be plain hours: `23--1` or `-3-5` is not a range (split keeps the
            // empty pieces so that they fail here).
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { piece -> Int? in
                let trimmed = piece.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty || !trimmed.allSatisfy(\.isASCII) || !trimmed.allSatisfy(\.isNumber) ? nil : Int(trimmed)
            }
            guard parts.count == 2, let from = parts[0], let to = parts[1], (0...24).contains(from), (0...24).contains(to), from != to else {
                diagnostics.error("expected an hour range such as '10-13' or '23-07' (hours 0-24), found '\(text)'", at: location,
                                  keyPath: "\(tou.path(key))[\(index)]")
                return nil
            }
            let count = (to - from + 24) % 24 == 0 ? 24 : (to - from + 24) % 24
            for offset in 0..<count { result.append((from + offset) % 24) }
        }
        return Array(Set(result)).sorted()
    }
}

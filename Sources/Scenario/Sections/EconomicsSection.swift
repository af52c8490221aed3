/// Reads `economics:`. Every amount must be in the scenario's one currency.
enum EconomicsSection {
    static func read(_ document: inout MappingReader, siteCurrency: String?, _ diagnostics: inout DiagnosticCollector) -> EconomicsSpec? {
        let defaultCurrency = siteCurrency ?? "CNY"
        var spec = EconomicsSpec(currency: defaultCurrency, itCapex: nil, facilityCapex: nil,
                                 itDepreciationS: 5 * 365 * 86_400, facilityDepreciationS: 15 * 365 * 86_400, carbonPricePerKg: nil)
        guard var section = document.mapping("economics", diagnostics: &diagnostics) else { return spec }
        guard let currency = section.string("currency", allowed: MoneyQuantity.currencies, default: defaultCurrency, diagnostics: &diagnostics) else {
            section.finish(diagnostics: &diagnostics)
            return nil
        }
        spec.currency = currency
        func check(_ money: MoneyQuantity?, _ key: String, _ reader: MappingReader, _ diagnostics: inout DiagnosticCollector) -> Double? {
            guard let money else { return nil }
            if money.currency != currency {
                diagnostics.error("amount in \(money.currency), but the scenario's currency is \(currency); Plenum does not convert currencies",
                                  at: reader.location(of: key), keyPath: reader.path(key))
                return nil
            }
            return money.amount
        }
        if var capex = section.mapping("capex", diagnostics: &diagnostics) {
            spec.itCapex = check(capex.money("it", basis: .amount, diagnostics: &diagnostics), "it", capex, &diagnostics)
            spec.facilityCapex = check(capex.money("facility", basis: .amount, diagnostics: &diagnostics), "facility", capex, &diagnostics)
            capex.finish(diagnostics: &diagnostics)
        }
        if var depreciation = section.mapping("depreciation", diagnostics: &diagnostics) {
            if let it = depreciation.quantity("it", .duration, range: 86_400...(50 * 365 * 86_400), default: spec.itDepreciationS,
                                              diagnostics: &diagnostics) { spec.itDepreciationS = it }
            if let facility = depreciation.quantity("facility", .duration, range: 86_400...(100 * 365 * 86_400),
                                                    default: spec.facilityDepreciationS, diagnostics: &diagnostics) {
                spec.facilityDepreciationS = facility
            }
            depreciation.finish(diagnostics: &diagnostics)
        }
        spec.carbonPricePerKg = check(section.money("carbon_price", basis: .perKilogram, diagnostics: &diagnostics), "carbon_price",
                                      section, &diagnostics)
        section.finish(diagnostics: &diagnostics)
        return spec
    }
}

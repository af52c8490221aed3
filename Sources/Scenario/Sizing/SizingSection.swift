/// Reads `sizing:`: the design margin and the design day's exceedance.
enum SizingSection {
    static func read(_ document: inout MappingReader, _ diagnostics: inout DiagnosticCollector) -> SizingSpec {
        var spec = SizingSpec()
        guard var section = document.mapping("sizing", diagnostics: &diagnostics) else { return spec }
        spec.margin = section.quantity("margin", .fraction, range: 0...1, default: spec.margin, diagnostics: &diagnostics) ?? spec.margin
        spec.exceedance = section.quantity("design_exceedance", .fraction, range: 0...0.2, default: spec.exceedance,
                                           diagnostics: &diagnostics) ?? spec.exceedance
        section.finish(diagnostics: &diagnostics)
        return spec
    }
}

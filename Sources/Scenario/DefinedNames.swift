/// The names a section defines for others to refer to (halls, for the cooling groups and the
/// jobs): those read without errors, and those of entries refused for an error.
///
/// A key naming a refused entry is left without a second error: the entry's own error says what
/// to mend, and "names nothing defined" beside it would count one mistake twice.
struct DefinedNames {
    var valid: [String] = []
    var refused: Set<String> = []

    /// Records an entry's name: valid when it was read without errors.
    mutating func add(_ name: String, valid isValid: Bool) {
        if isValid { valid.append(name) } else { refused.insert(name) }
    }

    /// Names refused and not also defined by a valid entry (a name used twice is refused the
    /// second time, yet names the first).
    func isOnlyRefused(_ name: String) -> Bool { refused.contains(name) && !valid.contains(name) }
}

extension MappingReader {
    /// A key naming one of `names`: nil with an error for an unknown name (`string(_:allowed:)`),
    /// and nil without one for the name of an entry already refused for its own error.
    mutating func reference(_ key: String, to names: DefinedNames, default defaultValue: String?,
                            diagnostics: inout DiagnosticCollector) -> String? {
        if case .scalar(let text, _, _)? = node(key, diagnostics: &diagnostics), names.isOnlyRefused(text) { return nil }
        return string(key, allowed: names.valid, default: defaultValue, diagnostics: &diagnostics)
    }
}

import Models

/// Loads a standalone package file for `plenum package`: the keys of `packages.<name>` at the
/// top level (docs/models/package.md). Errors carry the file, line, key and what was expected.
public enum PackageLoader {
    public static func load(path: String) throws(ScenarioError) -> PackageDesign {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(path: path, diagnostics: &diagnostics),
              var reader = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let design = PackageSection.readDesign(name: name, &reader, &diagnostics)
        guard let design, !diagnostics.hasErrors else { throw ScenarioError(diagnostics.diagnostics) }
        return design
    }
}

import Foundation

import Models

/// Loads a standalone package file for `plenum package`: the keys of `packages.<name>` at the
/// top level (docs/models/package.md). Errors carry the file, line, key and what was expected.
public enum PackageLoader {
    /// Whether a file is a package description (a top-level `dies:` key).
    public static func isPackageFile(path: String) -> Bool {
        ConfigDocumentReader.hasTopLevelKey("dies", path: path)
    }

    public static func load(path: String) throws(ScenarioError) -> PackageDesign {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(path: path, diagnostics: &diagnostics) else { throw ScenarioError(diagnostics.diagnostics) }
        return try design(root, path: path, diagnostics: diagnostics)
    }

    /// A package description given as text; `path` names it in messages.
    public static func load(text: String, path: String) throws(ScenarioError) -> PackageDesign {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(text: text, path: path, diagnostics: &diagnostics) else { throw ScenarioError(diagnostics.diagnostics) }
        return try design(root, path: path, diagnostics: diagnostics)
    }

    private static func design(_ root: ConfigNode, path: String, diagnostics initial: DiagnosticCollector) throws(ScenarioError) -> PackageDesign {
        var diagnostics = initial
        guard var reader = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let read = PackageSection.readDesign(name: name, &reader, &diagnostics)
        guard var design = read, !diagnostics.hasErrors else { throw ScenarioError(diagnostics.diagnostics) }
        design.sourceFiles = [path] + diagnostics.inputFiles.filter { $0 != path }
        return design
    }
}

import Foundation

import Foundation

/// Reads a scenario file into a `ScenarioSpec`, reporting every problem at once.
///
/// Errors make the load fail (`ScenarioError`); warnings (legal but implausible values) are
/// returned beside the spec.
public enum ScenarioLoader {
    /// The result of a successful load.
    public struct Loaded: Sendable {
        public internal(set) var spec: ScenarioSpec
        public let warnings: [Diagnostic]
        /// Every key path the reader accepts, in schema form (for the docs check).
        public let acceptedKeyPaths: Set<String>
    }

    /// Loads the scenario file at `path`, with `overrides` (key path → YAML value) applied last.
    public static func load(path: String, overrides: [ScenarioComposer.Override] = []) throws(ScenarioError) -> Loaded {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(path: path, overrides: overrides, diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        var ignored = DiagnosticCollector(file: path)
        // Read once already by the composer; this copy is stored in the output as written.
        let sourceText = ConfigDocumentReader.readText(path: path, into: &ignored) ?? ""
        var loaded = try build(root, sourceText: sourceText, path: path, diagnostics: diagnostics)
        loaded.spec.overrides = overrides.map { "\($0.keyPath)=\($0.value)" }
        return loaded
    }

    /// Loads scenario `text`; `path` names it in messages and anchors `extends`.
    public static func load(text: String, path: String) throws(ScenarioError) -> Loaded {
        var diagnostics = DiagnosticCollector(file: path)
        guard let root = ScenarioComposer.compose(text: text, path: path, diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        return try build(root, sourceText: text, path: path, diagnostics: diagnostics)
    }

    private static func build(_ root: ConfigNode, sourceText: String, path: String,
                              diagnostics initial: DiagnosticCollector) throws(ScenarioError) -> Loaded {
        var diagnostics = initial
        guard var document = MappingReader(root, keyPath: "", diagnostics: &diagnostics) else {
            throw ScenarioError(diagnostics.diagnostics)
        }
        let simulation = SimulationSection.read(&document, &diagnostics)
        // Files named inside (weather, packages, traces) resolve against the file that names each
        // (InputPath), so no folder is passed down.
        let site = SiteSection.read(&document, &diagnostics)
        let packages = ServerSection.readPackages(&document, &diagnostics)
        let (servers, serverNames) = ServerSection.readServers(&document, packages: packages ?? [], &diagnostics)
        let (racks, rackNames) = RackAndHallSections.readRackTypes(&document, serverNames: serverNames, &diagnostics)
        let (halls, hallNames) = RackAndHallSections.readHalls(&document, rackNames: rackNames, &diagnostics)
        var autosize: [AutosizeTarget] = []
        let cooling = CoolingSection.read(&document, hallNames: hallNames, autosize: &autosize, &diagnostics)
        let power = PowerSection.read(&document, autosize: &autosize, &diagnostics)
        var sizing = SizingSection.read(&document, &diagnostics)
        sizing.targets = autosize
        func acceleratorsPerServer(_ hall: String) -> Int? {
            guard let hallSpec = halls.first(where: { $0.name == hall }), let rack = racks.first(where: { $0.name == hallSpec.rackType }),
                  let server = servers.first(where: { $0.name == rack.serverType }) else { return nil }
            return server.acceleratorCount
        }
        let workload = WorkloadSection.read(&document, hallNames: hallNames, durationS: simulation?.durationS, seed: simulation?.seed ?? 0,
                                            startLocalHour: simulation?.localStartHourOfYear ?? 0,
                                            acceleratorsPerServer: acceleratorsPerServer, &diagnostics)
        let faults = WorkloadSection.readFaults(&document, &diagnostics)
        let economics = EconomicsSection.read(&document, siteCurrency: site?.currency, &diagnostics)
        let network = NetworkSection.read(&document, &diagnostics)
        document.finish(diagnostics: &diagnostics)

        guard !diagnostics.hasErrors, let simulation, let site, let packages, let economics else {
            if !diagnostics.hasErrors {
                // Every reader that gives up reports why; this guards the promise of a message.
                diagnostics.error("scenario is incomplete (a section could not be read)", at: nil, keyPath: "")
            }
            throw ScenarioError(diagnostics.diagnostics)
        }
        var spec = ScenarioSpec(simulation: simulation, site: site, packages: packages, serverTypes: servers, rackTypes: racks,
                                halls: halls, cooling: cooling, power: power, jobs: workload.jobs, services: workload.services,
                                workload: workload.settings, faults: faults, economics: economics,
                                resolvedText: ConfigEmitter.yaml(root), sourceText: sourceText, sourcePath: path)
        spec.inputFiles = [path] + diagnostics.inputFiles.filter { $0 != path }
        spec.sizing = sizing
        spec.network = network
        Autosizer.run(&spec, locate: Locator(root: root), diagnostics: &diagnostics)
        if diagnostics.hasErrors { throw ScenarioError(diagnostics.diagnostics) }
        ScenarioChecks.run(&spec, root: root, diagnostics: &diagnostics)
        if diagnostics.hasErrors { throw ScenarioError(diagnostics.diagnostics) }
        return Loaded(spec: spec, warnings: diagnostics.diagnostics.filter { $0.severity == .warning },
                      acceptedKeyPaths: diagnostics.acceptedKeyPaths)
    }
}

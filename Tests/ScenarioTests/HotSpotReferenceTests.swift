import Foundation
import Testing
import Models
@testable import Scenario

/// `--model hotspot` against HotSpot 7.0's own example 1 (the EV6 floorplan and gcc trace), run
/// with HotSpot here (Fixtures/hotspot-ev6/README.md: commands, builds, provenance). Every block,
/// every layer and every package node within 1 K, in block and grid modes, steady and transient.
@Suite("HotSpot 7.0 reproduced")
struct HotSpotReferenceTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/hotspot-ev6").path

    /// A reference table: first column the name, then one column per header.
    static func table(_ name: String) throws -> (header: [String], rows: [String: [Double]], order: [String]) {
        let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        var rows: [String: [Double]] = [:], order: [String] = []
        for line in lines.dropFirst() {
            rows[line[0]] = line.dropFirst().compactMap(Double.init)
            order.append(line[0])
        }
        return (Array(lines[0].dropFirst()), rows, order)
    }

    static func study(_ options: String? = nil) throws -> HotSpotStudy {
        try HotSpotInput.study(floorplan: "\(folder)/ev6.flp", powerTrace: "\(folder)/gcc.ptrace", config: "\(folder)/example.config",
                               layers: nil, options: options)
    }

    static func steady(_ study: HotSpotStudy) throws -> [String: Double] {
        let network = try study.network()
        let t = try network.steady(powersW: network.powerNames.map { study.powerW[$0]! })
        return Dictionary(uniqueKeysWithValues: zip(network.outputNames, network.outputs(t)))
    }

    @Test func blockModelSteadyMatchesEveryNode() throws {
        let result = try Self.steady(Self.study())
        var worst = 0.0
        let blocks = try Self.table("steady-blocks.tsv"), layers = try Self.table("steady-block-layers.tsv"), nodes = try Self.table("steady-package-nodes.tsv")
        for name in blocks.order {
            worst = max(worst, abs(result[name]! - blocks.rows[name]![1]))
            for (k, prefix) in ["iface_", "hsp_", "hsink_"].enumerated() { worst = max(worst, abs(result[prefix + name]! - layers.rows[name]![k])) }
        }
        for name in nodes.order { worst = max(worst, abs(result[name]! - nodes.rows[name]![0])) }
        // HotSpot prints two decimals: the same network agrees to its rounding.
        #expect(worst < 0.011, "worst difference \(worst) K")
    }

    @Test(arguments: [("-model_type grid -grid_rows 64 -grid_cols 64", 4), ("-model_type grid -grid_rows 64 -grid_cols 64 -grid_map_mode max", 5),
                      ("-model_type grid", 2), ("-model_type grid -grid_map_mode max", 3)])
    func gridModelSteadyMatchesEveryBlock(options: String, column: Int) throws {
        let result = try Self.steady(Self.study(options))
        let blocks = try Self.table("steady-blocks.tsv"), nodes = try Self.table("steady-package-nodes.tsv")
        let worst = blocks.order.map { abs(result[$0]! - blocks.rows[$0]![column]) }.max()!
        #expect(worst < 0.011, "\(options): worst block difference \(worst) K")
        let nodeColumn = options.contains("64") ? 2 : 1
        let worstNode = nodes.order.map { abs(result[$0]! - nodes.rows[$0]![nodeColumn]) }.max()!
        #expect(worstNode < 0.011, "\(options): worst package node difference \(worstNode) K")
    }

    /// The 64 × 64 grid's lower layers against HotSpot's steady file, block by block.
    @Test func gridModelLowerLayersMatch() throws {
        let result = try Self.steady(Self.study("-model_type grid -grid_rows 64 -grid_cols 64"))
        let text = try String(contentsOfFile: "\(Self.folder)/grid64.steady", encoding: .utf8)
        var worst = 0.0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let reference = Double(fields[1]) else { continue }
            worst = max(worst, abs(try #require(result[String(fields[0])]) - reference))
        }
        #expect(worst < 0.011, "worst \(worst) K")
    }

    /// The block transient from a uniform 318.15 K, each gcc row held for 10 ms.
    @Test func blockModelTransientMatches() throws {
        let study = try Self.study()
        let network = try study.network()
        let trace = try #require(study.trace)
        let columns = network.powerNames.map { trace.names.firstIndex(of: $0)! }
        let rows = trace.rows.map { row in columns.map { row[$0] } }
        let samples = try network.transient(initialK: [Double](repeating: study.initialK, count: network.nodeCount), rowsW: rows,
                                            intervalS: study.samplingIntervalS, substeps: 50)
        let reference = try Self.table("transient-uniform-start.tsv")
        var worst = 0.0
        for (k, row) in [0, 1, 2, 9, 49, 99].enumerated() {
            let outputs = Dictionary(uniqueKeysWithValues: zip(network.outputNames, network.outputs(samples[row])))
            for name in reference.order { worst = max(worst, abs(outputs[name]! - reference.rows[name]![k])) }
        }
        #expect(worst < 0.02, "worst \(worst) K")
    }

    /// HotSpot's second example command: the transient from the steady file (`-init_file`).
    @Test func blockModelTransientFromSteadyFileMatches() throws {
        let study = try Self.study("-init_file \(Self.folder)/block.steady")
        #expect(study.initialTemperaturesK?.count == 132)
        let run = try HotSpotRun(study, transientRows: 100)
        let transient = try #require(run.transient)
        let reference = try Self.table("transient-steady-start.tsv")
        var worst = 0.0
        for (k, row) in [0, 1, 2, 9, 49, 99].enumerated() {
            let outputs = Dictionary(uniqueKeysWithValues: zip(run.network.outputNames, transient.outputsK[row]))
            for name in reference.order { worst = max(worst, abs(outputs[name]! - reference.rows[name]![k])) }
        }
        #expect(worst < 0.02, "worst \(worst) K")
    }

    /// HotSpot's default stack written as a layer file gives the plain run's numbers: HotSpot's
    /// grid model adds no TIM of its own to a layer file (and needs no --flp), and neither does
    /// Plenum's model.
    @Test func layerFileOfTheDefaultStackReproducesThePlainRun() throws {
        let options = "-model_type grid -grid_rows 64 -grid_cols 64"
        let plain = try Self.steady(Self.study(options))
        let layered = try HotSpotInput.study(floorplan: nil, powerTrace: "\(Self.folder)/gcc.ptrace", config: "\(Self.folder)/example.config",
                                             layers: "\(Self.folder)/ev6-two-layers.lcf", options: options)
        let fromFile = try Self.steady(layered)
        let worst = plain.keys.filter { !$0.contains("_") || $0.hasPrefix("IntReg") || $0.hasPrefix("Bpred") }
            .compactMap { name in fromFile["layer_0_" + name].map { abs($0 - plain[name]!) } }.max()
        #expect(worst != nil && worst! < 1e-9)

        let design = try HotSpotInput.load(floorplan: "\(Self.folder)/ev6.flp", powerTrace: "\(Self.folder)/gcc.ptrace",
                                           config: "\(Self.folder)/example.config", layers: nil, options: options)
        let designFromFile = try HotSpotInput.load(floorplan: nil, powerTrace: "\(Self.folder)/gcc.ptrace", config: "\(Self.folder)/example.config",
                                                   layers: "\(Self.folder)/ev6-two-layers.lcf", options: options)
        let a = try PackageAnalysis(design, refine: false), b = try PackageAnalysis(designFromFile, refine: false)
        #expect(abs(a.hottestC - b.hottestC) < 1e-6, "\(a.hottestC) against \(b.hottestC)")
    }

    /// Bad HotSpot lines and options are located: file, line and what was expected.
    @Test func badInputsAreLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-hotspot-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lcf = "\(folder)/bad.lcf"
        try "0\nY\nY\n1.75e6\n-0.01\n0.00015\n\(Self.folder)/ev6.flp\n".write(toFile: lcf, atomically: true, encoding: .utf8)
        let ptrace = "\(folder)/bad.ptrace"
        try "L2 Icache\n1 2\n1 x\n".write(toFile: ptrace, atomically: true, encoding: .utf8)
        for (layers, trace, options, expected) in [(lcf, nil, nil, "bad.lcf:5"), (nil, ptrace, nil, "bad.ptrace:3"),
                                                   (nil, nil, "-model_type mesh", "expected block, grid"), (nil, nil, "-grid_rows", "pairs")] {
            do {
                _ = try HotSpotInput.study(floorplan: layers == nil ? "\(Self.folder)/ev6.flp" : nil, powerTrace: trace, config: nil, layers: layers,
                                           options: options)
                Issue.record("accepted: \(expected)")
            } catch {
                let text = error.diagnostics.map(\.description).joined(separator: "\n")
                #expect(text.contains(expected), "\(text)")
            }
        }
        // HotSpot refuses a layer file in its block model; so does Plenum, with the reason.
        let study = try HotSpotInput.study(floorplan: nil, powerTrace: nil, config: nil, layers: "\(Self.folder)/ev6-two-layers.lcf", options: nil)
        #expect(throws: HotSpotModelError.self) { try study.network() }
    }
}

import Foundation
import Testing
import Models
@testable import Scenario

/// Layer files and materials as HotSpot 7.0 reads them (`parse_layer_file`, `materials.c`,
/// `thermal_config_add_from_strs`): a layer names a material instead of its heat capacity and
/// resistivity (then it has six lines, not seven), `-material_chip` and the like set k and p
/// after every other option, layers are placed by number, and every bad line is located.
@Suite("HotSpot layer files and materials")
struct HotSpotLayerFileTests {
    static let ev6 = repositoryRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures/hotspot-ev6").path

    /// A scratch folder with the named files written into it.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plenum-lcf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8) }
        return folder
    }

    static let materials = """
        # name, type, conductivity W/(m K), volumetric heat capacity J/(m3 K)[, viscosity Pa s]
        silicon
        solid
        130.0
        1630300

        water
        fluid
        0.6069
        4172638
        8.89e-4
        """

    /// Silicon named from the materials file (six lines) is the same layer as silicon written out
    /// as heat capacity and resistivity (seven lines): the same network, the same temperatures.
    @Test func aLayerMayNameAMaterial() throws {
        let folder = try Self.folder([
            "ev6.materials": Self.materials,
            "named.lcf": "# silicon by name\n0\nY\nY\nsilicon\n0.00015\n\(Self.ev6)/ev6.flp\n\n1\nY\nN\n4e6\n0.25\n2.0e-05\n\(Self.ev6)/ev6.flp\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let options = "-model_type grid -grid_rows 16 -grid_cols 16 -materials_file \(folder)/ev6.materials"
        let named = try HotSpotInput.study(floorplan: nil, powerTrace: "\(Self.ev6)/gcc.ptrace", config: "\(Self.ev6)/example.config",
                                           layers: "\(folder)/named.lcf", options: options)
        let written = try HotSpotInput.study(floorplan: nil, powerTrace: "\(Self.ev6)/gcc.ptrace", config: "\(Self.ev6)/example.config",
                                             layers: "\(Self.ev6)/ev6-two-layers.lcf", options: options)
        #expect(named.layers[0].conductivityWPerMK == 130 && named.layers[0].volumetricHeatCapacityJPerM3K == 1_630_300)
        #expect(named.layers[0].thicknessM == 0.00015 && named.layers.count == 2)
        let a = try named.network(), b = try written.network()
        let ta = try a.steady(powersW: a.powerNames.map { named.powerW[$0]! }), tb = try b.steady(powersW: b.powerNames.map { written.powerW[$0]! })
        let worst = zip(a.outputs(ta), b.outputs(tb)).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-9, "\(worst) K")
    }

    /// `-material_sink` sets the sink's k and p after every other option, as HotSpot applies it.
    @Test func configMaterialsSetThePackage() throws {
        let folder = try Self.folder(["ev6.materials": Self.materials + "\n\ncopper\nsolid\n390\n3.45e6\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let study = try HotSpotInput.study(floorplan: "\(Self.ev6)/ev6.flp", powerTrace: nil, config: "\(Self.ev6)/example.config", layers: nil,
                                           options: "-material_sink copper -k_sink 999 -materials_file \(folder)/ev6.materials")
        #expect(study.package.sinkConductivityWPerMK == 390 && study.package.sinkHeatCapacityJPerM3K == 3.45e6)
    }

    /// Layers are placed by their numbers, not by their order in the file.
    @Test func layersArePlacedByNumber() throws {
        let folder = try Self.folder([
            "reversed.lcf": "1\nY\nN\n4e6\n0.25\n2.0e-05\n\(Self.ev6)/ev6.flp\n0\nY\nY\n1630300\n0.0076923\n0.00015\n\(Self.ev6)/ev6.flp\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let study = try HotSpotInput.study(floorplan: nil, powerTrace: nil, config: nil, layers: "\(folder)/reversed.lcf", options: "-model_type grid")
        #expect(study.layers.map(\.hasPower) == [true, false])
        #expect(study.layers[0].thicknessM == 0.00015)
    }

    /// Every bad layer-file or materials line is located: file, line, and what was expected.
    @Test func badLinesAreLocated() throws {
        let flp = "\(Self.ev6)/ev6.flp"
        let folder = try Self.folder([
            "good.materials": Self.materials,
            "bad.materials": "silicon\nsolid\n130\nlots\n",
            "unknown.lcf": "0\nY\nY\ngold\n0.00015\n\(flp)\n",
            "twice.lcf": "0\nY\nY\n1.75e6\n0.01\n0.00015\n\(flp)\n0\nY\nN\n4e6\n0.25\n2e-5\n\(flp)\n",
            "short.lcf": "0\nY\nY\n1.75e6\n0.01\n",
            "yesno.lcf": "0\nY\nmaybe\n1.75e6\n0.01\n0.00015\n\(flp)\n",
            "channels.lcf": "0\nY\nN\n1.75e6\n0.01\n0.0001\nhorizontal.csv\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, String?, String)] = [
            ("unknown.lcf", "\(folder)/good.materials", "unknown.lcf:4"),
            ("unknown.lcf", nil, "pass -materials_file"),
            ("unknown.lcf", "\(folder)/bad.materials", "bad.materials:4"),
            ("unknown.lcf", "\(folder)/missing.materials", "missing.materials: error"),
            ("twice.lcf", nil, "twice.lcf:8"),
            ("short.lcf", nil, "ends before the layer's thickness"),
            ("yesno.lcf", nil, "yesno.lcf:3"),
            ("channels.lcf", nil, "channels.lcf:7:1: error: layer 0: 'horizontal.csv' is a microchannel network"),
        ]
        for (lcf, materials, expected) in cases {
            do {
                _ = try HotSpotInput.study(floorplan: nil, powerTrace: nil, config: nil, layers: "\(folder)/\(lcf)",
                                           options: materials.map { "-materials_file \($0)" })
                Issue.record("accepted \(lcf): expected \(expected)")
            } catch {
                let text = error.diagnostics.map(\.description).joined(separator: "\n")
                #expect(text.contains(expected), "\(lcf): \(text)")
                if materials != nil { #expect(error.diagnostics.count == 1, "one message for a bad materials file: \(text)") }
            }
        }
        // HotSpot's own refusal: detailed 3-D needs the grid model and a layer file.
        do {
            _ = try HotSpotInput.study(floorplan: flp, powerTrace: nil, config: nil, layers: nil, options: "-model_type grid -detailed_3D on")
            Issue.record("accepted -detailed_3D on without a layer file")
        } catch {
            #expect(error.diagnostics.map(\.description).joined().contains("only with -model_type grid and a layer file"))
        }
        // A switch that would change HotSpot's answer is refused, not ignored.
        do {
            _ = try HotSpotInput.study(floorplan: flp, powerTrace: nil, config: nil, layers: nil, options: "-model_type grid -model_secondary 1")
            Issue.record("accepted -model_secondary 1")
        } catch {
            #expect(error.diagnostics.map(\.description).joined().contains("secondary heat path"))
        }
        do {
            _ = try HotSpotInput.study(floorplan: flp, powerTrace: nil, config: nil, layers: nil,
                                       options: "-material_chip gold -materials_file \(folder)/good.materials")
            Issue.record("accepted -material_chip gold")
        } catch {
            #expect(error.diagnostics.map(\.description).joined().contains("material 'gold' is not in"))
        }
    }
}

extension HotSpotLayerFileTests {
    /// Two dies on one floorplan: HotSpot reads the trace's columns layer by layer, so each die
    /// has its own power although the unit names repeat; columns out of layer order are refused.
    @Test func twoDiesMayShareAFloorplan() throws {
        let die = "core\t0.008\t0.008\t0\t0\ncache\t0.008\t0.008\t0.008\t0\n"
        let layer = { (n: Int, power: String) in "\(n)\nY\n\(power)\n1.75e6\n0.01\n0.00015\ndie.flp\n" }
        let folder = try Self.folder([
            "die.flp": die,
            "pair.lcf": layer(0, "Y") + "1\nY\nN\n4e6\n0.25\n2e-5\ndie.flp\n" + layer(2, "Y"),
            "pair.ptrace": "core\tcache\tcache\tcore\n10\t2\t3\t40\n",
            "short.ptrace": "core\tcache\tcore\n10\t2\t40\n",
            "twice.ptrace": "core\tcore\tcache\tcore\n10\t2\t3\t40\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let study = try HotSpotInput.study(floorplan: nil, powerTrace: "\(folder)/pair.ptrace", config: nil, layers: "\(folder)/pair.lcf",
                                           options: "-model_type grid -grid_rows 8 -grid_cols 16")
        #expect(study.powerW == ["layer_0_core": 10, "layer_0_cache": 2, "layer_2_cache": 3, "layer_2_core": 40])
        let run = try HotSpotRun(study, transientRows: nil)
        #expect(abs(run.powersW.reduce(0, +) - 55) < 1e-12)
        #expect(abs(run.energyBalanceRelativeError) < 1e-6)
        let t = Dictionary(uniqueKeysWithValues: zip(run.network.outputNames, run.steadyK))
        #expect(t["layer_2_core"]! > t["layer_2_cache"]! + 1, "the 40 W core above its 3 W cache")
        for (trace, expected) in [("short.ptrace", "expected 4 columns"), ("twice.ptrace", "column 2 'core'")] {
            do {
                _ = try HotSpotInput.study(floorplan: nil, powerTrace: "\(folder)/\(trace)", config: nil, layers: "\(folder)/pair.lcf",
                                           options: "-model_type grid")
                Issue.record("accepted \(trace)")
            } catch {
                let text = error.diagnostics.map(\.description).joined(separator: "\n")
                #expect(text.contains("\(trace):1") && text.contains(expected), "\(text)")
            }
        }
    }
}

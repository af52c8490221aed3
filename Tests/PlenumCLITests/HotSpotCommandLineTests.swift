import Foundation
import Testing

/// HotSpot studies run from the command line as a user's existing study would be.
@Suite("HotSpot studies from the command line")
struct HotSpotCommandLineTests {
    @Test func carelessHotSpotOptionsAreRefused() throws {
        let ev6 = "Tests/ScenarioTests/Fixtures/hotspot-ev6"
        let base = ["package", "--flp", "\(ev6)/ev6.flp", "--model", "hotspot", "--quiet", "-o", "/dev/null/never.h5"]
        for (options, expected) in [("-model_type grid -grid_rows 4096 -grid_cols 4096", "more than 500000"),
                                    ("-s_spreader 0.001", "larger than the spreader"), ("-grid_rows", "pairs"),
                                    ("-grid_map_mode median", "expected avg, min, max, center")] {
            let result = try PlenumProcess.run(Array(base.dropLast(2)) + ["--hotspot-options", options, "-o",
                                               FileManager.default.temporaryDirectory.appendingPathComponent("hs-\(UUID().uuidString).h5").path])
            #expect(result.status == 1, "\(options): \(result.status)")
            #expect(result.standardError.contains(expected), "\(options): \(result.standardError)")
        }
        let lcfInBlockModel = try PlenumProcess.run(["package", "--lcf", "\(ev6)/ev6-two-layers.lcf", "--model", "hotspot", "--quiet", "-o",
                                                     FileManager.default.temporaryDirectory.appendingPathComponent("hs-\(UUID().uuidString).h5").path])
        #expect(lcfInBlockModel.status == 1 && lcfInBlockModel.standardError.contains("needs '-model_type grid'"))
    }
}

extension HotSpotCommandLineTests {
    /// `--ttrace` writes HotSpot's columns: the power trace's names in its order (here reversed
    /// against the floorplan), each the temperature of that unit; the SuperLU build's grid
    /// transient differs from the default build's, and both start from the same steady state.
    @Test func ttraceFollowsThePowerTracesColumns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hs-ttrace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "left\t0.004\t0.008\t0\t0\nright\t0.004\t0.008\t0.004\t0\n".write(toFile: "\(folder)/two.flp", atomically: true, encoding: .utf8)
        try "right\tleft\n1\t30\n1\t30\n".write(toFile: "\(folder)/two.ptrace", atomically: true, encoding: .utf8)
        var rows: [String: [[Double]]] = [:]
        for build in ["default", "superlu"] {
            let result = try PlenumProcess.run(["package", "--flp", "\(folder)/two.flp", "--ptrace", "\(folder)/two.ptrace", "--model", "hotspot",
                                                "--hotspot-options", "-model_type grid -grid_rows 8 -grid_cols 8 -sampling_intvl 0.01",
                                                "--hotspot-build", build, "--ttrace", "\(folder)/\(build).ttrace", "--quiet", "-o", "\(folder)/\(build).h5"])
            #expect(result.status == 0, "\(result.standardError)")
            let lines = try String(contentsOfFile: "\(folder)/\(build).ttrace", encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(lines.first == "right\tleft")
            rows[build] = lines.dropFirst().map { $0.split(separator: "\t").compactMap { Double($0) } }
        }
        let first = rows["default"]![0]
        #expect(first.count == 2 && first[1] > first[0] + 1, "the 30 W 'left' column is the hotter: \(first)")
        #expect(abs(rows["superlu"]![0][1] - first[1]) > 0.01, "one backward-Euler step per interval is not the default build's integration")
    }
}

extension HotSpotCommandLineTests {
    /// An output may not overwrite a file the study was read from, though the command line names
    /// only the layer file: its floorplans and the materials file are inputs too.
    @Test func outputsNeverOverwriteFilesTheStudyRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hs-clobber-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let floorplan = "die\t0.008\t0.008\t0\t0\n", materials = "silicon\nsolid\n130\n1630300\n"
        try floorplan.write(toFile: "\(folder)/die.flp", atomically: true, encoding: .utf8)
        try materials.write(toFile: "\(folder)/si.materials", atomically: true, encoding: .utf8)
        try "0\nY\nY\nsilicon\n0.00015\ndie.flp\n".write(toFile: "\(folder)/one.lcf", atomically: true, encoding: .utf8)
        for model in ["hotspot", "plenum"] {
            for (target, text) in [("die.flp", floorplan), ("si.materials", materials)] {
                for flag in ["-o", "--steady-file"] {
                    var arguments = ["package", "--lcf", "\(folder)/one.lcf", "--model", model, "--no-refine", "--quiet",
                                     "--hotspot-options", "-model_type grid -grid_rows 8 -grid_cols 8 -materials_file \(folder)/si.materials"]
                    if model == "hotspot" { arguments.removeAll { $0 == "--no-refine" } }
                    arguments += flag == "-o" ? ["-o", "\(folder)/\(target)"] : ["-o", "\(folder)/out.h5", flag, "\(folder)/\(target)"]
                    if model == "plenum" && flag == "--steady-file" { continue }
                    let result = try PlenumProcess.run(arguments)
                    #expect(result.status == 1 && result.standardError.contains("refusing to overwrite"), "\(model) \(flag) \(target): \(result.standardError)")
                    #expect(try String(contentsOfFile: "\(folder)/\(target)", encoding: .utf8) == text)
                }
            }
        }
    }
}

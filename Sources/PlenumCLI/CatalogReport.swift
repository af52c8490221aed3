import Foundation
import Models
import Scenario

/// Text and Markdown renderings of the built-in catalog for `plenum catalog`.
enum CatalogReport {
    enum Section: String, CaseIterable {
        case accelerators, servers, sites, equipment, network, materials, nodes
    }

    /// A figure as shown in a table: `*` marks an estimate.
    static func cell(_ figure: CatalogFigure?, digits: Int = 0) -> String {
        guard let figure else { return "—" }
        return format(figure.value, digits: digits) + (figure.isEstimate ? "*" : "")
    }

    static func format(_ value: Double, digits: Int) -> String {
        digits == 0 && value == value.rounded() ? String(Int(value)) : String(format: "%.\(digits)f", value)
    }

    static let legend = "* estimate: `plenum catalog SECTION NAME` shows how it was derived."

    // MARK: tables

    static func table(_ section: Section) -> [[String]] {
        switch section {
        case .accelerators:
            return [["name", "vendor", "TDP W", "idle W", "FP64", "FP32", "TF32", "FP16/BF16", "INT8/FP8", "memory GB", "TB/s", "max °C", "node"]]
                + Catalog.accelerators.map { a in
                    [a.name, a.vendor, cell(a.tdpW), cell(a.idlePowerW), cell(a.fp64TFLOPS, digits: 1), cell(a.fp32TFLOPS, digits: 1),
                     cell(a.tf32TFLOPS, digits: 1), cell(a.fp16TFLOPS, digits: 1), cell(a.int8TOPS, digits: 1), cell(a.memoryGB),
                     cell(a.memoryBandwidthTBps, digits: 2), cell(a.maxOperatingTemperatureC), a.processNode]
                }
        case .servers:
            return [["name", "accelerators", "CPUs", "max kW", "idle kW", "airflow m3/s", "mass kg", "PSU"]]
                + Catalog.servers.map { s in
                    [s.name, s.accelerator.map { "\(s.acceleratorCount) × \($0)" } ?? "none",
                     "\(s.cpuCount) × \(cell(s.cpuTDPW)) W", cell(scaled(s.maxPowerW, 1e-3), digits: 2),
                     cell(scaled(s.idlePowerW, 1e-3), digits: 2), cell(s.airflowM3PerS, digits: 3), cell(s.massKg, digits: 1),
                     s.psuDescription]
                }
        case .sites:
            return [["name", "place", "elev. m", "Jan °C", "Jul °C", "annual °C", "RH %", "price /kWh", "kg CO2/kWh"]]
                + Catalog.sites.map { s in
                    let annual = s.monthlyDryBulbC.reduce(0, +) / 12
                    let rh = s.monthlyRelativeHumidity.reduce(0, +) / 12 * 100
                    let climateMark = s.climateIsEstimate ? "*" : ""
                    return [s.name, "\(s.displayName), \(s.country)", cell(s.elevationM),
                            format(s.monthlyDryBulbC[0], digits: 1) + climateMark, format(s.monthlyDryBulbC[6], digits: 1) + climateMark,
                            format(annual, digits: 1) + climateMark, format(rh, digits: 0) + (s.humidityIsEstimate ? "*" : ""),
                            cell(s.electricityPrice, digits: 3) + " " + s.currency, cell(s.gridCarbonKgPerKWh, digits: 4)]
                }
        case .equipment:
            return equipmentRows(Catalog.equipment)
        case .network:
            return equipmentRows(Catalog.network + Catalog.scaleUpLinks)
        case .materials, .nodes:
            return packageTable(section)
        }
    }

    /// Package materials and process nodes (docs/models/package.md) have no estimates marked per
    /// figure: their sources say which are estimates.
    private static func packageTable(_ section: Section) -> [[String]] {
        switch section {
        case .materials:
            return [["name", "k lateral W/mK", "k vertical W/mK", "ρc MJ/m³K", "source"]]
                + PackageMaterials.all.map { m in
                    [m.name, format(m.lateralConductivityWPerMK, digits: m.lateralConductivityWPerMK < 10 ? 3 : 0),
                     format(m.verticalConductivityWPerMK, digits: m.verticalConductivityWPerMK < 10 ? 3 : 0),
                     format(m.volumetricHeatCapacityJPerM3K / 1e6, digits: 4), m.source]
                }
        default:
            return [["name", "defects /cm²", "wafer USD (300 mm)", "clustering α", "source"]]
                + (ProcessNode.catalog + [ProcessNode.interposer]).map { n in
                    [n.name, format(n.defectDensityPerCm2, digits: 2), format(n.waferCostUSD, digits: 0), format(n.clustering, digits: 0),
                     "Chiplet Actuary (Feng & Ma, DAC 2022)"]
                }
        }
    }

    /// Name, kind and every named figure of equipment entries.
    private static func equipmentRows(_ entries: [EquipmentEntry]) -> [[String]] {
        [["name", "kind", "figures"]]
            + entries.map { e in
                [e.name, e.kind, e.figures.map { "\($0.key) \(cell($0.figure, digits: $0.figure.value == $0.figure.value.rounded() ? 0 : 4))" }.joined(separator: ", ")]
            }
    }

    private static func scaled(_ figure: CatalogFigure, _ factor: Double) -> CatalogFigure {
        CatalogFigure(value: figure.value * factor, isEstimate: figure.isEstimate, note: figure.note)
    }

    /// Columns padded to their widest cell.
    static func plainText(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, text in
                index == row.count - 1 ? text : text.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func markdownTable(_ rows: [[String]]) -> String {
        var lines = ["| " + rows[0].joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: rows[0].count)]
        for row in rows.dropFirst() { lines.append("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    // MARK: details

    /// Every figure of one entry, with its estimate note, and the sources. Nil for an unknown name.
    static func detail(_ section: Section, name: String) -> [String]? {
        func line(_ label: String, _ figure: CatalogFigure?, _ unit: String) -> String {
            guard let figure else { return "  \(label): —" }
            let value = format(figure.value, digits: figure.value == figure.value.rounded() ? 0 : 4)
            return "  \(label): \(value)" + (unit.isEmpty ? "" : " \(unit)") + (figure.note.map { "  (estimate: \($0))" } ?? "")
        }
        switch section {
        case .accelerators:
            guard let a = Catalog.accelerator(named: name) else { return nil }
            return ["\(a.name): \(a.displayName)", "  vendor: \(a.vendor)", "  form factor: \(a.formFactor)",
                    line("TDP", a.tdpW, "W"), line("idle power", a.idlePowerW, "W"),
                    line("FP64 (tensor core where there is one)", a.fp64TFLOPS, "TFLOPS"), line("FP32", a.fp32TFLOPS, "TFLOPS"),
                    line("TF32", a.tf32TFLOPS, "TFLOPS"), line("FP16/BF16", a.fp16TFLOPS, "TFLOPS"),
                    line("INT8/FP8", a.int8TOPS, "TOPS"), line("memory", a.memoryGB, "GB \(a.memoryType)"),
                    line("memory bandwidth", a.memoryBandwidthTBps, "TB/s"),
                    line("max operating temperature", a.maxOperatingTemperatureC, "°C"),
                    "  process: \(a.processNode)", line("die area", a.dieAreaMM2, "mm²"), "  dies: \(a.dies)",
                    "  sources:"] + a.sources.map { "    - \($0)" }
        case .servers:
            guard let s = Catalog.server(named: name) else { return nil }
            return ["\(s.name): \(s.displayName)",
                    "  accelerators: " + (s.accelerator.map { "\(s.acceleratorCount) × \($0)" } ?? "none"),
                    "  CPUs: \(s.cpuCount) × \(s.cpuDescription)", line("CPU TDP", s.cpuTDPW, "W each"),
                    line("maximum power", s.maxPowerW, "W"), line("idle power", s.idlePowerW, "W"),
                    line("airflow", s.airflowM3PerS, "m³/s"), line("mass", s.massKg, "kg"), "  PSU: \(s.psuDescription)",
                    "  sources:"] + s.sources.map { "    - \($0)" }
        case .sites:
            guard let s = Catalog.site(named: name) else { return nil }
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return ["\(s.name): \(s.displayName), \(s.country)",
                    "  location: \(format(s.latitudeDeg, digits: 2))°, \(format(s.longitudeDeg, digits: 2))°",
                    line("elevation", s.elevationM, "m"),
                    "  month:        " + columns(months),
                    "  dry bulb °C:  " + columns(s.monthlyDryBulbC.map { format($0, digits: 1) }),
                    "  RH %:         " + columns(s.monthlyRelativeHumidity.map { format($0 * 100, digits: 0) }),
                    "  climate source: \(s.climateSource)" + (s.climateIsEstimate ? " (estimate)" : ""),
                    line("electricity price", s.electricityPrice, "\(s.currency)/kWh") + " — \(s.priceSource)",
                    line("grid carbon", s.gridCarbonKgPerKWh, "kg CO2/kWh") + " — \(s.carbonSource)",
                    "  time of use: \(s.timeOfUse ?? "—")"]
        case .equipment, .network:
            guard let e = section == .equipment ? Catalog.equipment(named: name)
                    : Catalog.network(named: name) ?? Catalog.scaleUpLink(of: name) else { return nil }
            return ["\(e.name): \(e.displayName)", "  kind: \(e.kind)"] + e.figures.map { line($0.key, $0.figure, "") }
                + ["  sources:"] + e.sources.map { "    - \($0)" }
        case .materials:
            guard let m = PackageMaterials.named(name) else { return nil }
            return ["\(m.name): package material",
                    "  conductivity lateral: \(format(m.lateralConductivityWPerMK, digits: 3)) W/(m K)",
                    "  conductivity vertical: \(format(m.verticalConductivityWPerMK, digits: 3)) W/(m K)",
                    "  volumetric heat capacity: \(format(m.volumetricHeatCapacityJPerM3K, digits: 0)) J/(m3 K)",
                    "  source: \(m.source)"]
        case .nodes:
            guard let n = (ProcessNode.catalog + [ProcessNode.interposer]).first(where: { $0.name == name }) else { return nil }
            return ["\(n.name): process node for yield and cost",
                    "  defect density: \(format(n.defectDensityPerCm2, digits: 2)) /cm2",
                    "  wafer cost: \(format(n.waferCostUSD, digits: 0)) USD (300 mm)",
                    "  clustering α: \(format(n.clustering, digits: 0)) (negative binomial yield)",
                    "  source: Chiplet Actuary, Feng & Ma, DAC 2022 (repository Yinxiao-Feng/chiplet-actuary)"]
        }
    }

    /// Cells in columns six wide, with no trailing blanks.
    private static func columns(_ cells: [String]) -> String {
        cells.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }.joined().replacingOccurrences(of: " +$", with: "", options: .regularExpression)
    }

    static func names(_ section: Section) -> [String] {
        switch section {
        case .accelerators: return Catalog.accelerators.map(\.name)
        case .servers: return Catalog.servers.map(\.name)
        case .sites: return Catalog.sites.map(\.name)
        case .equipment: return Catalog.equipment.map(\.name)
        case .network: return (Catalog.network + Catalog.scaleUpLinks).map(\.name)
        case .materials: return PackageMaterials.all.map(\.name)
        case .nodes: return (ProcessNode.catalog + [ProcessNode.interposer]).map(\.name)
        }
    }

    /// docs/catalog.md: every entry with its figures and sources.
    static func markdown() -> String {
        var out = ["# Built-in catalog", "",
                   "Generated by `plenum catalog --markdown`; a test checks that this page matches the code. Figures marked `*` are estimates; the detail sections say how each was derived. Throughput is dense peak (sparsity removed); FP64 is the tensor-core peak where there is one.", ""]
        for section in Section.allCases {
            out.append("## \(section.rawValue.capitalized)")
            out.append("")
            out.append(markdownTable(table(section)))
            out.append("")
            for name in names(section) {
                out.append("### \(section.rawValue)/\(name)")
                out.append("")
                out.append("```")
                out.append(contentsOf: detail(section, name: name)!)
                out.append("```")
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }
}

import Charts
import Storage

/// `plenum report` of a package analysis: each layer's temperature map with the dies and blocks
/// outlined and the hottest point marked, the dies' and blocks' results, the compact model, the
/// grid's accuracy and the transient; for a HotSpot network, its nodes.
public struct PackageReportPage: Sendable {
    public let path: String
    public let root: StoredGroup
    public let summary: StoredGroup
    public let layers: StoredGroup?
    public let dies: StoredGroup?
    public let blocks: StoredGroup?
    public let transient: StoredGroup?

    public init(file: HDF5File) throws(StorageError) {
        path = file.path
        let top = try file.rootGroup()
        func group(_ name: String) throws(StorageError) -> StoredGroup? {
            top.memberKind(name) == .group ? try StoredGroup.read(file, path: "/" + name) : nil
        }
        root = try StoredGroup.read(file, path: "/", maximumElements: 0)
        summary = try group("summary") ?? StoredGroup(path: "/summary", columns: [], attributes: [:], subgroups: [])
        layers = try group("layers")
        dies = try group("dies")
        blocks = try group("blocks")
        transient = try group("transient")
    }

    /// The most tiles a layer map draws per side: larger grids are sampled at the nearest cell.
    static let maximumTilesPerSide = 64

    public func page() -> HTMLPage {
        var page = HTMLPage(title: "Plenum package: " + (root.attributeText("title") ?? path), subtitle: HTML.escape(path) + " · " + HTML.escape(root.attributeText("history") ?? ""))
        let rows = summary.columns.filter { $0.shape.isEmpty }.map { c in
            [HTML.escape(c.name), HTML.value(SVGText.label(c.scalar, significant: 5), exact: c.scalar, key: c.name), HTML.escape(c.units),
             "<span class=\"definition\">\(HTML.escape(c.longName))</span>"]
        }
        page.add("figures", "Key figures and compact model", HTML.table(id: "key-figures", headers: ["figure", "value", "unit", "definition"], rows: rows, numeric: [1]))
        if let layers { page.add("layers", "Layer temperature maps", layerMaps(layers)) }
        if let dies, !dies.texts("die_name").isEmpty { page.add("dies", "Dies", itemTable(dies, label: "die_name", id: "die-table")) }
        if let blocks, !blocks.texts("block_name").isEmpty {
            var html = itemTable(blocks, label: "block_name", id: "block-table", skip: ["temperature_c", "elapsed"])
            if let series = blocks["temperature_c"], let elapsed = blocks["elapsed"]?.numbers, series.shape.count == 2 {
                let names = blocks.texts("block_name")
                let lines = names.indices.prefix(10).map { LineChart.Series(name: names[$0], values: series.series($0)) }
                var chart = LineChart(title: "Block temperatures after switch-on" + (names.count > 10 ? " (first 10 blocks)" : ""), units: "°C", x: elapsed, series: lines, localOriginS: nil)
                chart.xLabel = "s since the power was switched on"
                html += chart.svg(id: "block-transient")
            }
            page.add("blocks", "Blocks", html)
        }
        if let transient, let elapsed = transient["elapsed"]?.numbers, let hottest = transient["max_temperature_c"]?.numbers {
            var chart = LineChart(title: "Hottest cell after switch-on", units: "°C", x: elapsed, series: [.init(name: "hottest cell", values: hottest)], localOriginS: nil)
            chart.xLabel = "s since the power was switched on"
            page.add("transient", "Transient", chart.svg(id: "package-transient"))
        }
        return page
    }

    func itemTable(_ group: StoredGroup, label: String, id: String, skip: Set<String> = []) -> String {
        ItemTable { value, units in (SVGText.label(value, significant: 5), units) }.html(group, label: label, id: id, skip: skip)
    }

    func layerMaps(_ layers: StoredGroup) -> String {
        guard let x = layers["x"]?.numbers, let y = layers["y"]?.numbers, !x.isEmpty, !y.isEmpty else { return "<p>No grid.</p>" }
        var outlines: [TileMap.Outline] = []
        for (group, label) in [(dies, "die_name"), (blocks, "block_name")] {
            guard let group, let gx = group["x_m"]?.numbers, let gy = group["y_m"]?.numbers, let w = group["width_m"]?.numbers,
                  let h = group["height_m"]?.numbers else { continue }
            let names = group.texts(label)
            for i in names.indices where i < gx.count { outlines.append(.init(x: gx[i] * 1e3, y: gy[i] * 1e3, width: w[i] * 1e3, height: h[i] * 1e3, label: names[i])) }
        }
        let xEdges = Self.edges(centres: x), yEdges = Self.edges(centres: y)
        let nx = min(x.count, Self.maximumTilesPerSide), ny = min(y.count, Self.maximumTilesPerSide)
        var out = "<p class=\"hint\">Plan view, x and y in mm; white outlines are the dies and blocks, the cyan ring the layer's hottest cell. "
        if nx < x.count || ny < y.count { out += "Grids finer than \(Self.maximumTilesPerSide) × \(Self.maximumTilesPerSide) are drawn at the nearest cell of each tile; the hottest cell is found on the full grid." }
        out += "</p>"
        let maps = layers.columns.filter { $0.shape == [y.count, x.count] && $0.isLoaded }
            .sorted { (layerIndex($0) ?? 0) > (layerIndex($1) ?? 0) }
        for map in maps {
            var tiles: [TileMap.Tile] = []
            let x0 = xEdges.first!, x1 = xEdges.last!, y0 = yEdges.first!, y1 = yEdges.last!
            if nx == x.count && ny == y.count {
                for j in 0..<y.count { for i in 0..<x.count {
                    tiles.append(.init(x: xEdges[i] * 1e3, y: yEdges[j] * 1e3, width: (xEdges[i + 1] - xEdges[i]) * 1e3, height: (yEdges[j + 1] - yEdges[j]) * 1e3,
                                       value: map.numbers[j * x.count + i]))
                } }
            } else {
                for j in 0..<ny { for i in 0..<nx {
                    let cx = x0 + (Double(i) + 0.5) / Double(nx) * (x1 - x0), cy = y0 + (Double(j) + 0.5) / Double(ny) * (y1 - y0)
                    let ci = Self.nearest(x, cx), cj = Self.nearest(y, cy)
                    tiles.append(.init(x: (x0 + Double(i) / Double(nx) * (x1 - x0)) * 1e3, y: (y0 + Double(j) / Double(ny) * (y1 - y0)) * 1e3,
                                       width: (x1 - x0) / Double(nx) * 1e3, height: (y1 - y0) / Double(ny) * 1e3, value: map.numbers[cj * x.count + ci]))
                } }
            }
            var chart = TileMap(title: "\(map.name)", units: "°C", tiles: tiles)
            chart.outlines = outlines
            if let hottest = map.numbers.indices.max(by: { map.numbers[$0].finiteOr(-.infinity) < map.numbers[$1].finiteOr(-.infinity) }) {
                let i = hottest % x.count, j = hottest / x.count
                chart.marker = (x[i] * 1e3, y[j] * 1e3, "hottest: \(SVGText.label(map.numbers[hottest], significant: 4)) °C at (\(SVGText.label(x[i] * 1e3)), \(SVGText.label(y[j] * 1e3))) mm")
            }
            out += "<figure class=\"layer\" data-layer=\"\(HTML.escape(map.name))\" data-max=\"\(SVGText.exact(map.numbers.filter(\.isFinite).max() ?? .nan))\">"
            out += chart.svg(id: "layer-\(map.name)") + "</figure>"
        }
        return out
    }

    private func layerIndex(_ column: StoredColumn) -> Int? {
        switch column.attributes["layer_index"] {
        case .integer(let value)?: return Int(value)
        case .double(let value)?: return Int(value)
        default: return nil
        }
    }

    /// Cell edges from centres: midpoints inside, the outer edges mirrored.
    static func edges(centres: [Double]) -> [Double] {
        guard centres.count > 1 else { return [centres[0] - 0.5e-3, centres[0] + 0.5e-3] }
        var edges = [centres[0] - (centres[1] - centres[0]) / 2]
        for k in 0..<(centres.count - 1) { edges.append((centres[k] + centres[k + 1]) / 2) }
        edges.append(centres[centres.count - 1] + (centres[centres.count - 1] - centres[centres.count - 2]) / 2)
        return edges
    }

    static func nearest(_ values: [Double], _ target: Double) -> Int {
        var low = 0, high = values.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if values[mid] < target { low = mid } else { high = mid }
        }
        return abs(values[low] - target) <= abs(values[high] - target) ? low : high
    }
}

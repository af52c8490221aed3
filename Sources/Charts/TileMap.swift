/// Coloured rectangles in a plane with a colour legend: a layer's temperature map (cells, with
/// die and block outlines and the hottest point) or a hall's floor plan (racks). Coordinates are
/// in the data's own units (m, rack positions); the map keeps their aspect ratio.
public struct TileMap: Sendable {
    public struct Tile: Sendable {
        public var x: Double, y: Double, width: Double, height: Double
        public var value: Double
        public var label: String?
        public init(x: Double, y: Double, width: Double, height: Double, value: Double, label: String? = nil) {
            (self.x, self.y, self.width, self.height, self.value, self.label) = (x, y, width, height, value, label)
        }
    }

    public struct Outline: Sendable {
        public var x: Double, y: Double, width: Double, height: Double
        public var label: String
        public init(x: Double, y: Double, width: Double, height: Double, label: String) {
            (self.x, self.y, self.width, self.height, self.label) = (x, y, width, height, label)
        }
    }

    public var title: String
    public var units: String
    public var tiles: [Tile]
    public var outlines: [Outline] = []
    /// A marked point (the hottest cell), in data coordinates.
    public var marker: (x: Double, y: Double, label: String)?
    /// Draw y upward (a layer's map) or downward (a floor plan's rows, first row on top).
    public var yUp = true
    public var drawWidth = 440.0
    /// Write each tile's label on it (rack names on a floor plan).
    public var labelTiles = false

    public init(title: String, units: String, tiles: [Tile]) {
        self.title = title
        self.units = units
        self.tiles = tiles
    }

    public func svg(id: String) -> String {
        let minX = tiles.map(\.x).min() ?? 0, maxX = tiles.map { $0.x + $0.width }.max() ?? 1
        let minY = tiles.map(\.y).min() ?? 0, maxY = tiles.map { $0.y + $0.height }.max() ?? 1
        let scale = drawWidth / max(maxX - minX, 1e-12)
        let mapHeight = min(max((maxY - minY) * scale, 40), 900)
        let yScale = mapHeight / max(maxY - minY, 1e-12)
        let top = 28.0, legendWidth = 70.0
        let width = drawWidth + legendWidth + 20, height = top + mapHeight + 24
        func px(_ x: Double) -> Double { 10 + (x - minX) * scale }
        func py(_ y: Double, _ h: Double = 0) -> Double { yUp ? top + (maxY - y - h) * yScale : top + (y - minY) * yScale }
        let values = tiles.map(\.value).filter(\.isFinite)
        let colors = ColorScale(minimum: values.min() ?? 0, maximum: values.max() ?? 1)
        var out = "<svg id=\"\(SVGText.escape(id))\" class=\"chart tile-map\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" role=\"img\""
        out += " data-min=\"\(SVGText.exact(values.min() ?? .nan))\" data-max=\"\(SVGText.exact(values.max() ?? .nan))\">"
        out += "<title>\(SVGText.escape(title))</title><text class=\"chart-title\" x=\"10\" y=\"16\">\(SVGText.escape(title)) (\(SVGText.escape(units)))</text>"
        for tile in tiles {
            // Unlabelled tiles (a layer's cells) carry no data attributes: a map of thousands of
            // cells stays small; the map's data-min/data-max and marker carry its extremes.
            out += "<rect x=\"\(SVGText.coordinate(px(tile.x)))\" y=\"\(SVGText.coordinate(py(tile.y, tile.height)))\""
            out += " width=\"\(SVGText.coordinate(tile.width * scale + 0.3))\" height=\"\(SVGText.coordinate(tile.height * yScale + 0.3))\""
            out += " fill=\"\(colors.color(tile.value))\""
            if let label = tile.label {
                out += " class=\"tile\" data-value=\"\(SVGText.exact(tile.value))\" data-label=\"\(SVGText.escape(label))\"><title>\(SVGText.escape(label)): \(SVGText.label(tile.value, significant: 4)) \(SVGText.escape(units))</title></rect>"
                if labelTiles {
                    let light = colors.fraction(tile.value) < 0.55
                    out += "<text class=\"tile-label\" x=\"\(SVGText.coordinate(px(tile.x + tile.width / 2)))\" y=\"\(SVGText.coordinate(py(tile.y, tile.height) + tile.height * yScale / 2 + 4))\""
                    out += " text-anchor=\"middle\" fill=\"\(light ? "#fff" : "#000")\">\(SVGText.label(tile.value))</text>"
                }
            } else {
                out += "/>"
            }
        }
        for outline in outlines {
            out += "<rect class=\"outline\" data-label=\"\(SVGText.escape(outline.label))\" x=\"\(SVGText.coordinate(px(outline.x)))\" y=\"\(SVGText.coordinate(py(outline.y, outline.height)))\""
            out += " width=\"\(SVGText.coordinate(outline.width * scale))\" height=\"\(SVGText.coordinate(outline.height * yScale))\" fill=\"none\" stroke=\"#fff\" stroke-width=\"1\">"
            out += "<title>\(SVGText.escape(outline.label))</title></rect>"
        }
        if let marker {
            let mx = SVGText.coordinate(px(marker.x)), my = SVGText.coordinate(py(marker.y))
            out += "<g class=\"marker\" data-label=\"\(SVGText.escape(marker.label))\"><circle cx=\"\(mx)\" cy=\"\(my)\" r=\"5\" fill=\"none\" stroke=\"#00e5ff\" stroke-width=\"2\"/>"
            out += "<title>\(SVGText.escape(marker.label))</title></g>"
        }
        // The colour legend: five steps from the minimum to the maximum.
        let lx = drawWidth + 24
        for step in 0...4 {
            let value = colors.minimum + (colors.maximum - colors.minimum) * Double(4 - step) / 4
            let y = top + Double(step) * min(mapHeight, 200) / 5
            out += "<rect x=\"\(SVGText.coordinate(lx))\" y=\"\(SVGText.coordinate(y))\" width=\"14\" height=\"\(SVGText.coordinate(min(mapHeight, 200) / 5))\" fill=\"\(colors.color(value))\"/>"
            out += "<text x=\"\(SVGText.coordinate(lx + 18))\" y=\"\(SVGText.coordinate(y + 10))\">\(SVGText.label(value))</text>"
        }
        return out + "</svg>"
    }
}

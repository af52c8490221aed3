/// Horizontal stacked bars that share one scale: where a facility's energy goes (utility → IT,
/// cooling, losses, other), one bar per stage. Each segment carries its exact value.
public struct StackedBar: Sendable {
    public struct Segment: Sendable {
        public var label: String
        public var value: Double
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public struct Bar: Sendable {
        public var label: String
        public var segments: [Segment]
        public init(label: String, segments: [Segment]) {
            self.label = label
            self.segments = segments
        }
        public var total: Double { segments.map(\.value).filter { $0.isFinite && $0 > 0 }.reduce(0, +) }
    }

    public var title: String
    public var units: String
    public var bars: [Bar]
    public var width = 920.0
    /// How a value is written on its segment (the unit is the chart's).
    public var valueText: @Sendable (Double) -> String = { SVGText.label($0, significant: 4) }

    public init(title: String, units: String, bars: [Bar]) {
        self.title = title
        self.units = units
        self.bars = bars
    }

    public func svg(id: String) -> String {
        let left = 150.0, right = width - 16, rowHeight = 34.0, top = 30.0
        let height = top + rowHeight * Double(bars.count) + 10
        let largest = max(bars.map(\.total).max() ?? 1, 1e-300)
        var out = "<svg id=\"\(SVGText.escape(id))\" class=\"chart stacked-bar\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" role=\"img\">"
        out += "<title>\(SVGText.escape(title))</title><text class=\"chart-title\" x=\"8\" y=\"16\">\(SVGText.escape(title)) (\(SVGText.escape(units)))</text>"
        var colorIndex: [String: Int] = [:]
        for (b, bar) in bars.enumerated() {
            let y = top + Double(b) * rowHeight
            out += "<text x=\"\(left - 8)\" y=\"\(SVGText.coordinate(y + 18))\" text-anchor=\"end\">\(SVGText.escape(bar.label))</text>"
            var cursor = left
            for segment in bar.segments where segment.value.isFinite && segment.value > 0 {
                let w = segment.value / largest * (right - left)
                let color = ColorScale.categorical(colorIndex[segment.label] ?? { colorIndex[segment.label] = colorIndex.count; return colorIndex.count - 1 }())
                out += "<rect class=\"segment\" data-bar=\"\(SVGText.escape(bar.label))\" data-label=\"\(SVGText.escape(segment.label))\" data-value=\"\(SVGText.exact(segment.value))\""
                out += " x=\"\(SVGText.coordinate(cursor))\" y=\"\(SVGText.coordinate(y + 4))\" width=\"\(SVGText.coordinate(w))\" height=\"\(rowHeight - 8)\" fill=\"\(color)\">"
                out += "<title>\(SVGText.escape(segment.label)): \(SVGText.escape(valueText(segment.value))) \(SVGText.escape(units))</title></rect>"
                if w > 70 {
                    // Dark text on the light colours of the palette, white on the dark ones.
                    let ink = ["#E69F00", "#F0E442", "#56B4E9", "#999999"].contains(color) ? "#000" : "#fff"
                    out += "<text class=\"on-bar\" fill=\"\(ink)\" x=\"\(SVGText.coordinate(cursor + 4))\" y=\"\(SVGText.coordinate(y + 22))\">\(SVGText.escape(segment.label))</text>"
                }
                cursor += w
            }
        }
        return out + "</svg>"
    }
}

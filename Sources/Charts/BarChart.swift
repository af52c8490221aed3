/// A named series of values: a line over a shared x axis, or bars over shared categories.
public struct ChartSeries: Sendable {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Vertical bars: one bar per category for each series, side by side (monthly PUE of two runs,
/// monthly energy). Every bar carries its exact value (`data-value`) and a tooltip.
public struct BarChart: Sendable {
    public typealias Series = ChartSeries

    public var title: String
    public var units: String
    public var categories: [String]
    public var series: [Series]
    public var width = 920.0
    public var height = 240.0
    /// Start the value axis at zero (energy, hours); PUE reads better from near its minimum.
    public var includeZero = true

    public init(title: String, units: String, categories: [String], series: [Series]) {
        self.title = title
        self.units = units
        self.categories = categories
        self.series = series
    }

    public func svg(id: String) -> String {
        let left = 64.0, right = width - 16, top = 34.0, bottom = height - 30
        let yAxis = AxisScale(values: series.flatMap(\.values), pixelStart: bottom, pixelEnd: top, includeZero: includeZero)
        var out = "<svg id=\"\(SVGText.escape(id))\" class=\"chart bar-chart\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" role=\"img\">"
        out += "<title>\(SVGText.escape(title))</title>"
        out += "<text class=\"chart-title\" x=\"\(left)\" y=\"16\">\(SVGText.escape(title)) (\(SVGText.escape(units)))</text>"
        out += yAxis.horizontalGrid(left: left, right: right)
        let slot = (right - left) / Double(max(1, categories.count))
        let barWidth = slot * 0.8 / Double(max(1, series.count))
        let base = yAxis.pixel(max(yAxis.lower, min(yAxis.upper, 0)))
        for (c, category) in categories.enumerated() {
            let slotLeft = left + Double(c) * slot
            out += "<text x=\"\(SVGText.coordinate(slotLeft + slot / 2))\" y=\"\(SVGText.coordinate(bottom + 16))\" text-anchor=\"middle\">\(SVGText.escape(category))</text>"
            for (s, one) in series.enumerated() where c < one.values.count {
                let value = one.values[c]
                let x = slotLeft + slot * 0.1 + Double(s) * barWidth
                out += "<rect class=\"bar\" data-series=\"\(SVGText.escape(one.name))\" data-category=\"\(SVGText.escape(category))\" data-value=\"\(SVGText.exact(value))\""
                guard value.isFinite else { out += " x=\"0\" y=\"0\" width=\"0\" height=\"0\"/>"; continue }
                let py = yAxis.pixel(value)
                out += " x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(min(py, base)))\" width=\"\(SVGText.coordinate(barWidth * 0.95))\""
                out += " height=\"\(SVGText.coordinate(abs(base - py)))\" fill=\"\(ColorScale.categorical(s))\">"
                out += "<title>\(SVGText.escape(one.name)) \(SVGText.escape(category)): \(SVGText.label(value, significant: 4)) \(SVGText.escape(units))</title></rect>"
            }
        }
        if series.count > 1 {
            var cursor = left + 340
            for (s, one) in series.enumerated() {
                out += "<rect x=\"\(SVGText.coordinate(cursor))\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(ColorScale.categorical(s))\"/>"
                out += "<text x=\"\(SVGText.coordinate(cursor + 14))\" y=\"15\">\(SVGText.escape(one.name))</text>"
                cursor += 24 + 6.5 * Double(one.name.count)
            }
        }
        return out + "</svg>"
    }
}

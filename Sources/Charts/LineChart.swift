/// A line chart of one or more series on a shared x axis (seconds since the run's start, labelled
/// in the site's local time, or plain numbers), in one unit. Each series is drawn at its minimum
/// and maximum in each of `buckets` equal slices of the points, so a year's hourly samples keep
/// their peaks in a small page. Zoom (drag across the plot, double-click to reset) is the page's
/// script: `ChartScript.source`.
public struct LineChart: Sendable {
    public typealias Series = ChartSeries

    public var title: String
    public var units: String
    public var x: [Double]
    public var series: [Series]
    /// Seconds since 1970 on the site's local clock at x = 0; nil: x is a plain number axis.
    public var localOriginS: Double?
    public var xLabel = ""
    public var width = 920.0
    public var height = 280.0
    public var buckets = 1200
    public var includeZero = false

    public init(title: String, units: String, x: [Double], series: [Series], localOriginS: Double?) {
        self.title = title
        self.units = units
        self.x = x
        self.series = series
        self.localOriginS = localOriginS
    }

    static let margin = (left: 64.0, right: 16.0, top: 34.0, bottom: 34.0)

    public func svg(id: String) -> String {
        let m = Self.margin
        let left = m.left, right = width - m.right, top = m.top, bottom = height - m.bottom
        let x0 = x.first ?? 0, x1 = max(x.last ?? 1, x0 + 1e-9)
        let xAxis = AxisScale(lower: x0, upper: x1, pixelStart: left, pixelEnd: right)
        let yAxis = AxisScale(values: series.flatMap(\.values), pixelStart: bottom, pixelEnd: top, includeZero: includeZero)
        var out = "<svg id=\"\(SVGText.escape(id))\" class=\"chart line-chart\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\""
        out += " role=\"img\" data-x0=\"\(SVGText.exact(x0))\" data-x1=\"\(SVGText.exact(x1))\" data-left=\"\(left)\" data-right=\"\(right)\""
        if let localOriginS { out += " data-local-origin=\"\(SVGText.exact(localOriginS))\"" }
        out += "><title>\(SVGText.escape(title))</title>"
        out += "<defs><clipPath id=\"\(SVGText.escape(id))-clip\"><rect x=\"\(left)\" y=\"\(top - 2)\" width=\"\(SVGText.coordinate(right - left))\" height=\"\(SVGText.coordinate(bottom - top + 4))\"/></clipPath></defs>"
        out += "<text class=\"chart-title\" x=\"\(left)\" y=\"16\">\(SVGText.escape(title)) (\(SVGText.escape(units)))</text>"
        out += yAxis.horizontalGrid(left: left, right: right)
        out += "<g class=\"x-ticks\">" + xTicks(xAxis, bottom: bottom, top: top) + "</g>"
        out += "<g clip-path=\"url(#\(SVGText.escape(id))-clip)\"><g class=\"lines\">"
        for (index, one) in series.enumerated() {
            out += polyline(one, color: ColorScale.categorical(index), xAxis: xAxis, yAxis: yAxis)
        }
        out += "</g></g>"
        out += legend(left: left)
        out += "<rect class=\"zoom-area\" x=\"\(left)\" y=\"\(top)\" width=\"\(SVGText.coordinate(right - left))\" height=\"\(SVGText.coordinate(bottom - top))\" fill=\"transparent\"/>"
        out += "</svg>"
        return out
    }

    private func polyline(_ one: Series, color: String, xAxis: AxisScale, yAxis: AxisScale) -> String {
        let finite = one.values.filter(\.isFinite)
        var out = "<polyline class=\"series\" data-series=\"\(SVGText.escape(one.name))\" data-count=\"\(one.values.count)\""
        out += " data-min=\"\(SVGText.exact(finite.min() ?? .nan))\" data-max=\"\(SVGText.exact(finite.max() ?? .nan))\""
        out += " data-last=\"\(SVGText.exact(one.values.last ?? .nan))\""
        out += " fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.4\" vector-effect=\"non-scaling-stroke\" points=\""
        var first = true
        for (px, py) in Self.envelope(x: x, y: one.values, buckets: buckets) {
            if !first { out += " " }
            first = false
            out += SVGText.coordinate(xAxis.pixel(px)) + "," + SVGText.coordinate(yAxis.pixel(py))
        }
        return out + "\"/>"
    }

    /// The points to draw: every point when there are few, else each bucket's minimum and maximum
    /// in the order they occur (so a spike stays a spike). Non-finite values are left out.
    public static func envelope(x: [Double], y: [Double], buckets: Int) -> [(Double, Double)] {
        let n = min(x.count, y.count)
        guard n > 2 * buckets, buckets > 0 else {
            return (0..<n).compactMap { y[$0].isFinite ? (x[$0], y[$0]) : nil }
        }
        var out: [(Double, Double)] = []
        out.reserveCapacity(2 * buckets)
        for b in 0..<buckets {
            let start = b * n / buckets, end = (b + 1) * n / buckets
            var low = -1, high = -1
            for i in start..<end where y[i].isFinite {
                if low < 0 || y[i] < y[low] { low = i }
                if high < 0 || y[i] > y[high] { high = i }
            }
            guard low >= 0 else { continue }
            if low == high { out.append((x[low], y[low])) } else {
                let (a, c) = low < high ? (low, high) : (high, low)
                out.append((x[a], y[a]))
                out.append((x[c], y[c]))
            }
        }
        return out
    }

    /// Tick marks and labels on x. The script draws the same after a zoom.
    private func xTicks(_ xAxis: AxisScale, bottom: Double, top: Double) -> String {
        var out = ""
        let ticks: [Double]
        if let localOriginS {
            ticks = TimeLabels.ticks(startS: xAxis.lower, endS: xAxis.upper, localOriginS: localOriginS)
        } else {
            ticks = AxisScale(lower: xAxis.lower, upper: xAxis.upper, pixelStart: 0, pixelEnd: 1).ticks(count: 6)
        }
        for tick in ticks {
            let px = SVGText.coordinate(xAxis.pixel(tick))
            let text = localOriginS.map { TimeLabels.tick(localEpochS: $0 + tick, spanS: xAxis.upper - xAxis.lower) } ?? SVGText.label(tick)
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(SVGText.coordinate(top))\" y2=\"\(SVGText.coordinate(bottom))\" class=\"grid\"/>"
            out += "<text x=\"\(px)\" y=\"\(SVGText.coordinate(bottom + 16))\" text-anchor=\"middle\">\(SVGText.escape(text))</text>"
        }
        if !xLabel.isEmpty {
            out += "<text x=\"\(SVGText.coordinate(width - Self.margin.right))\" y=\"\(SVGText.coordinate(height - 2))\" text-anchor=\"end\" class=\"axis-label\">\(SVGText.escape(xLabel))</text>"
        }
        return out
    }

    private func legend(left: Double) -> String {
        var out = "<g class=\"legend\">", cursor = left + 300
        guard series.count > 1 || !series.isEmpty else { return out + "</g>" }
        for (index, one) in series.enumerated() {
            out += "<rect x=\"\(SVGText.coordinate(cursor))\" y=\"8\" width=\"12\" height=\"4\" fill=\"\(ColorScale.categorical(index))\"/>"
            out += "<text x=\"\(SVGText.coordinate(cursor + 16))\" y=\"14\">\(SVGText.escape(one.name))</text>"
            cursor += 24 + 6.5 * Double(one.name.count)
        }
        return out + "</g>"
    }
}

/// Points (x, y): a KPI against a swept parameter, one point per sweep point.
public struct ScatterChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var x: [Double]
    public var y: [Double]
    public var width = 440.0
    public var height = 260.0

    public init(title: String, xLabel: String, yLabel: String, x: [Double], y: [Double]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
    }

    public func svg(id: String) -> String {
        let left = 64.0, right = width - 12, top = 30.0, bottom = height - 36
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        let xAxis = AxisScale(values: pairs.map(\.0), pixelStart: left, pixelEnd: right)
        let yAxis = AxisScale(values: pairs.map(\.1), pixelStart: bottom, pixelEnd: top)
        var out = "<svg id=\"\(SVGText.escape(id))\" class=\"chart scatter\" viewBox=\"0 0 \(SVGText.coordinate(width)) \(SVGText.coordinate(height))\" role=\"img\">"
        out += "<title>\(SVGText.escape(title))</title><text class=\"chart-title\" x=\"8\" y=\"16\">\(SVGText.escape(title))</text>"
        out += yAxis.horizontalGrid(left: left, right: right, count: 4)
        for tick in xAxis.ticks(count: 4) {
            let px = SVGText.coordinate(xAxis.pixel(tick))
            out += "<line class=\"grid\" x1=\"\(px)\" x2=\"\(px)\" y1=\"\(top)\" y2=\"\(bottom)\"/><text x=\"\(px)\" y=\"\(SVGText.coordinate(bottom + 14))\" text-anchor=\"middle\">\(SVGText.label(tick))</text>"
        }
        out += "<text class=\"axis-label\" x=\"\(SVGText.coordinate(right))\" y=\"\(SVGText.coordinate(height - 4))\" text-anchor=\"end\">\(SVGText.escape(xLabel))</text>"
        for (px, py) in pairs {
            out += "<circle class=\"point\" cx=\"\(SVGText.coordinate(xAxis.pixel(px)))\" cy=\"\(SVGText.coordinate(yAxis.pixel(py)))\" r=\"3\" fill=\"#0072B2\""
            out += " data-x=\"\(SVGText.exact(px))\" data-y=\"\(SVGText.exact(py))\"><title>\(SVGText.label(px, significant: 4)), \(SVGText.label(py, significant: 4))</title></circle>"
        }
        return out + "</svg>"
    }
}

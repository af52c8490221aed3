import Foundation

/// A linear axis: maps data to pixels and picks "nice" ticks (1, 2 or 5 × 10ⁿ), as plotting
/// libraries do (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
public struct AxisScale: Sendable {
    public let lower: Double
    public let upper: Double
    public let pixelStart: Double
    public let pixelEnd: Double

    /// An axis over the finite values' range, widened to nice ticks when `nice`.
    public init(values: [Double], pixelStart: Double, pixelEnd: Double, includeZero: Bool = false, nice: Bool = true) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high - low < 1e-12 * max(1, abs(high)) { low -= 0.5 * max(1e-9, abs(low) * 0.01 + 0.5); high = low + max(1e-9, abs(low) * 0.02 + 1) }
        if nice {
            let step = Self.niceStep(span: high - low, count: 5)
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        self.init(lower: low, upper: high, pixelStart: pixelStart, pixelEnd: pixelEnd)
    }

    public init(lower: Double, upper: Double, pixelStart: Double, pixelEnd: Double) {
        self.lower = lower
        self.upper = upper > lower ? upper : lower + 1
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    public func pixel(_ value: Double) -> Double {
        pixelStart + (value - lower) / (upper - lower) * (pixelEnd - pixelStart)
    }

    /// Ticks at a nice step, about `count` of them, inside the axis.
    public func ticks(count: Int = 5) -> [Double] {
        let step = Self.niceStep(span: upper - lower, count: count)
        var tick = (lower / step).rounded(.up) * step
        var out: [Double] = []
        while tick <= upper + step * 1e-9 && out.count < 50 {
            out.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return out
    }

    /// 1, 2 or 5 × 10ⁿ, so that `span` holds about `count` steps.
    public static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * power
    }
}

extension AxisScale {
    /// A vertical axis's grid lines across the plot and their labels at the left, as SVG.
    func horizontalGrid(left: Double, right: Double, count: Int = 5) -> String {
        var out = "<g class=\"y-ticks\">"
        for tick in ticks(count: count) {
            let py = SVGText.coordinate(pixel(tick))
            out += "<line x1=\"\(SVGText.coordinate(left))\" x2=\"\(SVGText.coordinate(right))\" y1=\"\(py)\" y2=\"\(py)\" class=\"grid\"/>"
            out += "<text x=\"\(SVGText.coordinate(left - 6))\" y=\"\(py)\" dy=\"4\" text-anchor=\"end\">\(SVGText.label(tick))</text>"
        }
        return out + "</g>"
    }
}

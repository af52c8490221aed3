/// A sequential colour scale for temperatures and powers: matplotlib's "inferno" at nine stops
/// (perceptually uniform, readable in grey and by most colour-blind readers), interpolated in RGB.
public struct ColorScale: Sendable {
    public let minimum: Double
    public let maximum: Double

    static let stops: [(Double, Double, Double)] = [
        (0, 0, 4), (31, 12, 72), (85, 15, 109), (136, 34, 106), (186, 54, 85),
        (227, 89, 51), (249, 140, 10), (249, 201, 50), (252, 255, 164),
    ]

    public init(minimum: Double, maximum: Double) {
        self.minimum = minimum
        self.maximum = maximum > minimum ? maximum : minimum + 1
    }

    /// The fraction 0…1 of the range where `value` sits (clamped).
    public func fraction(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(1, max(0, (value - minimum) / (maximum - minimum)))
    }

    /// `#rrggbb` for `value`; grey for a missing value.
    public func color(_ value: Double) -> String {
        guard value.isFinite else { return "#bbbbbb" }
        let position = fraction(value) * Double(Self.stops.count - 1)
        let lower = min(Int(position), Self.stops.count - 2)
        let t = position - Double(lower)
        let a = Self.stops[lower], b = Self.stops[lower + 1]
        func channel(_ x: Double, _ y: Double) -> String {
            let v = Int((x + (y - x) * t).rounded())
            let hex = String(v, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }

    /// Categorical colours for series and segments (Okabe-Ito, safe for colour-blind readers).
    public static let categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
                                     "#999999", "#882255"]

    public static func categorical(_ index: Int) -> String { categorical[index % categorical.count] }
}

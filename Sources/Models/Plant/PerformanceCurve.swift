/// A biquadratic performance curve, `f(x, y) = a + b·x + c·x² + d·y + e·y² + f·x·y`, with its
/// inputs clipped to the ranges the curve was fitted over, as EnergyPlus does
/// (`Curve:Biquadratic`): a fitted polynomial is not to be trusted outside its data.
public struct BiquadraticCurve: Sendable, Equatable {
    public var coefficients: (Double, Double, Double, Double, Double, Double)
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>

    public init(_ c: [Double], x: ClosedRange<Double>, y: ClosedRange<Double>) {
        precondition(c.count == 6)
        coefficients = (c[0], c[1], c[2], c[3], c[4], c[5])
        xRange = x
        yRange = y
    }

    public func callAsFunction(_ xIn: Double, _ yIn: Double) -> Double {
        let x = min(max(xIn, xRange.lowerBound), xRange.upperBound)
        let y = min(max(yIn, yRange.lowerBound), yRange.upperBound)
        let (a, b, c, d, e, f) = coefficients
        return a + b * x + c * x * x + d * y + e * y * y + f * x * y
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.coefficients == rhs.coefficients && lhs.xRange == rhs.xRange && lhs.yRange == rhs.yRange
    }
}

/// A quadratic curve `f(x) = a + b·x + c·x²` with `x` clipped to its fitted range.
public struct QuadraticCurve: Sendable, Equatable {
    public var a: Double, b: Double, c: Double
    public var xRange: ClosedRange<Double>

    public init(_ a: Double, _ b: Double, _ c: Double, x: ClosedRange<Double>) {
        self.a = a
        self.b = b
        self.c = c
        xRange = x
    }

    public func callAsFunction(_ xIn: Double) -> Double {
        let x = min(max(xIn, xRange.lowerBound), xRange.upperBound)
        return a + b * x + c * x * x
    }
}

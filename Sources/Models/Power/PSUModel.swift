import Numerics

/// A server's power supplies: efficiency against load from the 80 PLUS points of their class.
///
/// Loss per unit of rating follows the converter's fixed, proportional and square-law losses,
///
///     l(x) = a + b·x + c·x²,   x = P_out / (units · rating),   η(x) = x / (x + l(x)),
///
/// fitted by least squares to the class's points, l_i = x_i (1/η_i − 1), each residual weighted
/// by 1/x_i (∂η/∂l ≈ −1/x, so the fit minimises errors of efficiency): exact through the three
/// points of Gold and Platinum; within 0.8 percentage points of Titanium's four, which three
/// loss terms cannot all meet (its 96 % at half load against 90 % at 10 %). All units share the load
/// (redundant supplies are online), which is why a 3+3 supply runs at a low load fraction.
/// The 80 PLUS figures are the certification minimums for 230 V internal redundant supplies.
public struct PSUModel: Sendable {
    public enum EfficiencyClass: Sendable, Equatable {
        case gold, platinum, titanium
        case fixed(Double)
    }

    public let units: Int
    public let ratingW: Double
    /// (a, b, c) of l(x), per unit of total rating.
    public let lossCoefficients: (a: Double, b: Double, c: Double)

    /// 80 PLUS 230 V EU internal redundant minimum efficiencies at fractions of rated load
    /// (80 PLUS program requirements, CLEAResult; table in en.wikipedia.org/wiki/80_Plus).
    public static func certificationPoints(_ efficiencyClass: EfficiencyClass) -> [(loadFraction: Double, efficiency: Double)] {
        switch efficiencyClass {
        case .gold: return [(0.2, 0.88), (0.5, 0.92), (1.0, 0.88)]
        case .platinum: return [(0.2, 0.90), (0.5, 0.94), (1.0, 0.91)]
        case .titanium: return [(0.1, 0.90), (0.2, 0.94), (0.5, 0.96), (1.0, 0.91)]
        case .fixed(let efficiency): return [(1.0, efficiency)]
        }
    }

    public init(units: Int, ratingW: Double, efficiencyClass: EfficiencyClass) {
        precondition(units > 0 && ratingW > 0)
        self.units = units
        self.ratingW = ratingW
        if case .fixed(let efficiency) = efficiencyClass {
            lossCoefficients = (0, 1 / efficiency - 1, 0)
            return
        }
        let points = Self.certificationPoints(efficiencyClass)
        // Normal equations of the least-squares fit in the basis (1, x, x²).
        var normal = DenseMatrix(rows: 3, columns: 3)
        var rightHandSide = [0.0, 0.0, 0.0]
        for (x, eta) in points {
            let weight = 1 / x
            let basis = [weight, weight * x, weight * x * x], loss = weight * x * (1 / eta - 1)
            for i in 0..<3 {
                for j in 0..<3 { normal[i, j] += basis[i] * basis[j] }
                rightHandSide[i] += basis[i] * loss
            }
        }
        // Three or four distinct load points: the system is never singular.
        let solution = try! solveLinearSystem(normal, rightHandSide)
        lossCoefficients = (solution[0], solution[1], solution[2])
    }

    public var capacityW: Double { Double(units) * ratingW }

    /// Loss of the supplies when delivering `outputW` (0 when the server is off), W.
    public func lossW(outputW: Double) -> Double {
        guard outputW > 0 else { return 0 }
        let x = outputW / capacityW
        let (a, b, c) = lossCoefficients
        return max(a + b * x + c * x * x, 0) * capacityW
    }

    /// Efficiency at a fraction of the total rating.
    public func efficiency(loadFraction x: Double) -> Double {
        x / (x + lossW(outputW: x * capacityW) / capacityW)
    }

    /// The DC output for an AC input `inputW` (the inverse of output + loss), by fixed point:
    /// the loss is a few percent, so each pass gains two digits.
    public func outputW(inputW: Double) -> Double {
        var output = inputW
        for _ in 0..<40 {
            let next = inputW - lossW(outputW: output)
            if abs(next - output) <= 1e-12 * inputW { return next }
            output = next
        }
        return output
    }
}

extension PSUModel.EfficiencyClass {
    /// From the scenario's `psu.efficiency` (`gold`, `platinum`, `titanium` or a fraction).
    public init(name: String, fixedEfficiency: Double?) {
        switch name {
        case "gold": self = .gold
        case "platinum": self = .platinum
        case "fixed": self = .fixed(fixedEfficiency ?? 0.94)
        default: self = .titanium
        }
    }
}

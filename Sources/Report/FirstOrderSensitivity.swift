/// First-order sensitivity indices from given data (no special sampling design): sort the points
/// by one input, cut them into M classes of equal size, and compare the variance of the class
/// means of the output with the output's variance,
///
///     Sᵢ ≈ Σₘ (nₘ/N) (ȳₘ − ȳ)² / Var(y),   M = ⌊√N⌋,
///
/// after Plischke, Borgonovo and Smith, "Global sensitivity measures from given data", European
/// Journal of Operational Research 226 (2013) 536-550. With a Sobol or Latin-hypercube sweep's
/// points it estimates Sobol's first-order index Var(E[y|xᵢ])/Var(y); its bias is about
/// (M − 1)/N, which the sweep report states beside the indices.
public enum FirstOrderSensitivity {
    /// Sᵢ for input `x` and output `y` (pairs with a non-finite member are left out); NaN with
    /// fewer than 8 points or an output that does not vary.
    public static func index(x: [Double], y: [Double]) -> Double {
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
        let n = pairs.count
        guard n >= 8 else { return .nan }
        let mean = pairs.map(\.1).reduce(0, +) / Double(n)
        let variance = pairs.map { ($0.1 - mean) * ($0.1 - mean) }.reduce(0, +) / Double(n)
        guard variance > 0 else { return .nan }
        let classes = max(2, Int(Double(n).squareRoot()))
        var between = 0.0
        for m in 0..<classes {
            let slice = pairs[(m * n / classes)..<((m + 1) * n / classes)]
            guard !slice.isEmpty else { continue }
            let classMean = slice.map(\.1).reduce(0, +) / Double(slice.count)
            between += Double(slice.count) / Double(n) * (classMean - mean) * (classMean - mean)
        }
        return between / variance
    }

    /// The estimator's bias for `n` points: about (M − 1)/N.
    public static func bias(points n: Int) -> Double {
        n < 8 ? .nan : Double(max(2, Int(Double(n).squareRoot())) - 1) / Double(n)
    }
}

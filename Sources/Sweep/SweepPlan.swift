import Numerics
import Scenario

/// The points of a sweep, each a set of overrides of the base scenario, addressed by a flat
/// index. Deterministic: point i is the same whether a run computes it alone, in a shard or in the
/// whole sweep.
///
/// Index layout: grid points in mixed radix over the axes in file order (the first axis slowest,
/// like nested loops), each crossed with every sampled point:
/// `index = gridIndex · samples + sampleIndex`, `gridIndex = Σ_a digit_a · Π_{b > a} n_b`.
public struct SweepPlan: Sendable {
    public let spec: SweepSpec
    /// Values of the sampled design, `[sample][range]`, as override text.
    public let sampledValues: [[String]]

    public init(_ spec: SweepSpec) {
        self.spec = spec
        sampledValues = spec.sample.map { Self.sample($0, seed: spec.seed) } ?? [[]]
    }

    /// Points of the grid. The loader refuses sweeps above `SweepLimits.maximumPoints`, so the
    /// product cannot overflow here.
    public var gridCount: Int { spec.axes.reduce(1) { $0 * $1.count } }
    public var sampleCount: Int { sampledValues.count }
    public var count: Int { gridCount * sampleCount }

    /// The digits of a grid index, one per axis (mixed radix, first axis most significant).
    public func gridDigits(_ gridIndex: Int) -> [Int] {
        var digits = Array(repeating: 0, count: spec.axes.count)
        var rest = gridIndex
        for a in spec.axes.indices.reversed() {
            digits[a] = rest % spec.axes[a].count
            rest /= spec.axes[a].count
        }
        return digits
    }

    /// The parameter keys in column order: grid keys, then sampled keys.
    public var keys: [String] { spec.axes.flatMap(\.keys) + (spec.sample?.ranges.map(\.key) ?? []) }

    /// The values of point `index`, in the order of `keys`.
    public func values(_ index: Int) -> [String] {
        precondition((0..<count).contains(index))
        let digits = gridDigits(index / sampleCount)
        var values: [String] = []
        for (a, axis) in spec.axes.enumerated() { values += axis.values(at: digits[a]) }
        return values + sampledValues[index % sampleCount]
    }

    /// The seed of point `index`: SplitMix64 of the sweep seed and the index, so neighbouring
    /// points get unrelated streams.
    public func seed(_ index: Int) -> UInt64 {
        var z = spec.seed &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(index + 1)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The overrides that make point `index` from the base scenario (its seed last, unless an
    /// axis sets the seed itself).
    public func overrides(_ index: Int) -> [ScenarioComposer.Override] {
        let origins = spec.axes.flatMap { axis in axis.keys.map { _ in axis.location } } + (spec.sample?.ranges.map(\.location) ?? [])
        var overrides = zip(zip(keys, values(index)), origins).map { ScenarioComposer.Override(keyPath: $0.0, value: $0.1, origin: $1) }
        if !keys.contains("simulation.seed") {
            overrides.append(.init(keyPath: "simulation.seed", value: String(seed(index))))
        }
        return overrides
    }

    /// The points of shard `shard` of `shards`: every `shards`-th point from `shard`, so shards
    /// are disjoint, cover the sweep, and balance.
    public func shard(_ shard: Int, of shards: Int) -> [Int] {
        precondition(shards >= 1 && (0..<shards).contains(shard))
        return Array(stride(from: shard, to: count, by: shards))
    }

    /// Output file of point `index`.
    public static func fileName(_ index: Int) -> String {
        let digits = String(index)
        return "point-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".h5"
    }

    // MARK: sampled designs

    static func sample(_ design: SampledDesign, seed: UInt64) -> [[String]] {
        let d = design.ranges.count, n = design.points
        var unit: [[Double]]
        switch design.method {
        case .sobol:
            unit = SobolSequence.points(n, dimension: d)
        case .latinHypercube:
            // One stratum per point in each dimension, strata shuffled independently
            // (McKay, Beckman & Conover, Technometrics 21(2), 1979); seeded by the sweep seed.
            let random = RandomStream(seed: seed, stream: "sweep/latin-hypercube")
            unit = Array(repeating: Array(repeating: 0, count: d), count: n)
            for j in 0..<d {
                var strata = Array(0..<n)
                for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, random.integer(below: i + 1)) }
                for i in 0..<n { unit[i][j] = (Double(strata[i]) + random.uniform()) / Double(n) }
            }
        }
        return unit.map { point in
            design.ranges.enumerated().map { j, range in
                SweepLoader.render(range.from + point[j] * (range.to - range.from), unit: range.unit)
            }
        }
    }
}

import Foundation
import Testing
@testable import Numerics

/// The lanes' reductions against the plain sequential ones they replace, on every length from 0
/// to 13 (so every remainder of the four- and two-rack unrolling is met) and with NaNs.
@Suite("Lane reductions")
struct LaneReductionsTests {
    /// Deterministic, signed, uneven values (no random stream: a failure repeats as it is).
    private static func values(_ n: Int, seed: Double) -> [Double] {
        (0..<n).map { i -> Double in
            let wave: Double = sin(seed + 1.7 * Double(i)) * 40
            let step: Double = Double(i % 3) * 0.125
            return wave.rounded(.towardZero) / 4 + step
        }
    }

    @Test func matchTheSequentialReductionsAtEveryLength() {
        for n in 0...13 {
            let a = Self.values(n, seed: 0.3), b = Self.values(n, seed: 2.1), w = Self.values(n, seed: 5.0).map(abs)
            // The values are multiples of 1/8 well inside 2^53: every sum is exact in any order.
            let difference = w.withUnsafeBufferPointer { w in
                a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { LaneReductions.weightedAbsoluteDifference(weights: w, a, $0) } }
            }
            #expect(difference.sum == zip(w, zip(a, b)).reduce(0) { $0 + $1.0 * abs($1.1.0 - $1.1.1) })
            #expect(difference.largest == zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) })

            let extremes = a.withUnsafeBufferPointer { LaneReductions.extremes($0) }
            #expect(extremes.lowest == (a.min() ?? .infinity) && extremes.highest == (a.max() ?? -.infinity))
            #expect(extremes.sum == a.reduce(0, +))

            let start = 0.5
            let bounds = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in w.withUnsafeBufferPointer { LaneReductions.sumAndValueExtremes(from: start, a, plus: b, and: $0) } }
            }
            let all = [start] + zip(a, b).map { $0 + $1 } + w
            #expect(bounds.lowest == all.min()! && bounds.highest == all.max()!)
        }
    }

    /// Extremes skip a NaN as `Swift.min` and `Swift.max` folded from the left do; the sum carries
    /// it, which is how callers notice it.
    @Test func extremesSkipNaNsAndSumsCarryThem() {
        for position in 0..<7 {
            var a = Self.values(7, seed: 1.0)
            a[position] = .nan
            let finite = a.filter { !$0.isNaN }
            let extremes = a.withUnsafeBufferPointer { LaneReductions.extremes($0) }
            #expect(extremes.lowest == finite.min()! && extremes.highest == finite.max()!)
            #expect(extremes.sum.isNaN)
        }
    }
}

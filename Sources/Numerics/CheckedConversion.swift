/// Conversions of user-supplied numbers to integers that never trap.
///
/// `Int(someDouble)` traps when the value is NaN, infinite or beyond `Int`'s range; a scenario,
/// sweep or trace may hold any of these (`1e30`, `inf`, `nan`). Every conversion of a number
/// that came from a file goes through here, so a bad value becomes a located error at the
/// reader, not a signal in the middle of a run.
public enum CheckedConversion {
    /// The largest magnitude converted: 2^53, below which every integer is exactly a `Double`.
    /// Counts in Plenum (servers, points, jobs, steps) are far below it; anything beyond is a
    /// typing mistake, not a count.
    public static let largestExactInteger: Double = 9_007_199_254_740_992

    /// `value` rounded toward zero as an `Int`, or nil when it is not finite or its magnitude
    /// exceeds 2^53.
    public static func integer(truncating value: Double) -> Int? {
        guard value.isFinite, abs(value) <= largestExactInteger else { return nil }
        return Int(value.rounded(.towardZero))
    }

    /// `value` as an `Int` when it is a whole number within ±2^53, else nil (so `2.5` servers or
    /// `1e30` devices are refused, not rounded).
    public static func integer(exactly value: Double) -> Int? {
        guard value.isFinite, abs(value) <= largestExactInteger, value == value.rounded() else { return nil }
        return Int(value)
    }

    /// `value` rounded to nearest as an `Int`, or nil when not finite or beyond ±2^53.
    public static func integer(rounding value: Double) -> Int? {
        guard value.isFinite, abs(value) <= largestExactInteger else { return nil }
        return Int(value.rounded())
    }

    /// How many values `from, from + step, …` lie within `to` (with a relative slack of 1e-9 of a
    /// step for decimal steps), or nil when the count is not finite or exceeds `limit`. The
    /// division is done before any conversion, so `step: 1e-300` or `to: 1e30` is an answer
    /// ("too many"), not a trap.
    public static func stepCount(from: Double, to: Double, step: Double, limit: Int) -> Int? {
        guard from.isFinite, to.isFinite, step.isFinite, step != 0 else { return nil }
        let steps = ((to - from) / step + 1e-9).rounded(.down)
        guard steps.isFinite, steps >= 0, steps < Double(limit) else { return nil }
        return Int(steps) + 1
    }
}

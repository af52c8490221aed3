/// Sums, maxima and minima over buffers of doubles in four independent lanes, for loops that run
/// over every rack in every coupling step (`RackMixing`, `HallAirflowState`).
///
/// Why lanes: a single running sum or extreme makes a loop a chain of dependent operations, each
/// waiting for the one before (a comparison and blend, or an addition: 4-8 cycles a rack). The
/// compiler may not split such a chain itself, since floating-point addition is not associative.
/// Four lanes run four chains side by side. Minima and maxima are exact in any order; a sum's
/// rounding differs from the sequential one by a few units in the last place.
///
/// NaNs: `a < b ? a : b` keeps `b` when `a` is NaN, so the extremes skip NaNs, as `Swift.min` and
/// `Swift.max` folded from the left do; sums propagate them. Callers that must notice a NaN read
/// the sum.
public enum LaneReductions {
    /// Σ_i w_i |a_i − b_i| and max_i |a_i − b_i| (0 for empty buffers). The buffers have one count.
    public static func weightedAbsoluteDifference(weights w: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>,
                                                  _ b: UnsafeBufferPointer<Double>) -> (sum: Double, largest: Double) {
        let n = a.count
        precondition(w.count == n && b.count == n, "the lanes' buffers have one count")
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0), (m0, m1, m2, m3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            let d0 = abs(a[i] - b[i]), d1 = abs(a[i + 1] - b[i + 1]), d2 = abs(a[i + 2] - b[i + 2]), d3 = abs(a[i + 3] - b[i + 3])
            s0 += w[i] * d0; s1 += w[i + 1] * d1; s2 += w[i + 2] * d2; s3 += w[i + 3] * d3
            m0 = m0 < d0 ? d0 : m0; m1 = m1 < d1 ? d1 : m1; m2 = m2 < d2 ? d2 : m2; m3 = m3 < d3 ? d3 : m3
            i += 4
        }
        while i < n {
            let d = abs(a[i] - b[i])
            s0 += w[i] * d
            m0 = m0 < d ? d : m0
            i += 1
        }
        return ((s0 + s1) + (s2 + s3), largest(largest(m0, m1), largest(m2, m3)))
    }

    /// The smallest and largest of `a` (±∞ for an empty buffer, NaNs skipped) and its sum.
    public static func extremes(_ a: UnsafeBufferPointer<Double>) -> (lowest: Double, highest: Double, sum: Double) {
        let n = a.count
        var (l0, l1, l2, l3) = (Double.infinity, Double.infinity, Double.infinity, Double.infinity)
        var (h0, h1, h2, h3) = (-Double.infinity, -Double.infinity, -Double.infinity, -Double.infinity)
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            let (v0, v1, v2, v3) = (a[i], a[i + 1], a[i + 2], a[i + 3])
            l0 = v0 < l0 ? v0 : l0; l1 = v1 < l1 ? v1 : l1; l2 = v2 < l2 ? v2 : l2; l3 = v3 < l3 ? v3 : l3
            h0 = h0 < v0 ? v0 : h0; h1 = h1 < v1 ? v1 : h1; h2 = h2 < v2 ? v2 : h2; h3 = h3 < v3 ? v3 : h3
            s0 += v0; s1 += v1; s2 += v2; s3 += v3
            i += 4
        }
        while i < n {
            let v = a[i]
            l0 = v < l0 ? v : l0
            h0 = h0 < v ? v : h0
            s0 += v
            i += 1
        }
        return (smallest(smallest(l0, l1), smallest(l2, l3)), largest(largest(h0, h1), largest(h2, h3)), (s0 + s1) + (s2 + s3))
    }

    /// The smallest and largest of `start` and every a_i + b_i and c_i (NaNs skipped).
    public static func sumAndValueExtremes(from start: Double, _ a: UnsafeBufferPointer<Double>, plus b: UnsafeBufferPointer<Double>,
                                           and c: UnsafeBufferPointer<Double>) -> (lowest: Double, highest: Double) {
        let n = a.count
        precondition(b.count == n && c.count == n, "the lanes' buffers have one count")
        var (l0, l1, l2, l3) = (start, start, start, start), (h0, h1, h2, h3) = (start, start, start, start)
        var i = 0
        while i + 2 <= n {
            let (e0, e1, c0, c1) = (a[i] + b[i], a[i + 1] + b[i + 1], c[i], c[i + 1])
            l0 = e0 < l0 ? e0 : l0; l1 = e1 < l1 ? e1 : l1; l2 = c0 < l2 ? c0 : l2; l3 = c1 < l3 ? c1 : l3
            h0 = h0 < e0 ? e0 : h0; h1 = h1 < e1 ? e1 : h1; h2 = h2 < c0 ? c0 : h2; h3 = h3 < c1 ? c1 : h3
            i += 2
        }
        if i < n {
            let (e, v) = (a[i] + b[i], c[i])
            l0 = e < l0 ? e : l0; l2 = v < l2 ? v : l2
            h0 = h0 < e ? e : h0; h2 = h2 < v ? v : h2
        }
        return (smallest(smallest(l0, l1), smallest(l2, l3)), largest(largest(h0, h1), largest(h2, h3)))
    }

    private static func smallest(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
    private static func largest(_ a: Double, _ b: Double) -> Double { a < b ? b : a }
}

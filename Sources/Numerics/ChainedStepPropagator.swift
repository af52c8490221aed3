/// A step of a linear time-invariant system taken as several shorter exact steps in turn: the
/// factors of a `PropagatorLadder` step (its hexadecimal digits and remainder).
///
/// With the input held over the step, stepping over a and then over b is the step over a + b:
///
///     Φ(b)·(Φ(a)·y + Γ(a)·u) + Γ(b)·u = Φ(a + b)·y + Γ(a + b)·u
///
/// so the factors never need multiplying out. Why: a coupling step cut short by an event has a
/// length that rarely returns, and the servers due in it are few (8.7 a length on the
/// heterogeneous year benchmark). Multiplying the ladder's four or five factors into one
/// propagator takes two n × n products each (13-18 µs in all at n = 20, with the allocations),
/// while applying them costs each server one matrix-vector product a factor (0.7-0.8 µs for the
/// whole chain; `plenum-bench propagator`).
/// The result is the composed propagator's to rounding (tested against the exponential).
public struct ChainedStepPropagator: Sendable {
    /// Applied first to last; none is the identity.
    @usableFromInline let factors: [LinearStepPropagator]
    public let stepS: Double

    init(factors: [LinearStepPropagator], stepS: Double) {
        self.factors = factors
        self.stepS = stepS
    }

    /// One exact step as a chain of one.
    public init(_ propagator: LinearStepPropagator) {
        self.init(factors: [propagator], stepS: propagator.stepS)
    }

    public var dimension: Int { factors.first?.dimension ?? 0 }

    /// `state ← Φ·state + Γ·input` over the whole step, in place; `scratch` must have
    /// `dimension` elements.
    /// - Complexity: O(k·n²) for k factors, no allocation.
    @inlinable
    public func advance(_ state: UnsafeMutableBufferPointer<Double>, input: UnsafeBufferPointer<Double>,
                        scratch: UnsafeMutableBufferPointer<Double>) {
        for factor in factors { factor.advance(state, input: input, scratch: scratch) }
    }

    /// `state ← Φ·state + Γ·input` for arrays (tests, small systems).
    public func advance(_ state: inout [Double], input: [Double]) {
        for factor in factors { factor.advance(&state, input: input) }
    }
}

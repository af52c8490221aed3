import Numerics

/// The discrete-event kernel: a simulation clock, the event queue, seeded random streams, and
/// the hook that advances continuous state between events. It knows nothing of datacenters.
///
/// Time is in seconds from the scenario's start and never goes backwards. Each engine owns all
/// of its state, so many simulations can run in one process (a sweep on several threads).
///
/// A run alternates two things: between events every input is constant and the continuous
/// subsystems integrate from the previous event time to the next (`advance`); at an event the
/// handler changes inputs and schedules further events.
public struct EventEngine<Payload> {
    @usableFromInline var clock: Double
    /// The simulation clock, seconds.
    @inlinable public var now: Double { clock }
    /// The run's seed; each component draws from `randomStream(named:)`.
    public let seed: UInt64
    @usableFromInline var fired = 0
    /// Events fired so far.
    @inlinable public var firedEventCount: Int { fired }
    @usableFromInline var queue = EventQueue<Payload>()

    public init(seed: UInt64, startTime: Double = 0) {
        precondition(startTime.isFinite)
        self.seed = seed
        clock = startTime
    }

    /// A random stream for one component, derived from the run's seed and the component's
    /// stable name, so that the numbers one component sees do not depend on any other.
    public func randomStream(named name: String) -> RandomStream {
        RandomStream(seed: seed, stream: name)
    }

    /// Events pending.
    public var pendingEventCount: Int { queue.count }

    /// Slots the queue has allocated (flat in steady state).
    public var queueSlotCapacity: Int { queue.slotCapacity }

    /// Schedules `payload` at absolute time `time` ≥ `now`.
    /// - Precondition: `time` is finite and not in the past: scheduling into the past is a bug
    ///   in the caller and fails at once rather than corrupting the order of events.
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int = 0) -> EventHandle {
        precondition(time >= now, "cannot schedule at t=\(time) s, before now (\(now) s)")
        return queue.schedule(payload, at: time, priority: priority)
    }

    /// Schedules `payload` `delay` seconds from now.
    /// - Precondition: `delay` ≥ 0 and finite.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, after delay: Double, priority: Int = 0) -> EventHandle {
        precondition(delay >= 0 && delay.isFinite, "delay must be finite and non-negative, got \(delay)")
        return queue.schedule(payload, at: now + delay, priority: priority)
    }

    /// Cancels a pending event; false when it already fired or was cancelled.
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool { queue.cancel(handle) }

    /// The time of the next pending event.
    @inlinable public mutating func nextEventTime() -> Double? { queue.nextTime() }

    /// Takes the next event if it is due no later than `limit`, and moves the clock to it.
    /// Returns nil (clock unchanged) when the queue is empty or the next event is later.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func step(notAfter limit: Double) -> ScheduledEvent<Payload>? {
        guard let event = queue.popNext(notAfter: limit) else { return nil }
        clock = event.time
        fired += 1
        return event
    }

    /// Moves the clock forward to `time` without firing anything (the end of a run).
    public mutating func advanceClock(to time: Double) {
        precondition(time >= now)
        clock = time
    }

    /// Why `run` returned.
    public enum StopReason: Equatable, Sendable {
        /// The clock reached the requested end time.
        case reachedEndTime
        /// No events were left before the end time was reached (only with an infinite end).
        case queueEmpty
    }

    /// Fires events in order until `endTime` (events at exactly `endTime` fire) or, when
    /// `endTime` is infinite, until the queue is empty.
    ///
    /// - Parameters:
    ///   - advance: called with `(from, to)` before each event whose time is later than the
    ///     clock, and once at the end up to `endTime`: the continuous-state hook. The intervals
    ///     are contiguous and cover the run.
    ///   - handle: called for each event with the engine, to change inputs and schedule more.
    /// - Throws: whatever `advance` or `handle` throw; the clock then stays at the last event.
    @inlinable @discardableResult
    public mutating func run(until endTime: Double = .infinity,
                             advance: (_ from: Double, _ to: Double) throws -> Void,
                             handle: (inout EventEngine<Payload>, ScheduledEvent<Payload>) throws -> Void) rethrows -> StopReason {
        precondition(endTime >= now)
        while let time = queue.nextTime(), time <= endTime {
            if time > now { try advance(now, time) }
            let event = step(notAfter: endTime)!
            try handle(&self, event)
        }
        guard endTime.isFinite else { return .queueEmpty }
        if endTime > now { try advance(now, endTime) }
        clock = endTime
        return .reachedEndTime
    }

    /// `run(until:advance:handle:)` for continuous state stepped on a grid k·`gridS`, where some
    /// events need not cut a step: a `deferrable` event brings the state only up to the last grid
    /// point at or before its time (or leaves it where it is, if already later) and is handled
    /// there; the step that follows spans its time. Its handler must itself place its change at
    /// its instant inside that step (a server's input from that time on), or accept that the
    /// step takes it from the step's start. Everything else is advanced to exactly as with `run`.
    ///
    /// Why: each event that cuts a step costs a step of the whole continuous model. Events whose
    /// number grows with the model's size (job starts and ends) would then make the run grow
    /// with the square of its size; deferred, a run takes about the same number of steps
    /// whatever its size.
    @discardableResult
    public mutating func run(until endTime: Double, gridS: Double, deferrable: (Payload) -> Bool,
                             advance: (_ from: Double, _ to: Double) throws -> Void,
                             handle: (inout EventEngine<Payload>, ScheduledEvent<Payload>) throws -> Void) rethrows -> StopReason {
        precondition(endTime >= now && endTime.isFinite && gridS > 0 && gridS.isFinite)
        var advancedTo = now
        while let time = queue.nextTime(), time <= endTime {
            let event = step(notAfter: endTime)!
            let target = deferrable(event.payload) ? Self.gridPoint(atOrBefore: time, gridS: gridS) : time
            if target > advancedTo {
                try advance(advancedTo, target)
                advancedTo = target
            }
            try handle(&self, event)
        }
        if endTime > advancedTo { try advance(advancedTo, endTime) }
        clock = endTime
        return .reachedEndTime
    }

    /// The largest k·`gridS` ≤ `time` (k·h is computed as the steppers compute it: a product
    /// that may round either side of `time`).
    public static func gridPoint(atOrBefore time: Double, gridS: Double) -> Double {
        var index = (time / gridS).rounded(.down)
        while index * gridS > time { index -= 1 }
        while (index + 1) * gridS <= time { index += 1 }
        return index * gridS
    }

    /// `run(until:advance:handle:)` for a simulation without continuous state.
    @inlinable @discardableResult
    public mutating func run(until endTime: Double = .infinity,
                             handle: (inout EventEngine<Payload>, ScheduledEvent<Payload>) throws -> Void) rethrows -> StopReason {
        try run(until: endTime, advance: { _, _ in }, handle: handle)
    }
}

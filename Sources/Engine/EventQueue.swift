import HeapModule

/// Identifies a scheduled event so it can be cancelled. A handle stays valid until its event
/// fires or is cancelled; after that, cancelling it again does nothing.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: Int32
    @usableFromInline let generation: UInt32

    @inlinable init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// An event taken from the queue.
public struct ScheduledEvent<Payload> {
    /// Simulated time in seconds.
    public let time: Double
    public let priority: Int
    /// Insertion order: a later `schedule` call has a larger sequence.
    public let sequence: UInt64
    public let payload: Payload
    public let handle: EventHandle

    @inlinable init(time: Double, priority: Int, sequence: UInt64, payload: Payload, handle: EventHandle) {
        self.time = time
        self.priority = priority
        self.sequence = sequence
        self.payload = payload
        self.handle = handle
    }
}

/// A priority queue of future events, totally ordered by (time, priority, insertion sequence):
/// of two events at the same time the lower priority value fires first, and of two with equal
/// time and priority the one scheduled first fires first. A heap is not stable by itself; the
/// sequence number makes the order, and so every run, deterministic.
///
/// Storage: the heap (swift-collections' min-max `Heap`) holds only 24-byte keys; payloads live
/// in a slot array recycled through a free list, so after warm-up scheduling and popping
/// allocate nothing. Cancelling marks the slot, and the stale key is skipped when it surfaces
/// (lazy deletion), which keeps `cancel` O(1).
///
/// The hold operation: a handler that fires and schedules the next event of its entity is the
/// commonest pattern in a simulation. The key of a fired event therefore stays at the top of the
/// heap until the next call: a `schedule` then replaces it in one sift-down
/// (`Heap.replaceMin(with:)`) instead of a sift-down to remove it and a sift-up to insert, and
/// any other call removes it first. The order of events is the same either way.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Key: Comparable {
        /// The time as an order-preserving integer (`sortableBits`): integer comparisons keep
        /// the heap's sift loops free of floating-point compares and their NaN branches.
        @usableFromInline let timeBits: UInt64
        /// `(priority + 2^15) << 48 | sequence`: one integer comparison orders priority, then sequence.
        @usableFromInline let order: UInt64
        @usableFromInline let slot: Int32

        @inlinable init(time: Double, order: UInt64, slot: Int32) {
            timeBits = Key.sortableBits(time)
            self.order = order
            self.slot = slot
        }

        @inlinable var time: Double { Key.time(fromSortableBits: timeBits) }

        /// Maps a finite double to a UInt64 whose unsigned order is the numeric order: flip the
        /// sign bit of non-negative values, all bits of negative ones. −0 is folded into +0 first
        /// so that the two compare equal, as doubles do.
        @inlinable static func sortableBits(_ value: Double) -> UInt64 {
            let bits = (value + 0.0).bitPattern
            return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
        }

        @inlinable static func time(fromSortableBits bits: UInt64) -> Double {
            Double(bitPattern: bits & (1 << 63) != 0 ? bits & ~(1 << 63) : ~bits)
        }

        @inlinable static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.timeBits < rhs.timeBits || (lhs.timeBits == rhs.timeBits && lhs.order < rhs.order)
        }

        @inlinable static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.timeBits == rhs.timeBits && lhs.order == rhs.order
        }
    }

    @usableFromInline
    struct Slot {
        @usableFromInline var payload: Payload?
        @usableFromInline var generation: UInt32
        @inlinable init(payload: Payload?, generation: UInt32) {
            self.payload = payload
            self.generation = generation
        }
    }

    @usableFromInline var heap = Heap<Key>()
    @usableFromInline var slots: [Slot] = []
    @usableFromInline var freeSlots: [Int32] = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// The top key belongs to an event already returned by `popNext` (see the hold operation),
    /// whose slot `firedSlot` is free but not yet on the free list.
    @usableFromInline var firedKeyAtTop = false
    @usableFromInline var firedSlot: Int32 = 0
    @usableFromInline var pending = 0
    /// Events scheduled and neither fired nor cancelled.
    @inlinable public var count: Int { pending }

    public static var priorityRange: ClosedRange<Int> { -32_768...32_767 }

    @inlinable public init() {}

    @inlinable public var isEmpty: Bool { count == 0 }

    /// Schedules `payload` at `time`.
    /// - Precondition: `time` is finite (not NaN, not infinite); `priority` in `priorityRange`.
    /// - Complexity: O(log n) amortised.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int = 0) -> EventHandle {
        precondition(time.isFinite, "event time must be finite, got \(time)")
        precondition(Self.priorityRange.contains(priority), "priority \(priority) outside \(Self.priorityRange)")
        precondition(nextSequence < (1 << 48), "more than 2^48 events scheduled")
        let slot: Int32
        if firedKeyAtTop {
            // Hold: the event just fired left its slot (and its key at the top) for this one.
            slot = firedSlot
            slots[Int(slot)].payload = payload
        } else if let reused = freeSlots.popLast() {
            slot = reused
            slots[Int(slot)].payload = payload
        } else {
            slot = Int32(slots.count)
            slots.append(Slot(payload: payload, generation: 0))
        }
        let order = UInt64(priority + 32_768) << 48 | nextSequence
        nextSequence += 1
        let key = Key(time: time, order: order, slot: slot)
        if firedKeyAtTop {
            _ = heap.replaceMin(with: key)
            firedKeyAtTop = false
        } else {
            heap.insert(key)
        }
        pending += 1
        return EventHandle(slot: slot, generation: slots[Int(slot)].generation)
    }

    /// Cancels a pending event. Returns false (and does nothing) when the event already fired
    /// or was cancelled.
    /// - Complexity: O(1).
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        let index = Int(handle.slot)
        guard index < slots.count, slots[index].generation == handle.generation, slots[index].payload != nil else {
            return false
        }
        // The key stays in the heap; bumping the generation makes `popNext` skip it and makes
        // this handle stale. The slot is freed when its key surfaces.
        slots[index].payload = nil
        slots[index].generation &+= 1
        pending -= 1
        return true
    }

    /// The time of the next pending event, or nil when there is none.
    /// - Complexity: O(1) amortised (cancelled keys at the top are discarded).
    @inlinable
    public mutating func nextTime() -> Double? {
        discardCancelledTop()
        return heap.min?.time
    }

    /// Removes and returns the next event.
    /// - Complexity: O(log n) amortised.
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        popNext(notAfter: .infinity)
    }

    /// Removes and returns the next event if it is due no later than `limit`; nil (queue
    /// unchanged but for discarded cancelled keys) otherwise.
    /// - Complexity: O(log n) amortised.
    @inlinable
    public mutating func popNext(notAfter limit: Double) -> ScheduledEvent<Payload>? {
        discardCancelledTop()
        guard let key = heap.min, key.time <= limit else { return nil }
        let index = Int(key.slot)
        let payload = slots[index].payload!
        let handle = EventHandle(slot: key.slot, generation: slots[index].generation)
        slots[index].payload = nil
        slots[index].generation &+= 1
        // The slot is free now; its key stays at the top until the next call (hold operation),
        // and nothing reads a slot through that key again.
        firedSlot = key.slot
        firedKeyAtTop = true
        pending -= 1
        return ScheduledEvent(time: key.time, priority: Int(key.order >> 48) - 32_768,
                              sequence: key.order & ((1 << 48) - 1), payload: payload, handle: handle)
    }

    /// Removes a fired event's key and cancelled events' keys from the top of the heap.
    @inlinable
    mutating func discardCancelledTop() {
        if firedKeyAtTop {
            _ = heap.removeMin()
            freeSlots.append(firedSlot)
            firedKeyAtTop = false
        }
        while let key = heap.min, slots[Int(key.slot)].payload == nil {
            _ = heap.popMin()
            freeSlots.append(key.slot)
        }
    }

    /// Slots allocated so far: stays flat once the number of pending events stops growing (a
    /// check that the hot path does not allocate).
    public var slotCapacity: Int { slots.count }
}

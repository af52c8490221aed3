import Testing
@testable import Engine

@Suite("Event queue against a sorted-array reference")
struct EventQueueTests {
    /// Thousands of seeded random schedules with many ties in time and priority, random
    /// cancellations (of pending, fired and already-cancelled events) and interleaved pops:
    /// the queue must fire exactly the reference's events in exactly its order.
    @Test func agreesWithReferenceUnderRandomSchedules() {
        for seed in 0..<3_000 {
            var generator = TestGenerator(state: UInt64(seed))
            var queue = EventQueue<Int>()
            var reference = ReferenceQueue()
            var handles: [(EventHandle, Int)] = []
            var now = 0.0
            let operations = generator.integer(1...120)
            for step in 0..<operations {
                switch generator.integer(0...9) {
                case 0...5:
                    // Integer times on a small range force ties; priorities in -2...2.
                    let time = now + Double(generator.integer(0...5))
                    let priority = generator.integer(-2...2)
                    let handle = queue.schedule(step, at: time, priority: priority)
                    let sequence = reference.schedule(step, at: time, priority: priority)
                    handles.append((handle, sequence))
                case 6:
                    guard !handles.isEmpty else { continue }
                    let (handle, sequence) = handles[generator.integer(0...(handles.count - 1))]
                    let cancelled = queue.cancel(handle)
                    #expect(cancelled == reference.cancel(sequence: sequence), "seed \(seed)")
                default:
                    let fired = queue.popNext()
                    let expected = reference.popNext()
                    #expect(fired?.payload == expected?.payload, "seed \(seed), step \(step)")
                    #expect(fired?.time == expected?.time)
                    #expect(fired?.priority == expected?.priority)
                    if let time = fired?.time { now = time }
                }
                #expect(queue.count == reference.entries.count)
            }
            // Drain: the remaining order must agree too.
            while let expected = reference.popNext() {
                let fired = queue.popNext()?.payload
                #expect(fired == expected.payload, "seed \(seed) drain")
            }
            let leftover = queue.popNext()
            #expect(leftover == nil && queue.isEmpty)
        }
    }

    @Test func tiesFireInPriorityThenInsertionOrder() {
        var queue = EventQueue<String>()
        queue.schedule("c", at: 5, priority: 1)
        queue.schedule("a", at: 5, priority: -1)
        queue.schedule("b1", at: 5)
        queue.schedule("b2", at: 5)
        queue.schedule("first", at: 1, priority: 100)
        var order: [String] = []
        while let event = queue.popNext() { order.append(event.payload) }
        #expect(order == ["first", "a", "b1", "b2", "c"])
    }

    @Test func cancelledEventNeverFiresAndStaleHandlesDoNothing() {
        var queue = EventQueue<Int>()
        let keep = queue.schedule(1, at: 1)
        let drop = queue.schedule(2, at: 2)
        let firstCancel = queue.cancel(drop)
        let secondCancel = queue.cancel(drop)
        #expect(firstCancel && !secondCancel)
        let nextTime = queue.nextTime()
        #expect(nextTime == 1)
        let first = queue.popNext()?.payload
        #expect(first == 1)
        let cancelFired = queue.cancel(keep) // already fired
        #expect(!cancelFired)
        // The freed slot is reused; the old handles must not cancel the new events.
        _ = queue.schedule(3, at: 3)
        _ = queue.schedule(4, at: 4)
        let staleDrop = queue.cancel(drop), staleKeep = queue.cancel(keep)
        #expect(!staleDrop && !staleKeep)
        #expect(queue.count == 2)
        let third = queue.popNext()?.payload
        #expect(third == 3)
    }

    /// The hold model in steady state: slots are recycled, so storage stops growing once the
    /// number of pending events is constant.
    @Test func steadyStateReusesStorage() {
        var queue = EventQueue<Int>()
        var generator = TestGenerator(state: 9)
        for entity in 0..<100 { queue.schedule(entity, at: Double(generator.integer(0...1000)) / 10) }
        for _ in 0..<1_000 {
            let event = queue.popNext()!
            queue.schedule(event.payload, at: event.time + Double(generator.integer(1...1000)) / 10)
        }
        let capacity = queue.slotCapacity
        for _ in 0..<100_000 {
            let event = queue.popNext()!
            queue.schedule(event.payload, at: event.time + Double(generator.integer(1...1000)) / 10)
        }
        #expect(queue.slotCapacity == capacity)
        #expect(capacity <= 101)
    }
}

@Suite("Integer time keys")
struct SortableTimeKeyTests {
    typealias Key = EventQueue<Int>.Key

    /// The integer image of a time must order exactly as the doubles do, and map back exactly.
    @Test func sortableBitsPreserveOrderAndRoundTrip() {
        var generator = TestGenerator(state: 5)
        var values: [Double] = [0, -0.0, 1e-300, -1e-300, 1, -1, 1e300, -1e300, .leastNonzeroMagnitude, 86_400]
        for _ in 0..<2_000 {
            let magnitude = Double(generator.next() % 1_000_000) / 7.0
            values.append(generator.next() % 2 == 0 ? magnitude : -magnitude)
        }
        for a in values {
            #expect(Key.time(fromSortableBits: Key.sortableBits(a)) == a + 0.0)
        }
        for (a, b) in zip(values, values.dropFirst()) {
            #expect((a < b) == (Key.sortableBits(a) < Key.sortableBits(b)), "\(a) vs \(b)")
            #expect((a == b) == (Key.sortableBits(a) == Key.sortableBits(b)), "\(a) vs \(b)")
        }
    }
}

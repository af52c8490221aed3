@testable import Engine

/// The naive model the event queue must agree with: a plain array kept sorted by
/// (time, priority, insertion sequence) with a linear insertion and removal from the front.
struct ReferenceQueue {
    struct Entry: Equatable {
        let time: Double
        let priority: Int
        let sequence: Int
        let payload: Int
    }

    private(set) var entries: [Entry] = []
    private var nextSequence = 0

    mutating func schedule(_ payload: Int, at time: Double, priority: Int) -> Int {
        let entry = Entry(time: time, priority: priority, sequence: nextSequence, payload: payload)
        nextSequence += 1
        let index = entries.firstIndex {
            ($0.time, $0.priority, $0.sequence) > (entry.time, entry.priority, entry.sequence)
        } ?? entries.count
        entries.insert(entry, at: index)
        return entry.sequence
    }

    mutating func cancel(sequence: Int) -> Bool {
        guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return false }
        entries.remove(at: index)
        return true
    }

    mutating func popNext() -> Entry? { entries.isEmpty ? nil : entries.removeFirst() }
}

/// SplitMix64: a tiny seeded generator for test schedules, independent of the code under test.
struct TestGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

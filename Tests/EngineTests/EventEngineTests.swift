import Testing
@testable import Engine

@Suite("Event engine: clock, run loop and continuous-state hook")
struct EventEngineTests {
    enum Event: Equatable { case tick(Int), stop }

    @Test func advanceIntervalsAreContiguousAndCoverTheRun() {
        var engine = EventEngine<Event>(seed: 1)
        for i in 1...5 { engine.schedule(.tick(i), at: Double(i) * 1.5) }
        engine.schedule(.tick(99), at: 3.0) // same time as tick(2): no empty interval
        var intervals: [(Double, Double)] = []
        var fired: [Event] = []
        let reason = engine.run(until: 10, advance: { intervals.append(($0, $1)) }) { _, event in
            fired.append(event.payload)
        }
        #expect(reason == .reachedEndTime)
        #expect(engine.now == 10)
        #expect(fired == [.tick(1), .tick(2), .tick(99), .tick(3), .tick(4), .tick(5)])
        #expect(intervals.first?.0 == 0 && intervals.last?.1 == 10)
        for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.1 == b.0) }
        #expect(intervals.allSatisfy { $0.0 < $0.1 })
    }

    @Test func handlersScheduleFurtherEventsAndRunStopsAtEndTime() {
        var engine = EventEngine<Event>(seed: 1)
        engine.schedule(.tick(0), at: 0)
        var count = 0
        engine.run(until: 100) { engine, event in
            count += 1
            if case .tick(let n) = event.payload { engine.schedule(.tick(n + 1), after: 7) }
        }
        // Events at 0, 7, ..., 98: fifteen of them; the one at 105 stays pending.
        #expect(count == 15)
        #expect(engine.pendingEventCount == 1)
        let next = engine.nextEventTime()
        #expect(next == 105)
    }

    @Test func eventAtExactlyTheEndTimeFires() {
        var engine = EventEngine<Event>(seed: 1)
        engine.schedule(.stop, at: 50)
        var fired = false
        engine.run(until: 50) { _, _ in fired = true }
        #expect(fired)
    }

    @Test func runWithoutEndStopsWhenQueueIsEmpty() {
        var engine = EventEngine<Event>(seed: 1)
        engine.schedule(.tick(1), at: 4)
        let reason = engine.run { _, _ in }
        #expect(reason == .queueEmpty)
        #expect(engine.now == 4)
    }

    @Test func errorsFromTheHookStopTheRun() {
        struct Failure: Error {}
        var engine = EventEngine<Event>(seed: 1)
        engine.schedule(.tick(1), at: 4)
        engine.schedule(.tick(2), at: 8)
        #expect(throws: Failure.self) {
            try engine.run(until: 10, advance: { _, to in if to > 5 { throw Failure() } }) { _, _ in }
        }
        #expect(engine.now == 4)
    }

    @Test func randomStreamsAreReproducibleAndIndependent() {
        let a = EventEngine<Event>(seed: 7).randomStream(named: "crah-1")
        let b = EventEngine<Event>(seed: 7).randomStream(named: "crah-1")
        let c = EventEngine<Event>(seed: 7).randomStream(named: "crah-2")
        let drawsA = (0..<10).map { _ in a.uniform() }
        #expect(drawsA == (0..<10).map { _ in b.uniform() })
        #expect(drawsA != (0..<10).map { _ in c.uniform() })
    }
}

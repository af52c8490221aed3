// The floors under the engine benchmark: what its parts cost alone, so the engine's own
// overhead can be read off (docs/performance.md).
import Foundation
import HeapModule
import Numerics

/// A bare (time, sequence) key with integer comparisons, as the engine's queue uses.
private struct BareKey: Comparable {
    let timeBits: UInt64
    let sequence: UInt64
    static func < (l: BareKey, r: BareKey) -> Bool {
        l.timeBits < r.timeBits || (l.timeBits == r.timeBits && l.sequence < r.sequence)
    }
}

/// The hold model on swift-collections' `Heap` alone (no slots, no payloads, no cancellation):
/// the fastest any engine built on that heap can be.
func heapFloorBenchmark(events: Int, entities: Int) {
    var heap = Heap<BareKey>()
    let random = RandomStream(seed: 1, stream: "hold")
    var sequence: UInt64 = 0
    for _ in 0..<entities {
        heap.insert(BareKey(timeBits: random.exponential(mean: 1).bitPattern, sequence: sequence))
        sequence += 1
    }
    var checksum = 0.0
    let elapsed = seconds {
        for _ in 0..<events {
            let time = Double(bitPattern: heap.min!.timeBits) // non-negative times: bits order as values
            checksum += time
            _ = heap.replaceMin(with: BareKey(timeBits: (time + random.exponential(mean: 1)).bitPattern, sequence: sequence))
            sequence += 1
        }
    }
    print(String(format: "heap    swift  events=%d entities=%d  %.3f s  %.0f events/s  (Heap<Key> alone, checksum %.6e)",
                 events, entities, elapsed, Double(events) / elapsed, checksum))
}

/// The exponential draws alone (GSL MT19937 + gsl_ran_exponential).
func randomFloorBenchmark(events: Int) {
    let random = RandomStream(seed: 1, stream: "hold")
    var checksum = 0.0
    let elapsed = seconds {
        for _ in 0..<events { checksum += random.exponential(mean: 1) }
    }
    print(String(format: "rng     swift  draws=%d  %.3f s  %.1f ns per draw  (checksum %.6e)",
                 events, elapsed, elapsed / Double(events) * 1e9, checksum))
}

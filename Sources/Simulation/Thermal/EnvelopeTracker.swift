import Models
import Storage

/// Tracks whether each hall's rack inlet (its hottest rack's, under a floor plan) is inside the ASHRAE recommended and A1 envelopes
/// (`ASHRAEEnvelope`), and makes the events when it crosses one.
struct EnvelopeTracker {
    static let tracked: [ASHRAEEnvelope] = [.recommended, .a1]
    let halls: [String]
    /// For each tracked envelope, whether each hall is outside it now.
    private var outside: [[Bool]]

    init(halls: [String]) {
        self.halls = halls
        outside = Self.tracked.map { _ in Array(repeating: false, count: halls.count) }
    }

    mutating func update(hall h: Int, inletC: Double, timeS: Double) -> [FacilityEvent] {
        var records: [FacilityEvent] = []
        for (e, envelope) in Self.tracked.enumerated() {
            let isOutside = !envelope.contains(inletC: inletC)
            guard isOutside != outside[e][h] else { continue }
            outside[e][h] = isOutside
            records.append(FacilityEvent(timeS: timeS, kind: .inlet(envelope, outside: isOutside),
                                       component: halls[h], value: inletC, message: "rack inlet (degC); \(envelope.label)"))
        }
        return records
    }
}
